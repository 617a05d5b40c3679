#pragma once
// The Problem agent (procedural group, "problem"): one world problem per server at a time
// (reference §3.2), decided from the world snapshot.
//   problem.daily   daily 00:00   expire a problem past its deadline; if none is active, make
//                                 today's: server Broadcast, and SpawnMonster (tagged
//                                 "aiw_problem_<n>") for surge and rampage problems
//   problem.expire  every hour    a problem past its deadline: EXPIRED, RemoveMonsters for the
//                                 spawns still alive, Broadcast
//   MonsterKilled   progress: kills of the problem's spawn tag (surge, rampage) or, for problems
//                   that spawn nothing, kills on the target map; every player in the kill (killer,
//                   party members on the map, damage dealers) takes part. At the goal: COMPLETED,
//                   Broadcast, and one GiveReward per participant (the 50 who did most; the
//                   idempotency key is the problem's and the character's, and a completed problem
//                   never pays again).
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::procedural {

inline constexpr const char* kJobProblemDaily = "problem.daily";
inline constexpr const char* kJobProblemExpire = "problem.expire";
inline constexpr size_t kMaxRewardedParticipants = 50;

class ProblemAgent final : public agentkit::Agent {
 public:
  explicit ProblemAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : catalogue_(catalogue) {}

  std::string name() const override { return "problem"; }
  std::string description() const override {
    return "a daily world problem from the snapshot: type by level and population, map by activity, spawns, progress, rewards";
  }
  std::vector<v1::EventKind> subscriptions() const override { return {v1::EVENT_KIND_MONSTER_KILLED}; }
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::procedural
