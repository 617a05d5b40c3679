#pragma once
// The roaming NPC types of the reference (§3.3) and their rewards.
//
//   type                  required level  quest               reward tier
//   treasure_seeker       30              treasure_hunt       medium
//   runaway_sage          50              knowledge_sharing   high
//   wandering_blacksmith  40              crafting_service    high
//   mysterious_child      25              riddle              very_high
//   lost_merchant         35              delivery            medium
//
// Rewards at the reference's fixed level 50: base exp = 50 x 2000 x tier exp multiplier, zeny =
// 50 x 1000 x tier zeny multiplier (medium 2.0/1.5, high 3.5/2.5, very_high 5.0/4.0), always
// 3 x Yggdrasil Berry (607). With the tier's rare chance (0.05/0.15/0.30) an Old Blue Box (603, our
// catalogue's stand-in for the reference's item 7179, which rAthena's pre-renewal item_db lacks), and
// with 0.3 x the rare chance a Poring Card (4001). High tiers add ATK +10% and MATK +10% for 1 h.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/procedural.pb.h"
#include "runtime/random.h"
#include "services/core/dialogue/personality.h"

namespace aiworld::procedural {

enum class RewardTier { kMedium, kHigh, kVeryHigh };

struct TierMultipliers {
  double exp = 1;
  double zeny = 1;
  double rare_chance = 0;
};

struct NpcTypeInfo {
  v1::DynamicNpcType type = v1::DYNAMIC_NPC_TYPE_UNSPECIFIED;
  std::string key;    // "treasure_seeker"
  std::string label;  // "treasure seeker"
  uint32_t required_level = 1;
  std::string quest;  // "treasure_hunt"
  RewardTier tier = RewardTier::kMedium;
  std::vector<int> sprites;          // catalogue sprites without a quest-giving role
  std::array<std::string, 4> names;  // the reference's four names per type
  std::string backstory;             // one line
  std::string task_line;             // what it says when it shares its quest reward
  core::Personality archetype;       // Big-Five centre; each NPC varies around it
};

inline constexpr uint32_t kRewardLevel = 50;  // the reference computes every reward at level 50
inline constexpr uint32_t kYggdrasilBerry = 607;
inline constexpr uint32_t kRareItem = 603;    // Old Blue Box (reference: 7179)
inline constexpr uint32_t kCardItem = 4001;   // Poring Card
inline constexpr double kCardShareOfRare = 0.3;

// The five types in enum order.
const std::vector<NpcTypeInfo>& NpcTypes();
// nullptr for UNSPECIFIED or an unknown value.
const NpcTypeInfo* FindNpcType(v1::DynamicNpcType type);
// The reference's seven quirks; each NPC gets three of them.
const std::vector<std::string>& NpcQuirks();

TierMultipliers TierMultipliersOf(RewardTier tier);
const char* TierName(RewardTier tier);  // "medium", "high", "very_high"

// The fixed part of the reward (exp, zeny, 3 x 607), stored with the NPC.
v1::RewardBundle BaseReward(RewardTier tier);
// The base reward plus the rare rolls drawn for one character.
v1::RewardBundle RollReward(RewardTier tier, RandomSource& random);
// High and very high tiers grant ATK and MATK +10% for an hour.
bool GrantsBuffs(RewardTier tier);

}  // namespace aiworld::procedural
