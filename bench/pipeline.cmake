# Pipeline throughput beside the same stage called in a plain loop.
wuzha_bench(NAME pipeline_bench SRCS pipeline_bench.cc DEPS wuzha::pipeline)
