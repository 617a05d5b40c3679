#include "services/progression/social/social_agent.h"

#include <set>
#include <utility>

#include "runtime/proto_time.h"
#include "services/progression/social/guild_registry.h"
#include "services/progression/social/guild_tasks.h"
#include "services/progression/social/social_book.h"
#include "services/progression/social/social_events.h"
#include "services/progression/social/social_rules.h"

namespace aiworld::progression {
namespace {

v1::JobSpec Daily(const char* name, uint32_t hour, const char* description) {
  v1::JobSpec j;
  j.set_name(name);
  j.set_description(description);
  j.mutable_schedule()->mutable_daily()->set_hour(hour);
  j.mutable_timeout()->set_seconds(60);
  return j;
}

}  // namespace

std::vector<v1::EventKind> SocialAgent::subscriptions() const {
  return {v1::EVENT_KIND_LOGIN,          v1::EVENT_KIND_MAP_CHANGE,      v1::EVENT_KIND_MONSTER_KILLED,
          v1::EVENT_KIND_PLAYER_DIED,    v1::EVENT_KIND_NPC_INTERACTION, v1::EVENT_KIND_CHAT,
          v1::EVENT_KIND_TRADE,          v1::EVENT_KIND_VENDING_SALE,    v1::EVENT_KIND_NPC_SHOP_TRADE,
          v1::EVENT_KIND_ITEM_PICKED_UP, v1::EVENT_KIND_PARTY_CREATED,   v1::EVENT_KIND_GUILD_CREATED};
}

std::vector<v1::JobSpec> SocialAgent::jobs() const {
  return {Daily(kJobGuildTasks, 4, "3 guild tasks for each guild seen in the last 7 days"),
          Daily(kJobSocialEvents, 7, "up to 5 social events in the busiest towns")};
}

std::vector<v1::ActionKind> SocialAgent::emitted_actions() const {
  return {v1::ACTION_KIND_BROADCAST, v1::ACTION_KIND_START_WORLD_EVENT, v1::ACTION_KIND_GIVE_REWARD,
          v1::ACTION_KIND_SET_CHAR_VARIABLE, v1::ACTION_KIND_APPLY_STATUS};
}

absl::Status SocialAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                       std::vector<v1::Action>* actions) {
  if (ctx.state == nullptr) return absl::FailedPreconditionError("social: no state store in the context");
  SocialBook book(*ctx.state);
  GuildRegistry registry(*ctx.state);
  std::vector<v1::SocialEvent> running = book.ActiveEvents(ctx.server_id);
  std::erase_if(running, [&](const v1::SocialEvent& e) { return ctx.now >= FromProto(e.ends_at()); });
  GuildTaskProgress tasks(ctx, book, registry);
  std::set<std::pair<uint32_t, uint32_t>> members_seen;  // (guild, char): one registry write per batch

  for (const v1::RoutedEvent* routed : events) {
    const v1::GameEvent& e = routed->event();
    if (e.has_guild_created()) {
      registry.Saw(ctx.server_id, e.guild_created().guild_id(), e.char_id(), e.guild_created().guild_name(), ctx.now);
    }
    if (e.guild_id() != 0 && members_seen.emplace(e.guild_id(), e.char_id()).second) {
      registry.Saw(ctx.server_id, e.guild_id(), e.char_id(), "", ctx.now);
    }
    for (v1::SocialEvent& ev : running) {
      if (JoinSocialEvent(ctx, book, ev, *routed, actions)) book.PutEvent(ev);
    }
    tasks.Apply(*routed, actions);
  }
  tasks.Save();
  return absl::OkStatus();
}

absl::Status SocialAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job != kJobGuildTasks && job != kJobSocialEvents) return Agent::RunJob(ctx, job, actions);
  if (ctx.state == nullptr) return absl::FailedPreconditionError("social: no state store in the context");
  if (ctx.random == nullptr) return absl::FailedPreconditionError("social: no random source in the context");
  SocialBook book(*ctx.state);
  if (job == kJobGuildTasks) {
    ExpireGuildTasks(ctx, book);
    PlanGuildTasks(ctx, book, GuildRegistry(*ctx.state), job, actions);
  } else {
    EndSocialEvents(ctx, book);
    PlanSocialEvents(ctx, book, catalogue_, job, actions);
  }
  book.PruneHistory(ctx.server_id, ctx.now - kSocialHistoryKept);
  return absl::OkStatus();
}

uint64_t SocialAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  return SocialBook(state).EraseCharacters(char_ids) + GuildRegistry(state).EraseCharacters(char_ids);
}

}  // namespace aiworld::progression
