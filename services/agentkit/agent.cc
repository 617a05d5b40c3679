#include "services/agentkit/agent.h"

namespace aiworld::agentkit {

decision::Decision AgentContext::Decide(decision::DecisionRequest request) const {
  request.agent = agent;
  if (decisions != nullptr) return decisions->Decide(request);
  decision::Decision d;
  if (request.rules) {
    if (std::optional<std::string> ruled = request.rules()) {
      d.text = *std::move(ruled);
      d.tier = v1::TIER_RULES;
      d.why = "rules";
      return d;
    }
  }
  d.text = request.template_answer ? request.template_answer() : "";
  d.tier = v1::TIER_TEMPLATE;
  d.template_fallback = true;
  d.why = "no decision engine";
  return d;
}

absl::Status Agent::RunJob(AgentContext&, const std::string& job, std::vector<v1::Action>*) {
  return absl::UnimplementedError("job: " + name() + " runs no job named " + job);
}

std::vector<uint32_t> Agent::CharactersOf(StateStore&, uint32_t) { return {}; }

uint64_t Agent::ErasePlayer(StateStore&, uint32_t, const std::vector<uint32_t>&) { return 0; }

}  // namespace aiworld::agentkit
