// aiworld-procedural: the procedural agent group (Problem, DynamicNpc, WorldEvent, MapHazard, WeatherTime, Archaeology, AdaptiveDungeon and EventChain agents).
#include "aiworld/v1/procedural.grpc.pb.h"
#include "services/agentkit/group_program.h"
#include "services/procedural/adaptive_dungeon/adaptive_dungeon_agent.h"
#include "services/procedural/archaeology/archaeology_agent.h"
#include "services/procedural/dynamic_npc/dynamic_npc_agent.h"
#include "services/procedural/event_chain/event_chain_agent.h"
#include "services/procedural/map_hazard/map_hazard_agent.h"
#include "services/procedural/problem/problem_agent.h"
#include "services/procedural/query/procedural_service.h"
#include "services/procedural/weather_time/weather_time_agent.h"
#include "services/procedural/world_event/world_event_agent.h"

int main(int argc, char** argv) {
  using namespace aiworld;
  const GroupProgram program{
      .group = "procedural",
      .kind = v1::AGENT_GROUP_KIND_PROCEDURAL,
      .summary = "The procedural agent group of the AI World mesh: Problem, DynamicNpc, WorldEvent, MapHazard, WeatherTime, Archaeology, AdaptiveDungeon and EventChain agents.\n"
                 "Serves aiworld.v1.AgentGroup (called by the gateway) and aiworld.v1.Procedural (queries).",
      .default_grpc_port = 50053,
      .default_metrics_port = 9466,
      .extra_flags = {},
  };
  const GroupFactory procedural = [](ServerEnvironment& env, std::shared_ptr<agentkit::AgentTools> tools) -> absl::StatusOr<GroupParts> {
    GroupParts parts;
    // Problem first: MapHazard keeps its hazards off the problem's target map of the same batch or slot.
    parts.agents = {std::make_shared<procedural::ProblemAgent>(),     std::make_shared<procedural::MapHazardAgent>(),
                    std::make_shared<procedural::WorldEventAgent>(),  std::make_shared<procedural::DynamicNpcAgent>(),
                    std::make_shared<procedural::WeatherTimeAgent>(), std::make_shared<procedural::ArchaeologyAgent>(),
                    std::make_shared<procedural::AdaptiveDungeonAgent>(), std::make_shared<procedural::EventChainAgent>()};
    parts.query_service = std::make_shared<procedural::ProceduralService>(env.database, tools->mesh_clock());
    parts.query_service_name = v1::Procedural::service_full_name();
    return parts;
  };
  return RunGroupProgram(program, procedural, argc, argv);
}
