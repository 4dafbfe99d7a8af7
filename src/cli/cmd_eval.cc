// wuzha eval: evaluations against ground truth. `eval text` scores the SMS detector on a
// label<TAB>text file (label 0 = not fraud; any other value names the fraud type).
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "intercept/sms_classifier.h"
#include "intercept/sms_rules.h"
#include "intercept/text_eval.h"
#include "text/normalize.h"

namespace wuzha::cli {
namespace {

struct EvalTextArgs {
  std::string input;
  std::string train;
  std::string model;
  std::string save_model;
  bool json = false;
};

int EvalText(const EvalTextArgs& args) {
  auto rows = intercept::ReadLabeledTsv(args.input);
  if (!rows.ok()) return ReportError(rows.error());
  std::unique_ptr<intercept::SmsClassifier> classifier;
  std::string source = "keywords";
  auto t0 = std::chrono::steady_clock::now();
  if (!args.train.empty()) {
    auto train = intercept::ReadLabeledTsv(args.train);
    if (!train.ok()) return ReportError(train.error());
    if (!args.json) std::fprintf(stderr, "training on %zu messages of %s ...\n", train->size(), args.train.c_str());
    auto trained = intercept::SmsClassifier::Train(*train);
    if (!trained.ok()) return ReportError(trained.error());
    classifier = std::make_unique<intercept::SmsClassifier>(std::move(trained).value());
    source = "fasttext";
  } else if (!args.model.empty()) {
    auto loaded = intercept::SmsClassifier::Load(args.model);
    if (!loaded.ok()) return ReportError(loaded.error());
    classifier = std::make_unique<intercept::SmsClassifier>(std::move(loaded).value());
    source = "fasttext";
  }
  if (classifier && !args.save_model.empty()) {
    Status s = classifier->Save(args.save_model);
    if (!s.ok()) return ReportError(s, 1);
  }
  auto rules = intercept::SmsRules::Build();
  if (!rules.ok()) return ReportError(rules.error(), 1);
  std::string normalized;
  auto detect = [&](const std::string& text) -> std::string {
    text::NormalizeInto(text, normalized);
    if (classifier) return classifier->PredictNormalized(normalized).label;
    const intercept::RuleHit hit = rules->Scan(normalized);
    return hit.fraud_type.empty() ? "0" : hit.fraud_type;
  };
  const intercept::TextEval eval = intercept::EvaluateTexts(*rows, detect);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string json = eval.ToJson("\"detector\":\"" + source + "\"");
  if (args.json) {
    std::printf("%s\n", json.c_str());
    return 0;
  }
  std::printf("%d messages, detector %s (%.1f s)\n", eval.n, source.c_str(), secs);
  std::printf("fraud vs not: precision %.4f recall %.4f f1 %.4f false positive rate %.4f\n",
              eval.precision, eval.recall, eval.f1, eval.false_positive_rate);
  std::printf("fraud types: macro F1 %.4f\n", eval.macro_f1);
  for (const auto& [label, t] : eval.per_type)
    std::printf("  %s: %d, flagged %.4f, type F1 %.4f\n", label.c_str(), t.n, t.recall, t.type_f1);
  return 0;
}

}  // namespace

void AddEvalCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  (void)global;
  auto* eval = app.add_subcommand("eval", "Evaluate a detector against ground truth");
  eval->require_subcommand(1);
  auto args = std::make_shared<EvalTextArgs>();
  auto* text = eval->add_subcommand(
      "text", "Score the SMS detector on label<TAB>text lines (label 0 = not fraud)");
  text->add_option("--input", args->input, "the labelled file to score")->required();
  text->add_option("--train", args->train,
                   "train the fastText classifier on this labelled file first "
                   "(scripts/sms-to-tsv makes train and test files from the real data)");
  text->add_option("--model", args->model, "a classifier saved with --save-model");
  text->add_option("--save-model", args->save_model, "save the trained classifier here");
  text->add_flag("--json", args->json, "print the figures as one JSON object");
  text->callback([args, &exit_code] { exit_code = EvalText(*args); });
  // The other evaluations, one file each (cmd_eval_*.cc).
  AddEvalInterceptCommand(*eval, exit_code);
  AddEvalUrlsCommand(*eval, exit_code);
  AddEvalTraceCommand(*eval, global, exit_code);
  AddEvalRiskCommand(*eval, exit_code);
  AddEvalGangsCommand(*eval, exit_code);
  AddEvalGovernCommand(*eval, exit_code);
}

}  // namespace wuzha::cli
