# Benchmarks for src/text: Normalize and Extract on sim fraud SMS, beside ICU NFKC alone
# plus a std::wregex strip, and OpenCC's t2s run per message.
wuzha_bench(NAME text_bench SRCS text_bench.cc
  DEPS wuzha::text wuzha::sim ICU::uc PkgConfig::OPENCC)
target_compile_definitions(text_bench PRIVATE WUZHA_BENCH_T2S="${WUZHA_OPENCC_T2S_JSON}")
