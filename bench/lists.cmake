# Benchmarks for src/lists: snapshot lookups beside std containers, and lookup latency
# while a 100k-change Publish runs on another thread.
wuzha_bench(NAME lists_bench SRCS lists_bench.cc DEPS wuzha::lists Threads::Threads)
target_compile_definitions(lists_bench PRIVATE
  WUZHA_SHARED_DATA_DIR="${PROJECT_SOURCE_DIR}/../shared/data")
