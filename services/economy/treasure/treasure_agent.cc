#include "services/economy/treasure/treasure_agent.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"
#include "services/economy/treasure/treasure_planner.h"
#include "services/economy/treasure/treasure_store.h"

namespace aiworld::economy {
namespace {

std::string Titled(std::string word) {
  for (char& c : word) {
    if (c == '_') c = ' ';
  }
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

std::string HintFor(v1::TreasureKind kind, const MapInfo& map) {
  const std::string theme = Titled(map.theme);
  const std::string region = Titled(map.region);
  switch (kind) {
    case v1::TREASURE_KIND_DIG_SPOT:
      return absl::StrCat("Loose earth on ", map.name, " hides something. Search the ", theme, " lands of ", region, ".");
    case v1::TREASURE_KIND_HIDDEN_NPC:
      return absl::StrCat("Someone who does not wish to be seen waits on ", map.name, ", in the ", theme, " near ", region, ".");
    default:
      return absl::StrCat("Something glints on ", map.name, ", among the ", theme, " near ", region, ".");
  }
}

const char* DisplayName(v1::TreasureKind kind) {
  switch (kind) {
    case v1::TREASURE_KIND_DIG_SPOT: return "Loose Soil";
    case v1::TREASURE_KIND_HIDDEN_NPC: return "Quiet Stranger";
    default: return "Treasure Chest";
  }
}

uint32_t Pick(const std::vector<uint32_t>& pool, RandomSource& random) {
  return pool[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(pool.size()) - 1))];
}

}  // namespace

TreasureAgent::TreasureAgent(const GameCatalogue& catalogue, TreasureOptions options) : catalogue_(catalogue), options_([&] {
  options.daily_treasures = std::clamp(options.daily_treasures, kMinDailyTreasures, kMaxDailyTreasures);
  return options;
}()) {}

std::vector<v1::JobSpec> TreasureAgent::jobs() const {
  v1::JobSpec daily;
  daily.set_name(kJobTreasureDaily);
  daily.set_description("10 treasures by map traffic, rarer on quiet maps, 2-12 h each");
  daily.mutable_schedule()->mutable_daily()->set_hour(1);
  daily.mutable_timeout()->set_seconds(60);
  v1::JobSpec expire;
  expire.set_name(kJobTreasureExpire);
  expire.set_description("treasures past their despawn time expire");
  *expire.mutable_schedule()->mutable_interval()->mutable_every() = ToProto(absl::Hours(1));
  expire.mutable_timeout()->set_seconds(30);
  return {daily, expire};
}

std::vector<v1::ActionKind> TreasureAgent::emitted_actions() const {
  return {v1::ACTION_KIND_SPAWN_NPC, v1::ACTION_KIND_REMOVE_NPC, v1::ACTION_KIND_GIVE_REWARD, v1::ACTION_KIND_BROADCAST,
          v1::ACTION_KIND_SET_CHAR_VARIABLE};
}

absl::Status TreasureAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job == kJobTreasureExpire) {
    Sweep(ctx);
    return absl::OkStatus();
  }
  if (job != kJobTreasureDaily) return Agent::RunJob(ctx, job, actions);
  Sweep(ctx);
  Place(ctx, actions);
  return absl::OkStatus();
}

void TreasureAgent::Sweep(agentkit::AgentContext& ctx) const {
  TreasureStore store(*ctx.state, ctx.server_id);
  for (v1::Treasure& t : store.Treasures()) {
    const absl::Time despawn = FromProto(t.despawn_at());
    if (t.status() == v1::CONTENT_STATUS_ACTIVE && despawn <= ctx.now) {
      t.set_status(v1::CONTENT_STATUS_EXPIRED);
      store.PutTreasure(t);
    }
    if (t.status() != v1::CONTENT_STATUS_ACTIVE && ctx.now - despawn > kTreasureRetention) store.EraseTreasure(t.treasure_id());
  }
}

