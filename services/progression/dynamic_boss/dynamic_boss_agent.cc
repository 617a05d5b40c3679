#include "services/progression/dynamic_boss/dynamic_boss_agent.h"

#include <cstdint>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"
#include "services/progression/dynamic_boss/boss_book.h"
#include "services/progression/dynamic_boss/boss_rules.h"
#include "services/progression/dynamic_boss/boss_triggers.h"

namespace aiworld::progression {
namespace {

// One of our bosses died: COMPLETED, a broadcast, and a reward for each participant (once each:
// the key is the boss's and the character's, and a completed boss never pays again).
void Defeat(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, v1::DynamicBoss& boss, BossBook& book,
            std::vector<v1::Action>* actions) {
  for (uint32_t id : agentkit::KillCredits(e.event())) book.AddContribution(ctx.server_id, boss.boss_id(), id, 1);
  const std::vector<BossParticipant> everyone = book.Participants(ctx.server_id, boss.boss_id(), SIZE_MAX);
  boss.set_status(v1::CONTENT_STATUS_COMPLETED);
  *boss.mutable_defeated_at() = ToProto(ctx.now);
  boss.set_participants(static_cast<uint32_t>(everyone.size()));
  book.Put(boss);

  const std::string prefix = absl::StrCat("progression/dynamic_boss/", boss.boss_id(), "/");
  v1::Action told;
  told.set_idempotency_key(prefix + "defeated");
  told.set_priority(v1::PRIORITY_HIGH);
  told.mutable_origin()->set_tier(v1::TIER_RULES);
  *told.mutable_cause()->add_events() = agentkit::EventRefOf(ctx, e);
  v1::Broadcast* b = told.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(v1::BROADCAST_STYLE_YELLOW);
  b->set_text(core::CleanText(
      ctx, agentkit::TextKind::kBroadcast,
      absl::StrCat("[Boss] ", boss.name(), " was defeated on ", boss.at().map(), " by ", everyone.size(), " adventurers!"),
      "[Boss] A dynamic boss was defeated!", 255));
  actions->push_back(std::move(told));

  const std::string reason = core::CutAtWord(
      core::CleanText(ctx, agentkit::TextKind::kDialogue, "Defeated " + boss.name(), "Defeated a dynamic boss", 100), 100);
  size_t rewarded = 0;
  for (const BossParticipant& who : everyone) {
    if (rewarded++ == kMaxRewardedParticipants) break;
    v1::Action a;
    a.set_idempotency_key(absl::StrCat(prefix, "reward/", who.char_id));
    a.set_priority(v1::PRIORITY_HIGH);
    a.mutable_origin()->set_tier(v1::TIER_RULES);
    a.mutable_target()->set_char_id(who.char_id);
    *a.mutable_cause()->add_events() = agentkit::EventRefOf(ctx, e);
    v1::GiveReward* give = a.mutable_give_reward();
    give->set_char_id(who.char_id);
    *give->mutable_reward() = boss.reward();
    give->set_reason(reason);
    give->set_notify(true);
    actions->push_back(std::move(a));
  }
}

bool IsCard(const GameCatalogue& catalogue, uint32_t item_id) {
  const ItemInfo* item = catalogue.FindItem(item_id);
  return item != nullptr && item->kind == ItemKind::kCard;
}

bool HasWorld(const v1::WorldSnapshot* world) {
  return world != nullptr && (world->maps_size() > 0 || world->players().online() > 0 || world->has_taken_at());
}

uint32_t PlayersOn(const v1::WorldSnapshot& world, const std::string& map) {
  for (const v1::MapActivity& m : world.maps()) {
    if (m.map() == map) return m.players_now();
  }
  return 0;
}

v1::ActionCause JobCause(const agentkit::AgentContext& ctx, const std::string& job, const std::string& summary) {
  v1::ActionCause c;
  c.mutable_job()->set_job(job);
  *c.mutable_job()->mutable_slot() = ToProto(ctx.now);
  c.set_summary(summary);
  return c;
}

}  // namespace

std::vector<v1::EventKind> DynamicBossAgent::subscriptions() const {
  return {v1::EVENT_KIND_MONSTER_KILLED, v1::EVENT_KIND_PLAYER_DIED, v1::EVENT_KIND_ITEM_PICKED_UP};
}

std::vector<v1::JobSpec> DynamicBossAgent::jobs() const {
  v1::JobSpec j;
  j.set_name(kJobBossEvaluate);
  j.set_description("despawn bosses past their time or left alone; check every boss trigger and spawn the first");
  j.mutable_schedule()->mutable_interval()->mutable_every()->set_seconds(absl::ToInt64Seconds(kCheckInterval));
  j.mutable_timeout()->set_seconds(60);
  return {j};
}

std::vector<v1::ActionKind> DynamicBossAgent::emitted_actions() const {
  return {v1::ACTION_KIND_SPAWN_MONSTER, v1::ACTION_KIND_REMOVE_MONSTERS, v1::ACTION_KIND_BROADCAST, v1::ACTION_KIND_GIVE_REWARD};
}

absl::Status DynamicBossAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                            std::vector<v1::Action>* actions) {
  if (ctx.state == nullptr) return absl::FailedPreconditionError("dynamic_boss: no state store in the context");
  BossBook book(*ctx.state);
  std::map<std::string, KillWindow> kills, deaths;
  std::map<std::string, const v1::RoutedEvent*> last_kill, last_death;
  std::vector<BossPlan> plans;

  for (const v1::RoutedEvent* routed : events) {
    const v1::GameEvent& e = routed->event();
    if (e.has_monster_killed()) {
      const v1::MonsterKilled& k = e.monster_killed();
      if (!k.spawn_tag().empty()) {
        std::optional<v1::DynamicBoss> boss = book.ByTag(ctx.server_id, k.spawn_tag());
        if (boss.has_value() && boss->status() == v1::CONTENT_STATUS_ACTIVE) Defeat(ctx, *routed, *boss, book, actions);
        continue;  // mesh spawns were meant to be hunted: not farming
      }
      if (e.map().empty() || agentkit::KillCredits(e).empty()) continue;
      auto [it, fresh] = kills.try_emplace(e.map());
      if (fresh) it->second = book.Kills(ctx.server_id, e.map());
      it->second.Add(ctx.now, 1, k.mob_level());
      it->second.SetLastCell(e.x(), e.y());
      last_kill[e.map()] = routed;
    } else if (e.has_player_died()) {
      const std::string& tag = e.player_died().killer_spawn_tag();
      if (tag.empty()) continue;
      if (std::optional<v1::DynamicBoss> boss = book.ByTag(ctx.server_id, tag)) {
        if (boss->status() != v1::CONTENT_STATUS_ACTIVE) continue;
        book.AddPlayerKilledBy(ctx.server_id, boss->boss_id());
        if (e.char_id() != 0 && book.AddContribution(ctx.server_id, boss->boss_id(), e.char_id(), 1)) {
          boss->set_participants(boss->participants() + 1);
          book.Put(*boss);
        }
      } else if (absl::StartsWith(tag, kProblemTagPrefix) && !e.map().empty()) {
        auto [it, fresh] = deaths.try_emplace(e.map());
        if (fresh) it->second = book.ProblemDeaths(ctx.server_id, e.map());
        const MonsterInfo* killer = catalogue_.FindMonster(e.player_died().killer_mob_id());
        it->second.Add(ctx.now, 1, killer != nullptr ? static_cast<uint64_t>(killer->level) : e.base_level());
        it->second.SetLastCell(e.x(), e.y());
        last_death[e.map()] = routed;
      }
    } else if (e.has_item_picked_up()) {
      const v1::ItemPickedUp& p = e.item_picked_up();
      const MapInfo* map = catalogue_.FindMap(e.map());
      if (p.source() != v1::PICKUP_SOURCE_MONSTER || !IsCard(catalogue_, p.item().item_id()) || map == nullptr ||
          map->kind == MapKind::kTown) {
        continue;
      }
      BossPlan plan;
      plan.trigger = v1::BOSS_TRIGGER_TREASURE_GUARD;
      plan.map = e.map();
      plan.x = e.x();
      plan.y = e.y();
      const MonsterInfo* source = catalogue_.FindMonster(p.source_mob_id());
      plan.level = source != nullptr ? source->level : e.base_level();
      plan.strength = 1;
      *plan.cause.add_events() = agentkit::EventRefOf(ctx, *routed);
      plan.cause.set_summary(absl::StrCat("a card (item ", p.item().item_id(), ") was found on ", e.map()));
      plans.push_back(std::move(plan));
    }
  }

  MapWindows kill_windows, death_windows;
  for (auto& [map, w] : kills) {
    w.Prune(ctx.now, kKillWindow);
    book.PutKills(ctx.server_id, map, w);
    kill_windows.emplace_back(map, w);
  }
  for (auto& [map, w] : deaths) {
    w.Prune(ctx.now, kKillWindow);
    book.PutProblemDeaths(ctx.server_id, map, w);
    death_windows.emplace_back(map, w);
  }
  for (BossPlan& p : AntiFarmPlans(kill_windows, ctx.now)) {
    *p.cause.add_events() = agentkit::EventRefOf(ctx, *last_kill[p.map]);
    plans.push_back(std::move(p));
  }
  for (BossPlan& p : EscalationPlans(death_windows, ctx.now)) {
    *p.cause.add_events() = agentkit::EventRefOf(ctx, *last_death[p.map]);
    plans.push_back(std::move(p));
  }
  if (std::optional<SpawnedBoss> spawned = SpawnFirst(ctx, book, catalogue_, std::move(plans))) {
    for (v1::Action& a : spawned->actions) actions->push_back(std::move(a));
  }
  return absl::OkStatus();
}

