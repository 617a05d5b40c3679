#include "services/agentkit/agent_group_service.h"

#include "runtime/version.h"

namespace aiworld {

AgentGroupService::AgentGroupService(std::string group, v1::AgentGroupKind kind, std::string instance,
                                     const Clock& clock)
    : group_(std::move(group)), kind_(kind), instance_(std::move(instance)), started_at_(clock.Now()) {}

grpc::Status AgentGroupService::Describe(grpc::ServerContext*, const v1::DescribeRequest*,
                                         v1::DescribeResponse* response) {
  response->set_group(group_);
  response->set_version(kVersion);
  response->set_kind(kind_);
  response->set_instance(instance_);
  const absl::Duration since_epoch = started_at_ - absl::UnixEpoch();
  response->mutable_started_at()->set_seconds(absl::ToInt64Seconds(since_epoch));
  response->mutable_started_at()->set_nanos(
      static_cast<int32_t>(absl::ToInt64Nanoseconds(since_epoch % absl::Seconds(1))));
  return grpc::Status::OK;
}

}  // namespace aiworld
