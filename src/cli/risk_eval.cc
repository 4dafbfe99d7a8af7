#include "cli/risk_eval.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <span>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cli/sms_training.h"
#include "intercept/checker.h"
#include "lists/store.h"
#include "risk/scorer.h"
#include "sim/city.h"
#include "sim/engine.h"

namespace wuzha::cli {
namespace {

using Clock = std::chrono::steady_clock;

int Threads(int requested) {
  return requested > 0 ? requested
                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

uint64_t TrainSeed(const RiskEvalOptions& o) {
  return o.train_seed != 0 ? o.train_seed : o.seed + 1000;
}
uint64_t ClassifierSeed(const RiskEvalOptions& o) {
  return o.classifier_seed != 0 ? o.classifier_seed : o.seed + 2000;
}

std::vector<risk::Feature> LinkageFeatures() {
  std::vector<risk::Feature> out;
  for (const risk::FeatureInfo& f : risk::Features()) {
    if (f.group == risk::FeatureGroup::kLinkage) out.push_back(f.id);
  }
  return out;
}

risk::ContactVerdict ToContact(const intercept::Verdict& v) {
  risk::ContactVerdict c;
  c.level = v.decision == intercept::Decision::kBlock  ? risk::ContactVerdict::Level::kBlock
            : v.decision == intercept::Decision::kWarn ? risk::ContactVerdict::Level::kWarn
                                                       : risk::ContactVerdict::Level::kAllow;
  c.score = static_cast<float>(v.score);
  c.fraud_type = v.fraud_type;
  return c;
}

// What every run of a city shares: interception's resources (the SMS classifier), an
// empty block list, and the rules.
struct Context {
  std::unique_ptr<lists::Store> store;
  intercept::CheckerOptions checker_options;
  std::shared_ptr<const intercept::SharedResources> shared;
  std::shared_ptr<const risk::RuleSet> rules;
  uint64_t classifier_texts = 0;
};

Result<Context> MakeContext(const RiskEvalOptions& o) {
  Context ctx;
  // The rule file first: a bad one stops the run before any city is simulated.
  if (o.rules_path.empty()) {
    ctx.rules = risk::RuleSet::Default();
  } else {
    WUZHA_ASSIGN_OR_RETURN(risk::RuleSet rules, risk::RuleSet::LoadFile(o.rules_path));
    ctx.rules = std::make_shared<const risk::RuleSet>(std::move(rules));
  }
  ctx.store = std::make_unique<lists::Store>();
  ctx.store->Publish();
  std::unique_ptr<intercept::SmsClassifier> classifier;
  if (o.sms_classifier) {
    SmsTrainingCity training;
    training.seed = ClassifierSeed(o);
    training.population = o.population;
    training.days = o.days;
    training.threads = Threads(o.threads);
    training.progress = o.progress;
    WUZHA_ASSIGN_OR_RETURN(classifier, TrainSmsClassifierOnCity(training, &ctx.classifier_texts));
  }
  WUZHA_ASSIGN_OR_RETURN(ctx.shared, intercept::SharedResources::Create(
                                         *ctx.store, ctx.checker_options, std::move(classifier)));
  return ctx;
}

sim::EngineOptions EngineFor(const RiskEvalOptions& o, uint64_t seed) {
  sim::EngineOptions eo;
  eo.seed = seed;
  eo.days = o.days;
  eo.threads = Threads(o.threads);
  eo.fraud.scale = o.fraud_scale;
  return eo;
}

// Checks every contact with interception and hands each written event, with the
// contact's verdict, to `on_event`, then to interception's trackers.
class CheckingSink : public sim::EventSink {
 public:
  using Callback = std::function<void(const Event&, const risk::ContactVerdict*)>;
  CheckingSink(intercept::Checker& checker, Callback on_event)
      : checker_(checker), on_event_(std::move(on_event)) {}

  Status Write(const Event& e) override {
    const bool contact =
        e.type == EventType::kCall || e.type == EventType::kSms || e.type == EventType::kWeb ||
        (e.type == EventType::kApp && e.as<AppEvent>().action == AppAction::kInstall);
    if (contact) {
      const intercept::Verdict v = checker_.CheckEvent(e);
      const risk::ContactVerdict c = ToContact(v);
      on_event_(e, &c);
    } else {
      on_event_(e, nullptr);
    }
    checker_.Observe(e);
    return Status::Ok();
  }

 private:
  intercept::Checker& checker_;
  Callback on_event_;
};

// The Scorer as the city's bank check. The engine calls Decide just before it writes the
// same transfer, so the sink pairs the written event with the last decision.
class ScorerGate : public sim::TransferGate {
 public:
  explicit ScorerGate(risk::Scorer& scorer) : scorer_(scorer) {}
  sim::TransferDecision Decide(const Event& transfer) override {
    const auto t0 = Clock::now();
    const risk::RiskDecision& d = scorer_.Decide(transfer);
    latencies_.push_back(
        static_cast<float>(std::chrono::duration<double, std::micro>(Clock::now() - t0).count()));
    pending_ = true;
    decision_ = d.decision;
    by_.clear();
    for (uint16_t i : d.matched) {
      const risk::Rule& r = scorer_.rules().rules()[i];
      if (r.decision >= risk::Decision::kHold) by_.push_back(&r.name);
    }
    if (d.model_decision >= risk::Decision::kHold) by_.push_back(&kModel);
    score_ = scorer_.model() != nullptr ? d.score
                                        : static_cast<float>(static_cast<int>(d.decision)) / 3.0f;
    switch (d.decision) {
      case risk::Decision::kBlock: return sim::TransferDecision::kBlock;
      case risk::Decision::kHold: return sim::TransferDecision::kHold;
      default: return sim::TransferDecision::kAllow;
    }
  }
  // The decision of the transfer being written, once; false when the gate did not see it
  // (money from outside the city).
  bool Take(risk::Decision& decision, float& score) {
    if (!pending_) return false;
    pending_ = false;
    decision = decision_;
    score = score_;
    return true;
  }
  std::vector<float>& latencies() { return latencies_; }
  // The rules (and "model") that held or blocked the transfer last taken.
  const std::vector<const std::string*>& stopped_by() const { return by_; }

 private:
  risk::Scorer& scorer_;
  bool pending_ = false;
  risk::Decision decision_ = risk::Decision::kAllow;
  float score_ = 0;
  std::vector<float> latencies_;
  std::vector<const std::string*> by_;
  inline static const std::string kModel = "model";
};

// A fraud transfer the gate saw, kept for scoring against the truth at the end.
struct FraudAttempt {
  std::string victim;  // person id
  std::string from;
  int64_t fen;
  bool victim_payment;  // the victim's own payment (role "victim")
  bool stopped;
};

// Per victim, by the truth: money that left layer 2 (to layer 3, the financier or out of
// the city from a layer-1 or layer-2 account) and money stolen.
struct Exits {
  std::unordered_map<std::string, int64_t> exited, stolen;
  int64_t total_exited = 0, loss = 0;
};

std::unordered_map<std::string, int> MuleLayers(const sim::Truth& truth) {
  std::unordered_map<std::string, int> layer;
  for (const auto& g : truth.gangs) {
    for (const auto& a : g.accounts) layer.emplace(a.account, a.layer);
  }
  return layer;
}

Exits ExitsOf(const sim::Truth& truth, const std::unordered_map<std::string, int>& layer) {
  auto layer_of = [&](const std::string& account) {
    auto it = layer.find(account);
    return it == layer.end() ? -1 : it->second;
  };
  Exits out;
  for (const auto& v : truth.victims) out.loss += v.loss_fen;
  for (const auto& path : truth.money_paths) {
    int64_t exited = 0;
    for (const auto& hop : path.hops) {  // moves between the city's accounts
      const int from = layer_of(hop.from);
      const int to = layer_of(hop.to);
      if ((from == 1 || from == 2) && (to == 3 || to == 0)) exited += hop.fen;
    }
    for (const auto& hop : path.exits) {  // moves out of the city (cash, channels, OTC)
      const int from = layer_of(hop.from);
      if (from == 1 || from == 2) exited += hop.fen;
    }
    out.exited[path.victim] += exited;
    out.stolen[path.victim] += path.stolen_fen;
    out.total_exited += exited;
  }
  return out;
}

double Percentile(std::vector<float> v, double q) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

struct Configuration {
  const char* name;
  std::shared_ptr<const risk::RiskModel> model;
  std::vector<risk::Feature> masked;
};

Result<GateScore> RunGated(const Context& ctx, const sim::City& city, const sim::EngineOptions& eo,
                           const Configuration& config, const RiskEvalOptions& o) {
  GateScore score;
  WUZHA_ASSIGN_OR_RETURN(auto checker,
                         intercept::Checker::Create(*ctx.store, ctx.shared, ctx.checker_options));
  risk::ScorerOptions so;
  so.masked = config.masked;
  risk::Scorer scorer(ctx.rules, config.model, so);
  scorer.set_signal_sink([&](const risk::WarningSignal&) { ++score.signals; });
  ScorerGate gate(scorer);
  sim::Engine engine(city, eo);
  engine.set_transfer_gate(&gate);

  std::vector<float> scores, labels;
  std::vector<FraudAttempt> attempts;
  CheckingSink sink(*checker, [&](const Event& e, const risk::ContactVerdict* v) {
    risk::Decision decision;
    float s;
    if (e.type == EventType::kTransfer && gate.Take(decision, s)) {
      const bool fraud = e.has_label && e.label.fraud;
      const TransferEvent& t = e.as<TransferEvent>();
      const bool stopped = t.status != TransferStatus::kCompleted;
      scores.push_back(s);
      labels.push_back(fraud ? 1.0f : 0.0f);
      auto& by = fraud ? score.fraud_stopped_by : score.false_holds_by;
      if (stopped) {
        for (const std::string* name : gate.stopped_by()) ++by[*name];
      }
      if (fraud) {
        ++score.fraud_attempts;
        score.fraud_attempts_stopped += stopped;
        attempts.push_back(
            {e.label.victim, t.from_account, t.amount.fen(), e.label.role == "victim", stopped});
      } else {
        ++score.legit_transfers;
        score.false_holds += stopped;
        score.legit_warned += decision == risk::Decision::kWarn;
      }
    }
    scorer.Observe(e, v);
  });
  int64_t next_progress = 0;
  while (!engine.done()) {
    WUZHA_RETURN_IF_ERROR(engine.Step(sink));
    if (o.progress && engine.now().millis() >= next_progress) {
      if (next_progress != 0) {
        o.progress(fmt::format("{}: day done, {} fraud transfers ({} stopped), {} legit ({} held)",
                               config.name, score.fraud_attempts, score.fraud_attempts_stopped,
                               score.legit_transfers, score.false_holds));
      }
      next_progress = engine.now().millis() + 86400000;
    }
  }
  score.pr_auc = risk::AveragePrecision(scores, labels);
  score.decide_us_p50 = Percentile(gate.latencies(), 0.5);
  score.decide_us_p99 = Percentile(gate.latencies(), 0.99);

  const sim::Truth truth = engine.truth();
  const auto layer = MuleLayers(truth);
  const Exits exits = ExitsOf(truth, layer);
  score.exited_fen = exits.total_exited;
  score.victim_loss_fen = exits.loss;
  // Victims whose money the gate stopped in layer 1 or 2 and none of it got further.
  std::unordered_set<std::string> stopped_in_layers;
  for (const FraudAttempt& a : attempts) {
    if (a.victim_payment || !a.stopped) continue;
    auto it = layer.find(a.from);
    if (it == layer.end() || (it->second != 1 && it->second != 2)) continue;
    const auto ex = exits.exited.find(a.victim);
    const int64_t exited = ex == exits.exited.end() ? 0 : ex->second;
    const auto st = exits.stolen.find(a.victim);
    const int64_t stolen = st == exits.stolen.end() ? 0 : st->second;
    if (exited <= std::max<int64_t>(100, stolen / 100)) stopped_in_layers.insert(a.victim);
  }
  // Payments: a victim's retries of a stopped payment carry the same amount.
  std::unordered_map<std::string, bool> moved;  // victim/amount -> moved at least once
  std::vector<std::string> order;
  for (const FraudAttempt& a : attempts) {
    if (!a.victim_payment) continue;
    const std::string key = a.victim + "/" + std::to_string(a.fen);
    auto [it, fresh] = moved.emplace(key, false);
    if (fresh) order.push_back(key);
    if (!a.stopped) it->second = true;
  }
  for (const std::string& key : order) {
    ++score.fraud_transfers;
    if (!moved[key]) {
      ++score.stopped_at_payment;
    } else if (stopped_in_layers.count(key.substr(0, key.find('/')))) {
      ++score.stopped_in_layers;
    }
  }
  score.held_or_blocked_before_exit = score.stopped_at_payment + score.stopped_in_layers;
  return score;
}

// The city without a gate: the money that leaves layer 2 when nothing stops it, and every
// configuration deciding the same transfers (observing, not acting).
Status RunOpenLoop(const Context& ctx, const sim::City& city, const sim::EngineOptions& eo,
                   std::span<const Configuration> configs, std::span<OpenLoopScore* const> out,
                   double target_false_hold_rate, RiskEvalResult& result) {
  WUZHA_ASSIGN_OR_RETURN(auto checker,
                         intercept::Checker::Create(*ctx.store, ctx.shared, ctx.checker_options));
  std::vector<std::unique_ptr<risk::Scorer>> scorers;
  for (const Configuration& c : configs) {
    risk::ScorerOptions so;
    so.masked = c.masked;
    scorers.push_back(std::make_unique<risk::Scorer>(ctx.rules, c.model, so));
  }
  std::vector<std::vector<float>> scores(configs.size());
  std::vector<std::vector<uint8_t>> rule_held(configs.size());
  std::vector<float> labels;
  std::vector<uint8_t> victim;
  CheckingSink sink(*checker, [&](const Event& e, const risk::ContactVerdict* v) {
    const bool transfer =
        e.type == EventType::kTransfer && !e.as<TransferEvent>().from_account.empty();
    const bool fraud = transfer && e.has_label && e.label.fraud;
    if (transfer) {
      labels.push_back(fraud ? 1.0f : 0.0f);
      victim.push_back(fraud && e.label.role == "victim");
    }
    for (size_t i = 0; i < scorers.size(); ++i) {
      if (transfer) {
        const risk::RiskDecision& d = scorers[i]->Decide(e);
        const bool held = d.decision >= risk::Decision::kHold;
        rule_held[i].push_back(d.rule_decision >= risk::Decision::kHold);
        scores[i].push_back(scorers[i]->model() != nullptr
                                ? d.score
                                : static_cast<float>(static_cast<int>(d.decision)) / 3.0f);
        OpenLoopScore& o = *out[i];
        if (!fraud) {
          ++o.legit_transfers;
          o.false_holds += held;
        } else if (e.label.role == "victim") {
          ++o.victim_payments;
          o.victim_payments_held += held;
        } else {
          ++o.mule_hops;
          o.mule_hops_held += held;
        }
      }
      scorers[i]->Observe(e, v);
    }
  });
  sim::Engine engine(city, eo);
  WUZHA_RETURN_IF_ERROR(engine.Run(sink));
  for (size_t i = 0; i < configs.size(); ++i) {
    out[i]->pr_auc = risk::AveragePrecision(scores[i], labels);
    // The model threshold that spends what the rules leave of the target on this city.
    std::vector<float> free_legit;
    int64_t legit = 0, rule_holds = 0;
    for (size_t r = 0; r < labels.size(); ++r) {
      if (labels[r] > 0.5f) continue;
      ++legit;
      if (rule_held[i][r]) {
        ++rule_holds;
      } else {
        free_legit.push_back(scores[i][r]);
      }
    }
    const bool model = configs[i].model != nullptr;
    const float t = model ? risk::ThresholdForBudget(
                                free_legit, static_cast<int64_t>(target_false_hold_rate *
                                                                 static_cast<double>(legit)) -
                                                rule_holds)
                          : 2.0f;
    uint64_t held = 0, payments = 0;
    for (size_t r = 0; r < labels.size(); ++r) {
      if (!victim[r]) continue;
      ++payments;
      held += rule_held[i][r] || scores[i][r] >= t;
    }
    out[i]->victim_recall_at_target =
        payments ? static_cast<double>(held) / static_cast<double>(payments) : 0;
  }
  const sim::Truth truth = engine.truth();
  const Exits exits = ExitsOf(truth, MuleLayers(truth));
  result.baseline_exited_fen = exits.total_exited;
  result.baseline_loss_fen = exits.loss;
  result.victims = truth.victims.size();
  return Status::Ok();
}

std::string CountsJson(const std::map<std::string, uint64_t>& counts) {
  std::string out = "{";
  for (const auto& [name, n] : counts) {
    if (out.size() > 1) out += ',';
    out += fmt::format("\"{}\":{}", name, n);
  }
  return out + "}";
}

std::string ScoreJson(const GateScore& s) {
  return fmt::format(
      "\"fraud_transfers\":{},\"held_or_blocked_before_exit\":{},\"recall\":{:.4f},"
      "\"false_hold_rate\":{:.6f},\"pr_auc\":{:.4f},\"fen_saved\":{},"
      "\"recall_at_payment\":{:.4f},\"stopped_at_payment\":{},\"stopped_in_layers\":{},\"fraud_"
      "attempts\":{},"
      "\"fraud_attempts_stopped\":{},\"legit_transfers\":{},\"false_holds\":{},\"legit_warned\":{},"
      "\"exited_fen\":{},\"victim_loss_fen\":{},\"signals\":{},\"decide_us_p50\":{:.2f},"
      "\"decide_us_p99\":{:.2f},\"false_holds_by\":{},\"fraud_stopped_by\":{},"
      "\"open_loop\":{{\"victim_payments\":{},\"victim_recall\":{:.4f},\"mule_hops\":{},"
      "\"mule_hop_recall\":{:.4f},\"false_hold_rate\":{:.6f},\"pr_auc\":{:.4f},"
      "\"victim_recall_at_target\":{:.4f}}}",
      s.fraud_transfers, s.held_or_blocked_before_exit, s.recall(), s.false_hold_rate(), s.pr_auc,
      s.fen_saved, s.recall_at_payment(), s.stopped_at_payment, s.stopped_in_layers,
      s.fraud_attempts, s.fraud_attempts_stopped, s.legit_transfers, s.false_holds, s.legit_warned,
      s.exited_fen, s.victim_loss_fen, s.signals, s.decide_us_p50, s.decide_us_p99,
      CountsJson(s.false_holds_by), CountsJson(s.fraud_stopped_by), s.open_loop.victim_payments,
      s.open_loop.victim_recall(), s.open_loop.mule_hops, s.open_loop.mule_hop_recall(),
      s.open_loop.false_hold_rate(), s.open_loop.pr_auc, s.open_loop.victim_recall_at_target);
}

std::string TrainJson(const risk::RiskTrainResult& t) {
  return fmt::format(
      "{{\"train_rows\":{},\"train_positives\":{},\"calibration_rows\":{},\"calibration_"
      "positives\":{},"
      "\"calibration_recall\":{:.4f},\"calibration_false_hold_rate\":{:.6f},\"calibration_pr_auc\":"
      "{:.4f},"
      "\"warn\":{:.6g},\"hold\":{:.6g},\"block\":{:.6g}}}",
      t.train_rows, t.train_positives, t.calibration_rows, t.calibration_positives,
      t.calibration_recall, t.calibration_false_hold_rate, t.calibration_pr_auc,
      t.card.thresholds.warn.value_or(0), t.card.thresholds.hold.value_or(0),
      t.card.thresholds.block.value_or(0));
}

// The training rows for an analyst: one column per feature (empty = missing), the
// label and the truth's role.
Status WriteRowsCsv(const std::string& path, const risk::Dataset& data,
                    const std::vector<std::string>& roles) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return IoError(path + ": cannot create");
  for (const risk::FeatureInfo& info : risk::Features())
    std::fprintf(f, "%.*s,", int(info.name.size()), info.name.data());
  std::fprintf(f, "label,role\n");
  for (size_t r = 0; r < data.num_rows(); ++r) {
    for (size_t i = 0; i < risk::kFeatureCount; ++i) {
      const float x = data.features[r * risk::kFeatureCount + i];
      if (!std::isnan(x)) std::fprintf(f, "%g", static_cast<double>(x));
      std::fputc(',', f);
    }
    std::fprintf(f, "%g,%s\n", static_cast<double>(data.labels[r]),
                 r < roles.size() ? roles[r].c_str() : "");
  }
  const bool ok = std::fclose(f) == 0;
  return ok ? Status::Ok() : IoError(path + ": write failed");
}

Result<RiskTraining> Train(const Context& ctx, const RiskEvalOptions& o) {
  RiskTraining training;
  training.classifier_texts = ctx.classifier_texts;
  sim::CityOptions co;
  co.seed = TrainSeed(o);
  co.population = o.population;
  WUZHA_ASSIGN_OR_RETURN(sim::City city, sim::City::Build(co));
  WUZHA_ASSIGN_OR_RETURN(auto checker,
                         intercept::Checker::Create(*ctx.store, ctx.shared, ctx.checker_options));
  risk::DatasetBuilder builder;
  std::vector<std::string> roles;  // for --rows-csv only
  CheckingSink sink(*checker, [&](const Event& e, const risk::ContactVerdict* v) {
    // The truth makes the training label, and only that.
    const bool fraud = e.type == EventType::kTransfer && e.has_label && e.label.fraud;
    if (e.type == EventType::kTransfer && !o.rows_csv.empty())
      roles.push_back(fraud ? e.label.role : "legit");
    builder.Add(e, v, fraud ? 1.0f : 0.0f);
  });
  {
    sim::Engine engine(city, EngineFor(o, co.seed));
    WUZHA_RETURN_IF_ERROR(engine.Run(sink));
  }
  if (!o.rows_csv.empty()) WUZHA_RETURN_IF_ERROR(WriteRowsCsv(o.rows_csv, builder.data(), roles));
  training.rows = builder.data().num_rows();
  for (float l : builder.data().labels) training.positives += l > 0.5f;
  if (o.progress)
    o.progress(fmt::format("training city seed {}: {} transfers, {} fraud; training the models",
                           co.seed, training.rows, training.positives));
  risk::RiskTrainOptions to;
  to.rules = ctx.rules.get();
  to.target_false_hold_rate = o.target_false_hold_rate;
  to.trained_on = fmt::format("sim city seed {}, {} residents, {} days, fraud scale {}", co.seed,
                              o.population, o.days, o.fraud_scale);
  WUZHA_ASSIGN_OR_RETURN(training.full, risk::TrainRiskModel(builder.data(), builder.groups(), to));
  to.masked = LinkageFeatures();
  to.trained_on += ", without telecom linkage";
  WUZHA_ASSIGN_OR_RETURN(training.no_linkage,
                         risk::TrainRiskModel(builder.data(), builder.groups(), to));
  return training;
}

}  // namespace

Result<RiskTraining> TrainRiskOnCity(const RiskEvalOptions& options) {
  WUZHA_ASSIGN_OR_RETURN(Context ctx, MakeContext(options));
  return Train(ctx, options);
}

Result<RiskEvalResult> RunRiskEval(const RiskEvalOptions& options) {
  const auto t0 = Clock::now();
  RiskEvalResult result;
  result.options = options;
  WUZHA_ASSIGN_OR_RETURN(Context ctx, MakeContext(options));
  WUZHA_ASSIGN_OR_RETURN(result.training, Train(ctx, options));
  WUZHA_ASSIGN_OR_RETURN(risk::RiskModel full,
                         risk::RiskModel::FromJson(result.training.full.model_json));
  WUZHA_ASSIGN_OR_RETURN(risk::RiskModel bare,
                         risk::RiskModel::FromJson(result.training.no_linkage.model_json));

  sim::CityOptions co;
  co.seed = options.seed;
  co.population = options.population;
  WUZHA_ASSIGN_OR_RETURN(sim::City city, sim::City::Build(co));
  const sim::EngineOptions eo = EngineFor(options, options.seed);
  const Configuration configs[] = {
      {"rules+model", std::make_shared<const risk::RiskModel>(std::move(full)), {}},
      {"rules only", nullptr, {}},
      {"rules+model without linkage", std::make_shared<const risk::RiskModel>(std::move(bare)),
       LinkageFeatures()},
  };
  if (options.baseline) {
    OpenLoopScore* open[] = {&result.full.open_loop, &result.rules_only.open_loop,
                             &result.no_linkage.open_loop};
    WUZHA_RETURN_IF_ERROR(
        RunOpenLoop(ctx, city, eo, configs, open, options.target_false_hold_rate, result));
  }
  GateScore* out[] = {&result.full, &result.rules_only, &result.no_linkage};
  for (size_t i = 0; i < std::size(configs); ++i) {
    const OpenLoopScore open = out[i]->open_loop;
    WUZHA_ASSIGN_OR_RETURN(*out[i], RunGated(ctx, city, eo, configs[i], options));
    out[i]->open_loop = open;
    if (options.baseline) out[i]->fen_saved = result.baseline_exited_fen - out[i]->exited_fen;
    if (options.progress)
      options.progress(fmt::format("{}: recall {:.4f}, false holds {:.6f}", configs[i].name,
                                   out[i]->recall(), out[i]->false_hold_rate()));
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return result;
}

std::string RiskEvalResult::ToJson() const {
  const RiskEvalOptions& o = options;
  return fmt::format(
      "{{\"seed\":{},\"train_seed\":{},\"classifier_seed\":{},\"population\":{},\"days\":{},"
      "\"fraud_scale\":{},\"sms_classifier\":{},\"target_false_hold_rate\":{},{},"
      "\"rules_only\":{{{}}},\"no_linkage\":{{{}}},"
      "\"baseline\":{{\"victims\":{},\"exited_fen\":{},\"victim_loss_fen\":{}}},"
      "\"training\":{{\"rows\":{},\"positives\":{},\"classifier_texts\":{},\"model\":{},\"no_"
      "linkage_model\":{}}},"
      "\"seconds\":{:.1f}}}",
      o.seed, TrainSeed(o), ClassifierSeed(o), o.population, o.days, o.fraud_scale,
      o.sms_classifier ? "true" : "false", o.target_false_hold_rate, ScoreJson(full),
      ScoreJson(rules_only), ScoreJson(no_linkage), victims, baseline_exited_fen, baseline_loss_fen,
      training.rows, training.positives, training.classifier_texts, TrainJson(training.full),
      TrainJson(training.no_linkage), seconds);
}

}  // namespace wuzha::cli
