// The stages `wuzha run` can chain, by name. Modules add theirs here as they land
// (intercept, risk, ledger ...); each stage is one instance per partition.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/stage.h"

namespace wuzha::cli {

struct StageInfo {
  std::string name;
  std::string help;
};

// Every stage name with a line of help, in the default chain order.
std::vector<StageInfo> AvailableStages();
// The default chain of `wuzha run`.
std::vector<std::string> DefaultStages();
// Factories for `names`, in order. kInvalidArgument names an unknown stage.
Result<std::vector<pipeline::StageFactory>> MakeStages(const std::vector<std::string>& names);

}  // namespace wuzha::cli
