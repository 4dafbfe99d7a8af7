// wuzha eval gangs (being built: registers nothing yet).
#include "cli/command.h"

namespace wuzha::cli {

void AddEvalGangsCommand(CLI::App&, int&) {}

}  // namespace wuzha::cli
