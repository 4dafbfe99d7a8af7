#include "risk/tree_model.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <utility>

namespace wuzha::risk {

std::string_view TreeObjectiveName(TreeObjective objective) {
  switch (objective) {
    case TreeObjective::kBinaryLogistic: return "binary:logistic";
    case TreeObjective::kRegLogistic: return "reg:logistic";
    case TreeObjective::kBinaryLogitRaw: return "binary:logitraw";
    case TreeObjective::kSquaredError: return "reg:squarederror";
  }
  return "?";
}

namespace {

namespace od = simdjson::ondemand;

// The parts of an XGBoost JSON model the evaluator needs, as read, before validation.
struct RawTree {
  std::string path;
  int64_t num_nodes = -1;
  int64_t size_leaf_vector = 0;
  std::vector<int64_t> left, right, split_indices, split_type;
  std::vector<float> split_conditions;
  std::vector<uint8_t> default_left;
  bool has_left = false, has_right = false, has_split_indices = false;
  bool has_split_conditions = false, has_default_left = false;
};

struct RawModel {
  bool has_learner = false, has_booster = false, has_model = false, has_trees = false;
  bool has_tree_info = false, has_model_param = false, has_objective = false;
  std::string booster;
  int64_t num_trees = -1;
  int64_t size_leaf_vector = 0;
  std::vector<RawTree> trees;
  std::vector<int64_t> tree_info;
  std::string objective;
  bool has_base_score = false;
  float base_score = 0.5f;
  int64_t num_feature = -1;
  int64_t num_class = 0;
  int64_t num_target = 1;
};

constexpr std::string_view kModelPath = "learner.gradient_booster.model";

Status Invalid(std::string_view path, std::string_view what) {
  return InvalidArgumentError(std::string(path) + ": " + std::string(what));
}

Status Unsupported(std::string_view path, std::string_view what) {
  return UnimplementedError(std::string(path) + ": " + std::string(what));
}

std::string Join(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string s(parent);
  s += '.';
  s += key;
  return s;
}

std::string Index(std::string_view path, size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Calls on_field(key, value) for every field of the object `v`, in document order.
template <typename F>
Status ForEachField(od::value& v, std::string_view path, F&& on_field) {
  od::object object;
  if (v.get_object().get(object) != simdjson::SUCCESS) return Invalid(path, "not an object");
  for (auto field_result : object) {
    od::field field;
    std::string_view key;
    if (std::move(field_result).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(key) != simdjson::SUCCESS) {
      return Invalid(path, "unreadable field name");
    }
    od::value value = field.value();
    WUZHA_RETURN_IF_ERROR(on_field(key, value));
  }
  return Status::Ok();
}

// Calls on_element(i, value) for every element of the array `v`.
template <typename F>
Status ForEachElement(od::value& v, std::string_view path, F&& on_element) {
  od::array array;
  if (v.get_array().get(array) != simdjson::SUCCESS) return Invalid(path, "not an array");
  size_t i = 0;
  for (auto element_result : array) {
    od::value element;
    if (std::move(element_result).get(element) != simdjson::SUCCESS) {
      return Invalid(Index(path, i), "unreadable element");
    }
    WUZHA_RETURN_IF_ERROR(on_element(i, element));
    ++i;
  }
  return Status::Ok();
}

// A number's own text, or the text of a string holding a number: XGBoost writes model
// parameters as strings ("num_feature": "30") and arrays as numbers.
Status NumberText(od::value& v, std::string_view path, std::string_view& text) {
  od::json_type type;
  if (v.type().get(type) != simdjson::SUCCESS) return Invalid(path, "unreadable value");
  if (type == od::json_type::string) {
    if (v.get_string().get(text) != simdjson::SUCCESS) return Invalid(path, "bad string");
    return Status::Ok();
  }
  if (type != od::json_type::number) return Invalid(path, "not a number");
  text = TrimRight(v.raw_json_token());
  return Status::Ok();
}

Status ReadInt(od::value& v, std::string_view path, int64_t& out) {
  std::string_view text;
  WUZHA_RETURN_IF_ERROR(NumberText(v, path, text));
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Invalid(path, "not an integer: '" + std::string(text.substr(0, 40)) + "'");
  }
  return Status::Ok();
}

// Decimal text straight to float32: XGBoost writes each float as the shortest text that
// reads back to the same float, and going through double could round twice.
Status ReadFloat(od::value& v, std::string_view path, float& out) {
  std::string_view text;
  WUZHA_RETURN_IF_ERROR(NumberText(v, path, text));
  // A base_score of XGBoost 2.x is written as "[5E-1]".
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), out, std::chars_format::general);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(out)) {
    return Invalid(path, "not a finite float32: '" + std::string(text.substr(0, 40)) + "'");
  }
  return Status::Ok();
}

