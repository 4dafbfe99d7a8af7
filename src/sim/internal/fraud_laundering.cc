// FraudModel: laundering through the mule layers to cash-out (fraud_impl.h).
#include "sim/internal/fraud_impl.h"

namespace wuzha::sim::internal {

uint32_t FraudModel::Impl::External(std::string_view kind, uint32_t n) {
  const std::string key = std::string(kind) + "/" + std::to_string(n);
  auto it = externals.find(key);
  if (it != externals.end()) return it->second;
  static constexpr std::string_view kBanks[] = {"ICBC", "CCB", "ABC", "BOC", "CMB"};
  std::string number = "62";
  const uint64_t h = Hash(options.seed, HashText(key));
  std::string digits = std::to_string(h % 100000000000000000ULL);
  number += std::string(17 - std::min<size_t>(17, digits.size()), '0') + digits;
  std::string name = kind == "otc"   ? "个人(USDT承兑商)"
                     : kind == "pay" ? "某某网络科技有限公司(支付通道)"
                                     : "某某金店";
  const uint32_t index = world.AddExternal(number, std::string(kBanks[h % 5]), name);
  externals[key] = index;
  return index;
}

void FraudModel::Impl::PlanForward(uint32_t g, uint32_t account, int layer, int64_t fen, int64_t ts,
                                   uint32_t victim, uint8_t cycles) {
  Gang& gang = gangs[g];
  Rng& r = gang.rng;
  if (fen <= 100) return;
  auto add = [&](uint32_t to, int64_t part, uint8_t to_layer, Channel ch, std::string_view memo,
                 int64_t delay) {
    const uint32_t job = static_cast<uint32_t>(jobs.size());
    jobs.push_back(Job{g, account, to, part, to_layer, 0, cycles, ch, memo, victim});
    Schedule(ts + delay, StepKind::kLaunder, job);
  };
  auto split = [&](int64_t total, int parts) {
    std::vector<int64_t> out;
    int64_t left = total;
    for (int i = parts; i > 1; --i) {
      const int64_t share = left / i;
      const int64_t piece =
          std::max<int64_t>(100, share * (80 + static_cast<int64_t>(r.Uniform(41))) / 100);
      out.push_back(std::min(piece, left));
      left -= out.back();
    }
    out.push_back(left);
    return out;
  };
  if (layer == 1 || layer == 2) {
    // Mules keep a commission; the rest moves on within minutes (layer 1) or hours.
    const int64_t keep = layer == 1 ? fen * kMuleCommissionPerMille / 1000 : 0;
    const int64_t move = fen - keep;
    const bool cycle = layer == 2 && cycles == 0 && r.Chance(0.1);
    const int next_layer = cycle ? 1 : layer + 1;
    int parts = static_cast<int>((move + kSplitBelowFen - 1) / kSplitBelowFen);
    if (layer == 1 && r.Chance(0.7)) parts = std::max(parts, static_cast<int>(r.Range(2, 4)));
    parts = std::max(parts, 1);
    const int64_t base = layer == 1 ? r.Range(kMin, 15 * kMin) : r.Range(10 * kMin, 3 * kHour);
    int i = 0;
    for (int64_t piece : split(move, parts)) {
      uint32_t to = AliveMule(gang, next_layer, ts);
      if (to == account) to = AliveMule(gang, next_layer, ts);
      if (to == kOutside || to == account) {
        CashOut(g, account, piece, ts + base, victim, cycles);
        continue;
      }
      add(to, piece, static_cast<uint8_t>(next_layer), Channel::kMobile, "",
          base + i++ * r.Range(kMin, 5 * kMin));
    }
    if (cycle) jobs.back().cycles = 1;
    return;
  }
  if (layer == 3) {
    // 20% to the financier, the rest cashed out.
    const int64_t to_boss = fen / 5;
    if (to_boss > 0)
      add(gang.financier_account, to_boss, 0, Channel::kMobile, "", r.Range(30 * kMin, 6 * kHour));
    CashOut(g, account, fen - to_boss, ts + r.Range(30 * kMin, 12 * kHour), victim, cycles);
    return;
  }
  // The financier converts to USDT a day or two later.
  CashOut(g, account, fen, ts + r.Range(1 * kDay, 2 * kDay), victim, cycles);
}

void FraudModel::Impl::CashOut(uint32_t g, uint32_t account, int64_t fen, int64_t at,
                               uint32_t victim, uint8_t cycles) {
  Gang& gang = gangs[g];
  Rng& r = gang.rng;
  int64_t left = fen;
  int i = 0;
  while (left > 0) {
    const double u = r.Unit();
    int64_t piece;
    uint32_t to;
    Channel ch;
    std::string_view memo;
    if (u < 0.2) {  // ATM, in notes of 100 yuan, at most 20,000 a time
      piece = std::min(left, kAtmMaxFen) / 10000 * 10000;
      if (piece == 0) piece = left;
      to = kOutside;
      ch = Channel::kAtm;
      memo = "取款";
    } else if (u < 0.6) {  // a payment platform's merchant channel (跑分)
      piece = std::min(left, r.Range(10000, 49999) * 100);
      to = External("pay", static_cast<uint32_t>(r.Uniform(20)));
      ch = Channel::kThirdParty;
      memo = "货款";
    } else if (u < 0.9) {  // USDT from an OTC trader
      piece = std::min(left, r.Range(10000, 49999) * 100);
      to = External("otc", static_cast<uint32_t>(r.Uniform(10)));
      ch = Channel::kMobile;
      memo = "USDT";
    } else {  // gold and goods
      piece = std::min(left, r.Range(5000, 40000) * 100);
      to = External("gold", static_cast<uint32_t>(r.Uniform(5)));
      ch = Channel::kPos;
      memo = "黄金";
    }
    if (left - piece < 100) piece = left;  // no dust left behind
    const uint32_t job = static_cast<uint32_t>(jobs.size());
    jobs.push_back(Job{g, account, to, piece, 4, 0, cycles, ch, memo, victim});
    Schedule(at + i++ * r.Range(2 * kMin, 20 * kMin), StepKind::kLaunder, job);
    left -= piece;
  }
}

void FraudModel::Impl::Launder(uint32_t id, int64_t ts, std::vector<Pending>& out) {
  const Job& j = jobs[id];
  Gang& gang = gangs[j.gang];
  Pending& p = NewEvent(out, ts, EventType::kTransfer, gang, "mule", j.victim);
  TransferEvent& tr = p.event.as<TransferEvent>();
  world.FillTransferParty(j.from, tr.from_account, tr.from_bank, tr.from_name);
  if (j.to != kOutside) world.FillTransferParty(j.to, tr.to_account, tr.to_bank, tr.to_name);
  tr.amount = Money::FromFen(j.fen);
  tr.channel = j.channel;
  tr.memo = std::string(j.memo);
  if (j.channel == Channel::kAtm) {
    const uint32_t outlet =
        j.from < city.accounts().size() ? city.accounts()[j.from].outlet : MuleOutlet(j.from);
    tr.outlet = city.OutletCode(outlet);
  } else {
    tr.device = GangDevice(gang);
    tr.ip = gang.ip;
  }
  p.from = j.from;
  p.to = j.to;
  p.step_fen = 1;
  p.hook = kHookJob;
  p.hook_step = id;
}

uint32_t FraudModel::Impl::MuleOutlet(uint32_t account) const {
  auto it = opened_outlet.find(account);
  return it == opened_outlet.end() ? 0 : it->second;
}

}  // namespace wuzha::sim::internal
