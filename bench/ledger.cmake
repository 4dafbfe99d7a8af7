# Benchmarks for src/ledger: appends beside a std-container ledger, bytes per transfer,
# the log's write and load rates; RocksDB's, when its headers are installed (the store
# the ledger does not use: docs/ledger.md says why), for comparison only.
wuzha_bench(NAME ledger_bench SRCS ledger_bench.cc DEPS wuzha::ledger)
find_path(WUZHA_ROCKSDB_INCLUDE rocksdb/db.h)
find_library(WUZHA_ROCKSDB_LIB rocksdb)
if(WUZHA_ROCKSDB_INCLUDE AND WUZHA_ROCKSDB_LIB)
  target_compile_definitions(ledger_bench PRIVATE WUZHA_BENCH_ROCKSDB=1)
  target_include_directories(ledger_bench PRIVATE ${WUZHA_ROCKSDB_INCLUDE})
  target_link_libraries(ledger_bench PRIVATE ${WUZHA_ROCKSDB_LIB})
endif()