Status ReadString(od::value& v, std::string_view path, std::string& out) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) return Invalid(path, "not a string");
  out.assign(s);
  return Status::Ok();
}

Status ReadIntArray(od::value& v, std::string_view path, std::vector<int64_t>& out) {
  out.clear();
  return ForEachElement(v, path, [&](size_t i, od::value& e) {
    int64_t x;
    WUZHA_RETURN_IF_ERROR(ReadInt(e, Index(path, i), x));
    out.push_back(x);
    return Status::Ok();
  });
}

Status ReadFloatArray(od::value& v, std::string_view path, std::vector<float>& out) {
  out.clear();
  return ForEachElement(v, path, [&](size_t i, od::value& e) {
    float x;
    WUZHA_RETURN_IF_ERROR(ReadFloat(e, Index(path, i), x));
    out.push_back(x);
    return Status::Ok();
  });
}

// 0/1 numbers (XGBoost 1.6 and later) or booleans (earlier versions).
Status ReadFlagArray(od::value& v, std::string_view path, std::vector<uint8_t>& out) {
  out.clear();
  return ForEachElement(v, path, [&](size_t i, od::value& e) {
    od::json_type type;
    if (e.type().get(type) != simdjson::SUCCESS) return Invalid(Index(path, i), "unreadable");
    if (type == od::json_type::boolean) {
      bool b;
      if (e.get_bool().get(b) != simdjson::SUCCESS) return Invalid(Index(path, i), "bad bool");
      out.push_back(b ? 1 : 0);
      return Status::Ok();
    }
    int64_t x;
    WUZHA_RETURN_IF_ERROR(ReadInt(e, Index(path, i), x));
    if (x != 0 && x != 1) return Invalid(Index(path, i), "not 0 or 1");
    out.push_back(static_cast<uint8_t>(x));
    return Status::Ok();
  });
}

Status ReadTree(od::value& v, RawTree& tree) {
  const std::string& path = tree.path;
  return ForEachField(v, path, [&](std::string_view key, od::value& value) -> Status {
    const std::string p = Join(path, key);
    if (key == "left_children") {
      tree.has_left = true;
      return ReadIntArray(value, p, tree.left);
    }
    if (key == "right_children") {
      tree.has_right = true;
      return ReadIntArray(value, p, tree.right);
    }
    if (key == "split_indices") {
      tree.has_split_indices = true;
      return ReadIntArray(value, p, tree.split_indices);
    }
    if (key == "split_conditions") {
      tree.has_split_conditions = true;
      return ReadFloatArray(value, p, tree.split_conditions);
    }
    if (key == "default_left") {
      tree.has_default_left = true;
      return ReadFlagArray(value, p, tree.default_left);
    }
    if (key == "split_type") return ReadIntArray(value, p, tree.split_type);
    if (key == "tree_param") {
      return ForEachField(value, p, [&](std::string_view k, od::value& x) -> Status {
        if (k == "num_nodes") return ReadInt(x, Join(p, k), tree.num_nodes);
        if (k == "size_leaf_vector") return ReadInt(x, Join(p, k), tree.size_leaf_vector);
        return Status::Ok();
      });
    }
    return Status::Ok();  // statistics (base_weights, sum_hessian, ...) are not needed
  });
}

