#include "services/core/quest/quest_rules.h"

#include <algorithm>
#include <cmath>

#include "runtime/random.h"

namespace aiworld::core {

std::string NpcClassName(NpcClass c) {
  switch (c) {
    case NpcClass::kMerchant: return "merchant";
    case NpcClass::kGuard: return "guard";
    case NpcClass::kQuestGiver: return "quest_giver";
    case NpcClass::kBlacksmith: return "blacksmith";
    case NpcClass::kPriest: return "priest";
    case NpcClass::kScholar: return "scholar";
  }
  return "quest_giver";
}

std::optional<NpcClass> NpcClassOfSprite(const GameCatalogue& catalogue, int sprite_id) {
  const NpcSprite* sprite = catalogue.FindSprite(sprite_id);
  if (sprite == nullptr) return std::nullopt;
  // The sprite's first role that gives quests wins: "smith,merchant" is a blacksmith.
  static const std::pair<std::string_view, NpcClass> kRoles[] = {
      {"quest_giver", NpcClass::kQuestGiver}, {"merchant", NpcClass::kMerchant}, {"guard", NpcClass::kGuard},
      {"smith", NpcClass::kBlacksmith},       {"priest", NpcClass::kPriest},     {"scholar", NpcClass::kScholar},
  };
  for (const std::string& role : sprite->roles) {
    for (const auto& [name, cls] : kRoles) {
      if (role == name) return cls;
    }
  }
  return std::nullopt;
}

const std::vector<v1::QuestType>& QuestTypesOf(NpcClass c) {
  using Q = std::vector<v1::QuestType>;
  static const Q kMerchant{v1::QUEST_TYPE_DELIVERY, v1::QUEST_TYPE_FETCH, v1::QUEST_TYPE_CRAFT};
  static const Q kGuard{v1::QUEST_TYPE_KILL, v1::QUEST_TYPE_ESCORT, v1::QUEST_TYPE_INVESTIGATE};
  static const Q kQuestGiver{v1::QUEST_TYPE_EXPLORE, v1::QUEST_TYPE_DIALOGUE, v1::QUEST_TYPE_INVESTIGATE};
  static const Q kBlacksmith{v1::QUEST_TYPE_CRAFT, v1::QUEST_TYPE_FETCH};
  static const Q kPriest{v1::QUEST_TYPE_ESCORT, v1::QUEST_TYPE_DIALOGUE};
  static const Q kScholar{v1::QUEST_TYPE_INVESTIGATE, v1::QUEST_TYPE_EXPLORE, v1::QUEST_TYPE_DIALOGUE};
  switch (c) {
    case NpcClass::kMerchant: return kMerchant;
    case NpcClass::kGuard: return kGuard;
    case NpcClass::kQuestGiver: return kQuestGiver;
    case NpcClass::kBlacksmith: return kBlacksmith;
    case NpcClass::kPriest: return kPriest;
    case NpcClass::kScholar: return kScholar;
  }
  return kQuestGiver;
}

v1::QuestType ChooseQuestType(NpcClass c, const Personality& p, RandomSource& random) {
  if (p.openness > 0.7) return v1::QUEST_TYPE_EXPLORE;
  if (p.conscientiousness > 0.7) return v1::QUEST_TYPE_DELIVERY;
  const auto& types = QuestTypesOf(c);
  return types[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(types.size()) - 1))];
}

std::pair<v1::QuestDifficulty, v1::QuestDifficulty> DifficultyBand(uint32_t level) {
  if (level < 10) return {v1::QUEST_DIFFICULTY_TRIVIAL, v1::QUEST_DIFFICULTY_EASY};
  if (level < 30) return {v1::QUEST_DIFFICULTY_EASY, v1::QUEST_DIFFICULTY_NORMAL};
  if (level < 50) return {v1::QUEST_DIFFICULTY_NORMAL, v1::QUEST_DIFFICULTY_HARD};
  if (level < 80) return {v1::QUEST_DIFFICULTY_HARD, v1::QUEST_DIFFICULTY_VERY_HARD};
  return {v1::QUEST_DIFFICULTY_VERY_HARD, v1::QUEST_DIFFICULTY_EPIC};
}

