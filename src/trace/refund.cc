#include "trace/refund.h"

#include <algorithm>
#include <map>
#include <set>

#include "formats/jsonl.h"
#include "trace/internal/pool.h"

namespace wuzha::trace {

std::string_view RefundBasisName(RefundBasis basis) {
  return basis == RefundBasis::kTaintShare ? "taint_share" : "pro_rata_fallback";
}

namespace {

// Gives `available` to `who` by `weights`, never beyond each one's `room` (what the victim
// still lacks); what a capped victim cannot take is split again among the others. Returns
// the shares; the rest is what nobody could take.
std::vector<int64_t> Give(int64_t available, std::vector<int64_t> weights,
                          std::vector<int64_t> room) {
  std::vector<int64_t> given(weights.size(), 0), shares;
  while (available > 0) {
    for (size_t i = 0; i < weights.size(); ++i) {
      if (room[i] <= 0) weights[i] = 0;
    }
    if (std::all_of(weights.begin(), weights.end(), [](int64_t w) { return w <= 0; })) break;
    internal::SplitByLargestRemainder(available, weights, shares);
    int64_t handed = 0;
    for (size_t i = 0; i < shares.size(); ++i) {
      const int64_t take = std::min(shares[i], room[i]);
      given[i] += take;
      room[i] -= take;
      handed += take;
    }
    available -= handed;
    if (handed == 0) break;
    // The second round splits by what each still lacks.
    weights = room;
  }
  return given;
}

}  // namespace

RefundPlan AllocateRefunds(const Tracer& tracer, const TraceReport& report,
                           std::span<const FrozenBalance> frozen,
                           std::span<const int64_t> losses) {
  RefundPlan plan;
  const size_t nv = report.victims.size();
  plan.per_victim.assign(nv, 0);
  std::vector<int64_t> lack(nv, 0);
  for (size_t v = 0; v < nv && v < losses.size(); ++v) lack[v] = std::max<int64_t>(0, losses[v]);

  std::map<ledger::AccountId, std::map<uint32_t, int64_t>> claims;
  // Disputed money (paid out of the gang's paybacks) waits for review: it claims nothing.
  for (const Holding& h : report.holdings) {
    if (!h.disputed) claims[h.account][h.victim] += h.fen;
  }
  std::set<ledger::AccountId> reached;  // accounts any victim's money went through
  for (const Hop& hop : tracer.hops()) {
    if (hop.to != ledger::kNoAccount) reached.insert(hop.to);
  }

  std::vector<FrozenBalance> sorted(frozen.begin(), frozen.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const FrozenBalance& a, const FrozenBalance& b) { return a.account < b.account; });
  for (const FrozenBalance& f : sorted) {
    if (f.fen <= 0) continue;
    plan.frozen_fen += f.fen;
    std::vector<uint32_t> who;
    std::vector<int64_t> weights, room, claim;
    RefundBasis basis = RefundBasis::kTaintShare;
    int64_t available = f.fen;
    auto c = claims.find(f.account);
    if (c != claims.end()) {
      int64_t total_claim = 0;
      for (const auto& [v, fen] : c->second) {
        who.push_back(v);
        weights.push_back(fen);
        claim.push_back(fen);
        total_claim += fen;
      }
      // The account's own money beyond the claims stays with its holder.
      available = std::min(available, total_claim);
    } else if (!reached.count(f.account)) {
      // Frozen on other evidence, beyond what the trace reached: 按比例发还, every victim
      // of the case in proportion to what they still lack.
      basis = RefundBasis::kProRataFallback;
      for (uint32_t v = 0; v < nv; ++v) {
        if (lack[v] <= 0) continue;
        who.push_back(v);
        weights.push_back(lack[v]);
        claim.push_back(0);
      }
    }
    // An account the money went through but left holds its owner's money (or, disputed,
    // waits for review): nothing to allocate.
    for (uint32_t v : who) room.push_back(lack[v]);
    // Never more than a claim under the taint share: the cap is the smaller of the two.
    if (basis == RefundBasis::kTaintShare) {
      for (size_t i = 0; i < who.size(); ++i) room[i] = std::min(room[i], claim[i]);
    }
    const auto given = who.empty() ? std::vector<int64_t>{} : Give(available, weights, room);
    int64_t handed = 0;
    for (size_t i = 0; i < who.size(); ++i) {
      if (given[i] <= 0) continue;
      RefundLine line;
      line.victim = who[i];
      line.account = f.account;
      line.fen = given[i];
      line.claim_fen = claim[i];
      line.basis = basis;
      for (const Hop& hop : tracer.PathTo(who[i], f.account)) line.path.push_back(hop.row);
      lack[who[i]] -= given[i];
      plan.per_victim[who[i]] += given[i];
      handed += given[i];
      plan.lines.push_back(std::move(line));
    }
    plan.allocated_fen += handed;
    plan.unallocated_fen += f.fen - handed;
  }
  plan.conserved = plan.allocated_fen + plan.unallocated_fen == plan.frozen_fen;
  plan.within_losses = true;
  for (size_t v = 0; v < nv; ++v) {
    const int64_t loss = v < losses.size() ? losses[v] : 0;
    if (plan.per_victim[v] > loss) plan.within_losses = false;
  }
  return plan;
}

