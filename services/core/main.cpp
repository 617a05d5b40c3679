// aiworld-core: the core agent group (Dialogue, Decision, Memory, World and Quest agents and the Storyline generator).
#include <grpcpp/grpcpp.h>

#include "aiworld/v1/core.grpc.pb.h"
#include "services/agentkit/group_program.h"
#include "services/core/dialogue/dialogue_agent.h"
#include "services/core/dialogue/grpc_standing_source.h"
#include "services/core/memory/memory_agent.h"
#include "services/core/npc_behaviour/npc_behaviour_agent.h"
#include "services/core/query/core_service.h"
#include "services/core/quest/quest_agent.h"
#include "services/core/storyline/storyline_agent.h"
#include "services/core/world/world_agent.h"
#include "services/core/world/world_snapshot.h"

int main(int argc, char** argv) {
  using namespace aiworld;
  const GroupProgram program{
      .group = "core",
      .kind = v1::AGENT_GROUP_KIND_CORE,
      .summary = "The core agent group of the AI World mesh: Dialogue, Decision, Memory, World and Quest agents and the Storyline generator.\n"
                 "Serves aiworld.v1.AgentGroup (called by the gateway) and aiworld.v1.Core (queries).",
      .default_grpc_port = 50052,
      .default_metrics_port = 9465,
      .extra_flags = {{"progression-addr", "AIWORLD_PROGRESSION_ADDR", "127.0.0.1:50054",
                       "the progression group, asked for a character's standing when an NPC replies (50 ms deadline; "
                       "unreachable: the reply does without)"}},
  };
  const GroupFactory core = [](ServerEnvironment& env, std::shared_ptr<agentkit::AgentTools> tools) -> absl::StatusOr<GroupParts> {
    auto standing = std::make_shared<core::GrpcStandingSource>(
        grpc::CreateChannel(env.config.Get("progression-addr"), grpc::InsecureChannelCredentials()));
    auto storyline = std::make_shared<core::StorylineAgent>();
    GroupParts parts;
    // World first: the others see the snapshot with this batch's events in it.
    parts.agents = {std::make_shared<core::world::WorldAgent>(),  std::make_shared<core::MemoryAgent>(),
                    std::make_shared<core::DialogueAgent>(standing), std::make_shared<core::NpcBehaviourAgent>(),
                    std::make_shared<core::QuestAgent>(),          storyline};
    parts.world = {core::world::kWorldAgentName,
                   [](agentkit::StateStore& state, const std::string& server_id, absl::Time now) {
                     return core::world::BuildWorldSnapshot(state, server_id, now);
                   }};
    // Queries answer as of mesh time, as the gateway's requests tell it.
    parts.query_service = std::make_shared<core::CoreService>(env.database, tools->mesh_clock(), tools, standing, storyline->storyline());
    parts.query_service_name = v1::Core::service_full_name();
    return parts;
  };
  return RunGroupProgram(program, core, argc, argv);
}
