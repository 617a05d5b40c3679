#include "services/economy/merchant_economy/economy_analysis.h"

#include <algorithm>
#include <cmath>

namespace aiworld::economy {
namespace {

const SinkTemplate kCardPacks{v1::ZENY_SINK_TYPE_CARD_PACKS, "card_packs", "Exclusive Card Packs",
                              "Random card packs for zeny", 2, 5, 0.25};
const SinkTemplate kRefinementBonus{v1::ZENY_SINK_TYPE_REFINEMENT_BONUS, "refinement_bonus", "Guaranteed Refinement Success",
                                    "Pay for guaranteed equipment refinement", 1, 4, 0.20};
const SinkTemplate kCosmeticSale{v1::ZENY_SINK_TYPE_COSMETIC_SALE, "cosmetic_sale", "Limited Edition Cosmetics",
                                 "Exclusive cosmetic items for a limited time", 2, 6, 0.15};
const SinkTemplate kLuxuryBuffs{v1::ZENY_SINK_TYPE_LUXURY_BUFFS, "luxury_buffs", "Luxury Tax Day",
                                "Expensive but powerful temporary buffs", 3, 6, 0.10};

double RatioOf(const FlowTotals& t) {
  if (t.demand == 0) return t.supply > 0 ? 1'000'000.0 : 0.0;
  return static_cast<double>(t.supply) / static_cast<double>(t.demand);
}

}  // namespace

EconomyReading ReadEconomy(int64_t zeny_per_capita, std::optional<double> supply_demand_ratio) {
  EconomyReading r;
  if (zeny_per_capita > kInflationPerCapita) {
    r.condition = v1::MARKET_CONDITION_INFLATION;
    r.severity = std::min(1.0, static_cast<double>(zeny_per_capita - kInflationPerCapita) / kInflationPerCapita);
  } else if (zeny_per_capita < kDeflationPerCapita) {
    r.condition = v1::MARKET_CONDITION_DEFLATION;
    r.severity = static_cast<double>(kDeflationPerCapita - std::max<int64_t>(zeny_per_capita, 0)) / kDeflationPerCapita;
  } else if (supply_demand_ratio.has_value() && *supply_demand_ratio > kGlutRatio) {
    r.condition = v1::MARKET_CONDITION_ITEM_GLUT;
    r.severity = std::min(1.0, (*supply_demand_ratio - kGlutRatio) / kGlutRatio);
  } else if (supply_demand_ratio.has_value() && *supply_demand_ratio < kScarcityRatio) {
    r.condition = v1::MARKET_CONDITION_ITEM_SCARCITY;
    r.severity = (kScarcityRatio - std::max(0.0, *supply_demand_ratio)) / kScarcityRatio;
  }
  return r;
}

AdjustmentRange AdjustmentRangeFor(v1::MarketCondition condition) {
  switch (condition) {
    case v1::MARKET_CONDITION_INFLATION: return {0.10, 0.50};
    case v1::MARKET_CONDITION_DEFLATION: return {-0.10, -0.30};
    case v1::MARKET_CONDITION_ITEM_GLUT: return {0.05, 0.20};
    case v1::MARKET_CONDITION_ITEM_SCARCITY: return {-0.05, -0.20};
    default: return {0, 0};
  }
}

double PriceAdjustmentFor(const EconomyReading& reading) {
  const AdjustmentRange range = AdjustmentRangeFor(reading.condition);
  const double s = std::clamp(reading.severity, 0.0, 1.0);
  return std::clamp(range.at_zero + (range.at_one - range.at_zero) * s, -kMaxPriceAdjustment, kMaxPriceAdjustment);
}

const SinkTemplate& SinkFor(double severity) {
  if (severity > 0.7) return kCardPacks;
  if (severity > 0.4) return kRefinementBonus;
  if (severity > 0.2) return kCosmeticSale;
  return kLuxuryBuffs;
}

int64_t TargetDrain(double severity, int64_t zeny_on_hand, double drain) {
  return std::llround(std::clamp(severity, 0.0, 1.0) * static_cast<double>(std::max<int64_t>(zeny_on_hand, 0)) * drain);
}

std::vector<v1::DropRateAdvice> DropRateAdviceFor(const std::vector<ItemActivity>& activity) {
  std::vector<const ItemActivity*> over, scarce;
  for (const ItemActivity& a : activity) {
    if (a.totals.supply + a.totals.demand == 0) continue;
    const double ratio = RatioOf(a.totals);
    if (ratio > kGlutRatio) over.push_back(&a);
    if (a.totals.demand > 0 && ratio < kScarcityRatio) scarce.push_back(&a);
  }
  std::stable_sort(over.begin(), over.end(),
                   [](const ItemActivity* a, const ItemActivity* b) { return a->totals.supply > b->totals.supply; });
  std::stable_sort(scarce.begin(), scarce.end(),
                   [](const ItemActivity* a, const ItemActivity* b) { return a->totals.demand > b->totals.demand; });
  std::vector<v1::DropRateAdvice> out;
  auto advise = [&](uint32_t item, const char* agent, double multiplier) {
    v1::DropRateAdvice a;
    a.set_item_id(item);
    a.set_agent(agent);
    a.set_multiplier(multiplier);
    out.push_back(std::move(a));
  };
  for (size_t i = 0; i < over.size() && i < kAdviceItems; ++i) {
    advise(over[i]->item_id, "problem", 0.5);
    advise(over[i]->item_id, "world_event", 0.6);
  }
  for (size_t i = 0; i < scarce.size() && i < kAdviceItems; ++i) {
    advise(scarce[i]->item_id, "treasure", 1.5);
    advise(scarce[i]->item_id, "problem", 1.3);
  }
  return out;
}

}  // namespace aiworld::economy
