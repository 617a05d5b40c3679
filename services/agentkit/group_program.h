#pragma once
// Runs an agent-group server: the AgentGroup service plus the group's own query service.
#include <memory>
#include <string>

#include "aiworld/v1/common.pb.h"
#include "runtime/server_main.h"
#include "services/agentkit/agent.h"

namespace aiworld {

struct GroupProgram {
  std::string group;          // "core", "procedural", "progression", "economy"
  v1::AgentGroupKind kind = v1::AGENT_GROUP_KIND_UNSPECIFIED;
  std::string summary;        // one line for --help
  int default_grpc_port = 0;
  int default_metrics_port = 0;
};

// The group's agents are built once the server's environment (database, clock, metrics) exists.
using AgentFactory = std::function<std::vector<std::shared_ptr<agentkit::Agent>>(ServerEnvironment&)>;

int RunGroupProgram(const GroupProgram& program, const AgentFactory& make_agents, std::shared_ptr<grpc::Service> query_service,
                    std::string query_service_name, int argc, char** argv);

}  // namespace aiworld
