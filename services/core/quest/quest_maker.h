#pragma once
// Builds one quest for a character from an NPC: type by class and personality, difficulty by
// level, objectives on catalogue content, reward by difficulty and level, and its text through the
// decision engine (type "quest_text") with a template that reads well, content-filtered.
#include <cstdint>
#include <string>

#include "aiworld/v1/core.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/core/quest/quest_rules.h"

namespace aiworld::core {

struct QuestGiver {
  v1::NpcRef ref;          // how the game names the NPC (exname, or tag for mesh NPCs)
  std::string name;        // display name
  std::string map;         // where it stands
  NpcClass npc_class = NpcClass::kQuestGiver;
  Personality personality;
};

struct QuestFor {
  uint32_t char_id = 0;
  std::string char_name;
  uint32_t level = 1;
};

// A new OFFERED quest with key `quest_key`; draws from ctx.random, asks ctx.Decide.
v1::Quest MakeQuest(const agentkit::AgentContext& ctx, const std::string& quest_key, const QuestGiver& giver,
                    const QuestFor& who, const GameCatalogue& catalogue);

// The template title and text of a quest whose type, difficulty and objectives are set.
std::string TemplateQuestTitle(const v1::Quest& quest, const GameCatalogue& catalogue);
std::string TemplateQuestText(const v1::Quest& quest, const std::string& giver_name);

// The GeneratedQuest an OfferQuest carries.
v1::GeneratedQuest ToGenerated(const v1::Quest& quest);

}  // namespace aiworld::core
