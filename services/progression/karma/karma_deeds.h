#pragma once
// Which karma action a real event is (the reference's agent took actions as API input; its generic
// kill_monster checked the target against PROTECTED_MONSTERS = PORING, LUNATIC, DROPS).
//   a kill        (credited killer) of a protected monster -> kill_protected_monster (-10). The
//                 protected monsters are the reference's three, found in the catalogue by AegisName:
//                 Poring 1002, Lunatic 1063, Drops 1113 — the meek monsters new players meet first.
//                 A monster the mesh spawned (any spawn tag) is never protected: the world asked
//                 for it to be fought.
//                 A boss (mini-boss or MVP) of the demon or undead race, or of the dark or undead
//                 element -> defeat_evil_boss (+25); any other demon -> kill_demon (+5), undead ->
//                 kill_undead (+5); other monsters and unknown mob ids: nothing.
//   a quest       completed -> help_npc_quest (+15)
//   PvP           decided by the agent: killing an evil or very evil character (karma <= -3000)
//                 is save_player (+18); any other kill is a pvp_duel (0: nothing changes)
//   custom        "karma.<action>" for what only a server script can see: protect_peaceful_monster,
//                 donate_temple, heal_wounded_npc, complete_good_quest, save_player,
//                 help_shadow_cult, use_forbidden_skill, complete_evil_quest, kill_protected_npc;
//                 and a faction donation (faction_deeds.h): to the rune_alliance is donate_temple,
//                 to the shadow_cult is help_shadow_cult.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "aiworld/v1/events.pb.h"
#include "data/catalogue.h"
#include "services/progression/karma/karma_rules.h"

namespace aiworld::progression {

inline constexpr std::string_view kKarmaEventPrefix = "karma.";

// PORING, LUNATIC, DROPS.
const std::vector<std::string>& DefaultProtectedMonsters();

class KarmaDeeds {
 public:
  // `protected_monsters` are AegisNames; names not in the catalogue protect nothing.
  explicit KarmaDeeds(const GameCatalogue& catalogue, const std::vector<std::string>& protected_monsters = DefaultProtectedMonsters());

  bool IsProtected(int mob_id) const { return protected_ids_.contains(mob_id); }
  const std::set<int>& protected_ids() const { return protected_ids_; }

  std::optional<KarmaAction> OfKill(const v1::MonsterKilled& kill) const;
  std::optional<KarmaAction> OfCustom(std::string_view name) const;
  // Kills, quests and custom events; PvP is the agent's.
  std::optional<KarmaAction> Of(const v1::GameEvent& event) const;

 private:
  const GameCatalogue& catalogue_;
  std::set<int> protected_ids_;
};

}  // namespace aiworld::progression