Status ReadBoosterModel(od::value& v, RawModel& m) {
  const std::string path(kModelPath);
  m.has_model = true;
  return ForEachField(v, path, [&](std::string_view key, od::value& value) -> Status {
    const std::string p = Join(path, key);
    if (key == "gbtree_model_param") {
      return ForEachField(value, p, [&](std::string_view k, od::value& x) -> Status {
        if (k == "num_trees") return ReadInt(x, Join(p, k), m.num_trees);
        if (k == "size_leaf_vector") return ReadInt(x, Join(p, k), m.size_leaf_vector);
        return Status::Ok();
      });
    }
    if (key == "tree_info") {
      m.has_tree_info = true;
      return ReadIntArray(value, p, m.tree_info);
    }
    if (key == "trees") {
      m.has_trees = true;
      m.trees.clear();
      return ForEachElement(value, p, [&](size_t i, od::value& t) {
        m.trees.emplace_back().path = Index(p, i);
        return ReadTree(t, m.trees.back());
      });
    }
    return Status::Ok();
  });
}

Status ReadLearner(od::value& v, RawModel& m) {
  m.has_learner = true;
  return ForEachField(v, "learner", [&](std::string_view key, od::value& value) -> Status {
    const std::string p = Join("learner", key);
    if (key == "gradient_booster") {
      m.has_booster = true;
      return ForEachField(value, p, [&](std::string_view k, od::value& x) -> Status {
        if (k == "name") return ReadString(x, Join(p, k), m.booster);
        if (k == "model") return ReadBoosterModel(x, m);
        return Status::Ok();
      });
    }
    if (key == "learner_model_param") {
      m.has_model_param = true;
      return ForEachField(value, p, [&](std::string_view k, od::value& x) -> Status {
        if (k == "base_score") {
          m.has_base_score = true;
          return ReadFloat(x, Join(p, k), m.base_score);
        }
        if (k == "num_feature") return ReadInt(x, Join(p, k), m.num_feature);
        if (k == "num_class") return ReadInt(x, Join(p, k), m.num_class);
        if (k == "num_target") return ReadInt(x, Join(p, k), m.num_target);
        return Status::Ok();
      });
    }
    if (key == "objective") {
      return ForEachField(value, p, [&](std::string_view k, od::value& x) -> Status {
        if (k != "name") return Status::Ok();
        m.has_objective = true;
        return ReadString(x, Join(p, k), m.objective);
      });
    }
    return Status::Ok();
  });
}

Status ReadModel(std::string_view json, RawModel& m) {
  const simdjson::padded_string padded(json);
  // The DOM parser validates the whole document (the On-Demand walk below only checks
  // what it reads and skips the rest), so broken JSON anywhere is refused.
  {
    simdjson::dom::parser validator;
    const simdjson::error_code error = validator.parse(padded).error();
    if (error != simdjson::SUCCESS) {
      return InvalidArgumentError(std::string("not JSON: ") + simdjson::error_message(error));
    }
  }
  // On-Demand for the values: it gives each number's text, read straight to float32.
  od::parser parser;
  od::document doc;
  od::value root;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
      doc.get_value().get(root) != simdjson::SUCCESS) {
    return InvalidArgumentError("not a JSON object");
  }
  return ForEachField(root, "(root)", [&](std::string_view key, od::value& value) -> Status {
    if (key == "learner") return ReadLearner(value, m);
    return Status::Ok();
  });
}

// A node's position (TreeModel::Node): its index counted in 8-byte halves.
uint32_t Position(size_t index) { return static_cast<uint32_t>(2 * index); }

}  // namespace

// Turns a RawModel into a TreeModel: checks the header, then lays each tree out in
// breadth-first order with the two children of a split side by side.
class TreeModelCompiler {
 public:
  static Result<TreeModel> Compile(const RawModel& raw);

