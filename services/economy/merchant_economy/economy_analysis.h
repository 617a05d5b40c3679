#pragma once
// The merchant economy rules (reference §3.12), as plain functions.
//
// Condition: zeny per capita > 10M -> inflation; < 100k -> deflation; else overall supply/demand
// > 2.0 -> item glut, < 0.8 -> item scarcity, otherwise balanced. Without market data there is no
// ratio and the economy reads balanced (the reference divided by max(demand, 0.1) and so read a
// silent market as scarcity).
// Severity 0..1: inflation min(1, (pc - 10M) / 10M) — the reference's min(1, pc / 10M) is always 1
// once inflation is detected, so every sink was card packs; deflation (100k - pc) / 100k; glut
// min(1, (ratio - 2) / 2); scarcity (0.8 - ratio) / 0.8.
// Price adjustment by condition, scaled by severity inside the reference's ranges: inflation
// +10..+50 %, deflation -10..-30 %, glut +5..+20 %, scarcity -5..-20 %; balanced none; capped at
// +-50 % (PRICE_ADJUSTMENT_MAX_PERCENT); at most 50 items; skipped when the same condition was
// adjusted less than 6 h ago.
// Zeny sinks on inflation by severity: > 0.7 card packs (2-5 h, drains 25 %), > 0.4 refinement
// bonus (1-4 h, 20 %), > 0.2 cosmetic sale (2-6 h, 15 %), else luxury buffs (3-6 h, 10 %). Target
// drain = severity x zeny on hand x drain share (the reference used a constant 1e9 for the zeny).
// Drop-rate advice: the 10 most oversupplied items (ratio > 2.0) problem x0.5 and world_event x0.6;
// the 10 scarcest (ratio < 0.8) treasure x1.5 and problem x1.3.
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/economy.pb.h"
#include "services/economy/market/price_book.h"

namespace aiworld::economy {

inline constexpr int64_t kInflationPerCapita = 10'000'000;
inline constexpr int64_t kDeflationPerCapita = 100'000;
inline constexpr double kGlutRatio = 2.0;
inline constexpr double kScarcityRatio = 0.8;
inline constexpr double kMaxPriceAdjustment = 0.5;
inline constexpr size_t kMaxAdjustedItems = 50;
inline constexpr absl::Duration kAnalysisInterval = absl::Hours(6);
inline constexpr absl::Duration kAdjustmentCooldown = absl::Hours(6);
inline constexpr size_t kAdviceItems = 10;
inline constexpr size_t kTopItems = 20;

struct EconomyReading {
  v1::MarketCondition condition = v1::MARKET_CONDITION_BALANCED;
  double severity = 0;
};

EconomyReading ReadEconomy(int64_t zeny_per_capita, std::optional<double> supply_demand_ratio);

struct AdjustmentRange {
  double at_zero = 0;  // the change at severity 0
  double at_one = 0;   // the change at severity 1
};
AdjustmentRange AdjustmentRangeFor(v1::MarketCondition condition);
// at_zero + (at_one - at_zero) x severity, capped at +-50 %.
double PriceAdjustmentFor(const EconomyReading& reading);

struct SinkTemplate {
  v1::ZenySinkType type = v1::ZENY_SINK_TYPE_UNSPECIFIED;
  const char* key = "";          // parameter for the event script, e.g. "card_packs"
  const char* name = "";         // e.g. "Exclusive Card Packs"
  const char* description = "";
  int min_hours = 1;
  int max_hours = 1;
  double drain = 0;  // share of the zeny on hand it aims to drain
};
const SinkTemplate& SinkFor(double severity);
int64_t TargetDrain(double severity, int64_t zeny_on_hand, double drain);

std::vector<v1::DropRateAdvice> DropRateAdviceFor(const std::vector<ItemActivity>& activity);

}  // namespace aiworld::economy
