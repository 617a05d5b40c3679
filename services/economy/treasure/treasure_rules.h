#pragma once
// The reference's treasure rules (§3.10).
//
// DAILY_TREASURE_COUNT 10 (5..15). Maps ranked by traffic fall into very_low (bottom 10 %), low
// (10-30 %), medium (30-70 %) and high (top 30 %); the count is split 40/30/20/10 % over them,
// rounded down, the remainder to low. Rarity odds (mythic/gold/silver/bronze): very_low
// 20/40/40/0, low 5/25/40/30, medium 1/15/44/40, high 0.5/9.5/30/60. Kind: chest 60 %, dig spot
// 30 %, hidden NPC 10 %. Contents: bronze 3-5 common items, 1k-5k zeny, reputation 10, no
// fragment; silver 2-3 items, 10k-25k, 25, 1 fragment; gold 1-2 items, 50k-100k, 50, 5
// fragments; mythic 1 item, 200k-500k, 100, 15 + 0..10 fragments. Items are real catalogue items
// (the reference only named them): bronze cheap potions and consumables (buy <= 1,000), silver
// dearer consumables and materials (1,000 < buy <= 10,000), gold slotted equipment (10,000..
// 100,000), mythic a card. Despawn after 2..12 h (whole hours). 100 fragments
// (CARD_FRAGMENT_EXCHANGE_RATE) buy a random real card.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "aiworld/v1/economy.pb.h"
#include "data/catalogue.h"

namespace aiworld::economy {

inline constexpr int kDefaultDailyTreasures = 10;
inline constexpr int kMinDailyTreasures = 5;
inline constexpr int kMaxDailyTreasures = 15;
inline constexpr int kDespawnHoursMin = 2;
inline constexpr int kDespawnHoursMax = 12;
inline constexpr uint32_t kCardFragmentExchangeRate = 100;
inline constexpr int kTreasureCellMin = 50;
inline constexpr int kTreasureCellMax = 350;

enum class TrafficTier { kVeryLow, kLow, kMedium, kHigh };

struct TierCounts {
  int very_low = 0;
  int low = 0;
  int medium = 0;
  int high = 0;
};

// 40/30/20/10 % of count, rounded down; the remainder goes to low.
TierCounts SplitTreasures(int count);
// The tier of the map at 0-based `rank` among n maps ranked quietest first.
TrafficTier TierOfRank(size_t rank, size_t n);
const char* TierName(TrafficTier tier);  // "very_low", "low", "medium", "high"

struct RarityOdds {
  double mythic = 0;
  double gold = 0;
  double silver = 0;
  double bronze = 0;
};
RarityOdds RarityOddsFor(TrafficTier tier);
// Cumulative over mythic, gold, silver, bronze; u in [0, 1).
v1::TreasureRarity RollRarity(TrafficTier tier, double u);
// chest below 0.6, dig spot below 0.9, else hidden NPC.
v1::TreasureKind RollKind(double u);

struct TreasureContents {
  int min_items = 0;
  int max_items = 0;
  uint32_t min_zeny = 0;
  uint32_t max_zeny = 0;
  uint32_t reputation = 0;
  uint32_t fragments = 0;        // fixed part
  uint32_t extra_fragments = 0;  // plus 0..extra_fragments
};
const TreasureContents& ContentsFor(v1::TreasureRarity rarity);

// Real item ids the rarity draws from (ascending).
std::vector<uint32_t> TreasureItemPool(v1::TreasureRarity rarity, const GameCatalogue& catalogue);
// Every card of the catalogue (what fragments buy).
std::vector<uint32_t> CardPool(const GameCatalogue& catalogue);

const char* RarityName(v1::TreasureRarity rarity);  // "bronze", "silver", "gold", "mythic"
const char* KindName(v1::TreasureKind kind);        // "chest", "dig spot", "hidden NPC"

}  // namespace aiworld::economy
