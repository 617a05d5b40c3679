// aiworld-progression: the progression agent group (Faction, Reputation, DynamicBoss, Karma and Social agents).
#include "aiworld/v1/progression.grpc.pb.h"
#include "services/agentkit/group_program.h"

int main(int argc, char** argv) {
  const aiworld::GroupProgram program{
      .group = "progression",
      .kind = aiworld::v1::AGENT_GROUP_KIND_PROGRESSION,
      .summary = "The progression agent group of the AI World mesh: Faction, Reputation, DynamicBoss, Karma and Social agents.\n"
                 "Serves aiworld.v1.AgentGroup (called by the gateway) and aiworld.v1.Progression (queries).",
      .default_grpc_port = 50054,
      .default_metrics_port = 9467,
  };
  // The agents of this group arrive with its issue.
  const aiworld::AgentFactory no_agents_yet = [](aiworld::ServerEnvironment&) { return std::vector<std::shared_ptr<aiworld::agentkit::Agent>>{}; };
  return aiworld::RunGroupProgram(program, no_agents_yet, std::make_shared<aiworld::v1::Progression::Service>(),
                                  aiworld::v1::Progression::service_full_name(), argc, argv);
}
