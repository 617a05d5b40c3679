#include "services/progression/faction/faction_rules.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace aiworld::progression {
namespace {

v1::StatModifier Bonus(const char* stat, int32_t add) {
  v1::StatModifier m;
  m.set_stat(stat);
  m.set_multiplier(1.0);
  m.set_add(add);
  return m;
}

FactionInfo Make(const char* id, const char* name, v1::FactionPhilosophy philosophy, uint32_t color,
                 std::vector<v1::StatModifier> bonuses) {
  FactionInfo f;
  f.id = id;
  f.name = name;
  f.philosophy = philosophy;
  f.color_rgb = color;
  f.bonuses = std::move(bonuses);
  return f;
}

constexpr std::array<uint32_t, 6> kTierThresholds = {0, 1000, 3000, 5000, 7000, 10000};

}  // namespace

const std::array<FactionInfo, kFactionCount>& Factions() {
  static const std::array<FactionInfo, kFactionCount> kFactions = {
      Make("rune_alliance", "Rune Alliance", v1::FACTION_PHILOSOPHY_ORDER, 0x3366FF, {Bonus("def", 5), Bonus("mdef", 5)}),
      Make("shadow_cult", "Shadow Cult", v1::FACTION_PHILOSOPHY_CHAOS, 0x9933CC, {Bonus("matk", 5), Bonus("crit", 3)}),
      Make("nature_spirits", "Nature Spirits", v1::FACTION_PHILOSOPHY_BALANCE, 0x33AA33,
           {Bonus("max_hp", 100), Bonus("heal_rate", 2)}),
  };
  return kFactions;
}

std::optional<size_t> FactionIndex(std::string_view faction_id) {
  for (size_t i = 0; i < kFactionCount; ++i) {
    if (Factions()[i].id == faction_id) return i;
  }
  return std::nullopt;
}

uint32_t FactionTierOf(uint32_t reputation) {
  uint32_t tier = 0;
  for (uint32_t t = 1; t < kTierThresholds.size(); ++t) {
    if (reputation >= kTierThresholds[t]) tier = t;
  }
  return tier;
}

const char* FactionTierName(uint32_t tier) {
  static constexpr const char* kNames[] = {"Unknown", "Acquainted", "Friendly", "Trusted", "Honored", "Exalted"};
  return tier < 6 ? kNames[tier] : "Exalted";
}

uint32_t FactionTierThreshold(uint32_t tier) { return tier < kTierThresholds.size() ? kTierThresholds[tier] : kTierThresholds.back(); }

const char* FactionTierReward(uint32_t tier) {
  static constexpr const char* kRewards[] = {"", "the faction emblem", "+5% faction buffs", "a faction weapon", "a faction skill",
                                             "a faction title"};
  return tier < 6 ? kRewards[tier] : kRewards[5];
}

std::string FactionTitle(size_t faction) { return absl::StrCat("Exalted of the ", Factions()[faction].name); }

int32_t ReputationChange(FactionAction action) {
  switch (action) {
    case FactionAction::kQuestComplete: return 100;
    case FactionAction::kMonsterKill: return 10;
    case FactionAction::kDonation: return 50;
    case FactionAction::kPvpDefend: return 200;
    case FactionAction::kPvpAttack: return -150;
  }
  return 0;
}

const char* FactionActionName(FactionAction action) {
  switch (action) {
    case FactionAction::kQuestComplete: return "quest_complete";
    case FactionAction::kMonsterKill: return "monster_kill";
    case FactionAction::kDonation: return "donation";
    case FactionAction::kPvpDefend: return "pvp_defend";
    case FactionAction::kPvpAttack: return "pvp_attack";
  }
  return "";
}

int32_t AlignmentChange(int32_t reputation_change) { return reputation_change / 10; }

uint32_t ApplyReputation(uint32_t reputation, int32_t change) {
  const int64_t next = static_cast<int64_t>(reputation) + change;
  if (next < 0) return 0;
  if (next > kMaxFactionReputation) return kMaxFactionReputation;
  return static_cast<uint32_t>(next);
}

int64_t DecayedAlignment(int64_t score) {
  if (std::llabs(score) <= kDecayAbove) return score;
  return score - score / 100;  // C++ division rounds toward zero, so the decay does too
}

int64_t ClampAlignment(int64_t score) {
  if (score > kMaxAlignment) return kMaxAlignment;
  if (score < -kMaxAlignment) return -kMaxAlignment;
  return score;
}

v1::Dominance DominanceOf(int64_t score) {
  const int64_t a = std::llabs(score);
  if (a >= kDominanceTotal) return v1::DOMINANCE_TOTAL;
  if (a >= kDominanceMajor) return v1::DOMINANCE_MAJOR;
  if (a >= kDominanceModerate) return v1::DOMINANCE_MODERATE;
  if (a >= kDominanceMinor) return v1::DOMINANCE_MINOR;
  return v1::DOMINANCE_UNSPECIFIED;
}

const char* DominanceName(v1::Dominance dominance) {
  switch (dominance) {
    case v1::DOMINANCE_MINOR: return "minor";
    case v1::DOMINANCE_MODERATE: return "moderate";
    case v1::DOMINANCE_MAJOR: return "major";
    case v1::DOMINANCE_TOTAL: return "total";
    default: return "none";
  }
}

std::optional<size_t> DominantFaction(const std::array<int64_t, kFactionCount>& scores) {
  std::optional<size_t> best;
  for (size_t i = 0; i < kFactionCount; ++i) {
    if (std::llabs(scores[i]) < kDominanceMinor) continue;
    if (!best.has_value() || std::llabs(scores[i]) > std::llabs(scores[*best])) best = i;
  }
  return best;
}

std::optional<size_t> MemberFaction(const std::array<uint32_t, kFactionCount>& reputations) {
  std::optional<size_t> best;
  for (size_t i = 0; i < kFactionCount; ++i) {
    if (FactionTierOf(reputations[i]) == 0) continue;
    if (!best.has_value() || reputations[i] > reputations[*best]) best = i;
  }
  return best;
}

}  // namespace aiworld::progression
