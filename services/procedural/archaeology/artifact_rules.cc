#include "services/procedural/archaeology/artifact_rules.h"

#include <algorithm>

namespace aiworld::procedural {
namespace {

v1::StatModifier Add(const char* stat, int32_t amount) {
  v1::StatModifier m;
  m.set_stat(stat);
  m.set_multiplier(1.0);
  m.set_add(amount);
  return m;
}

CollectionRule Rule(std::string name, v1::ArtifactType type, uint32_t required, std::string title,
                    std::vector<v1::StatModifier> bonus) {
  CollectionRule r;
  r.name = std::move(name);
  r.type = type;
  r.required = required;
  r.title = std::move(title);
  r.bonus = std::move(bonus);
  return r;
}

}  // namespace

uint32_t ArchaeologyLevel(uint32_t total_digs) {
  if (total_digs == 0) return 0;
  uint32_t level = 0;
  for (uint32_t threshold : kArchaeologyLevelDigs) level += total_digs >= threshold ? 1 : 0;
  return std::min(level, kMaxArchaeologyLevel);
}

uint32_t DigsToNextLevel(uint32_t total_digs) {
  const uint32_t level = ArchaeologyLevel(total_digs);
  if (level >= kMaxArchaeologyLevel) return 0;
  if (level == 0) return 1;  // the first dig opens level 1
  return kArchaeologyLevelDigs[level] - total_digs;
}

RarityWeights RarityWeightsFor(uint32_t level, double spot_rarity) {
  const double bonus = std::min(kMaxRarityBonus, kLevelBonusPerLevel * level + kSpotRarityBonus * std::clamp(spot_rarity, 0.0, 1.0));
  RarityWeights w;
  w.common -= bonus;
  w.rare += bonus / 2;
  w.mythic += bonus / 2;
  return w;
}

ArtifactRarity RollRarity(const RarityWeights& w, double u) {
  if (u < w.common) return ArtifactRarity::kCommon;
  if (u < w.common + w.uncommon) return ArtifactRarity::kUncommon;
  if (u < w.common + w.uncommon + w.rare) return ArtifactRarity::kRare;
  return ArtifactRarity::kMythic;
}

const char* RarityName(ArtifactRarity r) {
  switch (r) {
    case ArtifactRarity::kCommon: return "common";
    case ArtifactRarity::kUncommon: return "uncommon";
    case ArtifactRarity::kRare: return "rare";
    case ArtifactRarity::kMythic: return "mythic";
  }
  return "common";
}

v1::ArtifactType ArtifactTypeFor(ArtifactRarity rarity, double u) {
  const bool first = u < 0.5;
  switch (rarity) {
    case ArtifactRarity::kCommon: return first ? v1::ARTIFACT_TYPE_FOSSIL : v1::ARTIFACT_TYPE_RELIC;
    case ArtifactRarity::kUncommon: return first ? v1::ARTIFACT_TYPE_RELIC : v1::ARTIFACT_TYPE_TOME;
    case ArtifactRarity::kRare: return first ? v1::ARTIFACT_TYPE_TOME : v1::ARTIFACT_TYPE_TREASURE_MAP;
    case ArtifactRarity::kMythic: return first ? v1::ARTIFACT_TYPE_TREASURE_MAP : v1::ARTIFACT_TYPE_RARE_MATERIAL;
  }
  return v1::ARTIFACT_TYPE_FOSSIL;
}

const char* ArtifactTypeName(v1::ArtifactType type) {
  switch (type) {
    case v1::ARTIFACT_TYPE_FOSSIL: return "fossil";
    case v1::ARTIFACT_TYPE_RELIC: return "relic";
    case v1::ARTIFACT_TYPE_TOME: return "tome";
    case v1::ARTIFACT_TYPE_TREASURE_MAP: return "treasure map";
    case v1::ARTIFACT_TYPE_RARE_MATERIAL: return "rare material";
    default: return "artifact";
  }
}

const std::vector<uint32_t>& ArtifactItems(v1::ArtifactType type) {
  static const std::vector<uint32_t> kFossils = {1053, 628, 7005};               // Ancient Tooth, Well-Dried Bone, Skull
  static const std::vector<uint32_t> kRelics = {7014, 7022, 7113, 7341};         // Old Portrait, Old Hilt, Broken Pharaoh Emblem, Old Pendant
  static const std::vector<uint32_t> kTomes = {1006, 7117, 7118, 7099};          // Old Magicbook, Torn Magic Book, Torn Scroll, Worn-out Magic Scroll
  static const std::vector<uint32_t> kMaps = {7052, 7347};                       // Old Papers, Research Chart
  static const std::vector<uint32_t> kMaterials = {984, 985, 7233, 730};         // Oridecon, Elunium, Mithril Ore, 1carat Diamond
  static const std::vector<uint32_t> kNone;
  switch (type) {
    case v1::ARTIFACT_TYPE_FOSSIL: return kFossils;
    case v1::ARTIFACT_TYPE_RELIC: return kRelics;
    case v1::ARTIFACT_TYPE_TOME: return kTomes;
    case v1::ARTIFACT_TYPE_TREASURE_MAP: return kMaps;
    case v1::ARTIFACT_TYPE_RARE_MATERIAL: return kMaterials;
    default: return kNone;
  }
}

const std::vector<CollectionRule>& ArtifactCollections() {
  static const std::vector<CollectionRule> kRules = {
      Rule("fossils", v1::ARTIFACT_TYPE_FOSSIL, 10, "Paleontologist", {Add("max_hp", 200)}),
      Rule("relics", v1::ARTIFACT_TYPE_RELIC, 15, "", {Add("matk", 10)}),
      Rule("tomes", v1::ARTIFACT_TYPE_TOME, 20, "", {Add("int", 5), Add("dex", 5)}),
      Rule("rare_materials", v1::ARTIFACT_TYPE_RARE_MATERIAL, 5, "",
           {Add("str", 3), Add("agi", 3), Add("vit", 3), Add("int", 3), Add("dex", 3), Add("luk", 3)}),
  };
  return kRules;
}

const CollectionRule* CollectionFor(v1::ArtifactType type) {
  for (const CollectionRule& r : ArtifactCollections()) {
    if (r.type == type) return &r;
  }
  return nullptr;
}

const std::vector<std::string>& SecretLocations() {
  static const std::vector<std::string> kSecrets = {"moc_pryd06", "in_sphinx5", "ayo_dun02", "juperos_02"};
  return kSecrets;
}

}  // namespace aiworld::procedural
