// THE table of configuration keys. Adding a key: give its field a default in config.h,
// add one Key<> entry here under its section, then regenerate docs/configuration.md with
// `WUZHA_UPDATE_DOCS=1 config_test` (config_test fails, printing the new text, until it
// is). A new section is one Section() row followed by its keys. Order here is the order
// of the default file and of the reference.
#include "config/internal/schema.h"

namespace wuzha::config::internal {

std::span<const KeySpec> ConfigKeys() {
  static const std::vector<KeySpec> kKeys = {
      Section("log", "Diagnostic messages, written to stderr."),
      Key<&Config::log, &LogConfig::level>("log.level",
                                           "Least severe message written; `off` writes none.",
                                           OneOf{"trace", "debug", "info", "warn", "error", "off"}),

      Section("ingest",
              "Reading event files (JSON Lines and CSV). A bad record is never dropped "
              "silently: it goes to the quarantine file with its reason and is counted."),
      Key<&Config::ingest, &IngestConfig::quarantine>(
          "ingest.quarantine",
          "File that receives every refused record, one JSON object per line naming the "
          "source file, line, field and reason, with the raw record (see docs/formats.md)."),
      Key<&Config::ingest, &IngestConfig::max_line_bytes>(
          "ingest.max_line_bytes",
          "Longest input line accepted, in bytes; a longer line is quarantined as too long.",
          Range{1024, 1073741824}),
      Key<&Config::ingest, &IngestConfig::csv_encoding>(
          "ingest.csv_encoding",
          "Character encoding of CSV files: `utf-8`, `gbk` (as many bank and carrier "
          "systems export), or `auto` to detect one of them from the start of each file. "
          "JSON Lines must be UTF-8.",
          OneOf{"auto", "utf-8", "gbk"}),
      Key<&Config::ingest, &IngestConfig::progress>(
          "ingest.progress",
          "Progress display on stderr while reading; `auto` shows it only when stderr is "
          "a terminal.",
          OneOf{"auto", "always", "never"}),

      Section("pipeline",
              "Event processing. Events are hashed by subject key (phone number, account) "
              "into partitions; each partition is processed by one worker thread in "
              "event-time order, so the output is the same for any thread count."),
      Key<&Config::pipeline, &PipelineConfig::threads>(
          "pipeline.threads",
          "Worker threads; 0 uses one per available core but one (the source and the sink "
          "need a core too), and at least one. At most `pipeline.partitions` are used; the "
          "output does not depend on it.",
          Range{0, 1024}),
      Key<&Config::pipeline, &PipelineConfig::partitions>(
          "pipeline.partitions",
          "Number of partitions. State is kept per partition, so this is fixed by "
          "configuration and never derived from `pipeline.threads`.",
          Range{1, 4096}),
      Key<&Config::pipeline, &PipelineConfig::watermark_ms>(
          "pipeline.watermark_ms",
          "Allowed lateness in milliseconds of event time: an event may lag the largest "
          "timestamp seen so far by this much and still be processed in order; a later "
          "one is counted as late and not processed. 604800000 is 7 days.",
          Range{0, 604800000}),
      Key<&Config::pipeline, &PipelineConfig::queue_capacity>(
          "pipeline.queue_capacity",
          "Capacity of each bounded queue between the reader, the workers and the writer; "
          "a full queue makes the producer wait (back-pressure), which bounds memory.",
          Range{16, 1048576}),

      Section("bench", "Workloads run by `wuzha bench`."),
      Key<&Config::bench, &BenchConfig::events>("bench.events", "Events generated per workload.",
                                                Range{1, 10000000000}),
      Key<&Config::bench, &BenchConfig::seed>(
          "bench.seed", "Seed of the event generator; the same seed gives the same events."),

      Section("intercept",
              "What the pipeline's `intercept` stage checks calls, SMS, web visits and app "
              "installs with, besides the lists (docs/intercept.md)."),
      Key<&Config::intercept, &InterceptConfig::classifier>(
          "intercept.classifier",
          "fastText SMS classifier saved by `wuzha eval text --save-model`. Empty: no "
          "classifier; SMS are judged by the lists, their links and keywords only."),
      Key<&Config::intercept, &InterceptConfig::phone_db>(
          "intercept.phone_db",
          "phone2region.zdb (carrier and home region of 号段) for the call.range rule. Empty: "
          "the rule is off."),
      Key<&Config::intercept, &InterceptConfig::tranco>(
          "intercept.tranco",
          "Tranco top-sites CSV whose domains join the protected brands of url.lookalike. "
          "Empty: the built-in Chinese brands only."),
      Section("lists",
              "The block, allow and protected-brand lists kept on disk and changed with "
              "`wuzha lists import` (see docs/operations.md)."),
      Key<&Config::lists, &ListsConfig::dir>(
          "lists.dir",
          "Directory of the lists: `entries.csv` (every entry) and `audit.jsonl` (the "
          "append-only log of who changed what). Created on the first import; "
          "`--lists-dir` overrides it."),
      Section("trace",
              "Fund tracing (资金溯源) and the stop-payment and freeze orders it leads to "
              "(docs/trace.md)."),
      Key<&Config::trace, &TraceConfig::policy>(
          "trace.policy",
          "Taint policy: `fifo` (oldest money leaves first), `lifo`, `pro_rata` (every "
          "holder pays its share) or `poison` (a tainted account is tainted whole).",
          OneOf{"fifo", "lifo", "pro_rata", "poison"}),
      Key<&Config::trace, &TraceConfig::stop_pay_hours>(
          "trace.stop_pay_hours",
          "Hours an executed emergency stop-payment (紧急止付) lasts before it lapses, unless "
          "a freeze replaces it.",
          Range{1, 720}),
      Key<&Config::trace, &TraceConfig::freeze_days>(
          "trace.freeze_days", "Days an executed freeze (冻结) lasts before it lapses.",
          Range{1, 3650}),
  };
  return kKeys;
}

}  // namespace wuzha::config::internal
