#pragma once
// The Social agent (progression group, "social"): guild tasks for the guilds seen in events and
// social events in towns (reference §3.13; see guild_tasks.h and social_events.h).
//   events            guilds and members seen (GuildCreated, any event's guild_id); participation
//                     in running social events (rewards once the minimum is met); guild task
//                     progress (completion: Broadcast and GiveReward)
//   social.guild_tasks  daily 04:00: expire old tasks, 3 new tasks per active guild, a Broadcast
//   social.events       daily 07:00: end old events, up to 5 events in busy towns
//                       (StartWorldEvent + Broadcast each)
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::progression {

inline constexpr const char* kJobGuildTasks = "social.guild_tasks";
inline constexpr const char* kJobSocialEvents = "social.events";

class SocialAgent final : public agentkit::Agent {
 public:
  explicit SocialAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : catalogue_(catalogue) {}

  std::string name() const override { return "social"; }
  std::string description() const override {
    return "guild tasks for the guilds seen in events, social events in busy towns, rewards for who takes part";
  }
  std::vector<v1::EventKind> subscriptions() const override;
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::progression
