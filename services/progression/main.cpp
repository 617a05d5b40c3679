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
      .extra_flags = {},
  };
  // The agents of this group arrive with its issue; until then the query service answers UNIMPLEMENTED.
  const aiworld::GroupFactory no_agents_yet = [](aiworld::ServerEnvironment&, std::shared_ptr<aiworld::agentkit::AgentTools>)
      -> absl::StatusOr<aiworld::GroupParts> {
    aiworld::GroupParts parts;
    parts.query_service = std::make_shared<aiworld::v1::Progression::Service>();
    parts.query_service_name = aiworld::v1::Progression::service_full_name();
    return parts;
  };
  return aiworld::RunGroupProgram(program, no_agents_yet, argc, argv);
}
