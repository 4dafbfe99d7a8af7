// Decoding of the ledger log (ledger_file.h, docs/ledger.md) and the bulk rebuild of the
// row lists from the columns. Every count and length read from the file is checked
// against the bytes that are there before anything is allocated or read.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ledger/internal/crc32c.h"
#include "ledger/internal/ledger_impl.h"
#include "ledger/internal/log_format.h"
#include "ledger/ledger_file.h"

namespace wuzha::ledger {
namespace internal {

std::string FileHeader() {
  std::string h(kFileMagic, sizeof kFileMagic);
  PutLe<uint32_t>(h, kFileVersion);
  PutLe<uint32_t>(h, Crc32c(0, h.data(), h.size()));
  return h;
}

namespace {

using Impl = LedgerAccess::Impl;

struct BlockHeader {
  uint32_t payload, first_row, rows, first_account, accounts, anchors;
};

// The header of the block at `off` when it is whole and its CRC matches; nullopt for a
// block cut short or damaged.
std::optional<BlockHeader> ReadBlock(std::string_view bytes, size_t off) {
  if (bytes.size() - off < kBlockHeaderBytes) return std::nullopt;
  const char* p = bytes.data() + off;
  if (std::memcmp(p, kBlockMagic, sizeof kBlockMagic) != 0) return std::nullopt;
  BlockHeader h{GetLe<uint32_t>(p + 4),  GetLe<uint32_t>(p + 8),  GetLe<uint32_t>(p + 12),
                GetLe<uint32_t>(p + 16), GetLe<uint32_t>(p + 20), GetLe<uint32_t>(p + 24)};
  if (bytes.size() - off - kBlockHeaderBytes < h.payload) return std::nullopt;
  uint32_t crc = Crc32c(0, p, kBlockCrcOffset);
  crc = Crc32c(crc, p + kBlockHeaderBytes, h.payload);
  if (crc != GetLe<uint32_t>(p + kBlockCrcOffset)) return std::nullopt;
  return h;
}

// Reads the payload of a block whose CRC matched. Anything inconsistent is damage the
// CRC did not catch, or a writer bug: kDataLoss.
class BlockDecoder {
 public:
  BlockDecoder(Impl& m, std::string_view payload, std::string where, uint32_t& empty_account)
      : m_(m), p_(payload), where_(std::move(where)), empty_account_(empty_account) {}

  Status Decode(const BlockHeader& h) {
    if (h.first_row != m_.rows || h.first_account != m_.accounts.size()) {
      return Bad("starts at row " + std::to_string(h.first_row) + ", account " +
                 std::to_string(h.first_account) + " where " + std::to_string(m_.rows) +
                 " rows and " + std::to_string(m_.accounts.size()) + " accounts were read");
    }
    WUZHA_RETURN_IF_ERROR(Accounts(h.accounts));
    WUZHA_RETURN_IF_ERROR(Rows(h.rows));
    WUZHA_RETURN_IF_ERROR(Anchors(h.anchors));
    if (pos_ != p_.size())
      return Bad("has " + std::to_string(p_.size() - pos_) + " bytes left over");
    return Status::Ok();
  }

 private:
  Status Bad(const std::string& what) const { return DataLossError(where_ + " " + what); }
  bool Has(uint64_t n) const { return p_.size() - pos_ >= n; }
  // A u8-length-prefixed string, or false when the payload ends first.
  bool Text(std::string_view& out) {
    if (!Has(1)) return false;
    const size_t len = static_cast<uint8_t>(p_[pos_]);
    if (!Has(1 + len)) return false;
    out = p_.substr(pos_ + 1, len);
    pos_ += 1 + len;
    return true;
  }

  Status Accounts(uint32_t n) {
    for (uint32_t i = 0; i < n; ++i) {
      std::string_view key;
      if (!Text(key)) return Bad("ends inside its accounts");
      const size_t before = m_.accounts.size();
      const uint32_t id = m_.accounts.Intern(key, internal::AccountTable::Pack(key)).id;
      if (m_.accounts.size() == before) return Bad("repeats account '" + std::string(key) + "'");
      if (key.empty()) empty_account_ = id;
    }
    return Status::Ok();
  }

