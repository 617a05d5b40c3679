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
      .extra_flags = {},
  };
  // The agents of this group arrive with its issue; until then the query service answers UNIMPLEMENTED.
  const aiworld::GroupFactory no_agents_yet = [](aiworld::ServerEnvironment&, std::shared_ptr<aiworld::agentkit::AgentTools>)
      -> absl::StatusOr<aiworld::GroupParts> {
    aiworld::GroupParts parts;
    parts.query_service = std::make_shared<aiworld::v1::Economy::Service>();
    parts.query_service_name = aiworld::v1::Economy::service_full_name();
    return parts;
  };
  return aiworld::RunGroupProgram(program, no_agents_yet, argc, argv);
}
