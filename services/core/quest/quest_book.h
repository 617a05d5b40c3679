#pragma once
// Where generated quests live: v1::Quest messages in a StateStore (the Quest agent's), with an
// index per (server, character). Story quest instances of the Storyline generator are kept here
// too (keys "story_..."), so progress and the one reward work the same for both.
//
// Keys:  q/<quest_key>                      the quest (v1::Quest, serialized)
//        c/<server>/<char_id>/<quest_key>   index of a character's quests (empty value)
//        a/<account_id>/<char_id>            characters of an account (for erasure by account)
//        next_id                            last quest id handed out
// Quest ids: the Quest agent numbers its quests 1,000,000..1,999,999 (then wraps), key
// "quest_<id>"; the storyline uses 8000..8999 with keys "story_<id>..." — the ranges never meet.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aiworld/v1/core.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::core {

inline constexpr int64_t kQuestIdFirst = 1'000'000;
inline constexpr int64_t kQuestIdLast = 1'999'999;

class QuestBook {
 public:
  explicit QuestBook(agentkit::StateStore& state) : state_(state) {}

  std::optional<v1::Quest> Get(const std::string& quest_key) const;
  void Put(const v1::Quest& quest);
  // The character's quests on a server, in key order.
  std::vector<v1::Quest> OfCharacter(const std::string& server_id, uint32_t char_id) const;
  std::vector<v1::Quest> All() const;
  void RememberAccount(uint32_t account_id, uint32_t char_id);
  // `char_ids`, plus every character remembered for the account (when account_id is not 0).
  std::vector<uint32_t> CharactersOf(uint32_t account_id, std::vector<uint32_t> char_ids) const;
  // Removes every quest of these characters (any server); returns the quests removed.
  uint64_t EraseCharacters(const std::vector<uint32_t>& char_ids);
  // The next quest id of the Quest agent's range, and its key "quest_<id>".
  int64_t NextQuestId();
  static std::string QuestKeyOf(int64_t id);
  // The quest key an event names: its mesh_quest_key, else "quest_<id>" when the id is ours.
  static std::string KeyFromEvent(int32_t quest_id, const std::string& mesh_quest_key);

 private:
  agentkit::StateStore& state_;
};

// Progress of one event on an ACTIVE quest; each returns true when a count changed. TALK
// objectives count only once every other objective is done.
bool ApplyKill(v1::Quest& quest, int32_t mob_id, const std::string& map);
bool ApplyPickup(v1::Quest& quest, uint32_t item_id, uint32_t amount);
bool ApplyVisit(v1::Quest& quest, const std::string& map);
bool ApplyTalk(v1::Quest& quest, const std::string& npc_exname, const std::string& npc_tag);
// Every objective has reached its quantity.
bool ObjectivesDone(const v1::Quest& quest);
// The first objective not done yet; nullptr when all are.
const v1::QuestObjective* NextObjective(const v1::Quest& quest);
// True when the NpcRef names this NPC (by exname or mesh tag).
bool SameNpc(const v1::NpcRef& ref, const std::string& npc_exname, const std::string& npc_tag);

}  // namespace aiworld::core
