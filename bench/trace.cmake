# Benchmarks for src/trace: one case traced over a generated 10-million-transfer ledger,
# beside a straightforward map-of-vectors tracer in the same run.
wuzha_bench(NAME trace_bench SRCS trace_bench.cc DEPS wuzha::trace)
