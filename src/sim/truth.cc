#include "sim/truth.h"

#include <filesystem>

#include "formats/jsonl.h"
#include "sim/output.h"

namespace wuzha::sim {
namespace {

// Minimal JSON building: a key is preceded by a comma unless it opens its object.
void Key(std::string& out, std::string_view key) {
  if (out.back() != '{') out += ',';
  out += '"';
  out += key;
  out += "\":";
}
void Str(std::string& out, std::string_view key, std::string_view value) {
  Key(out, key);
  formats::AppendJsonString(value, out);
}
void Int(std::string& out, std::string_view key, int64_t value) {
  Key(out, key);
  out += std::to_string(value);
}
void Time(std::string& out, std::string_view key, Timestamp value) {
  Int(out, key, value.millis());
}
void Bool(std::string& out, std::string_view key, bool value) {
  Key(out, key);
  out += value ? "true" : "false";
}
void Strings(std::string& out, std::string_view key, const std::vector<std::string>& values) {
  Key(out, key);
  out += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    formats::AppendJsonString(values[i], out);
  }
  out += ']';
}
// An array of objects, each written by `fields(out, element)` between its braces.
template <typename T, typename Fields>
void Objects(std::string& out, std::string_view key, const std::vector<T>& values, Fields fields) {
  Key(out, key);
  out += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '{';
    fields(out, values[i]);
    out += '}';
  }
  out += ']';
}

void AppendGang(const GangTruth& g, std::string& out) {
  out += '{';
  Str(out, "id", g.id);
  Str(out, "den_community", g.den_community);
  Str(out, "den_cell", g.den_cell);
  Strings(out, "fraud_types", g.fraud_types);
  Objects(out, "members", g.members, [](std::string& o, const GangMember& m) {
    Str(o, "role", m.role);
    Str(o, "person_id", m.person_id);
    Str(o, "name", m.name);
  });
  Strings(out, "numbers", g.numbers);
  Strings(out, "domains", g.domains);
  Strings(out, "apps", g.apps);
  Objects(out, "accounts", g.accounts, [](std::string& o, const MuleAccount& a) {
    Str(o, "account", a.account);
    Int(o, "layer", a.layer);
    Str(o, "person_id", a.person_id);
    Str(o, "outlet", a.outlet);
  });
  Strings(out, "outlets", g.outlets);
  out += '}';
}

void AppendVictim(const VictimTruth& v, std::string& out) {
  out += '{';
  Str(out, "person_id", v.person_id);
  Str(out, "name", v.name);
  Str(out, "phone", v.phone);
  Str(out, "account", v.account);
  Str(out, "community", v.community);
  Str(out, "gang", v.gang);
  Str(out, "campaign", v.campaign);
  Str(out, "fraud_type", v.fraud_type);
  Time(out, "first_contact", v.first_contact);
  Time(out, "first_loss", v.first_loss);
  Time(out, "visited", v.visited);
  Time(out, "reported", v.reported);
  Int(out, "loss_fen", v.loss_fen);
  Int(out, "refund_fen", v.refund_fen);
  Int(out, "transfers", v.transfers);
  Int(out, "stopped_transfers", v.stopped_transfers);
  Bool(out, "dissuaded", v.dissuaded);
  out += '}';
}

void HopFields(std::string& out, const MoneyHop& h) {
  Str(out, "event_id", h.event_id);
  Time(out, "ts", h.ts);
  Str(out, "from", h.from);
  Str(out, "to", h.to);
  Int(out, "fen", h.fen);
  Str(out, "channel", h.channel);
}

void AppendMoneyPath(const MoneyPath& p, std::string& out) {
  out += '{';
  Str(out, "victim", p.victim);
  Int(out, "stolen_fen", p.stolen_fen);
  Objects(out, "hops", p.hops, HopFields);
  Objects(out, "holdings", p.holdings, [](std::string& o, const MoneyHolding& h) {
    Str(o, "account", h.account);
    Int(o, "fen", h.fen);
    Bool(o, "frozen", h.frozen);
  });
  Objects(out, "exits", p.exits, HopFields);
  out += '}';
}

template <typename T, typename Append>
Status WriteLines(const std::string& path, const std::vector<T>& records, Append append) {
  BufferedFile file;
  WUZHA_RETURN_IF_ERROR(file.Open(path));
  for (const T& record : records) {
    append(record, file.buffer());
    file.buffer().push_back('\n');
    WUZHA_RETURN_IF_ERROR(file.Flush(false));
  }
  return file.Close();
}

}  // namespace

Status WriteTruth(const Truth& truth, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create directory " + dir + ": " + ec.message());
  WUZHA_RETURN_IF_ERROR(WriteLines(dir + "/gangs.jsonl", truth.gangs, AppendGang));
  WUZHA_RETURN_IF_ERROR(WriteLines(dir + "/victims.jsonl", truth.victims, AppendVictim));
  return WriteLines(dir + "/money_paths.jsonl", truth.money_paths, AppendMoneyPath);
}

}  // namespace wuzha::sim
