#include "services/economy/market/price_model.h"

#include <algorithm>
#include <cmath>

namespace aiworld::economy {

v1::PriceTrend TrendOf(uint64_t supply, uint64_t demand) {
  if (supply == 0 && demand == 0) return v1::PRICE_TREND_UNSPECIFIED;
  if (demand == 0) return v1::PRICE_TREND_FALLING;  // supply with no buyer at all: the largest glut
  const double ratio = static_cast<double>(supply) / static_cast<double>(demand);
  if (ratio > kFallingRatio) return v1::PRICE_TREND_FALLING;
  if (ratio < kRisingRatio) return v1::PRICE_TREND_RISING;
  return v1::PRICE_TREND_STABLE;
}

double SupplyDemandRatio(uint64_t supply, uint64_t demand) {
  if (demand == 0) return 0;
  return std::min(1'000'000.0, static_cast<double>(supply) / static_cast<double>(demand));
}

PriceStep ComputePriceStep(uint64_t supply, uint64_t demand, double inflation, double u_stable, double u_volatility) {
  PriceStep step;
  step.trend = TrendOf(supply, demand);
  switch (step.trend) {
    case v1::PRICE_TREND_FALLING: step.change = kFallingChange; break;
    case v1::PRICE_TREND_RISING: step.change = kRisingChange; break;
    case v1::PRICE_TREND_STABLE: step.change = (2 * u_stable - 1) * kStableSpread; break;
    default: return step;  // no signal: no change
  }
  step.change += inflation * kInflationWeight;
  step.change += (2 * u_volatility - 1) * kVolatility;
  step.change = std::clamp(step.change, -kMaxPriceChange, kMaxPriceChange);
  return step;
}

PriceBounds BoundsFor(int64_t base_price) {
  constexpr double kMaxZeny = 2147483647.0;
  const double base = static_cast<double>(std::max<int64_t>(base_price, 1));
  PriceBounds b;
  b.low = static_cast<uint32_t>(std::clamp(std::ceil(base * kMinPriceOfBase), 1.0, kMaxZeny));
  b.high = static_cast<uint32_t>(std::clamp(std::floor(base * kMaxPriceOfBase), 1.0, kMaxZeny));
  return b;
}

uint32_t ApplyChange(uint32_t price, int64_t base_price, double change) {
  const PriceBounds b = BoundsFor(base_price);
  const double next = std::round(static_cast<double>(price) * (1.0 + change));
  return static_cast<uint32_t>(std::clamp(next, static_cast<double>(b.low), static_cast<double>(b.high)));
}

}  // namespace aiworld::economy
