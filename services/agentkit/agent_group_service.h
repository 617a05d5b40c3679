#pragma once
// The aiworld.v1.AgentGroup service of one group. For now it describes the group (name, kind,
// version, replica); its agents, event handling and jobs arrive with the agent framework, and
// those RPCs answer UNIMPLEMENTED until then.
#include <string>

#include "aiworld/v1/agent_group.grpc.pb.h"
#include "runtime/clock.h"

namespace aiworld {

class AgentGroupService final : public v1::AgentGroup::Service {
 public:
  // instance names this replica (the host or pod name).
  AgentGroupService(std::string group, v1::AgentGroupKind kind, std::string instance, const Clock& clock);

  grpc::Status Describe(grpc::ServerContext* context, const v1::DescribeRequest* request,
                        v1::DescribeResponse* response) override;

 private:
  const std::string group_;
  const v1::AgentGroupKind kind_;
  const std::string instance_;
  const absl::Time started_at_;
};

}  // namespace aiworld
