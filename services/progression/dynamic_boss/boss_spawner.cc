#include "services/progression/dynamic_boss/boss_spawner.h"

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/core/quest/generated_text.h"
#include "services/progression/dynamic_boss/boss_picker.h"
#include "services/progression/dynamic_boss/boss_rules.h"

namespace aiworld::progression {
namespace {

std::string TemplateAnnouncement(const BossPlan& plan, const std::string& name) {
  switch (plan.trigger) {
    case v1::BOSS_TRIGGER_ANTI_FARM:
      return absl::StrCat("[Boss] The endless hunting on ", plan.map, " has enraged ", name, "! It roams there for 30 minutes.");
    case v1::BOSS_TRIGGER_TREASURE_GUARD:
      return absl::StrCat("[Boss] ", name, " rises to guard the treasure found on ", plan.map, "!");
    case v1::BOSS_TRIGGER_PROBLEM_ESCALATION:
      return absl::StrCat("[Boss] The world problem on ", plan.map, " escalates: ", name, " appears!");
    case v1::BOSS_TRIGGER_FACTION_CHAMPION:
      return absl::StrCat("[Boss] The dominant faction ", plan.faction, " sends its champion ", name, " to ", plan.map, "!");
    default:
      return absl::StrCat("[Boss] ", name, " wanders into ", plan.map, "!");
  }
}

v1::Action Base(const BossPlan& plan, std::string key, v1::Priority priority) {
  v1::Action a;
  a.set_idempotency_key(std::move(key));
  a.set_priority(priority);
  a.mutable_origin()->set_tier(v1::TIER_RULES);
  a.mutable_target()->set_map(plan.map);
  *a.mutable_cause() = plan.cause;
  return a;
}

}  // namespace

bool BeforeInPriority(const BossPlan& a, const BossPlan& b) {
  const int pa = TemplateOf(a.trigger).priority, pb = TemplateOf(b.trigger).priority;
  if (pa != pb) return pa > pb;
  if (a.strength != b.strength) return a.strength > b.strength;
  return a.map < b.map;
}

std::optional<SpawnedBoss> SpawnBoss(const agentkit::AgentContext& ctx, BossBook& book, const GameCatalogue& catalogue,
                                     const BossPlan& plan) {
  const BossTemplate& t = TemplateOf(plan.trigger);
  const uint32_t rating = DifficultyRating(t, plan.modifier);
  const double level = plan.level > 0 ? plan.level : MapMonsterLevel(catalogue, plan.map);
  const MonsterInfo* mob = PickBoss(catalogue, plan.map, rating, level);
  if (mob == nullptr) return std::nullopt;

  uint32_t previous_deaths = 0;
  if (std::optional<MapBossRecord> last = book.LastOnMap(ctx.server_id, plan.map)) {
    previous_deaths = book.PlayersKilledBy(ctx.server_id, last->boss_id);
  }
  const BossStats stats = StatsFor(t, plan.modifier, previous_deaths);
  const std::string boss_id = book.NextBossId(ctx.server_id);
  const std::string name = core::CleanText(ctx, agentkit::TextKind::kName, BossDisplayName(t.prefix, *mob), mob->name, 23);

  SpawnedBoss out;
  v1::DynamicBoss& b = out.boss;
  b.set_boss_id(boss_id);
  b.set_server_id(ctx.server_id);
  b.set_spawn_tag(BossBook::SpawnTagOf(boss_id));
  b.set_name(name);
  b.set_mob_id(mob->id);
  b.mutable_at()->set_map(plan.map);
  b.mutable_at()->set_x(plan.x);
  b.mutable_at()->set_y(plan.y);
  b.set_trigger(plan.trigger);
  b.set_difficulty_modifier(plan.modifier);
  b.set_difficulty_rating(rating);
  b.set_hp_percent(stats.hp_percent);
  b.set_atk_percent(stats.atk_percent);
  b.set_def_percent(stats.def_percent);
  b.set_status(v1::CONTENT_STATUS_ACTIVE);
  *b.mutable_reward() = BossReward(rating);
  b.set_reputation_reward(BossReputation(rating));
  *b.mutable_spawned_at() = ToProto(ctx.now);
  *b.mutable_despawn_at() = ToProto(ctx.now + kBossLifetime);

  const std::string prefix = absl::StrCat("progression/dynamic_boss/", boss_id, "/");
  v1::Action spawn = Base(plan, prefix + "spawn", v1::PRIORITY_HIGH);
  v1::SpawnMonster* s = spawn.mutable_spawn_monster();
  *s->mutable_at() = b.at();
  s->set_spread(plan.x == 0 && plan.y == 0 ? 0 : 3);
  s->set_mob_id(mob->id);
  s->set_amount(1);
  s->set_display_name(name);
  s->set_hp_percent(stats.hp_percent);
  s->set_atk_percent(stats.atk_percent);
  s->set_def_percent(stats.def_percent);
  *s->mutable_ttl() = ToProto(kBossLifetime);
  s->set_spawn_tag(b.spawn_tag());
  out.actions.push_back(std::move(spawn));

  const std::string fallback = TemplateAnnouncement(plan, name);
  decision::DecisionRequest request;
  request.type = "boss_announcement";
  request.cache_key = absl::StrCat(t.name, "/", mob->id, "/", plan.map);
  request.features = {static_cast<double>(t.priority), static_cast<double>(rating), plan.modifier};
  request.prompt = absl::StrCat("Write one short in-game announcement (at most 200 characters, no quotes) that the boss \"", name,
                                "\" has appeared on the map ", plan.map, ". Reason: ", plan.cause.summary(),
                                ". Start with [Boss].");
  request.template_answer = [fallback] { return fallback; };
  request.complexity = 0.2;
  request.max_tokens = 80;
  const decision::Decision said = ctx.Decide(request);

  v1::Action told = Base(plan, prefix + "announce", v1::PRIORITY_HIGH);
  told.mutable_origin()->set_tier(said.tier);
  v1::Broadcast* bc = told.mutable_broadcast();
  if (plan.trigger == v1::BOSS_TRIGGER_FACTION_CHAMPION) {
    bc->set_scope(v1::BROADCAST_SCOPE_SERVER);
    told.mutable_target()->clear_map();
  } else {
    bc->set_scope(v1::BROADCAST_SCOPE_MAP);
    bc->set_map(plan.map);
  }
  bc->set_style(v1::BROADCAST_STYLE_WOE);
  bc->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast, said.text, fallback, 255));
  out.actions.push_back(std::move(told));

  book.Put(b);
  MapBossRecord record;
  record.spawned_at = ctx.now;
  record.boss_id = boss_id;
  book.PutLastOnMap(ctx.server_id, plan.map, record);
  return out;
}

}  // namespace aiworld::progression
