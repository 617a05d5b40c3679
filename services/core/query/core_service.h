#pragma once
// aiworld.v1.Core: the core group's queries, each over the agents' state in one transaction.
#include <memory>

#include "aiworld/v1/core.grpc.pb.h"
#include "runtime/clock.h"
#include "runtime/pg_pool.h"
#include "services/agentkit/agent_tools.h"

namespace aiworld::core {

class CoreService final : public v1::Core::Service {
 public:
  CoreService(PgPool& db, const Clock& clock, std::shared_ptr<agentkit::AgentTools> tools);

  grpc::Status GetWorldSnapshot(grpc::ServerContext*, const v1::GetWorldSnapshotRequest*,
                                v1::GetWorldSnapshotResponse*) override;

 private:
  PgPool& db_;
  const Clock& clock_;
  const std::shared_ptr<agentkit::AgentTools> tools_;
};

}  // namespace aiworld::core
