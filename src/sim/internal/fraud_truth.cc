// FraudModel: the ground truth of the gangs and their targets (fraud_impl.h); the money
// paths come from World's FIFO taint.
#include "sim/internal/fraud_impl.h"

namespace wuzha::sim::internal {

void FraudModel::Impl::FillTruth(Truth& truth) const {
  for (const Gang& gang : gangs) {
    GangTruth g;
    g.id = gang.id;
    g.den_community = city.org_units()[gang.den_community].code;
    g.den_cell = city.CellId(gang.den_cell);
    for (FraudType t : gang.types) g.fraud_types.emplace_back(FraudTypeName(t));
    g.members = gang.members;
    for (uint32_t s : gang.all_sims) g.numbers.push_back(world.PhoneNumber(sims[s].phone));
    g.domains = gang.all_domains;
    for (const FraudApp& a : gang.all_apps) g.apps.push_back(a.package);
    g.accounts = gang.mule_truth;
    for (uint32_t o : gang.outlets) g.outlets.push_back(city.OutletCode(o));
    truth.gangs.push_back(std::move(g));
  }
  std::vector<uint32_t> losers;
  for (const Target& t : targets) {
    VictimTruth v;
    v.person_id = city.PersonId(t.resident);
    v.name = city.ResidentName(t.resident);
    v.phone = city.PhoneNumber(t.phone);
    v.account = city.AccountNumber(t.account);
    v.community = city.org_units()[city.residents()[t.resident].community].code;
    v.gang = gangs[t.gang].id;
    v.campaign = t.campaign;
    v.fraud_type = std::string(FraudTypeName(t.type));
    v.first_contact = Timestamp::FromMillis(t.first_contact);
    v.first_loss = Timestamp::FromMillis(t.first_loss);
    v.visited = Timestamp::FromMillis(t.visited);
    v.reported = Timestamp::FromMillis(t.reported);
    v.loss_fen = t.loss;
    v.refund_fen = t.refund;
    v.transfers = t.transfers;
    v.stopped_transfers = t.stopped;
    v.dissuaded = t.dissuaded;
    truth.victims.push_back(std::move(v));
    if (t.loss > 0) losers.push_back(t.resident);
  }
  truth.money_paths = world.MoneyPaths(losers);
}

}  // namespace wuzha::sim::internal
