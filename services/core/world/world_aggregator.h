#pragma once
// Folds game events into a server's ServerWorldState: who is online where (with level, job and
// zeny on hand), arrivals, kills and deaths per map, MVP kills per mob, combat counts, zeny flow
// and vending prices. The caller rolls the state to the batch's "now" first; every count of the
// batch lands in that hour and day.
#include "aiworld/v1/events.pb.h"
#include "data/catalogue.h"
#include "services/core/world/world_state.h"

namespace aiworld::core::world {

class WorldAggregator {
 public:
  // The catalogue tells the boss class of a monster whose event leaves it unspecified.
  explicit WorldAggregator(const GameCatalogue& catalogue) : catalogue_(catalogue) {}

  void Apply(const v1::GameEvent& event, absl::Time now, ServerWorldState& state) const;

 private:
  // Keeps the acting character's presence: level, job, map, last seen; adds a character we missed
  // the login of (it acts, so it is online). Returns it, or nullptr for events without character.
  OnlineChar* Touch(const v1::GameEvent& event, absl::Time now, ServerWorldState& state) const;
  void Login(const v1::GameEvent& event, absl::Time now, ServerWorldState& state) const;
  void Logout(const v1::GameEvent& event, ServerWorldState& state) const;
  void MonsterKilled(const v1::GameEvent& event, absl::Time now, ServerWorldState& state) const;
  void PlayerDied(const v1::GameEvent& event, ServerWorldState& state) const;
  void Trade(const v1::GameEvent& event, ServerWorldState& state) const;
  void VendingSale(const v1::GameEvent& event, ServerWorldState& state) const;
  void ShopTrade(const v1::GameEvent& event, ServerWorldState& state) const;
  void ServerStatus(const v1::ServerStatus& status, ServerWorldState& state) const;
  v1::BossType BossTypeOf(const v1::MonsterKilled& kill) const;

  const GameCatalogue& catalogue_;
};

// The map name as stored: rAthena map names are 1..11 printable bytes without spaces; anything
// else becomes "" (unknown) so it can never break the state encoding.
std::string StoredMapName(const std::string& map);

}  // namespace aiworld::core::world
