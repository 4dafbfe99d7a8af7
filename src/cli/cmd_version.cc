#include <cstdio>

#include "cli/command.h"

#ifndef WUZHA_VERSION
#define WUZHA_VERSION "0.0.0"
#endif

namespace wuzha::cli {

void AddVersionCommand(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("version", "Print the version");
  auto json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *json, "Print as JSON");
  cmd->callback([json, &exit_code] {
    if (*json) {
      std::printf("{\"version\":\"%s\",\"compiler\":\"%s\"}\n", WUZHA_VERSION, __VERSION__);
    } else {
      std::printf("wuzha %s\n", WUZHA_VERSION);
    }
    exit_code = 0;
  });
}

}  // namespace wuzha::cli
