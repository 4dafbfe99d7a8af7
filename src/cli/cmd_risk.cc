// wuzha train risk, wuzha eval risk (being built: registers nothing yet).
#include "cli/command.h"

namespace wuzha::cli {

void AddTrainCommand(CLI::App&, const GlobalOptions&, int&) {}
void AddEvalRiskCommand(CLI::App&, int&) {}

}  // namespace wuzha::cli
