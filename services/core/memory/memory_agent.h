#pragma once
// The Memory agent (agent "memory"): NPCs remember who came by, what they chose in menus and what
// they bought or sold in NPC shops, through MemoryBook. Typed text (TEXT_INPUT, WHISPER) is the
// Dialogue agent's, which records the whole exchange with the reply. It emits no actions; the
// Dialogue agent and Core.GetMemories read its state.
//
//   click            EVENT, importance 1, valence +0.05, only when the pair has no memory from the
//                    last hour (a shop visited all day is one memory, not hundreds)
//   menu choice      CONVERSATION, importance 2, valence 0 (cancel, 255, is not remembered)
//   shop buy / sell  EVENT, importance 1 + round(log10(zeny)) clamped 1..10 (100 z -> 3, 1M z -> 7),
//                    valence +0.3 buy / +0.2 sell; item names from the catalogue
#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/core/memory/memory_book.h"

namespace aiworld::core {

class MemoryAgent final : public agentkit::Agent {
 public:
  explicit MemoryAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn(), MemoryPolicy policy = {})
      : catalogue_(catalogue), policy_(policy) {}

  std::string name() const override { return "memory"; }
  std::string description() const override {
    return "NPC memories of characters: importance, valence, decay, recall, summaries, relationships";
  }
  std::vector<v1::EventKind> subscriptions() const override {
    return {v1::EVENT_KIND_NPC_INTERACTION, v1::EVENT_KIND_NPC_SHOP_TRADE};
  }
  std::vector<v1::ActionKind> emitted_actions() const override { return {}; }
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  std::vector<uint32_t> CharactersOf(agentkit::StateStore& state, uint32_t account_id) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

  static constexpr absl::Duration kVisitGap = absl::Hours(1);

 private:
  const GameCatalogue& catalogue_;
  const MemoryPolicy policy_;
};

// 1 + round(log10(zeny)), clamped to 1..10.
uint32_t ImportanceOfZeny(uint64_t zeny);

}  // namespace aiworld::core
