# Benchmarks for src/risk: the compiled tree evaluator beside XGBoost's own predictor
# (one row and batches of 1,000) and beside a straightforward tree walk, same run.
wuzha_bench(NAME risk_bench SRCS risk_bench.cc
  DEPS wuzha::risk nlohmann_json::nlohmann_json)
