# Benchmarks for src/sim: City::Build beside a naive string-per-field resident table.
wuzha_bench(NAME sim_bench SRCS sim_bench.cc DEPS wuzha::sim)
