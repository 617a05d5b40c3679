#pragma once
// Runs an agent-group server: the AgentGroup service over the group's agents plus the group's own
// query service, both built once the environment (database, clock, metrics) and the agent tools
// (decision engine, content filter) exist.
#include <memory>
#include <string>
#include <vector>

#include "aiworld/v1/common.pb.h"
#include "runtime/server_main.h"
#include "services/agentkit/agent.h"
#include "services/agentkit/agent_group_service.h"
#include "services/agentkit/agent_tools.h"

namespace aiworld {

struct GroupProgram {
  std::string group;          // "core", "procedural", "progression", "economy"
  v1::AgentGroupKind kind = v1::AGENT_GROUP_KIND_UNSPECIFIED;
  std::string summary;        // one line for --help
  int default_grpc_port = 0;
  int default_metrics_port = 0;
  std::vector<FlagSpec> extra_flags;  // the group's own, besides the common and LLM flags
};

struct GroupParts {
  std::vector<std::shared_ptr<agentkit::Agent>> agents;
  std::shared_ptr<grpc::Service> query_service;
  std::string query_service_name;  // e.g. "aiworld.v1.Core"
  agentkit::WorldSource world;     // optional: where agents' world snapshot comes from
  std::vector<std::shared_ptr<BackgroundWork>> background;
};

using GroupFactory = std::function<absl::StatusOr<GroupParts>(ServerEnvironment&, std::shared_ptr<agentkit::AgentTools>)>;

int RunGroupProgram(const GroupProgram& program, const GroupFactory& make_group, int argc, char** argv);

}  // namespace aiworld
