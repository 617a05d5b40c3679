#pragma once
// The Faction agent's numbers (reference §3.5): the three factions, reputation per character and
// faction (0..10000) with its tiers, reputation per action, alignment = reputation change ÷ 10,
// the 1 % decay above |100|, and the dominant faction (highest |alignment| >= 1000; minor 1000,
// moderate 3000, major 5000, total 8000).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/progression.pb.h"

namespace aiworld::progression {

inline constexpr size_t kFactionCount = 3;
inline constexpr uint32_t kMaxFactionReputation = 10000;
inline constexpr int64_t kMaxAlignment = 1'000'000;  // the proto's bound on alignment_score
inline constexpr int64_t kDecayAbove = 100;           // |score| > 100 decays
inline constexpr int64_t kDominanceMinor = 1000;
inline constexpr int64_t kDominanceModerate = 3000;
inline constexpr int64_t kDominanceMajor = 5000;
inline constexpr int64_t kDominanceTotal = 8000;

struct FactionInfo {
  std::string id;    // "rune_alliance"
  std::string name;  // "Rune Alliance"
  v1::FactionPhilosophy philosophy = v1::FACTION_PHILOSOPHY_UNSPECIFIED;
  uint32_t color_rgb = 0;
  std::vector<v1::StatModifier> bonuses;  // of its members
};

// rune_alliance (order, blue, def +5 mdef +5), shadow_cult (chaos, purple, matk +5 crit +3),
// nature_spirits (balance, green, max_hp +100 heal_rate +2); index order is the tie-break order.
const std::array<FactionInfo, kFactionCount>& Factions();
std::optional<size_t> FactionIndex(std::string_view faction_id);

// Tiers: 0 Unknown (0), 1 Acquainted (1000), 2 Friendly (3000), 3 Trusted (5000), 4 Honored (7000),
// 5 Exalted (10000).
uint32_t FactionTierOf(uint32_t reputation);
const char* FactionTierName(uint32_t tier);
uint32_t FactionTierThreshold(uint32_t tier);
// The reward a tier unlocks (names only, as in the reference): 1 emblem, 2 +5% buffs, 3 weapon,
// 4 skill, 5 title; "" for tier 0.
const char* FactionTierReward(uint32_t tier);
// The title an Exalted member holds: "Exalted of the Rune Alliance".
std::string FactionTitle(size_t faction);

enum class FactionAction { kQuestComplete, kMonsterKill, kDonation, kPvpDefend, kPvpAttack };
// quest_complete +100, monster_kill +10, donation +50, pvp_defend +200, pvp_attack -150.
int32_t ReputationChange(FactionAction action);
const char* FactionActionName(FactionAction action);
// Reputation change ÷ 10 (every reference value is a multiple of 10).
int32_t AlignmentChange(int32_t reputation_change);
// reputation + change, clamped to 0..10000.
uint32_t ApplyReputation(uint32_t reputation, int32_t change);

// One decay step: when |score| > 100, 1 % of it (rounded toward zero) is taken off; else unchanged.
int64_t DecayedAlignment(int64_t score);
int64_t ClampAlignment(int64_t score);
// By |score|: >= 8000 total, >= 5000 major, >= 3000 moderate, >= 1000 minor, else UNSPECIFIED.
v1::Dominance DominanceOf(int64_t score);
const char* DominanceName(v1::Dominance dominance);
// The faction with the highest |score| if that is >= 1000 (ties: the lower index); nullopt for none.
std::optional<size_t> DominantFaction(const std::array<int64_t, kFactionCount>& scores);

// A character's faction (for PvP): the highest reputation of tier >= 1 (ties: the lower index).
std::optional<size_t> MemberFaction(const std::array<uint32_t, kFactionCount>& reputations);

}  // namespace aiworld::progression
