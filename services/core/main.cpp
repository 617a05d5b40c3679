// aiworld-core: the core agent group (Dialogue, Decision, Memory, World and Quest agents and the Storyline generator).
#include "aiworld/v1/core.grpc.pb.h"
#include "services/agentkit/group_program.h"

int main(int argc, char** argv) {
  const aiworld::GroupProgram program{
      .group = "core",
      .kind = aiworld::v1::AGENT_GROUP_KIND_CORE,
      .summary = "The core agent group of the AI World mesh: Dialogue, Decision, Memory, World and Quest agents and the Storyline generator.\n"
                 "Serves aiworld.v1.AgentGroup (called by the gateway) and aiworld.v1.Core (queries).",
      .default_grpc_port = 50052,
      .default_metrics_port = 9465,
  };
  // The agents of this group arrive with its issue.
  const aiworld::AgentFactory no_agents_yet = [](aiworld::ServerEnvironment&) { return std::vector<std::shared_ptr<aiworld::agentkit::Agent>>{}; };
  return aiworld::RunGroupProgram(program, no_agents_yet, std::make_shared<aiworld::v1::Core::Service>(),
                                  aiworld::v1::Core::service_full_name(), argc, argv);
}
