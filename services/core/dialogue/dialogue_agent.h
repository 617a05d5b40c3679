#pragma once
// The Dialogue agent (agent "dialogue"): a character types to an NPC (NpcInteraction TEXT_INPUT in
// the NPC's input box, or WHISPER to "NPC:<name>") and the NPC answers with an NpcSay to that
// character — in the dialog window for TEXT_INPUT, overhead (seen by that character only) for a
// whisper — shaped by its personality, its memories of the character and the character's standing
// (dialogue_reply.h). Over the per-player rate limit there is no reply.
#include <memory>

#include "services/agentkit/agent.h"
#include "services/core/dialogue/standing_source.h"

namespace aiworld::core {

class DialogueAgent final : public agentkit::Agent {
 public:
  explicit DialogueAgent(std::shared_ptr<StandingSource> standing = std::make_shared<NullStandingSource>())
      : standing_(std::move(standing)) {}

  std::string name() const override { return "dialogue"; }
  std::string description() const override {
    return "NPCs answer typed text and whispers in character: personality, memories, standing, rate limit";
  }
  std::vector<v1::EventKind> subscriptions() const override { return {v1::EVENT_KIND_NPC_INTERACTION}; }
  std::vector<v1::ActionKind> emitted_actions() const override { return {v1::ACTION_KIND_NPC_SAY}; }
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  std::vector<uint32_t> CharactersOf(agentkit::StateStore& state, uint32_t account_id) override;
  // The rate-limit entries of the characters (personalities are about NPCs, memories are Memory's).
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  std::shared_ptr<StandingSource> standing_;
};

}  // namespace aiworld::core
