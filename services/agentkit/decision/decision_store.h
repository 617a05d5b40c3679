#pragma once
// Where the decision engine keeps what outlives a process: the answers it caches (so a restarted
// or new replica starts warm) and how many decisions each agent took per tier (for reports).
// Implementations must not throw and must not fail a decision: they count and log their errors.
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/agentkit/decision/decision.h"

namespace aiworld::decision {

struct RememberedAnswer {
  std::string type;
  std::string key;  // empty: kept for the similarity search only
  std::vector<double> features;
  std::string text;
  absl::Time stored_at;
};

class DecisionStore {
 public:
  virtual ~DecisionStore() = default;
  virtual void SaveAnswer(const RememberedAnswer& answer) = 0;
  virtual void CountDecision(const std::string& agent, Tier tier, absl::Time at) = 0;
};

}  // namespace aiworld::decision
