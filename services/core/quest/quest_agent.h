#pragma once
// The Quest agent (core group, "quest"): quests from NPCs, their progress, and the one reward.
//
//   NpcInteraction CLICK, or MENU_CHOICE whose option mentions "quest", on a quest-giving NPC
//   (sprite role merchant, guard, quest_giver, smith, priest or scholar; story NPCs "story_*" are
//   the storyline's):
//     - a TALK objective of the character's active quests on this NPC counts (report back);
//     - an active quest from this NPC not done yet: NpcSay with what is left;
//     - an offered one: OfferQuest again (offers older than 7 days expire and a new one is made);
//     - at most 5 open quests per character: NpcSay that they carry enough;
//     - else a new quest (QuestMaker) -> OfferQuest + NpcSay.
//   QuestAccepted              OFFERED -> ACTIVE
//   MonsterKilled              KILL progress for the killer and party members on the map
//   ItemPickedUp               COLLECT progress;  MapChange  VISIT progress
//   QuestCompleted, or every objective done -> COMPLETED with GiveReward exactly once (its
//   idempotency key is the quest's, and a completed quest is never rewarded again) and a
//   Broadcast to the player.
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::core {

inline constexpr int kMaxOpenQuestsPerCharacter = 5;
inline constexpr absl::Duration kOfferLifetime = absl::Hours(24 * 7);

class QuestAgent final : public agentkit::Agent {
 public:
  explicit QuestAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : catalogue_(catalogue) {}

  std::string name() const override { return "quest"; }
  std::string description() const override {
    return "quests by NPC class, personality and level on real monsters, items and maps; progress and rewards";
  }
  std::vector<v1::EventKind> subscriptions() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  std::vector<uint32_t> CharactersOf(agentkit::StateStore& state, uint32_t account_id) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  void OnInteraction(agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::vector<v1::Action>* actions);
  void OnAccepted(agentkit::AgentContext& ctx, const v1::RoutedEvent& e);
  void OnCompleted(agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::vector<v1::Action>* actions);
  void OnProgress(agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::vector<v1::Action>* actions);

  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::core
