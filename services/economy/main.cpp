// aiworld-economy: the economy agent group (Economy, MerchantEconomy and Treasure agents).
#include "aiworld/v1/economy.grpc.pb.h"
#include "services/agentkit/group_program.h"

int main(int argc, char** argv) {
  const aiworld::GroupProgram program{
      .group = "economy",
      .kind = aiworld::v1::AGENT_GROUP_KIND_ECONOMY,
      .summary = "The economy agent group of the AI World mesh: Economy, MerchantEconomy and Treasure agents.\n"
                 "Serves aiworld.v1.AgentGroup (called by the gateway) and aiworld.v1.Economy (queries).",
      .default_grpc_port = 50055,
      .default_metrics_port = 9468,
  };
  // The agents of this group arrive with its issue.
  const aiworld::AgentFactory no_agents_yet = [](aiworld::ServerEnvironment&) { return std::vector<std::shared_ptr<aiworld::agentkit::Agent>>{}; };
  return aiworld::RunGroupProgram(program, no_agents_yet, std::make_shared<aiworld::v1::Economy::Service>(),
                                  aiworld::v1::Economy::service_full_name(), argc, argv);
}
