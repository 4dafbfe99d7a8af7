#include <map>
#include <tuple>

#include <fmt/format.h>

#include "formats/jsonl.h"
#include "trace/trace.h"

namespace wuzha::trace {

namespace {

void Key(std::string_view k, std::string& out) {
  formats::AppendJsonString(k, out);
  out += ':';
}

void Str(std::string_view k, std::string_view v, std::string& out) {
  Key(k, out);
  formats::AppendJsonString(v, out);
  out += ',';
}

void Int(std::string_view k, int64_t v, std::string& out) {
  Key(k, out);
  out += std::to_string(v);
  out += ',';
}

void CloseObject(std::string& out) {
  if (out.back() == ',') out.pop_back();
  out += '}';
}

std::string AccountNode(const ledger::Ledger& ledger, ledger::AccountId id) {
  return "a:" + std::string(ledger.AccountNumber(id));
}

}  // namespace

std::string ReportJson(const ledger::Ledger& ledger, const Tracer& tracer,
                       const TraceReport& rep) {
  std::string out = "{";
  Str("policy", PolicyName(rep.policy), out);
  Int("as_of", rep.as_of.millis(), out);
  Key("conserved", out);
  out += rep.conserved ? "true," : "false,";
  int64_t stolen = 0, disputed = 0, held = 0, exited = 0, absorbed = 0;
  for (const auto& v : rep.victims) {
    stolen += v.stolen_fen;
    disputed += v.disputed_fen;
    held += v.held_fen;
    exited += v.exited_fen;
    absorbed += v.absorbed_fen;
  }
  Key("total", out);
  out += '{';
  Int("stolen_fen", stolen, out);
  Int("disputed_fen", disputed, out);
  Int("absorbed_fen", absorbed, out);
  Int("unattributed_fen", rep.unattributed_fen, out);
  Int("held_fen", held, out);
  Int("exited_fen", exited, out);
  CloseObject(out);
  out += ',';

  Key("victims", out);
  out += '[';
  for (const auto& v : rep.victims) {
    out += '{';
    Str("id", v.id, out);
    Int("stolen_fen", v.stolen_fen, out);
    Int("disputed_fen", v.disputed_fen, out);
    Int("absorbed_fen", v.absorbed_fen, out);
    Int("held_fen", v.held_fen, out);
    Int("exited_fen", v.exited_fen, out);
    CloseObject(out);
    out += ',';
  }
  if (out.back() == ',') out.pop_back();
  out += "],";

  Key("holdings", out);
  out += '[';
  for (const auto& h : rep.holdings) {
    out += '{';
    Str("victim", rep.victims[h.victim].id, out);
    Str("account", ledger.AccountNumber(h.account), out);
    Int("fen", h.fen, out);
    Int("since", h.since.millis(), out);
    Int("layer", h.layer, out);
    Key("no_outgoing_data", out);
    out += h.no_outgoing_data ? "true," : "false,";
    Key("disputed", out);
    out += h.disputed ? "true," : "false,";
    Key("path", out);
    out += '[';
    for (const Hop& hop : tracer.PathTo(h.victim, h.account)) {
      formats::AppendJsonString(ledger.TransactionId(hop.row), out);
      out += ',';
    }
    if (out.back() == ',') out.pop_back();
    out += "],";
    CloseObject(out);
    out += ',';
  }
  if (out.back() == ',') out.pop_back();
  out += "],";

  Key("exits", out);
  out += '[';
  for (const auto& e : rep.exits) {
    out += '{';
    Str("victim", rep.victims[e.victim].id, out);
    Str("from", ledger.AccountNumber(e.from), out);
    Str("kind", ledger::FlowKindName(e.kind), out);
    Int("fen", e.fen, out);
    Int("ts", e.ts.millis(), out);
    Int("layer", e.layer, out);
    Key("disputed", out);
    out += e.disputed ? "true," : "false,";
    Str("transaction", ledger.TransactionId(e.row), out);
    CloseObject(out);
    out += ',';
  }
  if (out.back() == ',') out.pop_back();
  out += "],";

  Key("stop_pay", out);
  out += '[';
  for (const auto& c : rep.stop_pay) {
    out += '{';
    Str("account", ledger.AccountNumber(c.account), out);
    Int("recoverable_fen", c.recoverable_fen, out);
    Int("since", c.since.millis(), out);
    Int("layer", c.layer, out);
    Int("expected_dwell_ms", c.expected_dwell_ms, out);
    Int("expected_left_ms", c.expected_left_ms, out);
    Key("priority", out);
    out += fmt::format("{:.2f},", c.priority);
    CloseObject(out);
    out += ',';
  }
  if (out.back() == ',') out.pop_back();
  out += "],";

  // The graph: victims → their accounts → mules → exits, edges per (from, to, victim).
  Key("graph", out);
  out += "{\"nodes\":[";
  std::map<std::string, std::string> nodes;  // id → JSON object
  for (size_t v = 0; v < rep.victims.size(); ++v) {
    std::string n = "{";
    Str("id", "v:" + rep.victims[v].id, n);
    Str("type", "victim", n);
    Int("stolen_fen", rep.victims[v].stolen_fen, n);
    CloseObject(n);
    nodes["v:" + rep.victims[v].id] = n;
  }
  std::map<ledger::AccountId, int64_t> held_in;
  std::map<ledger::AccountId, int> layer_of;
  for (const auto& h : rep.holdings) {
    held_in[h.account] += h.fen;
    layer_of[h.account] = h.layer;
  }
  struct Edge {
    int64_t fen = 0;
    std::vector<std::string> transactions;
  };
  std::map<std::tuple<std::string, std::string, uint32_t>, Edge> edges;
  for (const Hop& hop : tracer.hops()) {
    const std::string from = AccountNode(ledger, hop.from);
    std::string to;
    if (hop.to == ledger::kNoAccount) {
      to = "x:" + std::string(ledger::FlowKindName(ledger.kind(hop.row)));
      if (!nodes.count(to)) {
        std::string n = "{";
        Str("id", to, n);
        Str("type", "exit", n);
        CloseObject(n);
        nodes[to] = n;
      }
    } else {
      to = AccountNode(ledger, hop.to);
    }
    for (const auto& [id, acc] : {std::pair{from, hop.from}, std::pair{to, hop.to}}) {
      if (acc == ledger::kNoAccount || nodes.count(id)) continue;
      std::string n = "{";
      Str("id", id, n);
      Str("type", "account", n);
      Str("account", ledger.AccountNumber(acc), n);
      Int("held_fen", held_in.count(acc) ? held_in[acc] : 0, n);
      if (layer_of.count(acc)) Int("layer", layer_of[acc], n);
      CloseObject(n);
      nodes[id] = n;
    }
    Edge& e = edges[{from, to, hop.victim}];
    e.fen += hop.fen;
    e.transactions.push_back(ledger.TransactionId(hop.row));
  }
  for (const auto& [id, n] : nodes) out += n + ",";
  if (out.back() == ',') out.pop_back();
  out += "],\"edges\":[";
  for (const auto& [k, e] : edges) {
    out += '{';
    Str("from", std::get<0>(k), out);
    Str("to", std::get<1>(k), out);
    Str("victim", rep.victims[std::get<2>(k)].id, out);
    Int("fen", e.fen, out);
    Key("transactions", out);
    out += '[';
    for (const auto& t : e.transactions) {
      formats::AppendJsonString(t, out);
      out += ',';
    }
    if (out.back() == ',') out.pop_back();
    out += "],";
    CloseObject(out);
    out += ',';
  }
  if (out.back() == ',') out.pop_back();
  out += "]}}";
  return out;
}

}  // namespace wuzha::trace
