#include "services/procedural/adaptive_dungeon/dungeon_queries.h"

#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/procedural/adaptive_dungeon/dungeon_store.h"

namespace aiworld::procedural {

absl::StatusOr<v1::GetDungeonResponse> GetDungeon(agentkit::StateStore& dungeon_state,
                                                  const v1::GetDungeonRequest& request, absl::Time now) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  v1::GetDungeonResponse response;
  DungeonStore store(dungeon_state, request.server_id());
  std::optional<DungeonPlan> plan = store.CurrentPlan();
  if (plan.has_value() && now < FromProto(plan->dungeon.expires_at())) *response.mutable_dungeon() = plan->dungeon;
  return response;
}

}  // namespace aiworld::procedural
