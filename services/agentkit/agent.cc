#include "services/agentkit/agent.h"

namespace aiworld::agentkit {

absl::Status Agent::RunJob(AgentContext&, const std::string& job, std::vector<v1::Action>*) {
  return absl::UnimplementedError("job: " + name() + " runs no job named " + job);
}

uint64_t Agent::ErasePlayer(StateStore&, uint32_t, const std::vector<uint32_t>&) { return 0; }

}  // namespace aiworld::agentkit
