#pragma once
// The Quest agent's rules from the reference (original-system.md §3.1 "Quest"):
//   type by NPC class   merchant delivery/fetch/craft; guard kill/escort/investigate; quest_giver
//                       explore/dialogue/investigate; blacksmith craft/fetch; priest escort/dialogue;
//                       scholar investigate/explore/dialogue
//   personality         openness > 0.7 prefers EXPLORE, else conscientiousness > 0.7 prefers DELIVERY
//   difficulty by level < 10 trivial/easy; < 30 easy/normal; < 50 normal/hard; < 80 hard/very hard;
//                       else very hard/epic (one of the two, evenly)
// and the reward formula, which the reference leaves to its LLM (ours, documented in RewardFor).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aiworld/v1/core.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"
#include "services/core/dialogue/personality.h"

namespace aiworld::core {

enum class NpcClass { kMerchant, kGuard, kQuestGiver, kBlacksmith, kPriest, kScholar };

std::string NpcClassName(NpcClass c);
// The class of a catalogue sprite by its roles (merchant, guard, quest_giver, smith, priest,
// scholar); nullopt for sprites that give no quests (kafra, portal, villager, ...).
std::optional<NpcClass> NpcClassOfSprite(const GameCatalogue& catalogue, int sprite_id);

// The quest types an NPC class offers, in the reference's order.
const std::vector<v1::QuestType>& QuestTypesOf(NpcClass c);

// Openness > 0.7: EXPLORE; else conscientiousness > 0.7: DELIVERY; else one of the class's types.
v1::QuestType ChooseQuestType(NpcClass c, const Personality& p, RandomSource& random);

// The two difficulties of a level band (the lower first).
std::pair<v1::QuestDifficulty, v1::QuestDifficulty> DifficultyBand(uint32_t level);
v1::QuestDifficulty ChooseDifficulty(uint32_t level, RandomSource& random);

std::string QuestTypeName(v1::QuestType t);
std::string DifficultyName(v1::QuestDifficulty d);

// Multiplier of a difficulty: trivial 0.5, easy 1, normal 1.5, hard 2, very hard 3, epic 5.
double DifficultyMultiplier(v1::QuestDifficulty d);

// Kills (or items) an objective asks for: trivial 5, easy 8, normal 12, hard 16, very hard 22,
// epic 30; collect objectives ask for half (at least 3).
uint32_t KillQuantity(v1::QuestDifficulty d);
uint32_t CollectQuantity(v1::QuestDifficulty d);

// Reward, with m = DifficultyMultiplier and L = max(level, 1):
//   base_exp = 40 * L^2 * m       job_exp = base_exp * 3 / 5
//   zeny     = 150 * L * m        (capped at 1,000,000)
//   items    = a potion for the level (< 20 Red 501, < 40 Orange 502, < 60 Yellow 503, < 80 White
//              504, else Mastela Fruit 522) x ceil(3 * m)
v1::RewardBundle RewardFor(v1::QuestDifficulty d, uint32_t level, const GameCatalogue& catalogue);

}  // namespace aiworld::core
