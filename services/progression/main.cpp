// aiworld-progression: the progression agent group (Faction, Reputation, DynamicBoss, Karma and Social agents).
#include "aiworld/v1/progression.grpc.pb.h"
#include "services/agentkit/group_program.h"
#include "services/progression/dynamic_boss/dynamic_boss_agent.h"
#include "services/progression/faction/faction_agent.h"
#include "services/progression/karma/karma_agent.h"
#include "services/progression/query/progression_service.h"
#include "services/progression/reputation/reputation_agent.h"
#include "services/progression/social/social_agent.h"

int main(int argc, char** argv) {
  using namespace aiworld;
  const GroupProgram program{
      .group = "progression",
      .kind = v1::AGENT_GROUP_KIND_PROGRESSION,
      .summary = "The progression agent group of the AI World mesh: Faction, Reputation, DynamicBoss, Karma and Social agents.\n"
                 "Serves aiworld.v1.AgentGroup (called by the gateway) and aiworld.v1.Progression (queries).",
      .default_grpc_port = 50054,
      .default_metrics_port = 9467,
      .extra_flags = {},
  };
  const GroupFactory progression = [](ServerEnvironment& env, std::shared_ptr<agentkit::AgentTools> tools) -> absl::StatusOr<GroupParts> {
    GroupParts parts;
    parts.agents = {std::make_shared<progression::FactionAgent>(), std::make_shared<progression::ReputationAgent>(),
                    std::make_shared<progression::KarmaAgent>(), std::make_shared<progression::DynamicBossAgent>(),
                    std::make_shared<progression::SocialAgent>()};
    parts.query_service = std::make_shared<progression::ProgressionService>(env.database, tools->mesh_clock());
    parts.query_service_name = v1::Progression::service_full_name();
    return parts;
  };
  return RunGroupProgram(program, progression, argc, argv);
}
