// The wuzha command: one binary, one subcommand per job (docs/cli.md).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <string_view>

#include "cli/command.h"

namespace wuzha::cli {

Result<config::Config> LoadEffectiveConfig(const GlobalOptions& global) {
  config::Config cfg;
  if (!global.config_path.empty()) {
    WUZHA_ASSIGN_OR_RETURN(cfg, config::LoadConfigFile(global.config_path));
  }
  if (!global.log_level.empty()) cfg.log.level = global.log_level;
  auto level = spdlog::level::from_str(cfg.log.level);
  if (level == spdlog::level::off && cfg.log.level != "off") {
    return InvalidArgumentError("--log-level must be one of trace, debug, info, warn, error, off");
  }
  spdlog::set_level(level);
  return cfg;
}

int ReportError(const Status& status, int exit_code) {
  std::fprintf(stderr, "wuzha: %s\n", std::string(status.message()).c_str());
  return exit_code;
}

}  // namespace wuzha::cli

int main(int argc, char** argv) {
  using namespace wuzha::cli;
#if defined(WUZHA_X86_64_V3)
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("bmi2") ||
      !__builtin_cpu_supports("pclmul")) {
    std::fprintf(stderr,
                 "wuzha: this build needs an x86-64-v3 CPU (AVX2, BMI2); rebuild with "
                 "-DWUZHA_X86_64_V3=OFF for older CPUs\n");
    return 2;
  }
#endif
  // Logs go to stderr so that stdout stays clean for --json and data.
  spdlog::set_default_logger(spdlog::stderr_color_mt("wuzha"));
  spdlog::set_pattern("%^%l%$ %v");

  CLI::App app{"wuzha (无诈): an anti-telecom-fraud platform. See docs/cli.md.", "wuzha"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every subcommand");
  GlobalOptions global;
  app.add_option("--config", global.config_path, "TOML configuration file (default: built-in)")
      ->check(CLI::ExistingFile);
  app.add_option("--log-level", global.log_level, "trace, debug, info, warn, error, off");

  int exit_code = 0;
  AddVersionCommand(app, exit_code);
  AddConfigCommand(app, global, exit_code);
  AddFormatsCommand(app, exit_code);
  AddIngestCommand(app, global, exit_code);
  AddRunCommand(app, global, exit_code);
  AddBenchCommand(app, global, exit_code);
  AddDemoCommand(app, global, exit_code);
  AddSimCommand(app, global, exit_code);
  AddEvalCommand(app, global, exit_code);
  AddListsCommand(app, global, exit_code);
  AddCheckCommand(app, global, exit_code);
  AddTraceCommand(app, global, exit_code);
  AddTrainCommand(app, global, exit_code);
  AddGovernCommand(app, global, exit_code);
  // CLI11 prints the main help for "wuzha nosuch --help" (or "wuzha eval nosuch --help")
  // and exits 0; a command that does not exist must fail, so that scripts can tell what
  // this build has. Walks the command words down the tree of subcommands.
  const CLI::App* level = &app;
  std::string path = "wuzha";
  for (int i = 1; i < argc && !level->get_subcommands({}).empty(); ++i) {
    std::string_view arg = argv[i];
    if (level == &app && (arg == "--config" || arg == "--log-level")) {
      ++i;  // skip the option's value
      continue;
    }
    if (arg.starts_with("-")) continue;
    const CLI::App* next = nullptr;
    for (const CLI::App* sub : level->get_subcommands({}))
      if (sub->get_name() == arg) next = sub;
    if (next == nullptr) {
      std::fprintf(stderr, "wuzha: unknown command '%s' (see %s --help)\n", argv[i], path.c_str());
      return 2;
    }
    path += " " + std::string(arg);
    level = next;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
