#pragma once
// The Economy agent (economy group, "economy"): a price model per item learnt from real trades,
// vending sales, NPC shop buys and sells and monster loot (reference §3.1, Economy row).
//
//   VendingSale      demand and units traded; the unit prices feed the median player price
//   NpcShopTrade     BUY: demand, and the shop is remembered as selling the item; SELL: supply
//   Trade            units traded between players
//   ItemPickedUp     monster loot: supply
//   After a batch, every item it touched whose last repricing is an hour old (or that was never
//   repriced) and that has supply or demand in the last 24 hours takes one step of the model
//   (price_model.h) with the world's inflation (ctx.world economy.inflation_rate); a new price goes
//   to every shop seen selling the item as UpdateShop.
//   ServerStatus STARTED  NPC reloads lose UpdateShop prices: every adjusted price is sent again.
// The price history keeps 100 points: the model's adjustments, the median vending price and the
// NPC shop price observed since the previous step.
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::economy {

struct MarketOptions {
  absl::Duration reprice_interval = absl::Hours(1);
};

class MarketAgent final : public agentkit::Agent {
 public:
  explicit MarketAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn(), MarketOptions options = {})
      : catalogue_(catalogue), options_(options) {}

  std::string name() const override { return "economy"; }
  std::string description() const override {
    return "item prices from real trades, vending and NPC shop sales; supply/demand steps within 50-300% of base";
  }
  std::vector<v1::EventKind> subscriptions() const override;
  std::vector<v1::ActionKind> emitted_actions() const override { return {v1::ACTION_KIND_UPDATE_SHOP}; }
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;

 private:
  const GameCatalogue& catalogue_;
  const MarketOptions options_;
};

}  // namespace aiworld::economy
