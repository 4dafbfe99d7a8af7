// libFuzzer target for the URL verdict: any bytes as a URL or host go through the host
// parse, IDNA (to ASCII and back), the PSL and every URL rule without crashing, and
// BrandTable::Find and Skeleton take any bytes as host, registrable and Unicode host.
// The verdict's score stays in [0, 1] and every reason names a rule.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "intercept/brand_table.h"
#include "intercept/checker.h"
#include "lists/store.h"

namespace {

struct State {
  wuzha::lists::Store store;
  std::unique_ptr<wuzha::intercept::Checker> checker;
  State() {
    store.Publish();
    auto made = wuzha::intercept::Checker::Create(store);
    if (!made.ok()) std::abort();
    checker = std::move(made).value();
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static State state;
  const std::string input(reinterpret_cast<const char*>(data), size);
  const wuzha::intercept::Verdict v = state.checker->CheckUrl({input, 0});
  if (v.score < 0 || v.score > 1) std::abort();
  for (const auto& r : v.reasons) {
    if (r.rule.empty()) std::abort();
  }
  // The table on its own, with the input split into host | registrable | unicode host.
  const std::string_view s = input;
  const size_t a = s.find('|');
  const size_t b = a == std::string_view::npos ? a : s.find('|', a + 1);
  const std::string_view host = s.substr(0, a);
  const std::string_view registrable =
      a == std::string_view::npos ? host : s.substr(a + 1, b - a - 1);
  const std::string_view unicode = b == std::string_view::npos ? host : s.substr(b + 1);
  static const auto table = wuzha::intercept::BrandTable::FromDomains({"google.com", "paypal.com"});
  (void)table->Find(host, registrable, unicode);
  (void)wuzha::intercept::BrandTable::Skeleton(s);
  state.checker->Observe([&] {
    wuzha::Event e;
    e.type = wuzha::EventType::kWeb;
    wuzha::WebEvent web;
    web.url = input;
    e.body = web;
    return e;
  }());
  return 0;
}
