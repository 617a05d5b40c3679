#pragma once
// What a roaming NPC says when a character clicks it (or picks a menu option): a template line for
// the situation, rephrased through the decision engine in the NPC's voice, then content-filtered.
//
//   too_weak   the character's base level is under the NPC's required level: told the level
//   reward     qualified and not rewarded by this NPC yet (and the NPC's reward cap not reached):
//              the type's task line; the reward follows
//   again      already rewarded by this NPC: a farewell
//   exhausted  the NPC has rewarded max_rewards characters already: it has nothing left to give
#include <cstdint>
#include <string>

#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/agent.h"
#include "services/core/dialogue/personality.h"

namespace aiworld::procedural {

enum class TalkSituation { kTooWeak, kReward, kAgain, kExhausted };

const char* TalkSituationName(TalkSituation s);  // "too_weak", "reward", "again", "exhausted"

TalkSituation SituationFor(const v1::DynamicNpc& npc, uint32_t base_level, bool already_rewarded, size_t rewards_given,
                           size_t max_rewards);

std::string TemplateLine(const v1::DynamicNpc& npc, TalkSituation situation);

struct NpcLine {
  std::string text;  // filtered, 1..255 bytes
  v1::Tier tier = v1::TIER_TEMPLATE;
};

// The line through ctx.Decide (cached per type, situation and mood) and ctx.filter.
NpcLine DecideNpcLine(const agentkit::AgentContext& ctx, const v1::DynamicNpc& npc, const core::Personality& personality,
                      TalkSituation situation);

}  // namespace aiworld::procedural
