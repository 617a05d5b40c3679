#include "services/core/world/world_query.h"

#include "absl/strings/str_cat.h"
#include "services/core/world/world_snapshot.h"
#include "services/core/world/world_state_codec.h"

namespace aiworld::core::world {
namespace {

absl::Status CheckServerId(const std::string& id) {
  if (id.empty()) return absl::InvalidArgumentError("server_id: required");
  if (id.size() > 32) return absl::InvalidArgumentError(absl::StrCat("server_id: ", id.size(), " bytes, at most 32"));
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return absl::InvalidArgumentError("server_id: only [a-z0-9_-] allowed");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::GetWorldSnapshotResponse> GetWorldSnapshot(const v1::GetWorldSnapshotRequest& request,
                                                              agentkit::StateStore& world_state, absl::Time now) {
  if (absl::Status s = CheckServerId(request.server_id()); !s.ok()) return s;
  if (!HasWorldState(world_state, request.server_id())) {
    return absl::NotFoundError(absl::StrCat("server_id: no events of server \"", request.server_id(), "\" seen yet"));
  }
  absl::StatusOr<v1::WorldSnapshot> world = BuildWorldSnapshot(world_state, request.server_id(), now);
  if (!world.ok()) return world.status();
  v1::GetWorldSnapshotResponse response;
  *response.mutable_world() = *std::move(world);
  return response;
}

}  // namespace aiworld::core::world
