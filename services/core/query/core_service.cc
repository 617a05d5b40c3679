#include "services/core/query/core_service.h"

#include "services/core/query/core_state.h"
#include "services/core/world/world_agent.h"
#include "services/core/world/world_query.h"

namespace aiworld::core {
namespace {

grpc::Status ToGrpc(const absl::Status& s) {
  return s.ok() ? grpc::Status::OK : grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
}

// Runs a query function that answers StatusOr<Response> over the core states.
template <typename Response, typename Fn>
grpc::Status Answer(PgPool& db, Access access, Response* response, Fn fn) {
  return ToGrpc(WithCoreStates(db, access, [&](CoreStates& states) -> absl::Status {
    absl::StatusOr<Response> r = fn(states);
    if (!r.ok()) return r.status();
    *response = *std::move(r);
    return absl::OkStatus();
  }));
}

}  // namespace

CoreService::CoreService(PgPool& db, const Clock& clock, std::shared_ptr<agentkit::AgentTools> tools)
    : db_(db), clock_(clock), tools_(std::move(tools)) {}

grpc::Status CoreService::GetWorldSnapshot(grpc::ServerContext*, const v1::GetWorldSnapshotRequest* request,
                                           v1::GetWorldSnapshotResponse* response) {
  return Answer(db_, Access::kRead, response, [&](CoreStates& states) {
    return world::GetWorldSnapshot(*request, states.Of(world::kWorldAgentName), clock_.Now());
  });
}

}  // namespace aiworld::core
