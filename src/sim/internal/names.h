// Chinese personal names for synthetic residents and staff: a surname drawn by its
// frequency in the national household register, and a one- or two-character given name
// from lists that depend on sex and generation. Pure functions of the Rng's state.
#pragma once

#include <string>

#include "core/random.h"
#include "sim/city.h"

namespace wuzha::sim::internal {

// Appends a name such as "张伟", "王秀英" or "欧阳梓涵" to `out`. `age` picks the
// generation's naming fashion (秀英 and 建国 for the old, 梓涵 and 子轩 for the young).
void AppendChineseName(Rng& rng, Sex sex, int age, std::string& out);

}  // namespace wuzha::sim::internal
