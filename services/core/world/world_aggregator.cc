#include "services/core/world/world_aggregator.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "runtime/proto_time.h"

namespace aiworld::core::world {
namespace {

void Visit(ServerWorldState& state, const std::string& map) {
  if (MapCounters* m = state.Map(map)) {
    ++m->current.visits;
    ++m->visits_today;
  }
}

void AddZeny(ServerWorldState& state, uint32_t char_id, int64_t delta) {
  auto it = state.online.find(char_id);
  if (it != state.online.end()) it->second.zeny = std::max<int64_t>(0, it->second.zeny + delta);
}

}  // namespace

std::string StoredMapName(const std::string& map) {
  if (map.empty() || map.size() > 11) return "";
  for (unsigned char c : map) {
    if (c <= ' ' || c >= 0x7f) return "";
  }
  return map;
}

void WorldAggregator::Apply(const v1::GameEvent& event, absl::Time now, ServerWorldState& state) const {
  if (event.has_occurred_at()) {
    state.last_event_at_micros = std::max(state.last_event_at_micros, absl::ToUnixMicros(FromProto(event.occurred_at())));
  }
  state.NoteChar(event.char_id());
  switch (event.payload_case()) {
    case v1::GameEvent::kLogin: Login(event, now, state); break;
    case v1::GameEvent::kLogout: Logout(event, state); break;
    case v1::GameEvent::kMapChange:
      Touch(event, now, state);
      Visit(state, StoredMapName(event.map()));
      break;
    case v1::GameEvent::kMonsterKilled: MonsterKilled(event, now, state); break;
    case v1::GameEvent::kPlayerDied: PlayerDied(event, state); break;
    case v1::GameEvent::kTrade:
      Touch(event, now, state);
      Trade(event, state);
      break;
    case v1::GameEvent::kVendingSale:
      Touch(event, now, state);
      VendingSale(event, state);
      break;
    case v1::GameEvent::kNpcShopTrade:
      Touch(event, now, state);
      ShopTrade(event, state);
      break;
    case v1::GameEvent::kServerStatus: ServerStatus(event.server_status(), state); break;
    default: Touch(event, now, state); break;  // level up, job change, chat, quests...: presence only
  }
  state.NotePeak();
}

OnlineChar* WorldAggregator::Touch(const v1::GameEvent& event, absl::Time now, ServerWorldState& state) const {
  if (event.char_id() == 0) return nullptr;
  auto it = state.online.find(event.char_id());
  if (it == state.online.end()) {
    if (state.online.size() >= kMaxOnline) return nullptr;
    it = state.online.emplace(event.char_id(), OnlineChar{}).first;
  }
  OnlineChar& c = it->second;
  if (event.account_id() != 0) c.account_id = event.account_id();
  if (const std::string map = StoredMapName(event.map()); !map.empty()) c.map = map;
  if (event.base_level() != 0) {
    c.base_level = event.base_level();
    c.job_id = event.job_id();  // job 0 is the novice: only trusted along with a level
  }
  c.seen = std::max(c.seen, absl::ToUnixSeconds(now));
  return &c;
}

void WorldAggregator::Login(const v1::GameEvent& event, absl::Time now, ServerWorldState& state) const {
  OnlineChar* c = Touch(event, now, state);
  if (c == nullptr) return;
  c->autotrade = event.login().autotrade();
  c->zeny = event.login().zeny();
  Visit(state, c->map);
}

void WorldAggregator::Logout(const v1::GameEvent& event, ServerWorldState& state) const {
  auto it = state.online.find(event.char_id());
  if (it == state.online.end()) return;
  if (event.logout().reason() == v1::LOGOUT_REASON_AUTOTRADE) {
    // The character stays in the world as a vendor without client.
    it->second.autotrade = true;
    it->second.zeny = event.logout().zeny();
    return;
  }
  state.online.erase(it);
}

v1::BossType WorldAggregator::BossTypeOf(const v1::MonsterKilled& kill) const {
  if (kill.boss_type() != v1::BOSS_TYPE_UNSPECIFIED) return kill.boss_type();
  const MonsterInfo* mob = catalogue_.FindMonster(kill.mob_id());
  if (mob == nullptr) return v1::BOSS_TYPE_NONE;
  switch (mob->boss) {
    case BossType::kMvp: return v1::BOSS_TYPE_MVP;
    case BossType::kMiniboss: return v1::BOSS_TYPE_MINIBOSS;
    case BossType::kNone: break;
  }
  return v1::BOSS_TYPE_NONE;
}

void WorldAggregator::MonsterKilled(const v1::GameEvent& event, absl::Time now, ServerWorldState& state) const {
  Touch(event, now, state);
  const v1::MonsterKilled& kill = event.monster_killed();
  const v1::BossType boss = BossTypeOf(kill);
  CombatCounts& combat = state.CurrentBucket().combat;
  ++combat.monster_kills;
  if (boss == v1::BOSS_TYPE_MINIBOSS) ++combat.miniboss_kills;
  MapCounters* map = state.Map(StoredMapName(event.map()));
  if (map != nullptr) {
    ++map->current.kills;
    ++map->kills_today;
  }
  if (boss != v1::BOSS_TYPE_MVP) return;
  ++combat.mvp_kills;
  if (map != nullptr) ++map->mvp_kills_today;
  if (MvpCounters* mvp = state.Mvp(kill.mob_id())) {
    ++mvp->current;
    ++mvp->today;
    const int64_t at = absl::ToUnixSeconds(event.has_occurred_at() ? FromProto(event.occurred_at()) : now);
    mvp->last_killed_at = std::max(mvp->last_killed_at, at);
  }
}

void WorldAggregator::PlayerDied(const v1::GameEvent& event, ServerWorldState& state) const {
  // The victim is not "touched": a death says nothing new about level or place.
  CombatCounts& combat = state.CurrentBucket().combat;
  ++combat.player_deaths;
  if (event.player_died().killer_kind() == v1::KILLER_KIND_PLAYER) ++combat.pvp_kills;
  if (MapCounters* m = state.Map(StoredMapName(event.map()))) ++m->current.deaths;
}

void WorldAggregator::Trade(const v1::GameEvent& event, ServerWorldState& state) const {
  const v1::Trade& t = event.trade();
  ZenyCounts& zeny = state.CurrentBucket().zeny;
  ++zeny.trades;
  zeny.trade_zeny += static_cast<int64_t>(t.zeny_given()) + t.zeny_received();
  const int64_t net = static_cast<int64_t>(t.zeny_received()) - t.zeny_given();
  AddZeny(state, event.char_id(), net);
  AddZeny(state, t.partner_char_id(), -net);
}

void WorldAggregator::VendingSale(const v1::GameEvent& event, ServerWorldState& state) const {
  const v1::VendingSale& sale = event.vending_sale();
  ZenyCounts& zeny = state.CurrentBucket().zeny;
  ++zeny.vending_sales;
  zeny.vending_zeny += sale.total_zeny();
  AddZeny(state, event.char_id(), -static_cast<int64_t>(sale.total_zeny()));
  AddZeny(state, sale.vendor_char_id(), sale.vendor_zeny());
  for (const v1::TradedItem& item : sale.items()) {
    if (item.unit_price() == 0 || item.amount() == 0) continue;
    auto it = state.prices_today.find(item.item_id());
    if (it == state.prices_today.end()) {
      if (state.prices_today.size() >= kMaxPricedItems) continue;
      it = state.prices_today.emplace(item.item_id(), ItemSales{}).first;
    }
    it->second.amount += item.amount();
    it->second.zeny += static_cast<int64_t>(item.unit_price()) * item.amount();
  }
}

void WorldAggregator::ShopTrade(const v1::GameEvent& event, ServerWorldState& state) const {
  const v1::NpcShopTrade& shop = event.npc_shop_trade();
  ZenyCounts& zeny = state.CurrentBucket().zeny;
  if (shop.direction() == v1::SHOP_DIRECTION_BUY) {
    zeny.shop_buy_zeny += shop.total_zeny();
    AddZeny(state, event.char_id(), -static_cast<int64_t>(shop.total_zeny()));
  } else if (shop.direction() == v1::SHOP_DIRECTION_SELL) {
    zeny.shop_sell_zeny += shop.total_zeny();
    AddZeny(state, event.char_id(), shop.total_zeny());
  }
}

void WorldAggregator::ServerStatus(const v1::ServerStatus& status, ServerWorldState& state) const {
  if (status.phase() == v1::SERVER_PHASE_STARTED || status.phase() == v1::SERVER_PHASE_STOPPING) {
    // A map-server that (re)starts or stops has nobody on it; autotraders log in again after start.
    state.online.clear();
    return;
  }
  if (status.phase() != v1::SERVER_PHASE_RUNNING || status.online_players() >= state.online.size()) return;
  // Sessions we never saw end: drop the characters idle the longest (ties: lowest char id).
  std::vector<std::tuple<int64_t, uint32_t>> by_idle;
  for (const auto& [id, c] : state.online) by_idle.emplace_back(c.seen, id);
  std::sort(by_idle.begin(), by_idle.end());
  const size_t extra = state.online.size() - status.online_players();
  for (size_t i = 0; i < extra; ++i) state.online.erase(std::get<1>(by_idle[i]));
}

}  // namespace aiworld::core::world