absl::Status DynamicBossAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job != kJobBossEvaluate) return Agent::RunJob(ctx, job, actions);
  if (ctx.state == nullptr) return absl::FailedPreconditionError("dynamic_boss: no state store in the context");
  BossBook book(*ctx.state);

  for (v1::DynamicBoss& boss : book.Active(ctx.server_id)) {
    if (ctx.now >= FromProto(boss.despawn_at())) {
      boss.set_status(v1::CONTENT_STATUS_EXPIRED);  // the spawn's ttl already removed it in game
      book.Put(boss);
      continue;
    }
    const bool alone = HasWorld(ctx.world) && PlayersOn(*ctx.world, boss.at().map()) == 0;
    if (!alone || ctx.now - FromProto(boss.spawned_at()) < kIdleDespawn) continue;
    boss.set_status(v1::CONTENT_STATUS_EXPIRED);
    *boss.mutable_despawn_at() = ToProto(ctx.now);
    book.Put(boss);
    v1::Action remove;
    remove.set_idempotency_key(absl::StrCat("progression/dynamic_boss/", boss.boss_id(), "/remove"));
    remove.set_priority(v1::PRIORITY_URGENT);
    remove.mutable_origin()->set_tier(v1::TIER_RULES);
    remove.mutable_target()->set_map(boss.at().map());
    remove.mutable_remove_monsters()->set_spawn_tag(boss.spawn_tag());
    remove.mutable_remove_monsters()->set_map(boss.at().map());
    *remove.mutable_cause() = JobCause(ctx, job, absl::StrCat("nobody on ", boss.at().map(), " to fight ", boss.name()));
    actions->push_back(std::move(remove));
  }

  MapWindows kill_windows = book.AllKills(ctx.server_id);
  for (auto& [map, w] : kill_windows) {
    w.Prune(ctx.now, kKillWindow);
    if (w.empty()) {
      book.EraseKills(ctx.server_id, map);
    } else {
      book.PutKills(ctx.server_id, map, w);
    }
  }
  MapWindows death_windows = book.AllProblemDeaths(ctx.server_id);
  for (auto& [map, w] : death_windows) {
    w.Prune(ctx.now, kKillWindow);
    if (w.empty()) {
      book.EraseProblemDeaths(ctx.server_id, map);
    } else {
      book.PutProblemDeaths(ctx.server_id, map, w);
    }
  }
  book.PruneHistory(ctx.server_id, ctx.now - kHistoryKept);
  if (ctx.world != nullptr && ctx.world->has_factions() && ctx.world->factions().dominant_faction().empty()) {
    book.PutChampionedFaction(ctx.server_id, "");  // a later dominance earns a new champion
  }

  std::vector<BossPlan> plans = AntiFarmPlans(kill_windows, ctx.now);
  for (BossPlan& p : EscalationPlans(death_windows, ctx.now)) plans.push_back(std::move(p));
  if (std::optional<BossPlan> p = ChampionPlan(ctx.world, book, ctx.server_id, catalogue_)) plans.push_back(*std::move(p));
  if (std::optional<BossPlan> p = RandomEncounterPlan(ctx, book, catalogue_)) plans.push_back(*std::move(p));
  for (BossPlan& p : plans) *p.cause.mutable_job() = JobCause(ctx, job, "").job();
  if (std::optional<SpawnedBoss> spawned = SpawnFirst(ctx, book, catalogue_, std::move(plans))) {
    for (v1::Action& a : spawned->actions) actions->push_back(std::move(a));
  }
  return absl::OkStatus();
}

uint64_t DynamicBossAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  return BossBook(state).EraseCharacters(char_ids);
}

}  // namespace aiworld::progression
