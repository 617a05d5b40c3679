#include "services/agentkit/agent_group_service.h"

#include "runtime/version.h"

namespace aiworld {

grpc::Status AgentGroupService::Describe(grpc::ServerContext*, const v1::DescribeRequest*,
                                         v1::DescribeResponse* response) {
  response->set_group(group_);
  response->set_version(kVersion);
  return grpc::Status::OK;
}

}  // namespace aiworld
