#include "services/procedural/archaeology/archaeology_agent.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"
#include "services/procedural/archaeology/archaeology_store.h"
#include "services/procedural/archaeology/artifact_rules.h"

namespace aiworld::procedural {
namespace {

v1::Action TellPlayer(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::string key, const std::string& text,
                      const std::string& fallback) {
  v1::Action a = agentkit::ActionForEvent(ctx, e, std::move(key), v1::PRIORITY_HIGH);
  v1::Broadcast* b = a.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_PLAYER);
  b->set_char_id(e.event().char_id());
  b->set_style(v1::BROADCAST_STYLE_BLUE);
  b->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast, text, fallback, 255));
  return a;
}

v1::Action CharVariable(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::string key, const std::string& name) {
  v1::Action a = agentkit::ActionForEvent(ctx, e, std::move(key), v1::PRIORITY_HIGH);
  a.mutable_set_char_variable()->set_char_id(e.event().char_id());
  a.mutable_set_char_variable()->set_name(name);
  return a;
}

void Count(v1::ArchaeologyProgress& p, v1::ArtifactType type) {
  for (v1::ArtifactCount& c : *p.mutable_artifacts()) {
    if (c.type() == type) {
      c.set_count(c.count() + 1);
      return;
    }
  }
  v1::ArtifactCount* c = p.add_artifacts();
  c->set_type(type);
  c->set_count(1);
}

}  // namespace

std::vector<v1::JobSpec> ArchaeologyAgent::jobs() const {
  v1::JobSpec j;
  j.set_name(kJobDigSpots);
  j.set_description("15 dig spots, most of them on the quietest maps, open for 48 h");
  j.mutable_schedule()->mutable_daily()->set_hour(2);
  j.mutable_timeout()->set_seconds(60);
  return {j};
}

std::vector<v1::ActionKind> ArchaeologyAgent::emitted_actions() const {
  return {v1::ACTION_KIND_SPAWN_NPC, v1::ACTION_KIND_REMOVE_NPC, v1::ACTION_KIND_GIVE_REWARD, v1::ACTION_KIND_BROADCAST,
          v1::ACTION_KIND_SET_CHAR_VARIABLE};
}

absl::Status ArchaeologyAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job != kJobDigSpots) return Agent::RunJob(ctx, job, actions);
  PlaceSpots(ctx, actions);
  return absl::OkStatus();
}

void ArchaeologyAgent::PlaceSpots(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const {
  ArchaeologyStore store(*ctx.state, ctx.server_id);
  std::set<std::string> occupied;
  for (v1::DigSpot& spot : store.Spots()) {
    const absl::Time expires = FromProto(spot.expires_at());
    if (spot.status() == v1::CONTENT_STATUS_ACTIVE && expires <= ctx.now) {
      spot.set_status(v1::CONTENT_STATUS_EXPIRED);  // its NPC left with its ttl
      store.PutSpot(spot);
    }
    if (spot.status() == v1::CONTENT_STATUS_ACTIVE) {
      occupied.insert(spot.at().map());
    } else if (ctx.now - expires > kDigSpotRetention) {
      store.EraseSpot(spot.spot_id());
    }
  }

  const std::vector<PlannedDigSpot> planned = PlanDigSpots(ctx.world, catalogue_, options_.daily_spots, occupied, *ctx.random);
  for (const PlannedDigSpot& p : planned) {
    v1::DigSpot spot;
    spot.set_spot_id(store.NextSpotId());
    spot.set_server_id(ctx.server_id);
    *spot.mutable_at() = p.at;
    spot.set_rarity(p.rarity);
    spot.set_status(v1::CONTENT_STATUS_ACTIVE);
    *spot.mutable_created_at() = ToProto(ctx.now);
    *spot.mutable_expires_at() = ToProto(ctx.now + kDigSpotLifetime);
    store.PutSpot(spot);

    v1::Action a;
    a.set_idempotency_key(absl::StrCat("archaeology/", spot.spot_id(), "/spawn"));
    a.mutable_origin()->set_tier(v1::TIER_RULES);
    a.mutable_cause()->mutable_job()->set_job(kJobDigSpots);
    *a.mutable_cause()->mutable_job()->mutable_slot() = ToProto(ctx.now);
    a.mutable_cause()->set_summary(absl::StrFormat("dig spot on %s, rarity %.2f", p.at.map(), p.rarity));
    a.mutable_target()->set_map(p.at.map());
    v1::SpawnNpc* npc = a.mutable_spawn_npc();
    npc->set_template_name(kDigSpotTemplate);
    npc->set_npc_tag(spot.spot_id());
    *npc->mutable_at() = p.at;
    npc->set_sprite_id(kHiddenNpcSprite);
    npc->set_display_name("Disturbed Earth");
    (*npc->mutable_parameters())["spot_id"] = spot.spot_id();
    (*npc->mutable_parameters())["rarity"] = absl::StrFormat("%.2f", p.rarity);
    *npc->mutable_ttl() = ToProto(kDigSpotLifetime);
    actions->push_back(std::move(a));
  }
  if (planned.empty()) return;
  v1::Action told;
  told.set_idempotency_key(absl::StrCat("archaeology/", actions->back().spawn_npc().npc_tag(), "/announce"));
  told.mutable_origin()->set_tier(v1::TIER_RULES);
  told.mutable_cause()->mutable_job()->set_job(kJobDigSpots);
  *told.mutable_cause()->mutable_job()->mutable_slot() = ToProto(ctx.now);
  told.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_SERVER);
  told.mutable_broadcast()->set_text(core::CleanText(
      ctx, agentkit::TextKind::kBroadcast,
      absl::StrCat("Archaeologists report disturbed earth in ", planned.size(), " places. Quiet roads hide the oldest secrets."),
      "Archaeologists report disturbed earth across the land.", 255));
  actions->push_back(std::move(told));
}

