// aiworld-procedural: the procedural agent group (Problem, DynamicNpc, WorldEvent, MapHazard, WeatherTime, Archaeology, AdaptiveDungeon and EventChain agents).
#include "aiworld/v1/procedural.grpc.pb.h"
#include "services/agentkit/group_program.h"

int main(int argc, char** argv) {
  const aiworld::GroupProgram program{
      .group = "procedural",
      .kind = aiworld::v1::AGENT_GROUP_KIND_PROCEDURAL,
      .summary = "The procedural agent group of the AI World mesh: Problem, DynamicNpc, WorldEvent, MapHazard, WeatherTime, Archaeology, AdaptiveDungeon and EventChain agents.\n"
                 "Serves aiworld.v1.AgentGroup (called by the gateway) and aiworld.v1.Procedural (queries).",
      .default_grpc_port = 50053,
      .default_metrics_port = 9466,
      .extra_flags = {},
  };
  // The agents of this group arrive with its issue; until then the query service answers UNIMPLEMENTED.
  const aiworld::GroupFactory no_agents_yet = [](aiworld::ServerEnvironment&, std::shared_ptr<aiworld::agentkit::AgentTools>)
      -> absl::StatusOr<aiworld::GroupParts> {
    aiworld::GroupParts parts;
    parts.query_service = std::make_shared<aiworld::v1::Procedural::Service>();
    parts.query_service_name = aiworld::v1::Procedural::service_full_name();
    return parts;
  };
  return aiworld::RunGroupProgram(program, no_agents_yet, argc, argv);
}
