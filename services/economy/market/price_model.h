#pragma once
// The reference's price model (original-system.md §3.1, Economy row), one step for one item:
//
//   supply/demand > 1.5  -> -10 % (falling);  < 0.5 -> +15 % (rising);  else a random +-5 % (stable)
//   + inflation x 0.1, + a random +-volatility (0.1), the change clamped to +-20 % (max_price_change),
//   the price clamped to 50..300 % of the item's base price (item_db Buy), never below 1 zeny.
//
// The two random draws come in as uniforms in [0, 1) so the caller takes them from ctx.random and a
// test can pin them (0.5 = no noise). Supply without demand counts as oversupply (falling); no supply
// and no demand gives no signal at all, and the caller leaves such an item alone.
#include <cstdint>

#include "aiworld/v1/economy.pb.h"

namespace aiworld::economy {

inline constexpr double kFallingRatio = 1.5;
inline constexpr double kRisingRatio = 0.5;
inline constexpr double kFallingChange = -0.10;
inline constexpr double kRisingChange = 0.15;
inline constexpr double kStableSpread = 0.05;
inline constexpr double kInflationWeight = 0.1;
inline constexpr double kVolatility = 0.1;
inline constexpr double kMaxPriceChange = 0.2;
inline constexpr double kMinPriceOfBase = 0.5;
inline constexpr double kMaxPriceOfBase = 3.0;
inline constexpr int kPriceHistoryPoints = 100;

struct PriceStep {
  double change = 0;  // fraction, -0.2..0.2
  v1::PriceTrend trend = v1::PRICE_TREND_UNSPECIFIED;
};

// The trend of a supply/demand pair; UNSPECIFIED when both are 0.
v1::PriceTrend TrendOf(uint64_t supply, uint64_t demand);
// supply / demand; 0 without demand (the proto's convention), at most 1,000,000.
double SupplyDemandRatio(uint64_t supply, uint64_t demand);
// One step of the model. inflation is a fraction per day (0.05 = 5 %).
PriceStep ComputePriceStep(uint64_t supply, uint64_t demand, double inflation, double u_stable, double u_volatility);

struct PriceBounds {
  uint32_t low = 1;   // ceil(50 % of base), at least 1
  uint32_t high = 1;  // 300 % of base, at most 2,147,483,647
};
PriceBounds BoundsFor(int64_t base_price);
// round(price x (1 + change)) within the item's bounds.
uint32_t ApplyChange(uint32_t price, int64_t base_price, double change);

}  // namespace aiworld::economy
