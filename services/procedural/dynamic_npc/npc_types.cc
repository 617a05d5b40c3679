#include "services/procedural/dynamic_npc/npc_types.h"

#include <cmath>

namespace aiworld::procedural {
namespace {

core::Personality Traits(double o, double c, double e, double a, double n) {
  core::Personality p;
  p.openness = o;
  p.conscientiousness = c;
  p.extraversion = e;
  p.agreeableness = a;
  p.neuroticism = n;
  return p;
}

NpcTypeInfo Make(v1::DynamicNpcType type, std::string key, std::string label, uint32_t level, std::string quest,
                 RewardTier tier, std::vector<int> sprites, std::array<std::string, 4> names, std::string backstory,
                 std::string task_line, core::Personality archetype) {
  NpcTypeInfo t;
  t.type = type;
  t.key = std::move(key);
  t.label = std::move(label);
  t.required_level = level;
  t.quest = std::move(quest);
  t.tier = tier;
  t.sprites = std::move(sprites);
  t.names = std::move(names);
  t.backstory = std::move(backstory);
  t.task_line = std::move(task_line);
  t.archetype = archetype;
  return t;
}

}  // namespace

const std::vector<NpcTypeInfo>& NpcTypes() {
  // Sprites have no quest-giving role (merchant, guard, quest_giver, smith, priest, scholar), so the
  // Quest agent leaves clicks on these NPCs to us.
  static const std::vector<NpcTypeInfo> kTypes = {
      Make(v1::DYNAMIC_NPC_TYPE_TREASURE_SEEKER, "treasure_seeker", "treasure seeker", 30, "treasure_hunt",
           RewardTier::kMedium, {632, 727, 747}, {"Finn the Seeker", "Marla Goldeye", "Old Dusty", "Kess Lanternhand"},
           "Follows a map drawn by a grandfather who never came back from the ruins.",
           "I marked where the old map points. Take this for your trouble, and keep the secret.",
           Traits(0.8, 0.4, 0.7, 0.5, 0.4)),
      Make(v1::DYNAMIC_NPC_TYPE_RUNAWAY_SAGE, "runaway_sage", "runaway sage", 50, "knowledge_sharing", RewardTier::kHigh,
           {51, 70}, {"Sage Orvel", "Mistress Ianthe", "Brother Quill", "Elder Saphra"},
           "Left the Sage Academy in Juno with a book they were told never to open.",
           "Listen closely, and remember what the academy will not teach. This knowledge is yours now.",
           Traits(0.9, 0.6, 0.3, 0.6, 0.5)),
      Make(v1::DYNAMIC_NPC_TYPE_WANDERING_BLACKSMITH, "wandering_blacksmith", "wandering blacksmith", 40,
           "crafting_service", RewardTier::kHigh, {84, 86}, {"Hammer Brok", "Tilda Emberhand", "Gorran Ironsong", "Vesk"},
           "Carries a portable anvil from town to town, looking for the perfect ore.",
           "Your gear has seen battle. Let me temper it and send you off sharper than you came.",
           Traits(0.4, 0.85, 0.4, 0.5, 0.3)),
      Make(v1::DYNAMIC_NPC_TYPE_MYSTERIOUS_CHILD, "mysterious_child", "mysterious child", 25, "riddle",
           RewardTier::kVeryHigh, {82, 96, 700}, {"Little Pim", "Nobody", "Ash", "The Quiet Girl"},
           "Nobody remembers where this child came from, yet the child remembers everyone.",
           "You solved my riddle! Few do. Here is what I was keeping for the one who would.",
           Traits(0.85, 0.2, 0.6, 0.6, 0.6)),
      Make(v1::DYNAMIC_NPC_TYPE_LOST_MERCHANT, "lost_merchant", "lost merchant", 35, "delivery", RewardTier::kMedium,
           {100, 709}, {"Merchant Tobbin", "Lira Coinpurse", "Haskel the Lost", "Widow Mabb"},
           "Lost the caravan in a storm and is still trying to deliver the last crate.",
           "You found the way for me! The crate is delivered at last. Please, take a share of the profit.",
           Traits(0.5, 0.6, 0.6, 0.75, 0.75)),
  };
  return kTypes;
}

const NpcTypeInfo* FindNpcType(v1::DynamicNpcType type) {
  for (const NpcTypeInfo& t : NpcTypes()) {
    if (t.type == type) return &t;
  }
  return nullptr;
}

const std::vector<std::string>& NpcQuirks() {
  static const std::vector<std::string> kQuirks = {
      "hums old marching songs", "counts everything twice",   "never sits down",        "talks to birds",
      "collects odd pebbles",    "distrusts Kafra employees", "laughs at their own jokes",
  };
  return kQuirks;
}

TierMultipliers TierMultipliersOf(RewardTier tier) {
  switch (tier) {
    case RewardTier::kMedium: return {2.0, 1.5, 0.05};
    case RewardTier::kHigh: return {3.5, 2.5, 0.15};
    case RewardTier::kVeryHigh: return {5.0, 4.0, 0.30};
  }
  return {};
}

const char* TierName(RewardTier tier) {
  switch (tier) {
    case RewardTier::kMedium: return "medium";
    case RewardTier::kHigh: return "high";
    case RewardTier::kVeryHigh: return "very_high";
  }
  return "medium";
}

v1::RewardBundle BaseReward(RewardTier tier) {
  const TierMultipliers m = TierMultipliersOf(tier);
  v1::RewardBundle r;
  r.set_base_exp(static_cast<uint64_t>(std::llround(kRewardLevel * 2000.0 * m.exp)));
  r.set_zeny(static_cast<uint32_t>(std::llround(kRewardLevel * 1000.0 * m.zeny)));
  v1::ItemStack* berries = r.add_items();
  berries->set_item_id(kYggdrasilBerry);
  berries->set_amount(3);
  return r;
}

v1::RewardBundle RollReward(RewardTier tier, RandomSource& random) {
  const TierMultipliers m = TierMultipliersOf(tier);
  v1::RewardBundle r = BaseReward(tier);
  if (random.Bernoulli(m.rare_chance)) {
    v1::ItemStack* rare = r.add_items();
    rare->set_item_id(kRareItem);
    rare->set_amount(1);
  }
  if (random.Bernoulli(kCardShareOfRare * m.rare_chance)) {
    v1::ItemStack* card = r.add_items();
    card->set_item_id(kCardItem);
    card->set_amount(1);
  }
  return r;
}

bool GrantsBuffs(RewardTier tier) { return tier != RewardTier::kMedium; }

}  // namespace aiworld::procedural