v1::QuestDifficulty ChooseDifficulty(uint32_t level, RandomSource& random) {
  const auto [low, high] = DifficultyBand(level);
  return random.Bernoulli(0.5) ? high : low;
}

std::string QuestTypeName(v1::QuestType t) {
  switch (t) {
    case v1::QUEST_TYPE_DELIVERY: return "delivery";
    case v1::QUEST_TYPE_FETCH: return "fetch";
    case v1::QUEST_TYPE_CRAFT: return "craft";
    case v1::QUEST_TYPE_KILL: return "kill";
    case v1::QUEST_TYPE_ESCORT: return "escort";
    case v1::QUEST_TYPE_INVESTIGATE: return "investigate";
    case v1::QUEST_TYPE_EXPLORE: return "explore";
    case v1::QUEST_TYPE_DIALOGUE: return "dialogue";
    default: return "unknown";
  }
}

std::string DifficultyName(v1::QuestDifficulty d) {
  switch (d) {
    case v1::QUEST_DIFFICULTY_TRIVIAL: return "trivial";
    case v1::QUEST_DIFFICULTY_EASY: return "easy";
    case v1::QUEST_DIFFICULTY_NORMAL: return "normal";
    case v1::QUEST_DIFFICULTY_HARD: return "hard";
    case v1::QUEST_DIFFICULTY_VERY_HARD: return "very hard";
    case v1::QUEST_DIFFICULTY_EPIC: return "epic";
    default: return "unknown";
  }
}

double DifficultyMultiplier(v1::QuestDifficulty d) {
  switch (d) {
    case v1::QUEST_DIFFICULTY_TRIVIAL: return 0.5;
    case v1::QUEST_DIFFICULTY_EASY: return 1.0;
    case v1::QUEST_DIFFICULTY_NORMAL: return 1.5;
    case v1::QUEST_DIFFICULTY_HARD: return 2.0;
    case v1::QUEST_DIFFICULTY_VERY_HARD: return 3.0;
    case v1::QUEST_DIFFICULTY_EPIC: return 5.0;
    default: return 1.0;
  }
}

uint32_t KillQuantity(v1::QuestDifficulty d) {
  switch (d) {
    case v1::QUEST_DIFFICULTY_TRIVIAL: return 5;
    case v1::QUEST_DIFFICULTY_EASY: return 8;
    case v1::QUEST_DIFFICULTY_NORMAL: return 12;
    case v1::QUEST_DIFFICULTY_HARD: return 16;
    case v1::QUEST_DIFFICULTY_VERY_HARD: return 22;
    case v1::QUEST_DIFFICULTY_EPIC: return 30;
    default: return 8;
  }
}

uint32_t CollectQuantity(v1::QuestDifficulty d) { return std::max<uint32_t>(3, KillQuantity(d) / 2); }

v1::RewardBundle RewardFor(v1::QuestDifficulty d, uint32_t level, const GameCatalogue& catalogue) {
  const double m = DifficultyMultiplier(d);
  const double l = std::max<uint32_t>(level, 1);
  v1::RewardBundle reward;
  const auto base_exp = static_cast<uint64_t>(std::llround(40.0 * l * l * m));
  reward.set_base_exp(base_exp);
  reward.set_job_exp(base_exp * 3 / 5);
  reward.set_zeny(static_cast<uint32_t>(std::min(1'000'000.0, std::round(150.0 * l * m))));
  const uint32_t potion = level < 20 ? 501 : level < 40 ? 502 : level < 60 ? 503 : level < 80 ? 504 : 522;
  if (catalogue.FindItem(potion) != nullptr) {
    v1::ItemStack* stack = reward.add_items();
    stack->set_item_id(potion);
    stack->set_amount(static_cast<uint32_t>(std::ceil(3.0 * m)));
  }
  return reward;
}

}  // namespace aiworld::core
