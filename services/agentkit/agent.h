#pragma once
// An agent of a group: what it subscribes to, the jobs it runs, the actions it may emit, and how it
// turns events (or a job slot) into actions. It keeps state only in the StateStore it is given and
// draws randomness only from the context, so it is testable with no server and no database, and a
// redelivered batch decides the same way again.
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "aiworld/v1/agent_group.pb.h"
#include "runtime/random.h"
#include "services/agentkit/content_filter.h"
#include "services/agentkit/decision/decision_engine.h"
#include "services/agentkit/state_store.h"

namespace aiworld::agentkit {

struct AgentContext {
  std::string server_id;
  uint64_t batch_sequence = 0;  // 0 for jobs
  absl::Time now;               // the request's "now", never the wall clock
  const v1::WorldSnapshot* world = nullptr;
  RandomSource* random = nullptr;  // seeded from (server, batch, agent) or (job, slot, agent)
  StateStore* state = nullptr;
  decision::DecisionEngine* decisions = nullptr;  // rules, cache, LLM batch/single, templates
  const ContentFilter* filter = nullptr;          // every generated text passes it
  std::string agent;                              // the running agent's name (set by the group)
  // The state of another agent of this group, read and written in the same transaction (World's
  // aggregates, Memory's memories). Null function or unknown agent: nullptr.
  std::function<StateStore*(const std::string& agent)> state_of;

  // Decides through the engine, labelled with this agent; without an engine, rules then template.
  decision::Decision Decide(decision::DecisionRequest request) const;
  StateStore* StateOf(const std::string& other) const { return state_of ? state_of(other) : nullptr; }
};

class Agent {
 public:
  virtual ~Agent() = default;
  virtual std::string name() const = 0;  // [a-z0-9_], unique in the mesh
  virtual std::string description() const = 0;
  virtual std::vector<v1::EventKind> subscriptions() const = 0;
  virtual std::vector<v1::JobSpec> jobs() const { return {}; }
  virtual std::vector<v1::ActionKind> emitted_actions() const = 0;

  // The events of one batch this agent subscribes to, in batch order.
  virtual absl::Status HandleEvents(AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                    std::vector<v1::Action>* actions) = 0;
  virtual absl::Status RunJob(AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions);
  // The characters of an account this agent knows of (so every agent can erase them when an erasure
  // names only the account).
  virtual std::vector<uint32_t> CharactersOf(StateStore& state, uint32_t account_id);
  // Removes what the agent keeps about these characters (char_ids already holds every character of
  // the account any agent of the group knows); returns the entries removed.
  virtual uint64_t ErasePlayer(StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids);
};

}  // namespace aiworld::agentkit