 private:
  static Status CheckHeader(const RawModel& raw, TreeModel& model);
  static Status SetObjective(const RawModel& raw, TreeModel& model);
  static Status CheckTreeArrays(const RawTree& tree);
  static Status AddTree(const RawTree& tree, TreeModel& model);
  static void PlanBlocks(TreeModel& model);
};

Status TreeModelCompiler::CheckHeader(const RawModel& raw, TreeModel& model) {
  if (!raw.has_learner) return Invalid("learner", "missing");
  if (!raw.has_booster) return Invalid("learner.gradient_booster", "missing");
  if (raw.booster != "gbtree") {
    return Unsupported("learner.gradient_booster.name",
                       "booster '" + raw.booster + "' is not supported (only gbtree)");
  }
  if (!raw.has_model) return Invalid(kModelPath, "missing");
  if (!raw.has_trees) return Invalid(Join(kModelPath, "trees"), "missing");
  if (!raw.has_model_param) return Invalid("learner.learner_model_param", "missing");
  if (!raw.has_objective) return Invalid("learner.objective.name", "missing");
  const std::string param = "learner.learner_model_param";
  if (raw.num_feature < 1 || raw.num_feature > (int64_t{1} << 30)) {
    return Invalid(Join(param, "num_feature"), raw.num_feature < 0 ? "missing" : "out of range");
  }
  if (raw.num_class > 1) {
    return Unsupported(Join(param, "num_class"), "multi-class models are not supported");
  }
  if (raw.num_target != 1) {
    return Unsupported(Join(param, "num_target"), "only one target is supported");
  }
  if (raw.size_leaf_vector != 0) {
    return Unsupported(Join(kModelPath, "gbtree_model_param.size_leaf_vector"),
                       "vector leaves are not supported");
  }
  if (raw.num_trees >= 0 && static_cast<size_t>(raw.num_trees) != raw.trees.size()) {
    return Invalid(Join(kModelPath, "gbtree_model_param.num_trees"),
                   "says " + std::to_string(raw.num_trees) + " but there are " +
                       std::to_string(raw.trees.size()) + " trees");
  }
  if (raw.has_tree_info) {
    const std::string info = Join(kModelPath, "tree_info");
    if (raw.tree_info.size() != raw.trees.size()) return Invalid(info, "length != trees");
    for (size_t i = 0; i < raw.tree_info.size(); ++i) {
      if (raw.tree_info[i] != 0) return Unsupported(Index(info, i), "only output group 0");
    }
  }
  model.num_features_ = static_cast<size_t>(raw.num_feature);
  return SetObjective(raw, model);
}

Status TreeModelCompiler::SetObjective(const RawModel& raw, TreeModel& model) {
  bool known = false;
  for (TreeObjective objective : {TreeObjective::kBinaryLogistic, TreeObjective::kRegLogistic,
                                  TreeObjective::kBinaryLogitRaw, TreeObjective::kSquaredError}) {
    if (TreeObjectiveName(objective) == raw.objective) {
      model.objective_ = objective;
      known = true;
    }
  }
  if (!known) {
    return Unsupported("learner.objective.name",
                       "objective '" + raw.objective +
                           "' is not supported (binary:logistic, reg:logistic, "
                           "binary:logitraw, reg:squarederror)");
  }
  const std::string param = "learner.learner_model_param";
  // XGBoost keeps base_score as the user gave it and starts every margin at
  // ObjFunction::ProbToMargin(base_score), computed in float exactly like this.
  if (!raw.has_base_score) return Invalid(Join(param, "base_score"), "missing");
  const float base = raw.base_score;
  // binary:logitraw takes base_score as a margin as it is (XGBoost 1.7's LogisticRaw
  // does not convert it; measured in tree_model_equivalence_test).
  if (model.objective_ == TreeObjective::kSquaredError ||
      model.objective_ == TreeObjective::kBinaryLogitRaw) {
    model.base_margin_ = base;
  } else {
    if (!(base > 0.0f && base < 1.0f)) {
      return Invalid(Join(param, "base_score"), "must be in (0, 1) for a logistic objective");
    }
    model.base_margin_ = -logf(1.0f / base - 1.0f);
  }
  return Status::Ok();
}

