# Benchmarks for the web/DNS verdict: BrandTable::Find beside a naive scan of every
# brand, and the whole Checker::CheckUrl.
wuzha_bench(NAME intercept_url_bench SRCS intercept_url_bench.cc DEPS wuzha::intercept wuzha::lists)
target_compile_definitions(intercept_url_bench PRIVATE
  WUZHA_SHARED_DATA_DIR="${PROJECT_SOURCE_DIR}/../shared/data")
