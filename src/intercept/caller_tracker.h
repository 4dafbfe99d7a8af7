// CallerTracker: streaming per-number behaviour from the call stream, for verdicts at
// call set-up (call.behaviour reads it). Fed in event-time order with calls, SMS (only
// the sender's device, for IMEI sharing) and SIM openings; answers "what has this
// number done lately" in O(1) without allocating.
//
// Per tracked number it keeps one fixed 128-byte record (CallerRecord in the .cc):
//   - outbound calls in 6 ten-minute buckets (the last hour) and outbound, short-or-
//     unanswered and inbound calls in 12 two-hour buckets (the last day); counts
//     saturate at 255 a bucket;
//   - distinct callees as a 2 × 128-bit linear counter (two half-day bitmaps: the
//     window is 12-24 h), distinct caller cells as 2 × 32 bits;
//   - the SIM's opening time (from sim_open events), the last device (IMEI) it used.
// Per device (IMEI) a 48-byte record: a 256-bit linear counter of the numbers seen on it.
// Both tables are open-addressing hash tables keyed by the number's E.164 digits (or
// the IMEI's digits) as an integer, 3/8 to 3/4 full, so a number costs 171-341 bytes of
// table and a device 64-128.
//
// Eviction: a number idle (no call, SMS or SIM opening involving it) for more than
// `idle_ms` (default 1 day) is dropped, unless its SIM was opened within `sim_keep_ms`
// (default 7 days: a spare SIM of a farm keeps its age until it is used); a device idle
// for `idle_ms` is dropped. Eviction runs incrementally: each Observe sweeps a few
// slots. `max_numbers` / `max_devices` cap the tables: beyond them new keys are not
// tracked (counted in stats()).
//
// Thread safety: Observe mutates and must be called from one thread, not concurrently
// with Features (the Checker's contract for Observe). Features is const and does not
// allocate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/event.h"

namespace wuzha::intercept {

struct CallerTrackerOptions {
  int64_t idle_ms = 24LL * 3600 * 1000;          // drop numbers and devices idle this long
  int64_t sim_keep_ms = 7LL * 24 * 3600 * 1000;  // keep a freshly opened SIM this long
  int short_call_s = 30;                         // a call shorter than this is "short"
  size_t max_numbers = size_t{1} << 26;          // cap on tracked numbers
  size_t max_devices = size_t{1} << 25;          // cap on tracked devices
  int sweep_per_event = 4;                       // slots examined for eviction per Observe
};

// What the tracker knows about one caller at one moment. Counts are over the windows
// above (bucket-aligned: "last hour" is the current ten-minute bucket and the five
// before it; "last day" the current two-hour bucket and the eleven before it).
struct CallerFeatures {
  bool known = false;        // the number has a record
  int calls_hour = 0;        // outbound calls, last hour
  int calls_day = 0;         // outbound calls, last day
  int short_day = 0;         // of those: unanswered or shorter than short_call_s
  int inbound_day = 0;       // calls received, last day
  int distinct_callees = 0;  // estimated, last 12-24 h
  int distinct_cells = 0;    // estimated cells the number called from, last 12-24 h
  int64_t sim_age_ms = -1;   // time since its sim_open event; -1 = never seen
  int imei_numbers = 0;      // numbers seen on its device (the query's, else its last one)

  double short_share() const { return calls_day > 0 ? double(short_day) / calls_day : 0; }
};

struct CallerTrackerStats {
  size_t numbers = 0;  // tracked now
  size_t devices = 0;
  size_t evicted_numbers = 0;  // since creation
  size_t evicted_devices = 0;
  size_t untracked = 0;  // keys refused because a table was at its cap
  size_t bytes = 0;      // memory held by both tables
};

class CallerTracker {
 public:
  explicit CallerTracker(const CallerTrackerOptions& options = {});
  ~CallerTracker();
  CallerTracker(const CallerTracker&) = delete;
  CallerTracker& operator=(const CallerTracker&) = delete;

  // Feeds one event: kCall updates the caller (outbound, cell, device) and the callee
  // (inbound); kSms records the sender's device; kSimOpen the SIM's age. Other types are
  // ignored. Numbers are E.164 digits as events carry them. REQUIRES: event-time order.
  void Observe(const Event& event);
  void ObserveCall(const CallEvent& call, int64_t time_ms);
  void ObserveSimOpen(std::string_view phone, int64_t time_ms);
  void ObserveDevice(std::string_view phone, std::string_view imei, int64_t time_ms);

  // Features of `number` (E.164 digits) at `now_ms`. `imei` (optional) is the device
  // the query names; when empty the number's last device is used.
  CallerFeatures Features(std::string_view number, std::string_view imei, int64_t now_ms) const;

  CallerTrackerStats stats() const;
  // Bytes a tracked number and a tracked device cost in a table 3/4 full (the least).
  static size_t BytesPerNumber();
  static size_t BytesPerDevice();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wuzha::intercept
