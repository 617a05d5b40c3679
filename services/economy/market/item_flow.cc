#include "services/economy/market/item_flow.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aiworld::economy {
namespace {

int64_t HourOf(absl::Time t) { return absl::ToUnixSeconds(t) / 3600; }

uint32_t Median(std::vector<uint32_t> prices) {
  if (prices.empty()) return 0;
  std::sort(prices.begin(), prices.end());
  const size_t mid = prices.size() / 2;
  if (prices.size() % 2 == 1) return prices[mid];
  return static_cast<uint32_t>((uint64_t{prices[mid - 1]} + prices[mid]) / 2);
}

}  // namespace

HourBucket& ItemFlow::At(absl::Time now) {
  const int64_t hour = HourOf(now);
  std::erase_if(hours, [&](const HourBucket& b) { return b.hour <= hour - kFlowHours; });
  for (HourBucket& b : hours) {
    if (b.hour == hour) return b;
  }
  HourBucket b;
  b.hour = hour;
  auto it = std::lower_bound(hours.begin(), hours.end(), hour, [](const HourBucket& x, int64_t h) { return x.hour < h; });
  return *hours.insert(it, b);
}

void ItemFlow::AddVendingSample(absl::Time now, uint32_t price) {
  VendingSample s;
  s.at = absl::ToUnixSeconds(now);
  s.price = price;
  vending.push_back(s);
  if (vending.size() > kVendingSamples) vending.erase(vending.begin(), vending.end() - kVendingSamples);
}

FlowTotals ItemFlow::Totals(absl::Time now) const {
  FlowTotals t;
  const int64_t hour = HourOf(now);
  for (const HourBucket& b : hours) {
    if (b.hour <= hour - kFlowHours || b.hour > hour) continue;
    t.supply += b.supply;
    t.demand += b.demand;
    t.traded += b.traded;
    t.zeny += b.zeny;
    t.shop_units += b.shop_units;
    t.shop_zeny += b.shop_zeny;
  }
  t.median_vending_price = MedianVendingSince(now - absl::Hours(kFlowHours), now);
  return t;
}

uint32_t ItemFlow::MedianVendingSince(absl::Time since, absl::Time now) const {
  std::vector<uint32_t> prices;
  const int64_t from = absl::ToUnixSeconds(since), to = absl::ToUnixSeconds(now);
  for (const VendingSample& s : vending) {
    if (s.at > from && s.at <= to) prices.push_back(s.price);
  }
  return Median(std::move(prices));
}

std::string EncodeFlow(const ItemFlow& flow) {
  std::string out = absl::StrCat("f1|", flow.last_repriced);
  for (const HourBucket& b : flow.hours) {
    absl::StrAppend(&out, "|h,", b.hour, ",", b.supply, ",", b.demand, ",", b.traded, ",", b.zeny, ",", b.shop_units, ",",
                    b.shop_zeny);
  }
  for (const VendingSample& s : flow.vending) absl::StrAppend(&out, "|v,", s.at, ",", s.price);
  return out;
}

std::optional<ItemFlow> DecodeFlow(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, '|');
  if (parts.size() < 2 || parts[0] != "f1") return std::nullopt;
  ItemFlow flow;
  if (!absl::SimpleAtoi(parts[1], &flow.last_repriced)) return std::nullopt;
  for (size_t i = 2; i < parts.size(); ++i) {
    std::vector<std::string> f = absl::StrSplit(parts[i], ',');
    if (f[0] == "h" && f.size() == 8) {
      HourBucket b;
      if (!absl::SimpleAtoi(f[1], &b.hour) || !absl::SimpleAtoi(f[2], &b.supply) || !absl::SimpleAtoi(f[3], &b.demand) ||
          !absl::SimpleAtoi(f[4], &b.traded) || !absl::SimpleAtoi(f[5], &b.zeny) || !absl::SimpleAtoi(f[6], &b.shop_units) ||
          !absl::SimpleAtoi(f[7], &b.shop_zeny)) {
        return std::nullopt;
      }
      flow.hours.push_back(b);
    } else if (f[0] == "v" && f.size() == 3) {
      VendingSample s;
      if (!absl::SimpleAtoi(f[1], &s.at) || !absl::SimpleAtoi(f[2], &s.price)) return std::nullopt;
      flow.vending.push_back(s);
    } else {
      return std::nullopt;
    }
  }
  return flow;
}

}  // namespace aiworld::economy
