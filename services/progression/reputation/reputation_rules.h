#pragma once
// The Reputation agent's numbers (reference §3.6): five kinds of reputation with their weights in
// total influence (world_guardian 0.30, explorer 0.25, problem_solver 0.20, event_participant 0.15,
// faction_loyalist 0.10), a daily cap of 500 per kind (gains above what is left are cut), the
// influence tiers (0 Newcomer, 1 Known 1000, 2 Respected 3000, 3 Renowned 5000, 4 Legendary 7000,
// 5 Mythic 10000) and their cumulative benefits.
//
// Influence is kept exactly, in hundredths (amount x weight in percent), so a tier boundary is
// never missed by a rounding error: 1000.00 is Known, 999.99 is not.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "aiworld/v1/progression.pb.h"

namespace aiworld::progression {

inline constexpr size_t kReputationKinds = 5;
inline constexpr uint32_t kDailyCapPerKind = 500;  // REPUTATION_DAILY_CAP_PER_TYPE
inline constexpr uint32_t kMaxInfluenceTier = 5;

enum class ReputationKind { kWorldGuardian = 0, kExplorer, kProblemSolver, kEventParticipant, kFactionLoyalist };

v1::ReputationType TypeOf(ReputationKind kind);
const char* ReputationKindName(ReputationKind kind);
// 30, 25, 20, 15, 10.
uint32_t WeightPercent(ReputationKind kind);
double Weight(ReputationKind kind);

// What of `amount` fits under the daily cap when `gained_today` was already gained (0 when full).
uint32_t CappedGain(uint32_t gained_today, uint32_t amount);

// Total influence in hundredths: sum of amount x weight percent.
int64_t InfluenceHundredths(const std::array<uint64_t, kReputationKinds>& amounts);
uint32_t InfluenceTierOf(int64_t hundredths);
const char* InfluenceTierName(uint32_t tier);
uint32_t InfluenceTierThreshold(uint32_t tier);  // whole influence points
// (total - this tier's threshold) / (next threshold - this one), 1.0 at tier 5.
double NextTierProgress(int64_t hundredths);

// The benefits of a tier, everything below it included (the reference lists the kinds of benefit;
// which tier brings which is ours): shops basic / advanced / premium / legendary / mythic; a title
// with HP +50/+100/+150/+200/+300 (SP from tier 2, ATK from 3, MATK from 4); all stats +1/+2/+3/+5
// from tier 2; the headgear the reference names (items 5000 and 5001, not in our catalogue) become
// Tiara 2234 at tier 4 and Crown 2235 at tier 5; NPC shortcuts warp (3), buff (4), insurance (5);
// the passive aura +5 % at tier 5.
struct ReputationBenefits {
  std::string shop;   // "" at tier 0
  std::string title;  // "" at tier 0
  std::vector<v1::StatModifier> title_bonuses;
  uint32_t all_stats = 0;
  std::vector<uint32_t> headgear;  // every headgear up to this tier
  std::vector<std::string> npc_shortcuts;
  uint32_t aura_percent = 0;
};
ReputationBenefits BenefitsAt(uint32_t tier);
// The headgear first given at exactly this tier (0 = none).
uint32_t HeadgearOfTier(uint32_t tier);

}  // namespace aiworld::progression
