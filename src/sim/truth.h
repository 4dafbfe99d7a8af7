// Ground truth of a simulated run: the gangs with their members and indicators, the
// people they targeted with what each lost, and where every stolen fen went. Evaluation
// reads it; detectors never do. Written as truth/{gangs,victims,money_paths}.jsonl
// (docs/sim.md describes every field).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/timestamp.h"

namespace wuzha::sim {

struct GangMember {
  std::string role;       // "caller", "financier", "mule", "sim_holder"
  std::string person_id;  // 18 digits; callers are outsiders with a synthetic id
  std::string name;
};

struct MuleAccount {
  std::string account;
  int layer = 1;          // 1 receives from victims, 2 and 3 launder, 0 = financier
  std::string person_id;  // in whose name
  std::string outlet;     // where it was opened; empty when rented (an existing account)
};

struct GangTruth {
  std::string id;                        // "G01"
  std::string den_community;             // org unit code of the den's community
  std::string den_cell;                  // the cell its callers use
  std::vector<std::string> fraud_types;  // Chinese names, in the order the gang ran them
  std::vector<GangMember> members;
  std::vector<std::string> numbers;  // every SIM it used (E.164)
  std::vector<std::string> domains;
  std::vector<std::string> apps;  // package names
  std::vector<MuleAccount> accounts;
  std::vector<std::string> outlets;  // complicit outlets that opened its SIMs and cards
};

// A resident a gang worked on past the first contact (an engaged target), whether or
// not they lost money. Times are 0 when the thing did not happen.
struct VictimTruth {
  std::string person_id;
  std::string name;
  std::string phone;
  std::string account;    // the account money left from
  std::string community;  // org unit code
  std::string gang;
  std::string campaign;
  std::string fraud_type;  // Chinese name
  Timestamp first_contact;
  Timestamp first_loss;
  Timestamp visited;
  Timestamp reported;
  int64_t loss_fen = 0;       // money that left the victim's accounts for the gang
  int64_t refund_fen = 0;     // paid back by the gang (刷单 small tasks), not netted in loss
  int transfers = 0;          // victim → gang transfers that moved money
  int stopped_transfers = 0;  // held or blocked
  bool dissuaded = false;
};

struct MoneyHop {
  std::string event_id;
  Timestamp ts;
  std::string from;
  std::string to;  // empty when the money left the city's accounts
  int64_t fen = 0;
  std::string channel;  // the transfer's channel name
};

struct MoneyHolding {
  std::string account;
  int64_t fen = 0;
  bool frozen = false;  // frozen or stop-paid at the end of the run
};

// Where one victim's money went, by FIFO attribution of each account's balance.
struct MoneyPath {
  std::string victim;  // person id
  // Money that left the victim for the gang, less what the gang had paid the victim before
  // (刷单's tasks: that money keeps its first attribution). Equals the sum of holdings
  // and exits, fen for fen.
  int64_t stolen_fen = 0;
  std::vector<MoneyHop> hops;          // every move of this victim's money, in time order
  std::vector<MoneyHolding> holdings;  // where it is at the end (inside the city)
  std::vector<MoneyHop> exits;         // how it left (cash, third party, OTC, goods)
};

struct Truth {
  std::vector<GangTruth> gangs;
  std::vector<VictimTruth> victims;
  std::vector<MoneyPath> money_paths;
};

// Writes gangs.jsonl, victims.jsonl and money_paths.jsonl into `dir` (created if needed).
Status WriteTruth(const Truth& truth, const std::string& dir);

}  // namespace wuzha::sim
