#pragma once
// Where a server's ServerWorldState lives in the World agent's StateStore: a handful of keys per
// server, "<server_id>/online", "/chars" (characters seen today), "/day", "/activity" (versioned
// text records, one per line) and "/external" (a v1::WorldSnapshot holding only what other groups
// report: weather, hazards, factions, live content). A batch reads these few keys and writes back
// only those whose text changed, whatever the number of events.
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "aiworld/v1/world.pb.h"
#include "services/agentkit/state_store.h"
#include "services/core/world/world_state.h"

namespace aiworld::core::world {

std::string OnlineKey(const std::string& server_id);
std::string CharsKey(const std::string& server_id);
std::string DayKey(const std::string& server_id);
std::string ActivityKey(const std::string& server_id);
std::string ExternalKey(const std::string& server_id);

// The stored text of each key as read, so a save can skip the keys that did not change.
using StoredText = std::map<std::string, std::string>;

// Empty state for a server never written. A value we cannot read is DATA_LOSS naming the key.
absl::StatusOr<ServerWorldState> LoadWorldState(agentkit::StateStore& store, const std::string& server_id,
                                                StoredText* read = nullptr);
// Writes every key whose encoding differs from `read` (all of them without `read`).
void SaveWorldState(agentkit::StateStore& store, const std::string& server_id, const ServerWorldState& state,
                    const StoredText* read = nullptr);
// True once a batch of this server was folded in.
bool HasWorldState(agentkit::StateStore& store, const std::string& server_id);

// What other groups report, as last carried in a HandleEvents request; empty when never.
v1::WorldSnapshot LoadExternal(agentkit::StateStore& store, const std::string& server_id);
void SaveExternal(agentkit::StateStore& store, const std::string& server_id, const v1::WorldSnapshot& external);

// The encodings themselves (for tests and for the erase path).
std::string EncodeOnline(const ServerWorldState& state);
std::string EncodeChars(const ServerWorldState& state);
std::string EncodeDay(const ServerWorldState& state);
std::string EncodeActivity(const ServerWorldState& state);
absl::Status DecodeOnline(const std::string& text, ServerWorldState* state);
absl::Status DecodeChars(const std::string& text, ServerWorldState* state);
absl::Status DecodeDay(const std::string& text, ServerWorldState* state);
absl::Status DecodeActivity(const std::string& text, ServerWorldState* state);

}  // namespace aiworld::core::world
