#include "services/economy/treasure/treasure_rules.h"

namespace aiworld::economy {

TierCounts SplitTreasures(int count) {
  TierCounts c;
  if (count <= 0) return c;
  c.very_low = count * 40 / 100;
  c.medium = count * 20 / 100;
  c.high = count * 10 / 100;
  c.low = count - c.very_low - c.medium - c.high;  // its own 30 % plus the remainder
  return c;
}

TrafficTier TierOfRank(size_t rank, size_t n) {
  if (n == 0) return TrafficTier::kVeryLow;
  // Compare rank / n against 0.1, 0.3, 0.7 in integers: rank * 10 < n means below 10 %.
  if (rank * 10 < n) return TrafficTier::kVeryLow;
  if (rank * 10 < n * 3) return TrafficTier::kLow;
  if (rank * 10 < n * 7) return TrafficTier::kMedium;
  return TrafficTier::kHigh;
}

const char* TierName(TrafficTier tier) {
  switch (tier) {
    case TrafficTier::kVeryLow: return "very_low";
    case TrafficTier::kLow: return "low";
    case TrafficTier::kMedium: return "medium";
    case TrafficTier::kHigh: return "high";
  }
  return "very_low";
}

RarityOdds RarityOddsFor(TrafficTier tier) {
  switch (tier) {
    case TrafficTier::kVeryLow: return {0.20, 0.40, 0.40, 0.0};
    case TrafficTier::kLow: return {0.05, 0.25, 0.40, 0.30};
    case TrafficTier::kMedium: return {0.01, 0.15, 0.44, 0.40};
    case TrafficTier::kHigh: return {0.005, 0.095, 0.30, 0.60};
  }
  return {};
}

v1::TreasureRarity RollRarity(TrafficTier tier, double u) {
  const RarityOdds odds = RarityOddsFor(tier);
  double edge = odds.mythic;
  if (u < edge) return v1::TREASURE_RARITY_MYTHIC;
  edge += odds.gold;
  if (u < edge) return v1::TREASURE_RARITY_GOLD;
  edge += odds.silver;
  if (u < edge || odds.bronze == 0) return v1::TREASURE_RARITY_SILVER;
  return v1::TREASURE_RARITY_BRONZE;
}

v1::TreasureKind RollKind(double u) {
  if (u < 0.6) return v1::TREASURE_KIND_CHEST;
  if (u < 0.9) return v1::TREASURE_KIND_DIG_SPOT;
  return v1::TREASURE_KIND_HIDDEN_NPC;
}

const TreasureContents& ContentsFor(v1::TreasureRarity rarity) {
  static const TreasureContents kBronze{3, 5, 1'000, 5'000, 10, 0, 0};
  static const TreasureContents kSilver{2, 3, 10'000, 25'000, 25, 1, 0};
  static const TreasureContents kGold{1, 2, 50'000, 100'000, 50, 5, 0};
  static const TreasureContents kMythic{1, 1, 200'000, 500'000, 100, 15, 10};
  switch (rarity) {
    case v1::TREASURE_RARITY_SILVER: return kSilver;
    case v1::TREASURE_RARITY_GOLD: return kGold;
    case v1::TREASURE_RARITY_MYTHIC: return kMythic;
    default: return kBronze;
  }
}

std::vector<uint32_t> TreasureItemPool(v1::TreasureRarity rarity, const GameCatalogue& catalogue) {
  std::vector<uint32_t> out;
  for (const ItemInfo& item : catalogue.items()) {
    const bool consumable = item.kind == ItemKind::kHealing || item.kind == ItemKind::kUsable;
    const bool equipment = item.kind == ItemKind::kWeapon || item.kind == ItemKind::kArmor;
    bool take = false;
    switch (rarity) {
      case v1::TREASURE_RARITY_BRONZE: take = consumable && item.buy <= 1'000; break;
      case v1::TREASURE_RARITY_SILVER:
        take = (consumable || item.kind == ItemKind::kEtc) && item.buy > 1'000 && item.buy <= 10'000;
        break;
      case v1::TREASURE_RARITY_GOLD: take = equipment && item.slots >= 1 && item.buy >= 10'000 && item.buy <= 100'000; break;
      case v1::TREASURE_RARITY_MYTHIC: take = item.kind == ItemKind::kCard; break;
      default: break;
    }
    if (take) out.push_back(item.id);
  }
  return out;
}

std::vector<uint32_t> CardPool(const GameCatalogue& catalogue) {
  std::vector<uint32_t> out;
  for (const ItemInfo* item : catalogue.ItemsOfKind(ItemKind::kCard)) out.push_back(item->id);
  return out;
}

const char* RarityName(v1::TreasureRarity rarity) {
  switch (rarity) {
    case v1::TREASURE_RARITY_SILVER: return "silver";
    case v1::TREASURE_RARITY_GOLD: return "gold";
    case v1::TREASURE_RARITY_MYTHIC: return "mythic";
    default: return "bronze";
  }
}

const char* KindName(v1::TreasureKind kind) {
  switch (kind) {
    case v1::TREASURE_KIND_DIG_SPOT: return "dig spot";
    case v1::TREASURE_KIND_HIDDEN_NPC: return "hidden NPC";
    default: return "chest";
  }
}

}  // namespace aiworld::economy
