# Benchmarks for call verdicts: CallerTracker's observe and lookup beside a naive
# per-number window of every call (std::unordered_map of deques), memory per number.
wuzha_bench(NAME intercept_call_bench SRCS intercept_call_bench.cc DEPS wuzha::intercept)