Status TreeModelCompiler::CheckTreeArrays(const RawTree& tree) {
  const std::string& path = tree.path;
  if (tree.num_nodes < 0) return Invalid(Join(path, "tree_param.num_nodes"), "missing");
  if (tree.num_nodes < 1) return Invalid(Join(path, "tree_param.num_nodes"), "must be >= 1");
  if (tree.size_leaf_vector != 0) {
    return Unsupported(Join(path, "tree_param.size_leaf_vector"), "vector leaves");
  }
  const size_t n = static_cast<size_t>(tree.num_nodes);
  struct Array {
    const char* name;
    bool present;
    size_t size;
  };
  for (const Array& a :
       {Array{"left_children", tree.has_left, tree.left.size()},
        Array{"right_children", tree.has_right, tree.right.size()},
        Array{"split_indices", tree.has_split_indices, tree.split_indices.size()},
        Array{"split_conditions", tree.has_split_conditions, tree.split_conditions.size()},
        Array{"default_left", tree.has_default_left, tree.default_left.size()}}) {
    if (!a.present) return Invalid(Join(path, a.name), "missing");
    if (a.size != n) {
      return Invalid(Join(path, a.name), "has " + std::to_string(a.size) +
                                             " elements, num_nodes is " + std::to_string(n));
    }
  }
  if (!tree.split_type.empty() && tree.split_type.size() != n) {
    return Invalid(Join(path, "split_type"), "length != num_nodes");
  }
  return Status::Ok();
}

Status TreeModelCompiler::AddTree(const RawTree& tree, TreeModel& model) {
  WUZHA_RETURN_IF_ERROR(CheckTreeArrays(tree));
  const std::string& path = tree.path;
  const size_t n = static_cast<size_t>(tree.num_nodes);
  if (model.nodes_.size() + 2 * n > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return Invalid(path, "the model has too many nodes");
  }

  // Breadth-first from the root; nodes nobody reaches (XGBoost's deleted nodes) are
  // dropped, a node reached twice is an error, so every walk ends at a leaf.
  struct Pending {
    int64_t source;
    int32_t target;
    int32_t depth;
  };
  std::vector<uint8_t> reached(n, 0);
  std::vector<Pending> queue{{0, static_cast<int32_t>(model.nodes_.size()), 0}};
  reached[0] = 1;
  model.nodes_.emplace_back();
  int32_t depth = 0;
  for (size_t q = 0; q < queue.size(); ++q) {
    const Pending at = queue[q];
    const size_t k = static_cast<size_t>(at.source);
    TreeModel::Node& node = model.nodes_[static_cast<size_t>(at.target)];
    const int64_t left = tree.left[k], right = tree.right[k];
    if (left == -1 && right == -1) {
      node = {std::numeric_limits<float>::quiet_NaN(), 0,
              Position(static_cast<size_t>(at.target)) - 2u, tree.split_conditions[k]};
      depth = std::max(depth, at.depth);
      continue;
    }
    for (auto [name, child] :
         {std::pair{"left_children", left}, std::pair{"right_children", right}}) {
      if (child < 0 || static_cast<size_t>(child) >= n) {
        return Invalid(Index(Join(path, name), k),
                       "child " + std::to_string(child) + " out of range");
      }
      if (reached[static_cast<size_t>(child)]++) {
        return Invalid(Index(Join(path, name), k),
                       "node " + std::to_string(child) + " is reached twice (not a tree)");
      }
    }
    if (!tree.split_type.empty() && tree.split_type[k] != 0) {
      return Unsupported(Index(Join(path, "split_type"), k), "categorical splits");
    }
    const int64_t feature = tree.split_indices[k];
    if (feature < 0 || feature >= static_cast<int64_t>(model.num_features_)) {
      return Invalid(Index(Join(path, "split_indices"), k),
                     "feature " + std::to_string(feature) + " outside num_feature " +
                         std::to_string(model.num_features_));
    }
    const int32_t pair = static_cast<int32_t>(model.nodes_.size());
    node = {tree.split_conditions[k],
            static_cast<uint32_t>(
                feature + (tree.default_left[k] ? 0 : static_cast<int64_t>(model.num_features_))),
            Position(static_cast<size_t>(pair)), 0.0f};
    model.nodes_.emplace_back();  // invalidates `node`
    model.nodes_.emplace_back();
    queue.push_back({left, pair, at.depth + 1});
    queue.push_back({right, pair + 1, at.depth + 1});
  }
  model.depths_.push_back(depth);
  model.max_depth_ = std::max(model.max_depth_, depth);
  return Status::Ok();
}

