#pragma once
// Runs event chains: starts them, starts each step with its actions, counts progress from events,
// ends steps with an outcome that shapes the next step and the rewards, finishes, expires.
//
//   step start   talk: SpawnNpc (AIW_Tpl_ChainNpc, tag "chn<n>_s<step>", sprite by the attitude the
//                previous outcome left: friendly quest giver, hostile guard, neutral wanderer);
//                hunt: SpawnMonster of the step's monster on its map ("Corrupted <name>" after a
//                failure); boss: the boss plus escorts. Each with a server Broadcast of the step.
//   progress     MonsterKilled on the step's map of the step's monster (hunt) or boss (boss);
//                NpcInteraction click / menu choice with the step's NPC tag (talk, distinct characters).
//   step end     GiveReward per contributor (StepReward x the outcome's multiplier), the step's
//                monsters or NPC removed, a Broadcast of the outcome; then the next step at the
//                outcome's difficulty, or the chain's end (COMPLETED with ChainReward for every
//                participant, or FAILED when its last step failed).
//   advance job  chains 7 days old EXPIRE (what they spawned is removed); a step 24 h old ends
//                (partial when at least half done, else failure).
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "aiworld/v1/actions.pb.h"
#include "aiworld/v1/agent_group.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/procedural/adaptive_dungeon/action_envelope.h"
#include "services/procedural/event_chain/chain_store.h"

namespace aiworld::procedural {

class ChainRunner {
 public:
  explicit ChainRunner(const GameCatalogue& catalogue) : catalogue_(catalogue) {}

  // The 2-hourly draw (ShouldStartChain): a chain of a random type, or nullopt.
  std::optional<v1::EventChain> MaybeStart(const agentkit::AgentContext& ctx, ChainStore& store,
                                           const ActionCauseRef& cause, std::vector<v1::Action>* actions) const;
  // Starts a chain of `type` at the world's average level (FAILED_PRECONDITION at 3 active).
  absl::StatusOr<v1::EventChain> Start(const agentkit::AgentContext& ctx, ChainStore& store, v1::ChainType type,
                                       const ActionCauseRef& cause, std::vector<v1::Action>* actions) const;
  // The 30-minute job: expiries and step timeouts.
  void Advance(const agentkit::AgentContext& ctx, ChainStore& store, const ActionCauseRef& cause,
               std::vector<v1::Action>* actions) const;
  void OnKill(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, ChainStore& store,
              std::vector<v1::Action>* actions) const;
  void OnTalk(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, ChainStore& store,
              std::vector<v1::Action>* actions) const;

 private:
  void StartStep(const agentkit::AgentContext& ctx, v1::EventChain& chain, ChainRun& run, const ActionCauseRef& cause,
                 std::vector<v1::Action>* actions) const;
  void EndStep(const agentkit::AgentContext& ctx, v1::EventChain& chain, ChainRun& run, v1::StepOutcome outcome,
               const ActionCauseRef& cause, std::vector<v1::Action>* actions) const;
  void Finish(const agentkit::AgentContext& ctx, v1::EventChain& chain, ChainRun& run, const ActionCauseRef& cause,
              std::vector<v1::Action>* actions) const;
  void Cleanup(const agentkit::AgentContext& ctx, const v1::EventChain& chain, const ChainRun& run,
               const ActionCauseRef& cause, std::vector<v1::Action>* actions) const;

  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::procedural