namespace {

std::string PathText(const ledger::Ledger& ledger, const RefundLine& line) {
  std::string s;
  for (ledger::Row r : line.path) {
    if (!s.empty()) s += '>';
    s += ledger.TransactionId(r);
  }
  return s;
}

}  // namespace

std::string RefundPlanCsv(const ledger::Ledger& ledger, const TraceReport& report,
                          const RefundPlan& plan) {
  std::string out = "victim,account,fen,claim_fen,basis,path\n";
  for (const RefundLine& l : plan.lines) {
    out += report.victims[l.victim].id + "," + std::string(ledger.AccountNumber(l.account)) +
           "," + std::to_string(l.fen) + "," + std::to_string(l.claim_fen) + "," +
           std::string(RefundBasisName(l.basis)) + "," + PathText(ledger, l) + "\n";
  }
  return out;
}

std::string RefundPlanJson(const ledger::Ledger& ledger, const TraceReport& report,
                           const RefundPlan& plan) {
  std::string out = "{\"frozen_fen\":" + std::to_string(plan.frozen_fen) +
                    ",\"allocated_fen\":" + std::to_string(plan.allocated_fen) +
                    ",\"unallocated_fen\":" + std::to_string(plan.unallocated_fen) +
                    ",\"conserved\":" + (plan.conserved ? "true" : "false") +
                    ",\"within_losses\":" + (plan.within_losses ? "true" : "false") +
                    ",\"victims\":[";
  for (size_t v = 0; v < plan.per_victim.size(); ++v) {
    if (v) out += ',';
    out += "{\"id\":";
    formats::AppendJsonString(report.victims[v].id, out);
    out += ",\"refund_fen\":" + std::to_string(plan.per_victim[v]) + "}";
  }
  out += "],\"lines\":[";
  for (size_t i = 0; i < plan.lines.size(); ++i) {
    const RefundLine& l = plan.lines[i];
    if (i) out += ',';
    out += "{\"victim\":";
    formats::AppendJsonString(report.victims[l.victim].id, out);
    out += ",\"account\":";
    formats::AppendJsonString(ledger.AccountNumber(l.account), out);
    out += ",\"fen\":" + std::to_string(l.fen) + ",\"claim_fen\":" + std::to_string(l.claim_fen) +
           ",\"basis\":\"" + std::string(RefundBasisName(l.basis)) + "\",\"path\":[";
    for (size_t k = 0; k < l.path.size(); ++k) {
      if (k) out += ',';
      formats::AppendJsonString(ledger.TransactionId(l.path[k]), out);
    }
    out += "]}";
  }
  out += "]}";
  return out;
}

}  // namespace wuzha::trace
