// FraudModel: the gangs of the simulated city and everything they do (docs/sim.md).
//
// Each gang has a den (a community whose cell its callers use), callers with SIM boxes
// fed from a SIM farm (SIMs opened at complicit carrier outlets in the names of
// recruited residents, many on virtual-operator ranges), mule bank cards in three
// layers (rented from residents or opened at complicit bank outlets), a financier,
// phishing domains and fraud apps. It runs one fraud type at a time (a campaign); cold
// calls, SMS blasts and ads reach residents, some engage, and an engaged target follows
// the type's script (follow-up calls and SMS, the lure link, the app, 刷单's paid-out
// tasks, then transfers) unless blocked, dissuaded or suspicious. Stolen money is
// laundered layer by layer to cash-out. Victims report hours to days later.
//
// The model is driven by World: Slice() emits the scripted events due in a slice and
// the contacts of the slice; OnOutcome() learns what happened to each (blocked, refused,
// how much money moved) and schedules what follows, always in a later slice, so that the
// order of delivery within a slice cannot change what is generated. Gangs learn of a
// block the way real ones do, from an attempt that fails (a call not connected, a link
// that does not open, an install refused), and rotate then. Deterministic.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/action.h"
#include "sim/internal/world.h"
#include "sim/truth.h"

namespace wuzha::sim::internal {

class FraudModel {
 public:
  explicit FraudModel(World& world);
  ~FraudModel();

  void Slice(int64_t start, int64_t len, std::vector<Pending>& out);
  void OnOutcome(const Pending& p, Outcome outcome);
  void EndSlice(int64_t next);

  // Appends the feedback event of the visit to `out`.
  void OnVisit(const Action& action, int64_t effect, std::vector<Pending>& out);
  // The feedback of a visit in a city without fraud: always a false alarm.
  static void NoFraudFeedback(World& world, const Action& action, int64_t effect,
                              std::vector<Pending>& out);

  void FillTruth(Truth& truth) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Normalized E.164 digits of an action's phone target, or the target as given.
std::string NormalizePhoneForAction(const std::string& target);

}  // namespace wuzha::sim::internal
