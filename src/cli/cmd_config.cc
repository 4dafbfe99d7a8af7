#include <cstdio>

#include "cli/command.h"

namespace wuzha::cli {

void AddConfigCommand(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto* cmd = app.add_subcommand("config", "Print or check the configuration (docs/configuration.md)");
  cmd->require_subcommand(1);

  cmd->add_subcommand("defaults", "Print a complete configuration file with every default")
      ->callback([&exit_code] {
        std::fputs(config::DefaultConfigToml().c_str(), stdout);
        exit_code = 0;
      });

  auto* check = cmd->add_subcommand("check", "Check a configuration file; errors name key and line");
  auto check_path = std::make_shared<std::string>();
  check->add_option("FILE", *check_path, "the TOML file")->required();
  check->callback([check_path, &exit_code] {
    auto cfg = config::LoadConfigFile(*check_path);
    if (!cfg.ok()) {
      exit_code = ReportError(cfg.error(), 1);
      return;
    }
    std::printf("%s: ok\n", check_path->c_str());
    exit_code = 0;
  });

  cmd->add_subcommand("show", "Print the effective configuration (--config applied)")
      ->callback([&global, &exit_code] {
        auto cfg = LoadEffectiveConfig(global);
        if (!cfg.ok()) {
          exit_code = ReportError(cfg.error());
          return;
        }
        std::fputs(config::ConfigToToml(*cfg).c_str(), stdout);
        exit_code = 0;
      });
}

}  // namespace wuzha::cli
