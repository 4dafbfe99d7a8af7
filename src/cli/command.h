// Shared plumbing of the wuzha subcommands: global options, the effective
// configuration, and the registration functions each cmd_*.cc file provides.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "config/config.h"
#include "core/status.h"

namespace wuzha::cli {

struct GlobalOptions {
  std::string config_path;  // --config; empty = built-in defaults
  std::string log_level;    // --log-level; empty = from the configuration
};

// Loads --config (or the defaults) and applies --log-level. Errors name file and line.
Result<config::Config> LoadEffectiveConfig(const GlobalOptions& global);

// Prints "wuzha: <message>" to stderr; returns the exit code to use (2 = usage/config).
int ReportError(const Status& status, int exit_code = 2);

// Each registers one subcommand; the callback stores its exit code in `exit_code`.
void AddVersionCommand(CLI::App& app, int& exit_code);
void AddConfigCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);
void AddFormatsCommand(CLI::App& app, int& exit_code);
void AddIngestCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);
void AddRunCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);
void AddBenchCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);
void AddDemoCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);
void AddEvalCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);
// The subcommands of `wuzha eval` that live in their own files; AddEvalCommand calls them.
void AddEvalInterceptCommand(CLI::App& eval, int& exit_code);
void AddEvalUrlsCommand(CLI::App& eval, int& exit_code);
void AddEvalTraceCommand(CLI::App& eval, const GlobalOptions& global, int& exit_code);
void AddTraceCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);
// cmd_risk.cc: `wuzha train risk`, `wuzha eval risk`.
void AddTrainCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);
void AddEvalRiskCommand(CLI::App& eval, int& exit_code);
// cmd_gangs.cc: `wuzha eval gangs`. cmd_govern.cc: `wuzha govern`, `wuzha eval govern`.
void AddEvalGangsCommand(CLI::App& eval, int& exit_code);
void AddGovernCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);
void AddEvalGovernCommand(CLI::App& eval, int& exit_code);
void AddSimCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);
void AddListsCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);
void AddCheckCommand(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace wuzha::cli
