#pragma once
// The Economy agent's market of one server: per item its price record (v1::ItemPrice: base price
// from the catalogue, the NPC price the mesh set, trend, history of at most 100 points, newest
// first), what the market saw of it (item_flow.h) and the NPC shops seen selling it (UpdateShop
// targets them). Items outside the data catalogue are not priced: there is no base to bound them.
//
// Keys:  price/<server>/<item_id>            v1::ItemPrice (the 24 h figures are filled at read time)
//        flow/<server>/<item_id>             item_flow.h text
//        shop/<server>/<item_id>/<exname>    "" (at most 8 shops per item)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/economy.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/state_store.h"
#include "services/economy/market/item_flow.h"

namespace aiworld::economy {

inline constexpr size_t kMaxShopsPerItem = 8;

struct ItemActivity {
  uint32_t item_id = 0;
  FlowTotals totals;
};

class PriceBook {
 public:
  PriceBook(agentkit::StateStore& state, std::string server_id, const GameCatalogue& catalogue = GameCatalogue::BuiltIn())
      : state_(state), server_id_(std::move(server_id)), catalogue_(catalogue) {}

  // The stored record, or a fresh one (never adjusted) for a catalogue item; nullopt otherwise.
  std::optional<v1::ItemPrice> Price(uint32_t item_id) const;
  bool HasPrice(uint32_t item_id) const;
  void PutPrice(const v1::ItemPrice& price);
  // Items with a stored record, ascending.
  std::vector<uint32_t> Items() const;

  ItemFlow Flow(uint32_t item_id) const;
  void PutFlow(uint32_t item_id, const ItemFlow& flow);

  std::vector<std::string> Shops(uint32_t item_id) const;
  // False when the item already has kMaxShopsPerItem other shops.
  bool AddShop(uint32_t item_id, const std::string& shop_exname);

  // Moves the NPC price by `fraction` (clamped to +-max_fraction) within the item's 50..300 % bounds
  // and records an ADJUSTMENT point; nullopt for an item that cannot be priced.
  std::optional<uint32_t> Adjust(uint32_t item_id, double fraction, double max_fraction, absl::Time now);

  // Every stored item with any supply, demand or trade in the 24 hours up to `now`.
  std::vector<ItemActivity> Activity(absl::Time now) const;
  // The record with its 24 h figures at `now` and at most history_limit points.
  std::optional<v1::ItemPrice> Describe(uint32_t item_id, absl::Time now, uint32_t history_limit) const;

  // The price the model starts from: the mesh's NPC price, or the base price before any adjustment.
  static uint32_t EffectivePrice(const v1::ItemPrice& price);
  // Adds a point at the front (newest first) and keeps at most kPriceHistoryPoints.
  static void AddPoint(v1::ItemPrice& price, absl::Time at, uint32_t value, v1::PriceSource source);

 private:
  std::string Key(const char* kind, uint32_t item_id) const;

  agentkit::StateStore& state_;
  const std::string server_id_;
  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::economy
