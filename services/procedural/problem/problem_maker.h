#pragma once
// Makes today's problem from the world snapshot (reference §3.2): the type (tier 1 rules for a
// low population, else the decision engine with the weighted pick as its template), difficulty,
// target map, duration, title and text, reward, and the monsters of surge and rampage problems.
#include <optional>
#include <vector>

#include "aiworld/v1/actions.pb.h"
#include "aiworld/v1/procedural.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/procedural/problem/problem_book.h"

namespace aiworld::procedural {

// Kills on the target map that solve a problem which spawns nothing, per difficulty (ours: the
// reference never measured progress).
inline constexpr uint32_t kMapKillsPerDifficulty = 30;

struct ProblemTypeChoice {
  v1::ProblemType type = v1::PROBLEM_TYPE_UNSPECIFIED;
  v1::Tier tier = v1::TIER_UNSPECIFIED;
};

// `history`: the server's earlier problems (for the uses of each type in the 7 days before now).
ProblemTypeChoice ChooseProblemType(const agentkit::AgentContext& ctx, const std::vector<v1::Problem>& history);

struct PlannedProblem {
  v1::Problem problem;
  ProblemProgress progress;
  std::vector<v1::Action> actions;  // the announcement, then the spawns
};

// Nullopt when the snapshot has no field or dungeon map with activity (nothing to build on yet).
// Takes the next problem id from `book` only when it returns a problem.
std::optional<PlannedProblem> PlanProblem(const agentkit::AgentContext& ctx, ProblemBook& book, const GameCatalogue& catalogue);

}  // namespace aiworld::procedural
