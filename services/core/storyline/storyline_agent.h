#pragma once
// The Storyline generator as an agent of the core group ("storyline"). Jobs (reference §6.2, on
// the mesh clock, UTC):
//   storyline.generate          Sunday 00:00  a new arc if none is active
//   storyline.chapter_check     daily 23:00   advance the active chapter (completion or age)
//   storyline.hero_of_the_week  Sunday 20:00  top 3 rewarded
//   storyline.expire            daily 00:00   arcs past their end complete as MIXED, a new one follows
// Events: NPC interactions with story NPCs, quest completions and monster kills (participation).
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/core/storyline/storyline.h"

namespace aiworld::core {

inline constexpr const char* kJobGenerate = "storyline.generate";
inline constexpr const char* kJobChapterCheck = "storyline.chapter_check";
inline constexpr const char* kJobHeroOfTheWeek = "storyline.hero_of_the_week";
inline constexpr const char* kJobExpire = "storyline.expire";

class StorylineAgent final : public agentkit::Agent {
 public:
  explicit StorylineAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : storyline_(catalogue) {}

  std::string name() const override { return "storyline"; }
  std::string description() const override {
    return "story arcs from the world snapshot: chapters, player choices that change them, heroes, story NPCs";
  }
  std::vector<v1::EventKind> subscriptions() const override;
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

  const Storyline& storyline() const { return storyline_; }

 private:
  Storyline storyline_;
};

}  // namespace aiworld::core
