#include "services/progression/social/guild_tasks.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"
#include "services/progression/social/social_rules.h"

namespace aiworld::progression {
void ExpireGuildTasks(const agentkit::AgentContext& ctx, SocialBook& book) {
  for (v1::GuildTask& t : book.ActiveTasks(ctx.server_id)) {
    if (ctx.now < FromProto(t.expires_at())) continue;
    t.set_status(v1::CONTENT_STATUS_EXPIRED);
    book.PutTask(t);
  }
}

void PlanGuildTasks(const agentkit::AgentContext& ctx, SocialBook& book, const GuildRegistry& registry, const std::string& job,
                    std::vector<v1::Action>* actions) {
  std::map<uint32_t, bool> busy;
  for (const v1::GuildTask& t : book.ActiveTasks(ctx.server_id)) {
    if (ctx.now < FromProto(t.expires_at())) busy[t.guild_id()] = true;
  }
  size_t guilds = 0;
  for (const SeenGuild& guild : registry.ActiveSince(ctx.server_id, ctx.now - kActiveGuildWindow, kMaxGuildsPerDay)) {
    if (busy.contains(guild.guild_id)) continue;
    std::vector<size_t> order(GuildTaskTypes().size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t i = order.size() - 1; i > 0; --i) {
      std::swap(order[i], order[static_cast<size_t>(ctx.random->UniformInt(0, static_cast<int64_t>(i)))]);
    }
    for (size_t i = 0; i < kTasksPerGuild && i < order.size(); ++i) {
      const GuildTaskSpec& spec = GuildTaskTypes()[order[i]];
      const uint32_t target = static_cast<uint32_t>(ctx.random->UniformInt(spec.min_target, spec.max_target));
      v1::GuildTask t;
      t.set_task_id(book.NextTaskId(ctx.server_id));
      t.set_server_id(ctx.server_id);
      t.set_guild_id(guild.guild_id);
      t.set_type(spec.type);
      t.set_description(GuildTaskDescription(spec.type, target));
      t.set_target(target);
      t.set_status(v1::CONTENT_STATUS_ACTIVE);
      *t.mutable_reward() = GuildTaskReward();
      t.set_guild_exp(kGuildTaskExp);
      *t.mutable_created_at() = ToProto(ctx.now);
      *t.mutable_expires_at() = ToProto(ctx.now + kGuildTaskLifetime);
      book.PutTask(t);
    }
    ++guilds;
  }
  if (guilds == 0) return;

  const std::string fallback = absl::StrCat("[Guild] New guild tasks for ", guilds, guilds == 1 ? " guild" : " guilds",
                                            ": hunt, gather, raid and explore together within 24 hours!");
  decision::DecisionRequest request;
  request.type = "guild_task_announcement";
  request.cache_key = absl::StrCat("guild_tasks/", std::min<size_t>(guilds, 10));
  request.prompt = absl::StrCat("Write one short in-game announcement (at most 200 characters, no quotes) that ", guilds,
                                " guilds received new cooperative guild tasks for the next 24 hours. Start with [Guild].");
  request.template_answer = [fallback] { return fallback; };
  request.complexity = 0.2;
  request.max_tokens = 80;
  const decision::Decision said = ctx.Decide(request);
  v1::Action told;
  told.set_idempotency_key(absl::StrCat("progression/social/guild_tasks/", absl::ToUnixSeconds(ctx.now), "/announce"));
  told.set_priority(v1::PRIORITY_NORMAL);
  told.mutable_origin()->set_tier(said.tier);
  told.mutable_cause()->mutable_job()->set_job(job);
  *told.mutable_cause()->mutable_job()->mutable_slot() = ToProto(ctx.now);
  told.mutable_cause()->set_summary(absl::StrCat(guilds, " guilds seen in the last 7 days"));
  v1::Broadcast* b = told.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(v1::BROADCAST_STYLE_BLUE);
  b->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast, said.text, fallback, 255));
  actions->push_back(std::move(told));
}

GuildTaskProgress::GuildTaskProgress(const agentkit::AgentContext& ctx, SocialBook& book, const GuildRegistry& registry)
    : ctx_(ctx), book_(book), registry_(registry) {
  for (v1::GuildTask& t : book_.ActiveTasks(ctx_.server_id)) {
    if (ctx_.now < FromProto(t.expires_at())) by_guild_[t.guild_id()].push_back(std::move(t));
  }
}

