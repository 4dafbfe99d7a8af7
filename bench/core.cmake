# Benchmarks for src/core: phone normalization, the interner, deterministic math and the
# Rng distributions, each beside a baseline.
wuzha_bench(NAME core_bench SRCS core_bench.cc DEPS wuzha::core)