void TreeModelCompiler::PlanBlocks(TreeModel& model) {
  constexpr size_t kBlock = TreeModel::kTreesPerBlock;
  model.num_trees_ = model.roots_.size();
  // The padding trees are one zero leaf, walked and never added.
  const uint32_t pad = Position(model.nodes_.size());
  model.nodes_.push_back({std::numeric_limits<float>::quiet_NaN(), 0, pad - 2u, 0.0f});
  while (model.roots_.size() % kBlock != 0) model.roots_.push_back(pad);
  for (size_t b = 0; b < model.roots_.size(); b += kBlock) {
    int32_t depth = 0;
    for (size_t t = b; t < std::min(b + kBlock, model.num_trees_); ++t) {
      depth = std::max(depth, model.depths_[t]);
    }
    model.block_depths_.push_back(depth);
  }
}

Result<TreeModel> TreeModelCompiler::Compile(const RawModel& raw) {
  TreeModel model;
  WUZHA_RETURN_IF_ERROR(CheckHeader(raw, model));
  for (const RawTree& tree : raw.trees) {
    model.roots_.push_back(Position(model.nodes_.size()));
    WUZHA_RETURN_IF_ERROR(AddTree(tree, model));
  }
  PlanBlocks(model);
  return model;
}

Result<TreeModel> TreeModel::FromJson(std::string_view json) {
  RawModel raw;
  WUZHA_RETURN_IF_ERROR(ReadModel(json, raw));
  return TreeModelCompiler::Compile(raw);
}

Result<TreeModel> TreeModel::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError(path + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  Result<TreeModel> model = FromJson(text.str());
  if (!model.ok()) return model.error().WithContext(path);
  return model;
}

namespace {

using Node = TreeModel::Node;

// One step down a tree, branch-free: the direction is data, so a walk costs the same
// whatever the row, and the steps of different trees overlap in the core.
inline const Node& At(const Node* nodes, uint32_t position) {
  return *reinterpret_cast<const Node*>(reinterpret_cast<const char*>(nodes) +
                                        size_t{position} * (sizeof(Node) / 2));
}

inline uint32_t Step(const Node* nodes, const float* expanded, uint32_t at) {
  const Node& node = At(nodes, at);
  return node.left + (expanded[node.feature] < node.threshold ? 0u : 2u);
}

// A scratch area for expanded rows: on the stack when small enough.
class Scratch {
 public:
  Scratch(float* stack, size_t stack_size, size_t need) : data_(stack) {
    if (need > stack_size) {
      thread_local std::vector<float> wide;
      if (wide.size() < need) wide.resize(need);
      data_ = wide.data();
    }
  }
  float* data() const { return data_; }

 private:
  float* data_;
};

}  // namespace

void TreeModel::ExpandRows(const float* rows, size_t count, float* expanded) const {
  constexpr float kInf = std::numeric_limits<float>::infinity();
  const size_t n = num_features_;
  for (size_t r = 0; r < count; ++r, rows += n, expanded += 2 * n) {
    for (size_t f = 0; f < n; ++f) {
      const bool missing = std::isnan(rows[f]);
      expanded[f] = missing ? -kInf : rows[f];
      expanded[n + f] = missing ? kInf : rows[f];
    }
  }
}

