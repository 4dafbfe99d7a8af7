wuzha_bench(NAME formats_bench SRCS formats_bench.cc
  DEPS wuzha::formats wuzha::sim nlohmann_json::nlohmann_json)
