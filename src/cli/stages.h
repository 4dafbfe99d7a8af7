// The stages `wuzha run` can chain, by name. Modules add theirs here as they land
// (intercept, risk, ledger ...); each stage is one instance per partition.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
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
// Factories for `names`, in order. kInvalidArgument names an unknown stage. The
// intercept stage reads the lists in cfg.lists.dir (missing = no lists) and the
// resources of [intercept]; a resource that fails to load is an error here.
Result<std::vector<pipeline::StageFactory>> MakeStages(const std::vector<std::string>& names,
                                                       const config::Config& cfg = {});

}  // namespace wuzha::cli
