#pragma once
// The Storyline generator's business logic (original-system.md §3.17, §6.2), on an AgentContext
// whose state is the storyline's store. The agent (storyline_agent.h) and the Core queries
// (storyline_queries.h) are thin wrappers around it.
//
//   Generate        an arc from the world snapshot: plan, text, chapter 1 started and deployed
//                   (refused while an arc is active unless dry_run; a dry run changes no state)
//   CheckChapters   advance the active chapter by completion rate or age (arc_rules.h); the next
//                   chapter is built from the outcome and the recorded choices; after the last
//                   chapter the arc completes and its heroes are rewarded
//   HeroesOfTheWeek the current top 3 rewarded as the reference (once per arc and day)
//   ExpireArcs      an arc past expected_end_at completes as MIXED; a new one starts 60 s later
//   HandleEvents    story NPC clicks offer the chapter quest (an instance per character in the
//                   Quest agent's book, so progress and the one reward are the Quest agent's);
//                   completed story quests, boss kills and kills on the chapter's map feed
//                   participation (contribution_score, chapters_completed)
//   RecordChoice    a player's choice, recorded once per choice_id; it bends the next chapter
//
// Contribution: story quest completed +10, chapter boss killed +25 (its other damage dealers +10),
// a kill on the chapter's map +1, a recorded choice +2. A completed story quest or a boss kill
// completes the chapter for that character.
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "aiworld/v1/core.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/core/storyline/story_store.h"

namespace aiworld::core {

inline constexpr double kContributionQuest = 10;
inline constexpr double kContributionBossKill = 25;
inline constexpr double kContributionBossAssist = 10;
inline constexpr double kContributionMapKill = 1;
inline constexpr double kContributionChoice = 2;
inline constexpr absl::Duration kNewArcDelay = absl::Seconds(60);

class Storyline {
 public:
  explicit Storyline(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : catalogue_(catalogue) {}

  struct Generated {
    v1::StoryArc arc;
    bool activated = false;
  };
  absl::StatusOr<Generated> Generate(const agentkit::AgentContext& ctx, const v1::GenerateStoryArcRequest& request,
                                     std::vector<v1::Action>* actions) const;
  void CheckChapters(const agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const;
  void HeroesOfTheWeek(const agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const;
  void ExpireArcs(const agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const;
  // Spawns the active chapter's NPCs and boss if that was not done yet (an arc generated through
  // Core.GenerateStoryArc is deployed by the next batch or job).
  void Deploy(const agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const;
  void HandleEvents(const agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                    std::vector<v1::Action>* actions) const;
  absl::StatusOr<v1::RecordChoiceResponse> RecordChoice(const agentkit::AgentContext& ctx,
                                                        const v1::RecordChoiceRequest& request) const;

 private:
  void CompleteArc(const agentkit::AgentContext& ctx, v1::StoryArc& arc, StoryStore& store,
                   std::vector<v1::Action>* actions) const;
  void DeployChapter(const agentkit::AgentContext& ctx, const v1::StoryArc& arc, const v1::StoryChapter& chapter,
                     StoryStore& store, std::vector<v1::Action>* actions) const;
  void RemoveChapter(const agentkit::AgentContext& ctx, const v1::StoryArc& arc, const v1::StoryChapter& chapter,
                     std::vector<v1::Action>* actions) const;
  void SyncCompletions(const agentkit::AgentContext& ctx, const v1::StoryArc& arc, StoryStore& store,
                       const std::vector<uint32_t>& char_ids) const;
  void OnStoryNpc(const agentkit::AgentContext& ctx, const v1::StoryArc& arc, const v1::StoryChapter& chapter,
                  const v1::RoutedEvent& e, StoryStore& store, std::vector<v1::Action>* actions) const;

  const GameCatalogue& catalogue_;
};

// "arc_<server>_<n>" -> n (0 when the id is not of that form).
uint64_t ArcNumberOf(const std::string& arc_id);
// The instance of a story quest template for a character: "<template>_<char_id>".
std::string StoryQuestInstanceKey(const std::string& template_key, uint32_t char_id);

}  // namespace aiworld::core