void TreasureAgent::Place(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const {
  TreasureStore store(*ctx.state, ctx.server_id);
  std::set<std::string> occupied;
  for (const v1::Treasure& t : store.Treasures()) {
    if (t.status() == v1::CONTENT_STATUS_ACTIVE) occupied.insert(t.at().map());
  }
  const std::vector<PlannedTreasure> planned = PlanTreasures(ctx.world, catalogue_, options_.daily_treasures, occupied, *ctx.random);
  for (const PlannedTreasure& p : planned) {
    const MapInfo* map = catalogue_.FindMap(p.at.map());
    if (map == nullptr) continue;
    const TreasureContents& contents = ContentsFor(p.rarity);
    v1::Treasure t;
    t.set_treasure_id(store.NextTreasureId());
    t.set_server_id(ctx.server_id);
    *t.mutable_at() = p.at;
    t.set_rarity(p.rarity);
    t.set_kind(p.kind);
    t.set_npc_tag(t.treasure_id());
    t.set_hint(core::CleanText(ctx, agentkit::TextKind::kBroadcast, HintFor(p.kind, *map),
                               absl::StrCat("A treasure waits on ", map->name, "."), 255));
    std::vector<uint32_t> pool = TreasureItemPool(p.rarity, catalogue_);
    const int items = static_cast<int>(ctx.random->UniformInt(contents.min_items, contents.max_items));
    for (int i = 0; i < items && !pool.empty(); ++i) {
      const size_t at = static_cast<size_t>(ctx.random->UniformInt(0, static_cast<int64_t>(pool.size()) - 1));
      v1::ItemStack* stack = t.mutable_reward()->add_items();
      stack->set_item_id(pool[at]);
      stack->set_amount(1);
      pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(at));
    }
    t.mutable_reward()->set_zeny(static_cast<uint32_t>(ctx.random->UniformInt(contents.min_zeny, contents.max_zeny)));
    t.set_card_fragments(contents.fragments +
                         static_cast<uint32_t>(ctx.random->UniformInt(0, static_cast<int64_t>(contents.extra_fragments))));
    t.set_reputation(contents.reputation);
    t.set_status(v1::CONTENT_STATUS_ACTIVE);
    const absl::Duration life = absl::Hours(ctx.random->UniformInt(kDespawnHoursMin, kDespawnHoursMax));
    *t.mutable_spawned_at() = ToProto(ctx.now);
    *t.mutable_despawn_at() = ToProto(ctx.now + life);
    store.PutTreasure(t);

    v1::Action a = agentkit::ActionForJob(ctx, kJobTreasureDaily, absl::StrCat("treasure/", ctx.server_id, "/", t.treasure_id(), "/spawn"),
                             absl::StrFormat("%s %s on %s (%s traffic)", RarityName(p.rarity), KindName(p.kind), p.at.map(),
                                             TierName(p.tier)));
    a.mutable_target()->set_map(p.at.map());
    v1::SpawnNpc* npc = a.mutable_spawn_npc();
    npc->set_template_name(kTreasureTemplate);
    npc->set_npc_tag(t.npc_tag());
    *npc->mutable_at() = p.at;
    npc->set_sprite_id(kHiddenNpcSprite);
    npc->set_display_name(DisplayName(p.kind));
    (*npc->mutable_parameters())["treasure_id"] = t.treasure_id();
    (*npc->mutable_parameters())["kind"] = KindName(p.kind);
    (*npc->mutable_parameters())["rarity"] = RarityName(p.rarity);
    *npc->mutable_ttl() = ToProto(life);
    *a.mutable_expires_at() = t.despawn_at();
    actions->push_back(std::move(a));
  }
  if (planned.empty()) return;
  v1::Action told = agentkit::ActionForJob(ctx, kJobTreasureDaily, absl::StrCat("treasure/", ctx.server_id, "/", actions->back().spawn_npc().npc_tag(), "/announce"),
                              absl::StrCat(planned.size(), " treasures placed"));
  told.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_SERVER);
  told.mutable_broadcast()->set_style(v1::BROADCAST_STYLE_YELLOW);
  told.mutable_broadcast()->set_text(core::CleanText(
      ctx, agentkit::TextKind::kBroadcast,
      absl::StrCat(planned.size(), " treasures lie hidden across the land. The quietest roads hide the richest."),
      "Treasures lie hidden across the land.", 255));
  actions->push_back(std::move(told));
}

absl::Status TreasureAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                         std::vector<v1::Action>* actions) {
  for (const v1::RoutedEvent* e : events) {
    if (e->event().has_npc_interaction()) OnClick(ctx, *e, actions);
  }
  return absl::OkStatus();
}

