#pragma once
// The EventChain's numbers (reference §3.16 and §7) and its step templates.
//
// Types (steps): investigation 4-6, invasion 3-5, rescue 3-5, treasure hunt 4-7, faction war 5-7.
// Each type has at least as many step templates as its most steps, so a chain is never cut short
// (the reference cut the step types from template lists shorter than the maximum). A chain of n
// steps takes the first n-1 templates and the type's finale.
//
// Steps are "talk" (an NPC from the template AIW_Tpl_ChainNpc; progress: distinct characters who
// talk to it), "hunt" (monsters spawned on the step's map; progress: kills of them, or of the same
// monster, on that map) or "boss" (a mini-boss with escorts; progress: the boss dies there).
//
// Outcome of a step: target reached -> success; at the step's timeout (24 h from the STEP's start;
// the reference measured it from the chain's start, so every step after the first timed out early)
// at least half done -> partial, else failure. Effects: success x1.5 reward, next step at
// difficulty x1.0, positive (friendly NPCs, "blessing"); failure x0.5, x0.8, negative (hostile,
// "corruption"); partial x1.0, x0.9, neutral.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/procedural.pb.h"

namespace aiworld::procedural {

inline constexpr size_t kMaxConcurrentChains = 3;              // MAX_CONCURRENT_CHAINS
inline constexpr absl::Duration kChainLifetime = absl::Hours(24 * 7);
inline constexpr absl::Duration kStepTimeout = absl::Hours(24);  // CHAIN_STEP_TIMEOUT_HOURS
inline constexpr double kStartChance = 0.10;
inline constexpr uint32_t kStartMinOnline = 5;  // strictly more than this many online
inline constexpr double kMaxRewardMultiplier = 10.0;
inline constexpr const char* kChainNpcTemplate = "AIW_Tpl_ChainNpc";

enum class StepKind { kTalk, kHunt, kBoss };

struct StepTemplate {
  std::string step_type;  // [a-z_], e.g. "gather_clues"
  StepKind kind = StepKind::kTalk;
  std::string npc_name;   // talk steps: the NPC's name
  std::string goal;       // what players must do, e.g. "Question the witness"
};

struct ChainTypeSpec {
  v1::ChainType type = v1::CHAIN_TYPE_UNSPECIFIED;
  std::string word;   // "investigation"
  std::string title;  // "The Investigation"
  uint32_t min_steps = 3;
  uint32_t max_steps = 3;
  std::vector<StepTemplate> steps;  // at least max_steps; the last is the finale
};

const std::vector<v1::ChainType>& ChainTypes();
const ChainTypeSpec& SpecOf(v1::ChainType type);
// The first n-1 templates, then the finale; n is clamped to the type's range.
std::vector<StepTemplate> StepsFor(const ChainTypeSpec& spec, uint32_t n);

struct OutcomeEffect {
  double reward_multiplier = 1.0;
  double next_difficulty = 1.0;
  int faction_shift = 0;
  std::string npc_attitude;  // "friendly", "hostile", "neutral"
  std::string world_mark;    // "blessing", "corruption", ""
};
OutcomeEffect EffectOf(v1::StepOutcome outcome);

// The maybe-start job starts a chain when more than 5 are online, fewer than 3 are active, and
// the 10% draw (`u` uniform in [0, 1)) falls under the chance.
bool ShouldStartChain(uint32_t online, size_t active, double u);
// The outcome of a step at its timeout.
v1::StepOutcome OutcomeAtTimeout(uint32_t progress, uint32_t target);

// Ours (the reference gives no numbers): difficulty clamp(level / 15, 1, 10) as the Problem agent;
// hunt target clamp(round((5 + 2 x difficulty) x scale), 3, 100); talk target
// clamp(round(3 x scale), 1, 3) characters; boss steps one kill.
uint32_t ChainDifficulty(uint32_t level);
uint32_t HuntTarget(uint32_t difficulty, double scale);
uint32_t TalkTarget(double scale);

// A step's reward for each character who took part in it: level x (300 exp, 150 job exp, 100
// zeny) x the outcome's multiplier. The chain's reward on completion, for every participant (the
// Problem agent's formula): exp level x 1000 x (1 + 0.2 d), zeny level x 500 x (1 + 0.15 d), both x
// the chain's multiplier, and max(1, round(multiplier)) Yggdrasil Berries (607).
v1::RewardBundle StepReward(uint32_t level, double multiplier);
v1::RewardBundle ChainReward(uint32_t level, uint32_t difficulty, double multiplier);
inline constexpr uint32_t kChainRewardItem = 607;

std::string OutcomeWord(v1::StepOutcome outcome);  // "success", "partial success", "failure"

}  // namespace aiworld::procedural
