#pragma once
// What the market saw of one item over the last 24 hours, in hourly buckets, and its latest vending
// prices (for the median player price). Kept as a compact versioned text:
//   "f1|<last_repriced unix s>|h,<hour>,<supply>,<demand>,<traded>,<zeny>,<shop units>,<shop zeny>|...|v,<unix s>,<price>|..."
// where <hour> is unix seconds / 3600. Only buckets of the last 24 hours and the last 64 vending
// prices are kept.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace aiworld::economy {

inline constexpr int kFlowHours = 24;
inline constexpr size_t kVendingSamples = 64;

struct HourBucket {
  int64_t hour = 0;
  uint64_t supply = 0;      // units entering: monster loot picked up, items sold to NPC shops
  uint64_t demand = 0;      // units bought: vending, NPC shops
  uint64_t traded = 0;      // units between players: trades and vending
  int64_t zeny = 0;         // zeny players paid each other for it (vending)
  uint64_t shop_units = 0;  // units bought from NPC shops
  int64_t shop_zeny = 0;    // zeny paid for them
};

struct VendingSample {
  int64_t at = 0;  // unix seconds
  uint32_t price = 0;
};

struct FlowTotals {
  uint64_t supply = 0;
  uint64_t demand = 0;
  uint64_t traded = 0;
  int64_t zeny = 0;
  uint64_t shop_units = 0;
  int64_t shop_zeny = 0;
  uint32_t median_vending_price = 0;  // 0 = no sale
};

struct ItemFlow {
  int64_t last_repriced = 0;  // unix seconds, 0 = never
  std::vector<HourBucket> hours;  // ascending
  std::vector<VendingSample> vending;  // oldest first

  // The bucket of `now`, created if missing; drops buckets older than 24 hours.
  HourBucket& At(absl::Time now);
  void AddVendingSample(absl::Time now, uint32_t price);
  // Sums over the 24 hours up to `now`; the median over the vending prices of those hours.
  FlowTotals Totals(absl::Time now) const;
  // Median of the vending prices in (since, now]; 0 when none.
  uint32_t MedianVendingSince(absl::Time since, absl::Time now) const;
};

std::string EncodeFlow(const ItemFlow& flow);
// nullopt for a text that is not a version-1 flow.
std::optional<ItemFlow> DecodeFlow(const std::string& text);

}  // namespace aiworld::economy
