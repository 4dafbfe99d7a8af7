// wuzha govern, wuzha eval govern (being built: registers nothing yet).
#include "cli/command.h"

namespace wuzha::cli {

void AddGovernCommand(CLI::App&, const GlobalOptions&, int&) {}
void AddEvalGovernCommand(CLI::App&, int&) {}

}  // namespace wuzha::cli
