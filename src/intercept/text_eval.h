// Scores a fraud-text detector on labelled texts (wuzha eval text): binary figures
// (fraud vs not) and, per fraud label of the file, how many were flagged and how well
// the type was named. A detector answers with a label: "0" for not fraud, else a type
// (which counts as the right type only when it equals the file's label).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "intercept/sms_classifier.h"

namespace wuzha::intercept {

struct TypeScore {
  int n = 0;              // messages of this label
  int flagged = 0;        // detected as fraud (any type)
  int predicted = 0;      // messages the detector gave this label
  int correct = 0;        // given this label and of it
  double recall = 0;      // flagged / n
  double type_f1 = 0;     // F1 of naming this label
};

struct TextEval {
  int n = 0;
  int tp = 0, fp = 0, tn = 0, fn = 0;  // binary: fraud vs not
  double precision = 0, recall = 0, f1 = 0, false_positive_rate = 0;
  double macro_f1 = 0;  // mean type_f1 over the fraud labels
  std::map<std::string, TypeScore> per_type;

  // {"n":..,"precision":..,"recall":..,"f1":..,"false_positive_rate":..,"macro_f1":..,
  //  "per_type":{"<label>":{"n":..,"recall":..,"type_f1":..}, ...}} plus `extra` fields
  // (raw JSON members, e.g. "\"model\":\"fasttext\"") inserted first.
  std::string ToJson(const std::string& extra = "") const;
};

TextEval EvaluateTexts(const std::vector<LabeledText>& rows,
                       const std::function<std::string(const std::string&)>& detect);

}  // namespace wuzha::intercept
