#pragma once
// The MerchantEconomy agent (economy group, "merchant_economy"): zeny per capita, inflation,
// deflation, glut and scarcity, NPC price adjustments within caps and zeny sinks (reference §3.12;
// rules in economy_analysis.h).
//
//   Login / Logout             each character's zeny on hand (characters seen in the last 7 days
//                              are the active population)
//   NpcShopTrade BUY           zeny paid to NPC shops while a sink runs counts as drained by it
//   merchant_economy.analyze   every 6 h: zeny per capita from those characters (without any: the
//                              world snapshot's zeny on hand of the players online), the overall
//                              supply/demand from the Economy agent's market; the condition and
//                              its severity; on anything but balanced the 50 most traded items'
//                              NPC prices move (Economy's price book, UpdateShop to their shops);
//                              on inflation a zeny sink starts unless one runs (StartWorldEvent on
//                              "AIW_Evt_ZenySink" for its hours, and a Broadcast); drop-rate advice;
//                              the report for Economy.GetMarketReport.
//   Nobody to measure (no active character, nobody online): no analysis, no action.
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::economy {

inline constexpr const char* kJobAnalyze = "merchant_economy.analyze";
inline constexpr const char* kZenySinkNpc = "AIW_Evt_ZenySink";

class MerchantEconomyAgent final : public agentkit::Agent {
 public:
  explicit MerchantEconomyAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : catalogue_(catalogue) {}

  std::string name() const override { return "merchant_economy"; }
  std::string description() const override {
    return "zeny per capita and market balance every 6 h: NPC price adjustments within caps, zeny sinks on inflation";
  }
  std::vector<v1::EventKind> subscriptions() const override {
    return {v1::EVENT_KIND_LOGIN, v1::EVENT_KIND_LOGOUT, v1::EVENT_KIND_NPC_SHOP_TRADE};
  }
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override {
    return {v1::ACTION_KIND_UPDATE_SHOP, v1::ACTION_KIND_START_WORLD_EVENT, v1::ACTION_KIND_BROADCAST};
  }
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  std::vector<uint32_t> CharactersOf(agentkit::StateStore& state, uint32_t account_id) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  void Analyze(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const;

  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::economy
