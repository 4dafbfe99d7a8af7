# Benchmarks for src/intercept: the SMS verdict path (normalize, keyword scan, classify)
# on sim SMS, and the keyword scan beside plain vectorscan on the same literals.
wuzha_bench(NAME intercept_bench SRCS intercept_bench.cc
  DEPS wuzha::intercept wuzha::text wuzha::sim PkgConfig::VECTORSCAN)
