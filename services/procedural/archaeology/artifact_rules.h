#pragma once
// The reference's archaeology rules (§3.14).
//
// Levels by total digs: 0, 10, 30, 60, 100, 150, 210, 280, 360, 500 open levels 1..10 (max 10); a
// character that never dug is level 0.
// Artifact rarity weights: common .5, uncommon .3, rare .15, mythic .05. A bonus is taken from
// common, half of it going to rare and half to mythic. The reference's bonus is min(0.5, 0.05 x
// level) and ignores the dig spot's rarity (which it computes and stores); we fix that: bonus =
// min(0.5, 0.05 x level + 0.2 x spot rarity), so a rare spot on a quiet map digs up better things.
// Types by rarity (even odds): common fossil/relic; uncommon relic/tome; rare tome/treasure map;
// mythic treasure map/rare material. Each type is a handful of real items from the catalogue.
// Collections: fossils 10 (title Paleontologist, max HP +200), relics 15 (MATK +10), tomes 20
// (INT and DEX +5), rare materials 5 (every stat +3). A treasure map opens one of 4 secret locations
// for 30 minutes.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/procedural.pb.h"

namespace aiworld::procedural {

inline constexpr std::array<uint32_t, 10> kArchaeologyLevelDigs = {0, 10, 30, 60, 100, 150, 210, 280, 360, 500};
inline constexpr uint32_t kMaxArchaeologyLevel = 10;
inline constexpr double kLevelBonusPerLevel = 0.05;
inline constexpr double kMaxRarityBonus = 0.5;
inline constexpr double kSpotRarityBonus = 0.2;
inline constexpr absl::Duration kSecretAccess = absl::Minutes(30);

enum class ArtifactRarity { kCommon, kUncommon, kRare, kMythic };

struct RarityWeights {
  double common = 0.5;
  double uncommon = 0.3;
  double rare = 0.15;
  double mythic = 0.05;
};

struct CollectionRule {
  std::string name;  // "fossils"
  v1::ArtifactType type = v1::ARTIFACT_TYPE_UNSPECIFIED;
  uint32_t required = 1;
  std::string title;  // empty: none
  std::vector<v1::StatModifier> bonus;
};

// 0 for 0 digs, else the number of thresholds reached (1..10).
uint32_t ArchaeologyLevel(uint32_t total_digs);
// Digs still needed for the next level; 0 at level 10.
uint32_t DigsToNextLevel(uint32_t total_digs);

RarityWeights RarityWeightsFor(uint32_t level, double spot_rarity);
ArtifactRarity RollRarity(const RarityWeights& weights, double u);
const char* RarityName(ArtifactRarity r);  // "common", "uncommon", "rare", "mythic"
// The first type of the rarity's pair for u < 0.5, the second otherwise.
v1::ArtifactType ArtifactTypeFor(ArtifactRarity rarity, double u);
const char* ArtifactTypeName(v1::ArtifactType type);  // "fossil", "relic", "tome", "treasure map", "rare material"
// Real catalogue item ids for the type.
const std::vector<uint32_t>& ArtifactItems(v1::ArtifactType type);

// fossils, relics, tomes, rare_materials.
const std::vector<CollectionRule>& ArtifactCollections();
const CollectionRule* CollectionFor(v1::ArtifactType type);
// The four secret locations a treasure map can open (real maps).
const std::vector<std::string>& SecretLocations();

}  // namespace aiworld::procedural
