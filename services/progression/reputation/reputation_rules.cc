#include "services/progression/reputation/reputation_rules.h"

#include <algorithm>

namespace aiworld::progression {
namespace {

constexpr std::array<uint32_t, 6> kTierThresholds = {0, 1000, 3000, 5000, 7000, 10000};
constexpr uint32_t kTiara = 2234;
constexpr uint32_t kCrown = 2235;

v1::StatModifier Add(const char* stat, int32_t add) {
  v1::StatModifier m;
  m.set_stat(stat);
  m.set_multiplier(1.0);
  m.set_add(add);
  return m;
}

}  // namespace

v1::ReputationType TypeOf(ReputationKind kind) {
  switch (kind) {
    case ReputationKind::kWorldGuardian: return v1::REPUTATION_TYPE_WORLD_GUARDIAN;
    case ReputationKind::kExplorer: return v1::REPUTATION_TYPE_EXPLORER;
    case ReputationKind::kProblemSolver: return v1::REPUTATION_TYPE_PROBLEM_SOLVER;
    case ReputationKind::kEventParticipant: return v1::REPUTATION_TYPE_EVENT_PARTICIPANT;
    case ReputationKind::kFactionLoyalist: return v1::REPUTATION_TYPE_FACTION_LOYALIST;
  }
  return v1::REPUTATION_TYPE_UNSPECIFIED;
}

const char* ReputationKindName(ReputationKind kind) {
  switch (kind) {
    case ReputationKind::kWorldGuardian: return "world_guardian";
    case ReputationKind::kExplorer: return "explorer";
    case ReputationKind::kProblemSolver: return "problem_solver";
    case ReputationKind::kEventParticipant: return "event_participant";
    case ReputationKind::kFactionLoyalist: return "faction_loyalist";
  }
  return "";
}

uint32_t WeightPercent(ReputationKind kind) {
  switch (kind) {
    case ReputationKind::kWorldGuardian: return 30;
    case ReputationKind::kExplorer: return 25;
    case ReputationKind::kProblemSolver: return 20;
    case ReputationKind::kEventParticipant: return 15;
    case ReputationKind::kFactionLoyalist: return 10;
  }
  return 0;
}

double Weight(ReputationKind kind) { return WeightPercent(kind) / 100.0; }

uint32_t CappedGain(uint32_t gained_today, uint32_t amount) {
  if (gained_today >= kDailyCapPerKind) return 0;
  return std::min(amount, kDailyCapPerKind - gained_today);
}

int64_t InfluenceHundredths(const std::array<uint64_t, kReputationKinds>& amounts) {
  int64_t total = 0;
  for (size_t i = 0; i < kReputationKinds; ++i) {
    total += static_cast<int64_t>(amounts[i]) * WeightPercent(static_cast<ReputationKind>(i));
  }
  return total;
}

uint32_t InfluenceTierOf(int64_t hundredths) {
  uint32_t tier = 0;
  for (uint32_t t = 1; t < kTierThresholds.size(); ++t) {
    if (hundredths >= static_cast<int64_t>(kTierThresholds[t]) * 100) tier = t;
  }
  return tier;
}

const char* InfluenceTierName(uint32_t tier) {
  static constexpr const char* kNames[] = {"Newcomer", "Known", "Respected", "Renowned", "Legendary", "Mythic"};
  return kNames[std::min<uint32_t>(tier, kMaxInfluenceTier)];
}

uint32_t InfluenceTierThreshold(uint32_t tier) { return kTierThresholds[std::min<uint32_t>(tier, kMaxInfluenceTier)]; }

double NextTierProgress(int64_t hundredths) {
  const uint32_t tier = InfluenceTierOf(hundredths);
  if (tier >= kMaxInfluenceTier) return 1.0;
  const double from = kTierThresholds[tier] * 100.0;
  const double to = kTierThresholds[tier + 1] * 100.0;
  return std::clamp((static_cast<double>(hundredths) - from) / (to - from), 0.0, 1.0);
}

uint32_t HeadgearOfTier(uint32_t tier) {
  if (tier == 4) return kTiara;
  if (tier == 5) return kCrown;
  return 0;
}

ReputationBenefits BenefitsAt(uint32_t tier) {
  tier = std::min(tier, kMaxInfluenceTier);
  ReputationBenefits b;
  if (tier == 0) return b;
  static constexpr const char* kShops[] = {"", "basic", "advanced", "premium", "legendary", "mythic"};
  static constexpr const char* kTitles[] = {"", "Known Adventurer", "Respected Adventurer", "Renowned Hero", "Legendary Hero",
                                            "Mythic Hero"};
  static constexpr int32_t kHp[] = {0, 50, 100, 150, 200, 300};
  static constexpr int32_t kSp[] = {0, 0, 20, 40, 60, 100};
  static constexpr int32_t kAtk[] = {0, 0, 0, 5, 10, 15};
  static constexpr int32_t kMatk[] = {0, 0, 0, 0, 10, 15};
  static constexpr uint32_t kAllStats[] = {0, 0, 1, 2, 3, 5};
  b.shop = kShops[tier];
  b.title = kTitles[tier];
  b.title_bonuses.push_back(Add("max_hp", kHp[tier]));
  if (kSp[tier] > 0) b.title_bonuses.push_back(Add("max_sp", kSp[tier]));
  if (kAtk[tier] > 0) b.title_bonuses.push_back(Add("atk", kAtk[tier]));
  if (kMatk[tier] > 0) b.title_bonuses.push_back(Add("matk", kMatk[tier]));
  b.all_stats = kAllStats[tier];
  for (uint32_t t = 1; t <= tier; ++t) {
    if (const uint32_t item = HeadgearOfTier(t); item != 0) b.headgear.push_back(item);
  }
  static constexpr const char* kShortcuts[] = {"", "", "", "warp", "buff", "insurance"};
  for (uint32_t t = 3; t <= tier; ++t) b.npc_shortcuts.push_back(kShortcuts[t]);
  b.aura_percent = tier == kMaxInfluenceTier ? 5 : 0;
  return b;
}

}  // namespace aiworld::progression