void TreasureAgent::OnClick(agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::vector<v1::Action>* actions) const {
  const v1::GameEvent& ev = e.event();
  const v1::NpcInteraction& click = ev.npc_interaction();
  if (ev.char_id() == 0 || click.kind() != v1::NPC_INTERACTION_KIND_CLICK || !absl::StartsWith(click.npc_tag(), kTreasureTagPrefix)) {
    return;
  }
  TreasureStore store(*ctx.state, ctx.server_id);
  std::optional<v1::Treasure> t = store.Treasure(click.npc_tag());
  if (!t.has_value() || t->status() != v1::CONTENT_STATUS_ACTIVE) return;
  if (FromProto(t->despawn_at()) <= ctx.now) {
    t->set_status(v1::CONTENT_STATUS_EXPIRED);
    store.PutTreasure(*t);
    return;
  }
  t->set_status(v1::CONTENT_STATUS_COMPLETED);
  t->set_claimed_by_char_id(ev.char_id());
  *t->mutable_claimed_at() = ToProto(ctx.now);
  store.PutTreasure(*t);

  const std::string prefix = absl::StrCat("treasure/", ctx.server_id, "/", t->treasure_id(), "/");
  v1::Action remove = agentkit::ActionForEvent(ctx, e, prefix + "remove", v1::PRIORITY_HIGH);
  remove.set_priority(v1::PRIORITY_URGENT);
  remove.mutable_target()->set_map(t->at().map());
  remove.mutable_remove_npc()->set_npc_tag(t->npc_tag());
  actions->push_back(std::move(remove));

  const std::string found = absl::StrCat("a ", RarityName(t->rarity()), " ", KindName(t->kind()));
  v1::Action reward = agentkit::ActionForEvent(ctx, e, prefix + "reward", v1::PRIORITY_HIGH);
  reward.mutable_give_reward()->set_char_id(ev.char_id());
  *reward.mutable_give_reward()->mutable_reward() = t->reward();
  reward.mutable_give_reward()->set_reason(core::CutAtWord(
      core::CleanText(ctx, agentkit::TextKind::kDialogue, "Treasure: " + found, "Treasure found", 100), 100));
  reward.mutable_give_reward()->set_notify(false);
  actions->push_back(std::move(reward));

  std::string told = absl::StrCat("You found ", found, ": ", t->reward().zeny(), " zeny and ", t->reward().items_size(),
                                  t->reward().items_size() == 1 ? " item." : " items.");
  if (t->card_fragments() > 0) {
    CardFragments f = store.Fragments(ev.char_id());
    f.account_id = ev.account_id();
    f.fragments += t->card_fragments();
    const std::vector<uint32_t> cards = CardPool(catalogue_);
    uint32_t bought = 0;
    while (f.fragments >= kCardFragmentExchangeRate && !cards.empty()) {
      f.fragments -= kCardFragmentExchangeRate;
      ++f.cards_claimed;
      const uint32_t card = Pick(cards, *ctx.random);
      v1::Action give = agentkit::ActionForEvent(ctx, e, absl::StrCat(prefix, "card/", bought++), v1::PRIORITY_HIGH);
      give.mutable_give_reward()->set_char_id(ev.char_id());
      v1::ItemStack* stack = give.mutable_give_reward()->mutable_reward()->add_items();
      stack->set_item_id(card);
      stack->set_amount(1);
      give.mutable_give_reward()->set_reason("100 card fragments exchanged for a card");
      give.mutable_give_reward()->set_notify(true);
      actions->push_back(std::move(give));
    }
    store.PutFragments(ev.char_id(), f);
    v1::Action count = agentkit::ActionForEvent(ctx, e, prefix + "fragments", v1::PRIORITY_HIGH);
    count.mutable_set_char_variable()->set_char_id(ev.char_id());
    count.mutable_set_char_variable()->set_name(kFragmentsVariable);
    count.mutable_set_char_variable()->set_int_value(f.fragments);
    actions->push_back(std::move(count));
    absl::StrAppend(&told, " +", t->card_fragments(), " card fragments (", f.fragments, "/", kCardFragmentExchangeRate, ").");
    if (bought > 0) absl::StrAppend(&told, bought == 1 ? " A card is yours!" : " New cards are yours!");
  }
  v1::Action tell = agentkit::ActionForEvent(ctx, e, prefix + "told", v1::PRIORITY_HIGH);
  tell.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_PLAYER);
  tell.mutable_broadcast()->set_char_id(ev.char_id());
  tell.mutable_broadcast()->set_style(v1::BROADCAST_STYLE_BLUE);
  tell.mutable_broadcast()->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast, told, "You found a treasure!", 255));
  actions->push_back(std::move(tell));
}

std::vector<uint32_t> TreasureAgent::CharactersOf(agentkit::StateStore& state, uint32_t account_id) {
  return TreasureStore::CharactersOf(state, account_id);
}

uint64_t TreasureAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  return TreasureStore::EraseCharacters(state, char_ids);
}

}  // namespace aiworld::economy
