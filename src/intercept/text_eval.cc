#include "intercept/text_eval.h"

#include <cstdio>

#include "formats/jsonl.h"

namespace wuzha::intercept {
namespace {

double Ratio(int a, int b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; }
double F1(double p, double r) { return p + r == 0 ? 0.0 : 2 * p * r / (p + r); }

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

}  // namespace

TextEval EvaluateTexts(const std::vector<LabeledText>& rows,
                       const std::function<std::string(const std::string&)>& detect) {
  TextEval e;
  for (const LabeledText& row : rows) {
    const std::string got = detect(row.text);
    const bool is_fraud = row.label != "0";
    const bool said_fraud = !got.empty() && got != "0";
    ++e.n;
    if (is_fraud && said_fraud) ++e.tp;
    if (!is_fraud && said_fraud) ++e.fp;
    if (!is_fraud && !said_fraud) ++e.tn;
    if (is_fraud && !said_fraud) ++e.fn;
    if (is_fraud) {
      TypeScore& t = e.per_type[row.label];
      ++t.n;
      if (said_fraud) ++t.flagged;
      if (got == row.label) ++t.correct;
    }
    if (said_fraud) ++e.per_type[got].predicted;
  }
  e.precision = Ratio(e.tp, e.tp + e.fp);
  e.recall = Ratio(e.tp, e.tp + e.fn);
  e.f1 = F1(e.precision, e.recall);
  e.false_positive_rate = Ratio(e.fp, e.fp + e.tn);
  double sum = 0;
  int labels = 0;
  for (auto it = e.per_type.begin(); it != e.per_type.end();) {
    TypeScore& t = it->second;
    if (t.n == 0) {  // a type the detector named that the file does not have
      it = e.per_type.erase(it);
      continue;
    }
    t.recall = Ratio(t.flagged, t.n);
    t.type_f1 = F1(Ratio(t.correct, t.predicted), Ratio(t.correct, t.n));
    sum += t.type_f1;
    ++labels;
    ++it;
  }
  e.macro_f1 = labels == 0 ? 0 : sum / labels;
  return e;
}

std::string TextEval::ToJson(const std::string& extra) const {
  std::string out = "{";
  if (!extra.empty()) out += extra + ",";
  out += "\"n\":" + std::to_string(n) + ",\"precision\":" + Number(precision) +
         ",\"recall\":" + Number(recall) + ",\"f1\":" + Number(f1) +
         ",\"false_positive_rate\":" + Number(false_positive_rate) +
         ",\"macro_f1\":" + Number(macro_f1) + ",\"tp\":" + std::to_string(tp) +
         ",\"fp\":" + std::to_string(fp) + ",\"tn\":" + std::to_string(tn) +
         ",\"fn\":" + std::to_string(fn) + ",\"per_type\":{";
  bool first = true;
  for (const auto& [label, t] : per_type) {
    if (!first) out += ",";
    first = false;
    formats::AppendJsonString(label, out);
    out += ":{\"n\":" + std::to_string(t.n) + ",\"recall\":" + Number(t.recall) +
           ",\"type_f1\":" + Number(t.type_f1) + "}";
  }
  out += "}}";
  return out;
}

}  // namespace wuzha::intercept
