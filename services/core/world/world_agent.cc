#include "services/core/world/world_agent.h"

#include <optional>
#include <set>

#include "absl/strings/match.h"
#include "services/core/world/world_aggregator.h"
#include "services/core/world/world_state_codec.h"

namespace aiworld::core::world {
namespace {

// What the request's snapshot carries that only other groups know; nullopt when it carries none.
std::optional<v1::WorldSnapshot> ExternalPart(const v1::WorldSnapshot& world) {
  if (!world.has_environment() && !world.has_factions() && !world.has_active()) return std::nullopt;
  v1::WorldSnapshot external;
  if (world.has_environment()) {
    v1::EnvironmentState* env = external.mutable_environment();
    env->set_weather(world.environment().weather());
    env->set_full_moon(world.environment().full_moon());
    env->set_active_hazards(world.environment().active_hazards());
    env->set_negative_hazards(world.environment().negative_hazards());
  }
  if (world.has_factions()) *external.mutable_factions() = world.factions();
  if (world.has_active()) *external.mutable_active() = world.active();
  return external;
}

}  // namespace

std::string WorldAgent::description() const {
  return "Keeps the world's aggregates from real events (online players, levels and classes, map activity, kills, "
         "MVP kills, deaths, zeny flow) and derives the economy, politics and environment states of the world snapshot.";
}

std::vector<v1::EventKind> WorldAgent::subscriptions() const {
  return {v1::EVENT_KIND_LOGIN,          v1::EVENT_KIND_LOGOUT,         v1::EVENT_KIND_MAP_CHANGE,
          v1::EVENT_KIND_MONSTER_KILLED, v1::EVENT_KIND_PLAYER_DIED,    v1::EVENT_KIND_NPC_INTERACTION,
          v1::EVENT_KIND_CHAT,           v1::EVENT_KIND_TRADE,          v1::EVENT_KIND_VENDING_SALE,
          v1::EVENT_KIND_NPC_SHOP_TRADE, v1::EVENT_KIND_LEVEL_UP,       v1::EVENT_KIND_JOB_CHANGE,
          v1::EVENT_KIND_QUEST_ACCEPTED, v1::EVENT_KIND_QUEST_COMPLETED, v1::EVENT_KIND_PARTY_CREATED,
          v1::EVENT_KIND_GUILD_CREATED,  v1::EVENT_KIND_SERVER_STATUS};
}

absl::Status WorldAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                      std::vector<v1::Action>*) {
  if (ctx.state == nullptr) return absl::FailedPreconditionError("world: no state store in the context");
  if (ctx.server_id.empty()) return absl::InvalidArgumentError("server_id: required");
  StoredText read;
  absl::StatusOr<ServerWorldState> loaded = LoadWorldState(*ctx.state, ctx.server_id, &read);
  if (!loaded.ok()) return loaded.status();
  ServerWorldState& state = *loaded;
  state.RollTo(ctx.now);
  const WorldAggregator aggregator(catalogue_);
  for (const v1::RoutedEvent* routed : events) aggregator.Apply(routed->event(), ctx.now, state);
  state.last_batch_sequence = std::max(state.last_batch_sequence, ctx.batch_sequence);
  SaveWorldState(*ctx.state, ctx.server_id, state, &read);

  if (ctx.world != nullptr && (ctx.world->server_id().empty() || ctx.world->server_id() == ctx.server_id)) {
    if (std::optional<v1::WorldSnapshot> external = ExternalPart(*ctx.world)) {
      if (external->SerializeAsString() != LoadExternal(*ctx.state, ctx.server_id).SerializeAsString()) {
        SaveExternal(*ctx.state, ctx.server_id, *external);
      }
    }
  }
  return absl::OkStatus();
}

uint64_t WorldAgent::ErasePlayer(agentkit::StateStore& store, uint32_t account_id, const std::vector<uint32_t>& char_ids) {
  const std::string suffix = "/online";
  uint64_t removed = 0;
  for (const auto& [key, value] : store.Scan("")) {
    if (!absl::EndsWith(key, suffix)) continue;
    const std::string server_id = key.substr(0, key.size() - suffix.size());
    StoredText read;
    absl::StatusOr<ServerWorldState> state = LoadWorldState(store, server_id, &read);
    if (!state.ok()) continue;  // unreadable state holds nothing we could find either
    std::set<uint32_t> chars(char_ids.begin(), char_ids.end());
    for (auto it = state->online.begin(); it != state->online.end();) {
      const bool match = chars.contains(it->first) || (account_id != 0 && it->second.account_id == account_id);
      if (!match) {
        ++it;
        continue;
      }
      chars.insert(it->first);
      it = state->online.erase(it);
      ++removed;
    }
    for (uint32_t id : chars) removed += state->chars_today.erase(id);
    SaveWorldState(store, server_id, *state, &read);
  }
  return removed;
}

}  // namespace aiworld::core::world