  Status Rows(uint32_t n) {
    if (!Has(uint64_t{n} * kFixedRowBytes)) return Bad("ends inside its columns");
    const char* ts = p_.data() + pos_;
    const char* fen = ts + 8 * size_t{n};
    const char* from = fen + 8 * size_t{n};
    const char* to = from + 4 * size_t{n};
    const char* flags = to + 4 * size_t{n};
    pos_ += n * kFixedRowBytes;
    const uint32_t accounts = static_cast<uint32_t>(m_.accounts.size());
    for (uint32_t i = 0; i < n; ++i) {
      auto row = [this] { return "row " + std::to_string(m_.rows); };
      std::string_view id;
      if (!Text(id)) return Bad("ends inside its transaction ids");
      const int64_t t = GetLe<int64_t>(ts + 8 * size_t{i});
      const int64_t f = GetLe<int64_t>(fen + 8 * size_t{i});
      const uint32_t a = GetLe<uint32_t>(from + 4 * size_t{i});
      const uint32_t b = GetLe<uint32_t>(to + 4 * size_t{i});
      const uint8_t fl = static_cast<uint8_t>(flags[i]);
      if (f <= 0) return Bad(row() + ": amount " + std::to_string(f) + " fen is not positive");
      if (a >= accounts || a == empty_account_) return Bad(row() + ": bad payer account");
      if (b != kNoAccount && b >= accounts) return Bad(row() + ": bad payee account");
      if ((fl & 15) > static_cast<uint8_t>(Channel::kThirdParty) || (fl >> 4) >= kFlowKindCount) {
        return Bad(row() + ": bad channel or flow kind");
      }
      if (!m_.ids.Add(m_.ids.Parse(id))) {
        return Bad(row() + ": repeats transaction id '" + std::string(id) + "'");
      }
      m_.PushRow(t, f, a, b, fl);
      m_.max_ts = std::max(m_.max_ts, t);
      ++m_.version;
    }
    return Status::Ok();
  }

  Status Anchors(uint32_t n) {
    if (!Has(uint64_t{n} * kAnchorBytes)) return Bad("ends inside its anchors");
    for (uint32_t i = 0; i < n; ++i, pos_ += kAnchorBytes) {
      const char* q = p_.data() + pos_;
      const uint32_t account = GetLe<uint32_t>(q);
      if (account >= m_.accounts.size()) return Bad("anchors an unknown account");
      m_.anchors[account] =
          BalanceAnchor{Timestamp::FromMillis(GetLe<int64_t>(q + 4)), GetLe<int64_t>(q + 12)};
      ++m_.version;
    }
    return Status::Ok();
  }

