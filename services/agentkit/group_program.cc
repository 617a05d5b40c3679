#include "services/agentkit/group_program.h"

#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "services/agentkit/agent_group_service.h"

namespace aiworld {

int RunGroupProgram(const GroupProgram& program, const AgentFactory& make_agents, std::shared_ptr<grpc::Service> query_service,
                    std::string query_service_name, int argc, char** argv) {
  ServerProgram server{
      .info = {absl::StrCat("aiworld-", program.group), program.summary, ""},
      .component = program.group,
      .default_grpc_port = program.default_grpc_port,
      .default_metrics_port = program.default_metrics_port,
      .extra_flags = {},
  };
  return RunServerProgram(server, argc, argv, [&](ServerEnvironment& env) -> absl::StatusOr<ServerParts> {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    ServerParts parts;
    parts.services = {
        {std::make_shared<agentkit::AgentGroupService>(agentkit::GroupIdentity{program.group, program.kind, host},
                                                       make_agents(env), env.database, env.clock, env.metrics),
         v1::AgentGroup::service_full_name()},
        {query_service, query_service_name},
    };
    return parts;
  });
}

}  // namespace aiworld
