// aiworld-economy: the economy agent group (Economy, MerchantEconomy and Treasure agents).
#include "aiworld/v1/economy.grpc.pb.h"
#include "services/agentkit/group_program.h"
#include "services/economy/market/market_agent.h"
#include "services/economy/merchant_economy/merchant_economy_agent.h"
#include "services/economy/query/economy_service.h"
#include "services/economy/treasure/treasure_agent.h"

int main(int argc, char** argv) {
  using namespace aiworld;
  const GroupProgram program{
      .group = "economy",
      .kind = v1::AGENT_GROUP_KIND_ECONOMY,
      .summary = "The economy agent group of the AI World mesh: Economy, MerchantEconomy and Treasure agents.\n"
                 "Serves aiworld.v1.AgentGroup (called by the gateway) and aiworld.v1.Economy (queries).",
      .default_grpc_port = 50055,
      .default_metrics_port = 9468,
      .extra_flags = {},
  };
  const GroupFactory economy = [](ServerEnvironment& env, std::shared_ptr<agentkit::AgentTools> tools) -> absl::StatusOr<GroupParts> {
    GroupParts parts;
    // Economy (the price model) first: MerchantEconomy reads its supply and demand.
    parts.agents = {std::make_shared<economy::MarketAgent>(), std::make_shared<economy::MerchantEconomyAgent>(),
                    std::make_shared<economy::TreasureAgent>()};
    parts.query_service = std::make_shared<economy::EconomyService>(env.database, tools->mesh_clock());
    parts.query_service_name = v1::Economy::service_full_name();
    return parts;
  };
  return RunGroupProgram(program, economy, argc, argv);
}
