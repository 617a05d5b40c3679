#pragma once
// The Karma agent's numbers (reference §3.11): karma per character and global, both -10000..10000;
// the value of each karma action; the global impact of an action (value ÷ 10 rounded down, so -10
// gives -1 and +5 gives 0); the alignment bands and their effects; the daily 1 % decay.
//
// Band boundaries (the reference writes "good 3000..7000, neutral -3000..3000", overlapping at the
// ends; we settle them symmetrically): very good > 7000; good 3000..7000; neutral -2999..2999;
// evil -7000..-3000; very evil < -7000.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/world.pb.h"

namespace aiworld::progression {

inline constexpr int32_t kMaxKarma = 10000;

enum class KarmaAction {
  // good
  kHelpNpcQuest,            // +15
  kDefeatEvilBoss,          // +25
  kProtectPeacefulMonster,  // +10
  kDonateTemple,            // +20
  kHealWoundedNpc,          // +12
  kCompleteGoodQuest,       // +30
  kSavePlayer,              // +18
  // evil
  kKillProtectedMonster,  // -10 (the reference's kill_poring / kill_lunatic / kill_drops)
  kHelpShadowCult,        // -25
  kUseForbiddenSkill,     // -15
  kCompleteEvilQuest,     // -30
  kKillProtectedNpc,      // -50
  // small
  kKillDemon,    // +5
  kKillUndead,   // +5
  kTradeNormal,  // 0
  kPvpDuel,      // 0
};

int32_t KarmaValue(KarmaAction action);
const char* KarmaActionName(KarmaAction action);
std::optional<KarmaAction> KarmaActionNamed(std::string_view name);

// value ÷ 10, rounded toward negative infinity (the reference's floor division).
int32_t GlobalImpact(int32_t value);
int32_t ClampKarma(int64_t karma);
v1::KarmaAlignment KarmaAlignmentOf(int32_t karma);
const char* KarmaAlignmentName(v1::KarmaAlignment alignment);  // "very good" ... "very evil"
// very good: day_length x1.3, heal x1.2 (the reference's angel NPCs have no stat); good: day_length
// x1.1; neutral: none; evil: day_length x0.9, heal x0.9; very evil: day_length x0.7, heal x0.8.
std::vector<v1::StatModifier> KarmaEffects(v1::KarmaAlignment alignment);
// One daily decay step: 1 % of the karma, rounded toward zero, is taken off (under |100| that is 0).
int32_t DecayedKarma(int32_t karma);

}  // namespace aiworld::progression