float TreeModel::Transform(float margin) const {
  switch (objective_) {
    case TreeObjective::kBinaryLogistic:
    case TreeObjective::kRegLogistic:
      return 1.0f / (1.0f + expf(-margin));  // XGBoost's common::Sigmoid, float
    case TreeObjective::kBinaryLogitRaw:
    case TreeObjective::kSquaredError: return margin;
  }
  return margin;
}

float TreeModel::WalkTrees(const float* expanded) const {
  constexpr size_t kBlock = kTreesPerBlock;
  const Node* nodes = nodes_.data();
  float margin = base_margin_;
  for (size_t b = 0; b < block_depths_.size(); ++b) {
    uint32_t at[kBlock];
    for (size_t k = 0; k < kBlock; ++k) at[k] = roots_[b * kBlock + k];
    for (int32_t d = block_depths_[b]; d > 0; --d) {
      for (size_t k = 0; k < kBlock; ++k) at[k] = Step(nodes, expanded, at[k]);
    }
    // Added one by one in tree order: float addition is not associative, and XGBoost
    // adds tree after tree to the base margin.
    const size_t count = std::min(kBlock, num_trees_ - b * kBlock);
    if (count == kBlock) {
      for (size_t k = 0; k < kBlock; ++k) margin += At(nodes, at[k]).leaf;
    } else {
      for (size_t k = 0; k < count; ++k) margin += At(nodes, at[k]).leaf;
    }
  }
  return margin;
}

float TreeModel::PredictMargin(std::span<const float> row) const {
  WUZHA_CHECK(row.size() >= num_features_);
  float stack[kStackFloats];
  const Scratch expanded(stack, kStackFloats, 2 * num_features_);
  ExpandRows(row.data(), 1, expanded.data());
  return WalkTrees(expanded.data());
}

float TreeModel::Predict(std::span<const float> row) const { return Transform(PredictMargin(row)); }

// kRowsPerBlock rows through one tree at a time: the tree's nodes are fetched once for
// all of them, and their walks overlap as the trees' do in WalkTrees.
void TreeModel::WalkRowBlock(const float* expanded, size_t count, float* margins) const {
  constexpr size_t kBlock = kRowsPerBlock;
  const Node* nodes = nodes_.data();
  const size_t stride = 2 * num_features_;
  float margin[kBlock];
  for (size_t r = 0; r < kBlock; ++r) margin[r] = base_margin_;
  for (size_t t = 0; t < num_trees_; ++t) {
    uint32_t at[kBlock];
    for (size_t r = 0; r < kBlock; ++r) at[r] = roots_[t];
    for (int32_t d = depths_[t]; d > 0; --d) {
      for (size_t r = 0; r < kBlock; ++r) at[r] = Step(nodes, expanded + r * stride, at[r]);
    }
    for (size_t r = 0; r < kBlock; ++r) margin[r] += At(nodes, at[r]).leaf;
  }
  for (size_t r = 0; r < count; ++r) margins[r] = margin[r];
}

void TreeModel::PredictMarginBatch(std::span<const float> rows, std::span<float> out) const {
  WUZHA_CHECK(rows.size() == out.size() * num_features_);
  float stack[kStackFloats];
  const size_t stride = 2 * num_features_;
  const Scratch expanded(stack, kStackFloats, kRowsPerBlock * stride);
  for (size_t i = 0; i < out.size(); i += kRowsPerBlock) {
    // A short last block walks copies of its last row; only `count` margins are kept.
    const size_t count = std::min(kRowsPerBlock, out.size() - i);
    ExpandRows(rows.data() + i * num_features_, count, expanded.data());
    for (size_t r = count; r < kRowsPerBlock; ++r) {
      std::copy_n(expanded.data() + (count - 1) * stride, stride, expanded.data() + r * stride);
    }
    WalkRowBlock(expanded.data(), count, out.data() + i);
  }
}

void TreeModel::PredictBatch(std::span<const float> rows, std::span<float> out) const {
  PredictMarginBatch(rows, out);
  for (float& y : out) y = Transform(y);
}

}  // namespace wuzha::risk
