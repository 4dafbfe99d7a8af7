# Benchmarks for src/core: phone normalization and the interner, each beside a baseline.
wuzha_bench(NAME core_bench SRCS core_bench.cc DEPS wuzha::core)
