// Which of a victim's transfers were the theft, from what a report (警情) says: the
// account the money left from, the loss, and when the loss began. The victim's outgoing
// transfers from the loss's start to the report are the candidates; the set whose amounts
// add up to the reported loss exactly is the theft (the fewest transfers, then the
// earliest, when several do). With no exact set, the candidates to payees the victim had
// never paid before the loss began are taken, in time order, up to the loss.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/timestamp.h"
#include "ledger/ledger.h"

namespace wuzha::trace {

std::vector<ledger::Row> StolenRowsForReport(const ledger::Ledger& ledger,
                                             std::string_view account, int64_t loss_fen,
                                             Timestamp loss_began, Timestamp reported);

}  // namespace wuzha::trace
