// wuzha eval urls --input FILE.tsv [--tranco F] [--json]: the URL verdict (lookalikes
// of protected brands, newly seen domains; no block list) on label<TAB>url lines (label
// 0 = not fraud, any other value names the fraud source or type). A URL counts as
// flagged when the verdict is warn or block. scripts/urls-to-tsv makes such a file from
// the real scam and Tranco lists.
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "cli/command.h"
#include "intercept/checker.h"
#include "intercept/text_eval.h"
#include "lists/store.h"

namespace wuzha::cli {
namespace {

struct EvalUrlsArgs {
  std::string input;
  std::string tranco;
  int examples = 0;
  bool json = false;
};

int EvalUrls(const EvalUrlsArgs& args) {
  auto rows = intercept::ReadLabeledTsv(args.input);
  if (!rows.ok()) return ReportError(rows.error());
  if (args.tranco.empty()) {
    std::fprintf(stderr,
                 "note: no --tranco: protected brands are the built-in Chinese ones only "
                 "(../shared/data/domains/tranco_top10k.csv adds the top 10k)\n");
  }
  const auto t0 = std::chrono::steady_clock::now();
  lists::Store store;  // no block or allow list: the lookalike and new-domain rules alone
  store.Publish();
  intercept::CheckerOptions options;
  options.tranco = args.tranco;
  auto checker = intercept::Checker::Create(store, options);
  if (!checker.ok()) return ReportError(checker.error());
  std::map<std::string, std::string> labels;  // url -> label, for --examples
  if (args.examples > 0) {
    for (const auto& row : *rows) labels.emplace(row.text, row.label);
  }
  int shown_fp = 0, shown_tp = 0;
  auto detect = [&](const std::string& url) -> std::string {
    const intercept::Verdict v = (*checker)->CheckUrl({url, 0});
    if (v.decision == intercept::Decision::kAllow) return "0";
    if (args.examples > 0) {
      const bool fraud = labels[url] != "0";
      int& shown = fraud ? shown_tp : shown_fp;
      if (shown++ < args.examples) {
        std::fprintf(stderr, "%s %s: %s\n", fraud ? "flagged fraud" : "false positive", url.c_str(),
                     v.reasons.empty() ? "" : v.reasons.front().detail.c_str());
      }
    }
    return v.fraud_type.empty() ? "1" : v.fraud_type;
  };
  const intercept::TextEval eval = intercept::EvaluateTexts(*rows, detect);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string brands = args.tranco.empty() ? "builtin" : "builtin+tranco";
  const std::string json = eval.ToJson("\"detector\":\"url\",\"brands\":\"" + brands + "\"");
  if (args.json) {
    std::printf("%s\n", json.c_str());
    return 0;
  }
  std::printf("%d URLs, brands %s (%.1f s)\n", eval.n, brands.c_str(), secs);
  std::printf("fraud vs not: precision %.4f recall %.4f f1 %.4f false positive rate %.4f\n",
              eval.precision, eval.recall, eval.f1, eval.false_positive_rate);
  for (const auto& [label, t] : eval.per_type) {
    std::printf("  %s: %d, flagged %.4f\n", label.c_str(), t.n, t.recall);
  }
  return 0;
}

}  // namespace

void AddEvalUrlsCommand(CLI::App& eval, int& exit_code) {
  auto args = std::make_shared<EvalUrlsArgs>();
  auto* urls = eval.add_subcommand(
      "urls",
      "Score the URL verdict (lookalike domains) on label<TAB>url lines (label 0 = not fraud)");
  urls->add_option("--input", args->input, "the labelled file to score")->required();
  urls->add_option("--tranco", args->tranco,
                   "ranked protected domains (Tranco CSV); default: built-in Chinese brands only");
  urls->add_option("--examples", args->examples,
                   "print up to this many false positives and flagged fraud URLs to stderr");
  urls->add_flag("--json", args->json, "print the figures as one JSON object");
  urls->callback([args, &exit_code] { exit_code = EvalUrls(*args); });
}

}  // namespace wuzha::cli
