#pragma once
// NPC classes and the behaviours each may choose (reference §3.1 Decision): every NPC idle, emote;
// a mobile one also wander, exploration, return_home; merchant advertise, organize_inventory,
// check_prices; guard patrol (if mobile), watch, challenge; quest_giver seek_adventurers (if
// mobile), review_quests, update_board.
//
// The class comes from what the game tells us: an NPC seen selling in an NPC shop is a merchant;
// else the first of its sprite's catalogue roles that names a class (merchant -> merchant; guard ->
// guard; quest_giver, job_master -> quest_giver; hidden, portal, sign, treasure -> inanimate, which
// never acts); else words in its name (guard, soldier, knight, sentry / merchant, dealer, shop,
// vendor, trader / quest, board, guide); else a commoner.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/catalogue.h"

namespace aiworld::core {

enum class BehaviourClass { kCommoner, kMerchant, kGuard, kQuestGiver, kInanimate };

enum class Behaviour {
  kIdle,
  kEmote,
  kWander,
  kExploration,
  kReturnHome,
  kAdvertise,
  kOrganizeInventory,
  kCheckPrices,
  kPatrol,
  kWatch,
  kChallenge,
  kSeekAdventurers,
  kReviewQuests,
  kUpdateBoard,
};

// "commoner", "merchant", "guard", "quest_giver", "inanimate".
const char* BehaviourClassName(BehaviourClass c);
// The reference's names: "idle", "emote", "wander", "exploration", "return_home", "advertise", ...
const char* BehaviourName(Behaviour b);
// The first behaviour name found in an answer ("Patrol." -> patrol), among `allowed`.
std::optional<Behaviour> ParseBehaviour(std::string_view answer, const std::vector<Behaviour>& allowed);

// sprite: nullopt when unknown (an NPC only seen through its shop).
BehaviourClass ClassifyNpc(std::optional<int> sprite, std::string_view name, bool sells_in_shop, const GameCatalogue& catalogue);
std::vector<Behaviour> AvailableBehaviours(BehaviourClass c, bool mobile);
// Weight of a behaviour in the template pick: idle 3, emote 2, wander 2, exploration 1,
// return_home 1, class behaviours 2.
int TemplateWeight(Behaviour b);

}  // namespace aiworld::core
