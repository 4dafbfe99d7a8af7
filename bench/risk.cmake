# Benchmarks for src/risk: the compiled tree evaluator beside XGBoost's own predictor
# (one row and batches of 1,000) and beside a straightforward tree walk, same run.
wuzha_bench(NAME risk_bench SRCS risk_bench.cc
  DEPS wuzha::risk nlohmann_json::nlohmann_json)
# One transfer decided in process (features + rules + compiled model) over a simulated
# city's state, beside the same decision with XGBoost's predictor: p50/p99 and throughput.
wuzha_bench(NAME risk_decision_bench SRCS risk_decision_bench.cc DEPS wuzha::risk wuzha::sim)