  Impl& m_;
  std::string_view p_;
  std::string where_;
  size_t pos_ = 0;
  // The account whose number is empty, which no row may pay from; kNoAccount if none.
  uint32_t& empty_account_;
};

// The first offset after `from` where a whole block with a matching CRC starts, or npos.
size_t NextValidBlock(std::string_view bytes, size_t from) {
  const std::string_view magic(kBlockMagic, sizeof kBlockMagic);
  for (size_t at = bytes.find(magic, from); at != std::string_view::npos;
       at = bytes.find(magic, at + 1)) {
    if (ReadBlock(bytes, at)) return at;
  }
  return std::string_view::npos;
}

}  // namespace

// Builds every account's lists from the columns: a counting sort by account (rows come
// out in row order), then a sort by ts of the few accounts that hold a late row.
// REQUIRES: every list is empty.
void BuildLists(Impl& m) {
  const size_t accounts = m.accounts.size();
  std::vector<uint32_t> out_at(accounts + 1, 0), in_at(accounts + 1, 0);
  std::vector<uint8_t> unsorted(accounts, 0);
  for (Row r = 0; r < m.rows; ++r) {
    ++out_at[m.From(r) + 1];
    if (m.To(r) != kNoAccount) ++in_at[m.To(r) + 1];
  }
  for (size_t a = 0; a < accounts; ++a) {
    out_at[a + 1] += out_at[a];
    in_at[a + 1] += in_at[a];
  }
  std::vector<Row> out(out_at[accounts]), in(in_at[accounts]);
  int64_t max_ts = INT64_MIN;
  for (Row r = 0; r < m.rows; ++r) {
    const int64_t ts = m.Ts(r);
    // A row before the latest ts so far may be out of order in its accounts' lists.
    const bool late = ts < max_ts;
    max_ts = std::max(max_ts, ts);
    const AccountId f = m.From(r), t = m.To(r);
    out[out_at[f]++] = r;
    if (late) unsorted[f] = 1;
    if (t != kNoAccount) {
      in[in_at[t]++] = r;
      if (late) unsorted[t] = 1;
    }
  }
  // Sorts an account's rows by (ts, row), reading each ts once.
  std::vector<std::pair<int64_t, Row>> keyed;
  auto sort = [&](Row* b, Row* e) {
    keyed.clear();
    for (Row* p = b; p != e; ++p) keyed.emplace_back(m.Ts(*p), *p);
    std::sort(keyed.begin(), keyed.end());
    for (size_t i = 0; i < keyed.size(); ++i) b[i] = keyed[i].second;
  };
  // out_at[a] is now the end of account a's rows (the start of a + 1's).
  for (size_t a = 0; a < accounts; ++a) {
    auto& e = m.accounts.entry(static_cast<AccountId>(a));
    Row* ob = out.data() + (a == 0 ? 0 : out_at[a - 1]);
    Row* oe = out.data() + out_at[a];
    Row* ib = in.data() + (a == 0 ? 0 : in_at[a - 1]);
    Row* ie = in.data() + in_at[a];
    if (unsorted[a]) {
      sort(ob, oe);
      sort(ib, ie);
    }
    m.lists.Assign(e.out, {ob, oe});
    m.lists.Assign(e.in, {ib, ie});
  }
}

}  // namespace internal

Result<Ledger> DecodeLedgerLog(std::string_view bytes, LedgerLoadReport* report,
                               std::string_view name) {
  using namespace internal;
  LedgerLoadReport local;
  LedgerLoadReport& rep = report ? *report : local;
  rep = LedgerLoadReport{};
  Ledger ledger;
  Impl& m = LedgerAccess::Of(ledger);
  const std::string file(name);
  const std::string header = FileHeader();
  if (bytes.size() < kFileHeaderBytes) {
    if (std::string_view(header).substr(0, bytes.size()) != bytes) {
      return DataLossError(file + ": not a ledger log (bad header)");
    }
    // Created, and the header itself cut short: an empty ledger.
    rep.dropped_bytes = bytes.size();
    if (!bytes.empty()) {
      rep.warning = file + ": header cut short by a crash; an empty ledger";
      spdlog::warn("{}", rep.warning);
    }
    return ledger;
  }
  if (bytes.substr(0, sizeof kFileMagic) != std::string_view(kFileMagic, sizeof kFileMagic)) {
    return DataLossError(file + ": not a ledger log (bad magic)");
  } else if (bytes.substr(0, kFileHeaderBytes) != header) {
    return DataLossError(file + ": unsupported version or damaged header");
  }
  size_t off = kFileHeaderBytes;
  uint32_t empty_account = kNoAccount;
  while (off < bytes.size()) {
    const std::optional<BlockHeader> h = ReadBlock(bytes, off);
    if (!h) {
      const size_t next = NextValidBlock(bytes, off + 1);
      if (next != std::string_view::npos) {
        return DataLossError(file + ": damaged block at offset " + std::to_string(off) +
                             ", followed by a valid block at offset " + std::to_string(next) +
                             "; the log is not only cut short, so it is left for repair");
      }
      rep.dropped_bytes = bytes.size() - off;
      rep.warning = file + ": dropped a torn tail of " + std::to_string(rep.dropped_bytes) +
                    " bytes at offset " + std::to_string(off) +
                    " (a block cut short or unfinished by a crash; it was never acknowledged); " +
                    std::to_string(m.rows) + " rows before it are intact";
      break;
    }
    const std::string where =
        file + ": block " + std::to_string(rep.blocks) + " at offset " + std::to_string(off);
    BlockDecoder decoder(m, bytes.substr(off + kBlockHeaderBytes, h->payload), where,
                         empty_account);
    WUZHA_RETURN_IF_ERROR(decoder.Decode(*h));
    off += kBlockHeaderBytes + h->payload;
    ++rep.blocks;
  }
  rep.bytes = off;
  if (!rep.warning.empty()) spdlog::warn("{}", rep.warning);
  BuildLists(m);
  return ledger;
}

}  // namespace wuzha::ledger