absl::Status ArchaeologyAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                            std::vector<v1::Action>* actions) {
  for (const v1::RoutedEvent* e : events) {
    if (e->event().has_npc_interaction()) OnDig(ctx, *e, actions);
  }
  return absl::OkStatus();
}

void ArchaeologyAgent::OnDig(agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::vector<v1::Action>* actions) const {
  const v1::GameEvent& ev = e.event();
  const v1::NpcInteraction& touch = ev.npc_interaction();
  if (ev.char_id() == 0 || touch.kind() != v1::NPC_INTERACTION_KIND_CLICK ||
      !absl::StartsWith(touch.npc_tag(), kDigSpotTagPrefix)) {
    return;
  }
  ArchaeologyStore store(*ctx.state, ctx.server_id);
  std::optional<v1::DigSpot> spot = store.Spot(touch.npc_tag());
  if (!spot.has_value() || spot->status() != v1::CONTENT_STATUS_ACTIVE) return;
  if (FromProto(spot->expires_at()) <= ctx.now) {
    spot->set_status(v1::CONTENT_STATUS_EXPIRED);
    store.PutSpot(*spot);
    return;
  }
  spot->set_status(v1::CONTENT_STATUS_COMPLETED);
  spot->set_dug_by_char_id(ev.char_id());
  store.PutSpot(*spot);
  const std::string prefix = absl::StrCat("archaeology/", spot->spot_id(), "/");
  v1::Action remove = agentkit::ActionForEvent(ctx, e, prefix + "remove", v1::PRIORITY_HIGH);
  remove.set_priority(v1::PRIORITY_URGENT);
  remove.mutable_target()->set_map(spot->at().map());
  remove.mutable_remove_npc()->set_npc_tag(spot->spot_id());
  actions->push_back(std::move(remove));

  v1::ArchaeologyProgress progress = store.Progress(ev.char_id());
  const uint32_t level_before = ArchaeologyLevel(progress.total_digs());
  const ArtifactRarity rarity = RollRarity(RarityWeightsFor(level_before, spot->rarity()), ctx.random->Uniform01());
  const v1::ArtifactType type = ArtifactTypeFor(rarity, ctx.random->Uniform01());
  const std::vector<uint32_t>& items = ArtifactItems(type);
  const uint32_t item_id = items[static_cast<size_t>(ctx.random->UniformInt(0, static_cast<int64_t>(items.size()) - 1))];
  const ItemInfo* item = catalogue_.FindItem(item_id);
  const std::string item_name = item != nullptr ? item->name : "an artifact";

  progress.set_total_digs(progress.total_digs() + 1);
  progress.set_level(ArchaeologyLevel(progress.total_digs()));
  progress.set_digs_to_next_level(DigsToNextLevel(progress.total_digs()));
  Count(progress, type);

  v1::Action reward = agentkit::ActionForEvent(ctx, e, prefix + "artifact", v1::PRIORITY_HIGH);
  v1::GiveReward* give = reward.mutable_give_reward();
  give->set_char_id(ev.char_id());
  v1::ItemStack* stack = give->mutable_reward()->add_items();
  stack->set_item_id(item_id);
  stack->set_amount(1);
  give->set_reason(core::CutAtWord(core::CleanText(ctx, agentkit::TextKind::kDialogue, "Archaeology: " + item_name,
                                                   "Archaeology find", 100),
                                   100));
  give->set_notify(false);
  actions->push_back(std::move(reward));

  std::string found = absl::StrCat("You unearthed ", item_name, ", a ", RarityName(rarity), " ", ArtifactTypeName(type), ".");
  if (progress.level() > level_before) {
    absl::StrAppend(&found, " Your archaeology level is now ", progress.level(), ".");
    v1::Action level = CharVariable(ctx, e, prefix + "level", "aiw_arch_level");
    level.mutable_set_char_variable()->set_int_value(progress.level());
    actions->push_back(std::move(level));
  }
  actions->push_back(TellPlayer(ctx, e, prefix + "found", found, "You unearthed an artifact."));

  if (const CollectionRule* rule = CollectionFor(type)) {
    for (v1::ArtifactCollection& c : *progress.mutable_collections()) {
      if (c.name() != rule->name) continue;
      c.set_collected(c.collected() + 1);
      if (c.completed() || c.collected() < c.required()) break;
      c.set_completed(true);
      const std::string done = absl::StrCat("archaeology/", ev.char_id(), "/", rule->name, "/");
      v1::Action mark = CharVariable(ctx, e, done + "bonus", "aiw_arch_" + rule->name);
      mark.mutable_set_char_variable()->set_int_value(1);
      actions->push_back(std::move(mark));
      if (!rule->title.empty()) {
        v1::Action title = CharVariable(ctx, e, done + "title", "aiw_title");
        title.mutable_set_char_variable()->set_string_value(rule->title);
        actions->push_back(std::move(title));
      }
      actions->push_back(TellPlayer(ctx, e, done + "told",
                                    absl::StrCat("Collection complete: ", rule->name, "!",
                                                 rule->title.empty() ? "" : absl::StrCat(" You are now known as ", rule->title, ".")),
                                    "Collection complete!"));
      break;
    }
  }
  if (type == v1::ARTIFACT_TYPE_TREASURE_MAP) {
    const std::vector<std::string>& secrets = SecretLocations();
    const std::string& map = secrets[static_cast<size_t>(ctx.random->UniformInt(0, static_cast<int64_t>(secrets.size()) - 1))];
    const absl::Time until = ctx.now + kSecretAccess;
    store.OpenSecret(ev.char_id(), map, until);
    v1::Action where = CharVariable(ctx, e, prefix + "secret_map", "aiw_arch_secret");
    where.mutable_set_char_variable()->set_string_value(map);
    actions->push_back(std::move(where));
    v1::Action when = CharVariable(ctx, e, prefix + "secret_until", "aiw_arch_secret_until");
    when.mutable_set_char_variable()->set_int_value(absl::ToUnixSeconds(until));
    actions->push_back(std::move(when));
    const MapInfo* info = catalogue_.FindMap(map);
    actions->push_back(TellPlayer(ctx, e, prefix + "secret_told",
                                  absl::StrCat("The map shows a hidden way into ", info != nullptr ? info->note : map,
                                               ". It stays open to you for 30 minutes."),
                                  "The map shows a hidden way. It stays open to you for 30 minutes."));
  }
  store.PutProgress(progress);
}

uint64_t ArchaeologyAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  return ArchaeologyStore::EraseCharacters(state, char_ids);
}

}  // namespace aiworld::procedural
