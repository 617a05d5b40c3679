#pragma once
// The aiworld.v1.AgentGroup service of one group. For now it describes the group (name, version,
// agents); event handling and jobs arrive with the agent framework and answer UNIMPLEMENTED.
#include <string>

#include "aiworld/v1/agent_group.grpc.pb.h"

namespace aiworld {

class AgentGroupService final : public v1::AgentGroup::Service {
 public:
  explicit AgentGroupService(std::string group) : group_(std::move(group)) {}

  grpc::Status Describe(grpc::ServerContext* context, const v1::DescribeRequest* request,
                        v1::DescribeResponse* response) override;

 private:
  const std::string group_;
};

}  // namespace aiworld