void GuildTaskProgress::Apply(const v1::RoutedEvent& routed, std::vector<v1::Action>* actions) {
  if (by_guild_.empty()) return;
  const v1::GameEvent& e = routed.event();
  const uint32_t guild = e.guild_id();
  if (e.has_monster_killed() && guild != 0) {
    Advance(guild, v1::GUILD_TASK_TYPE_COOPERATIVE_HUNTING, e.char_id(), 1, routed, actions);
    const v1::BossType boss = e.monster_killed().boss_type();
    if (boss == v1::BOSS_TYPE_MVP || boss == v1::BOSS_TYPE_MINIBOSS) {
      Advance(guild, v1::GUILD_TASK_TYPE_BOSS_RAID, e.char_id(), 1, routed, actions);
    }
  } else if (e.has_item_picked_up() && guild != 0 && e.item_picked_up().source() == v1::PICKUP_SOURCE_MONSTER) {
    Advance(guild, v1::GUILD_TASK_TYPE_RESOURCE_GATHERING, e.char_id(), std::max<uint32_t>(1, e.item_picked_up().item().amount()),
            routed, actions);
  } else if (e.has_map_change() && guild != 0 && !e.map().empty()) {
    auto it = by_guild_.find(guild);
    if (it == by_guild_.end()) return;
    for (const v1::GuildTask& t : it->second) {
      if (t.type() != v1::GUILD_TASK_TYPE_EXPLORATION || t.status() != v1::CONTENT_STATUS_ACTIVE) continue;
      std::set<std::string> maps = book_.ExploredMaps(ctx_.server_id, t.task_id());
      if (!maps.insert(e.map()).second) return;
      book_.PutExploredMaps(ctx_.server_id, t.task_id(), maps);
    }
    Advance(guild, v1::GUILD_TASK_TYPE_EXPLORATION, e.char_id(), 1, routed, actions);
  } else if (e.has_player_died() && e.player_died().killer_kind() == v1::KILLER_KIND_PLAYER) {
    const uint32_t killer = e.player_died().killer_char_id();
    const uint32_t killer_guild = killer == 0 ? 0 : registry_.GuildOf(ctx_.server_id, killer);
    if (killer_guild != 0 && killer_guild != guild) {
      Advance(killer_guild, v1::GUILD_TASK_TYPE_GUILD_VS_GUILD, killer, 1, routed, actions);
    }
  }
}

void GuildTaskProgress::Advance(uint32_t guild_id, v1::GuildTaskType type, uint32_t char_id, uint32_t by,
                                const v1::RoutedEvent& e, std::vector<v1::Action>* actions) {
  auto it = by_guild_.find(guild_id);
  if (it == by_guild_.end() || char_id == 0) return;
  for (v1::GuildTask& t : it->second) {
    if (t.type() != type || t.status() != v1::CONTENT_STATUS_ACTIVE) continue;
    t.set_progress(std::min(t.target(), t.progress() + by));
    book_.AddContribution(ctx_.server_id, t.task_id(), char_id, by);
    changed_[t.task_id()] = true;
    if (t.progress() >= t.target()) Complete(t, e, actions);
  }
}

void GuildTaskProgress::Complete(v1::GuildTask& task, const v1::RoutedEvent& e, std::vector<v1::Action>* actions) {
  task.set_status(v1::CONTENT_STATUS_COMPLETED);
  const std::optional<SeenGuild> guild = registry_.Get(ctx_.server_id, task.guild_id());
  SeenGuild named;
  named.guild_id = task.guild_id();
  const std::string name = GuildRegistry::DisplayName(guild.value_or(named));
  const std::string prefix = absl::StrCat("progression/social/", task.task_id(), "/");

  v1::Action told;
  told.set_idempotency_key(prefix + "completed");
  told.set_priority(v1::PRIORITY_NORMAL);
  told.mutable_origin()->set_tier(v1::TIER_RULES);
  *told.mutable_cause()->add_events() = agentkit::EventRefOf(ctx_, e);
  v1::Broadcast* b = told.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(v1::BROADCAST_STYLE_BLUE);
  b->set_text(core::CleanText(ctx_, agentkit::TextKind::kBroadcast,
                              absl::StrCat("[Guild] ", name, " completed a guild task: ", task.description(), "!"),
                              "[Guild] A guild completed a guild task!", 255));
  actions->push_back(std::move(told));

  for (const Contributor& who : book_.Contributors(ctx_.server_id, task.task_id(), kMaxRewardedMembers)) {
    v1::Action a;
    a.set_idempotency_key(absl::StrCat(prefix, "reward/", who.char_id));
    a.set_priority(v1::PRIORITY_NORMAL);
    a.mutable_origin()->set_tier(v1::TIER_RULES);
    a.mutable_target()->set_char_id(who.char_id);
    *a.mutable_cause()->add_events() = agentkit::EventRefOf(ctx_, e);
    v1::GiveReward* give = a.mutable_give_reward();
    give->set_char_id(who.char_id);
    *give->mutable_reward() = task.reward();
    give->set_reason("Guild task completed");
    give->set_notify(true);
    actions->push_back(std::move(a));
  }
}

void GuildTaskProgress::Save() {
  for (const auto& [guild, tasks] : by_guild_) {
    for (const v1::GuildTask& t : tasks) {
      if (changed_.contains(t.task_id())) book_.PutTask(t);
    }
  }
  changed_.clear();
}

}  // namespace aiworld::progression
