#pragma once
// Guild tasks for the guilds seen in events (reference §3.13):
//   plan      daily 04:00: the tasks past their 24 h EXPIRED; each guild seen in the last 7 days
//             (at most 50, most recently seen first) without a running task gets 3 tasks of
//             different templates with targets drawn in the template's range; one server
//             Broadcast when any guild got tasks
//   progress  from the events of the guild's members (the envelope's guild_id):
//               cooperative_hunting  a monster killed
//               boss_raid            an MVP or mini-boss killed
//               resource_gathering   items picked up from monsters (their amount)
//               exploration          a map entered that the task has not counted yet
//               guild_vs_guild       a member (guild from the registry) killing a player of
//                                    another guild or of none
//   complete  at the target: COMPLETED, a server Broadcast, GiveReward (985 x5) to each member who
//             contributed (the 50 who did most; each once). Guild experience (1000) is recorded on
//             the task: no action can grant it.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "aiworld/v1/actions.pb.h"
#include "services/agentkit/agent.h"
#include "services/progression/social/guild_registry.h"
#include "services/progression/social/social_book.h"

namespace aiworld::progression {

// Tasks past their deadline: EXPIRED.
void ExpireGuildTasks(const agentkit::AgentContext& ctx, SocialBook& book);

// Today's tasks; appends the announcement (caused by the job slot).
void PlanGuildTasks(const agentkit::AgentContext& ctx, SocialBook& book, const GuildRegistry& registry, const std::string& job,
                    std::vector<v1::Action>* actions);

// The active tasks of one batch, by guild, advanced event by event and saved once.
class GuildTaskProgress {
 public:
  GuildTaskProgress(const agentkit::AgentContext& ctx, SocialBook& book, const GuildRegistry& registry);

  void Apply(const v1::RoutedEvent& e, std::vector<v1::Action>* actions);
  void Save();

 private:
  void Advance(uint32_t guild_id, v1::GuildTaskType type, uint32_t char_id, uint32_t by, const v1::RoutedEvent& e,
               std::vector<v1::Action>* actions);
  void Complete(v1::GuildTask& task, const v1::RoutedEvent& e, std::vector<v1::Action>* actions);

  const agentkit::AgentContext& ctx_;
  SocialBook& book_;
  const GuildRegistry& registry_;
  std::map<uint32_t, std::vector<v1::GuildTask>> by_guild_;
  std::map<std::string, bool> changed_;  // task id -> changed
};

}  // namespace aiworld::progression
