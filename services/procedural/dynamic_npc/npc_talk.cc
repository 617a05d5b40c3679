#include "services/procedural/dynamic_npc/npc_talk.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/core/quest/generated_text.h"
#include "services/procedural/dynamic_npc/npc_types.h"

namespace aiworld::procedural {

const char* TalkSituationName(TalkSituation s) {
  switch (s) {
    case TalkSituation::kTooWeak: return "too_weak";
    case TalkSituation::kReward: return "reward";
    case TalkSituation::kAgain: return "again";
    case TalkSituation::kExhausted: return "exhausted";
  }
  return "again";
}

TalkSituation SituationFor(const v1::DynamicNpc& npc, uint32_t base_level, bool already_rewarded, size_t rewards_given,
                           size_t max_rewards) {
  if (already_rewarded) return TalkSituation::kAgain;
  if (base_level < npc.required_level()) return TalkSituation::kTooWeak;
  if (rewards_given >= max_rewards) return TalkSituation::kExhausted;
  return TalkSituation::kReward;
}

std::string TemplateLine(const v1::DynamicNpc& npc, TalkSituation situation) {
  const NpcTypeInfo* type = FindNpcType(npc.type());
  switch (situation) {
    case TalkSituation::kTooWeak:
      return absl::StrCat("The road I walk is dangerous. Come back when you have reached base level ",
                          npc.required_level(), ".");
    case TalkSituation::kReward:
      return type != nullptr ? type->task_line : "Thank you, traveller. Take this.";
    case TalkSituation::kAgain:
      return "We have met already, friend. May the roads be kind to you.";
    case TalkSituation::kExhausted:
      return "I have given away all I carried today. Perhaps we will meet again on another road.";
  }
  return "Safe travels.";
}

NpcLine DecideNpcLine(const agentkit::AgentContext& ctx, const v1::DynamicNpc& npc, const core::Personality& personality,
                      TalkSituation situation) {
  const NpcTypeInfo* type = FindNpcType(npc.type());
  const std::string type_key = type != nullptr ? type->key : "wanderer";
  const std::string mood = core::MoodName(core::MoodOf(personality));
  const std::string line = TemplateLine(npc, situation);

  decision::DecisionRequest d;
  d.type = "dynamic_npc_line";
  d.cache_key = absl::StrCat("dynamic_npc/", type_key, "/", TalkSituationName(situation), "/", mood);
  d.prompt = absl::StrCat("You are ", npc.name(), ", a roaming ", type != nullptr ? type->label : "wanderer",
                          " in Ragnarok Online. Backstory: ", npc.backstory(), " Quirks: ", absl::StrJoin(npc.quirks(), ", "),
                          ". Mood: ", mood, ". Say this to the adventurer in your own voice, one or two sentences, "
                          "plain text, keep every number: \"", line, "\"");
  d.system = "You voice NPCs of a fantasy MMO. Never write code, markup or script.";
  d.template_answer = [line] { return line; };
  d.complexity = 0.2;
  d.max_tokens = 120;
  d.temperature = 0.8;
  const decision::Decision decided = ctx.Decide(std::move(d));

  NpcLine out;
  out.tier = decided.tier == v1::TIER_UNSPECIFIED ? v1::TIER_TEMPLATE : decided.tier;
  out.text = core::CleanText(ctx, agentkit::TextKind::kDialogue, decided.text, line, 255);
  return out;
}

}  // namespace aiworld::procedural
