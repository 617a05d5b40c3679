#include "services/core/npc_behaviour/npc_class.h"

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace aiworld::core {
namespace {
constexpr std::array<std::pair<Behaviour, const char*>, 14> kNames = {{
    {Behaviour::kIdle, "idle"},
    {Behaviour::kEmote, "emote"},
    {Behaviour::kWander, "wander"},
    {Behaviour::kExploration, "exploration"},
    {Behaviour::kReturnHome, "return_home"},
    {Behaviour::kAdvertise, "advertise"},
    {Behaviour::kOrganizeInventory, "organize_inventory"},
    {Behaviour::kCheckPrices, "check_prices"},
    {Behaviour::kPatrol, "patrol"},
    {Behaviour::kWatch, "watch"},
    {Behaviour::kChallenge, "challenge"},
    {Behaviour::kSeekAdventurers, "seek_adventurers"},
    {Behaviour::kReviewQuests, "review_quests"},
    {Behaviour::kUpdateBoard, "update_board"},
}};

std::optional<BehaviourClass> ClassOfRole(std::string_view role) {
  if (role == "merchant") return BehaviourClass::kMerchant;
  if (role == "guard") return BehaviourClass::kGuard;
  if (role == "quest_giver" || role == "job_master") return BehaviourClass::kQuestGiver;
  if (role == "hidden" || role == "portal" || role == "sign" || role == "treasure") return BehaviourClass::kInanimate;
  return std::nullopt;
}

bool HasAny(const std::string& lower, std::initializer_list<const char*> words) {
  for (const char* w : words) {
    if (absl::StrContains(lower, w)) return true;
  }
  return false;
}
}  // namespace

const char* BehaviourClassName(BehaviourClass c) {
  switch (c) {
    case BehaviourClass::kMerchant: return "merchant";
    case BehaviourClass::kGuard: return "guard";
    case BehaviourClass::kQuestGiver: return "quest_giver";
    case BehaviourClass::kInanimate: return "inanimate";
    default: return "commoner";
  }
}

const char* BehaviourName(Behaviour b) {
  for (const auto& [behaviour, name] : kNames) {
    if (behaviour == b) return name;
  }
  return "idle";
}

std::optional<Behaviour> ParseBehaviour(std::string_view answer, const std::vector<Behaviour>& allowed) {
  std::string lower = absl::AsciiStrToLower(absl::string_view(answer.data(), answer.size()));
  for (char& c : lower) {
    if (c == ' ' || c == '-') c = '_';
  }
  // Longest names first, so "return_home" is not read as something shorter inside it.
  std::optional<Behaviour> best;
  size_t best_len = 0;
  for (Behaviour b : allowed) {
    const std::string name = BehaviourName(b);
    if (absl::StrContains(lower, name) && name.size() > best_len) {
      best = b;
      best_len = name.size();
    }
  }
  return best;
}

BehaviourClass ClassifyNpc(std::optional<int> sprite, std::string_view name, bool sells_in_shop, const GameCatalogue& catalogue) {
  if (sells_in_shop) return BehaviourClass::kMerchant;
  if (sprite.has_value()) {
    if (const NpcSprite* s = catalogue.FindSprite(*sprite); s != nullptr) {
      for (const std::string& role : s->roles) {
        if (std::optional<BehaviourClass> c = ClassOfRole(role)) return *c;
      }
    }
  }
  const std::string lower = absl::AsciiStrToLower(absl::string_view(name.data(), name.size()));
  if (HasAny(lower, {"guard", "soldier", "knight", "sentry"})) return BehaviourClass::kGuard;
  if (HasAny(lower, {"merchant", "dealer", "shop", "vendor", "trader"})) return BehaviourClass::kMerchant;
  if (HasAny(lower, {"quest", "board", "guide"})) return BehaviourClass::kQuestGiver;
  return BehaviourClass::kCommoner;
}

std::vector<Behaviour> AvailableBehaviours(BehaviourClass c, bool mobile) {
  if (c == BehaviourClass::kInanimate) return {};
  std::vector<Behaviour> out = {Behaviour::kIdle, Behaviour::kEmote};
  if (mobile) {
    out.insert(out.end(), {Behaviour::kWander, Behaviour::kExploration, Behaviour::kReturnHome});
  }
  switch (c) {
    case BehaviourClass::kMerchant:
      out.insert(out.end(), {Behaviour::kAdvertise, Behaviour::kOrganizeInventory, Behaviour::kCheckPrices});
      break;
    case BehaviourClass::kGuard:
      if (mobile) out.push_back(Behaviour::kPatrol);
      out.insert(out.end(), {Behaviour::kWatch, Behaviour::kChallenge});
      break;
    case BehaviourClass::kQuestGiver:
      if (mobile) out.push_back(Behaviour::kSeekAdventurers);
      out.insert(out.end(), {Behaviour::kReviewQuests, Behaviour::kUpdateBoard});
      break;
    default: break;
  }
  return out;
}

int TemplateWeight(Behaviour b) {
  switch (b) {
    case Behaviour::kIdle: return 3;
    case Behaviour::kEmote:
    case Behaviour::kWander: return 2;
    case Behaviour::kExploration:
    case Behaviour::kReturnHome: return 1;
    default: return 2;
  }
}

}  // namespace aiworld::core
