#pragma once
// Builds arcs and chapters: their text through the decision engine ("story_arc" and
// "story_chapter") with template fallbacks that read like a story, their story NPCs (from the
// story template, never script text), boss, map modifiers and story quest template.
//
// How the previous chapter shapes the next one:
//   - its outcome: the summary opens with what the success (or failure) changed in the world;
//   - its choices: the sum of their impact scores picks the Branch (arc_rules.h) — target map,
//     boss strength, who the quest NPC is, the title and the text; the most frequent choice type
//     is named in the text.
#include <cstdint>
#include <string>

#include "aiworld/v1/core.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/core/storyline/arc_rules.h"
#include "services/core/storyline/story_plan.h"
#include "services/core/storyline/story_store.h"

namespace aiworld::core {

inline constexpr const char* kStoryNpcTemplate = "AIW_Tpl_StoryNpc";

struct ArcText {
  std::string name;
  std::string summary;
  v1::Tier tier = v1::TIER_TEMPLATE;
};
ArcText WriteArcText(const agentkit::AgentContext& ctx, const ArcPlan& plan, uint32_t duration_days,
                     const std::string& admin_notes, const GameCatalogue& catalogue);

struct ChapterInputs {
  uint32_t number = 1;
  v1::ChapterOutcome previous_outcome = v1::CHAPTER_OUTCOME_UNSPECIFIED;  // chapter 1: none
  double impact_sum = 0;
  std::string top_choice_type;  // most frequent choice type of the previous chapter; empty = none
  uint32_t villain_defeats = 0;  // earlier chapters won
  uint32_t reward_level = 50;    // level the story quest's reward is scaled to
};

// A PENDING chapter (no start time yet) with its story quest template saved in `store`.
v1::StoryChapter BuildChapter(const agentkit::AgentContext& ctx, const v1::StoryArc& arc, uint64_t arc_number,
                              const ArcPlan& plan, const ChapterInputs& in, const GameCatalogue& catalogue,
                              StoryStore& store);

// The chapter's target map: plan.maps[(number - 1 + BranchMapShift(branch)) % size].
std::string TargetMap(const ArcPlan& plan, uint32_t number, Branch branch);

// "rune_alliance" -> "Rune Alliance".
std::string FactionTitle(const std::string& faction_id);

}  // namespace aiworld::core
