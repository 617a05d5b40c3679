#include "bridge-client/sim/world.h"

#include <algorithm>
#include <cmath>

namespace aiworld::sim {
namespace {

const char* kNames[] = {"Alice", "Bjorn", "Chika", "Dario", "Elena", "Farid", "Greta", "Hiro",  "Ines",  "Jonas",
                        "Kaori", "Lucas", "Mara",  "Nuno",  "Olga",  "Pavel", "Quinn", "Rosa",  "Sven",  "Tomo"};
const char* kChatter[] = {"selling red potions cheap", "LF party prt_fild08", "anyone seen the MVP?",
                          "buying Elunium", "where is the kafra?", "gg", "need a priest for pay_dun",
                          "WTS +7 Blade", "hello world", "is the server lagging?"};
const uint32_t kJobs[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20};

}  // namespace

World::World(const GameCatalogue& catalogue, int players, uint64_t seed, int server_index)
    : catalogue_(catalogue), rng_(seed) {
  for (const MapInfo* m : catalogue_.MapsOfKind(MapKind::kField)) {
    if (!catalogue_.MonstersOn(m->name).empty()) hunting_maps_.push_back(m);
  }
  for (const MapInfo* m : catalogue_.MapsOfKind(MapKind::kDungeon)) {
    if (!catalogue_.MonstersOn(m->name).empty()) hunting_maps_.push_back(m);
  }
  towns_ = catalogue_.MapsOfKind(MapKind::kTown);
  std::shuffle(hunting_maps_.begin(), hunting_maps_.end(), rng_);
  // Zipf(s = 1.1): a few maps draw most of the hunting, as on a real server.
  double total = 0;
  for (size_t i = 0; i < hunting_maps_.size(); ++i) {
    total += 1.0 / std::pow(static_cast<double>(i + 1), 1.1);
    zipf_cdf_.push_back(total);
  }
  for (double& c : zipf_cdf_) c /= total;
  for (int i = 0; i < players; ++i) {
    Player p;
    p.char_id = 150000 + static_cast<uint32_t>(server_index) * 100000 + static_cast<uint32_t>(i);
    p.account_id = 2000000 + static_cast<uint32_t>(server_index) * 100000 + static_cast<uint32_t>(i);
    p.name = std::string(kNames[i % 20]) + std::to_string(i);
    p.level = 1 + static_cast<uint32_t>(rng_() % 98);
    p.job_level = 1 + static_cast<uint32_t>(rng_() % 49);
    p.job_id = kJobs[rng_() % 20];
    p.zeny = static_cast<int64_t>(rng_() % 2000000);
    const MapInfo& town = *towns_[rng_() % towns_.size()];
    p.map = town.name;
    p.x = 1 + static_cast<int>(rng_() % static_cast<uint64_t>(std::max(1, town.width - 2)));
    p.y = 1 + static_cast<int>(rng_() % static_cast<uint64_t>(std::max(1, town.height - 2)));
    players_.push_back(std::move(p));
  }
}

int World::online_players() const {
  return static_cast<int>(std::count_if(players_.begin(), players_.end(), [](const Player& p) { return p.online; }));
}

int World::live_spawned_monsters() const {
  int n = 0;
  for (const auto& [tag, group] : spawned_) n += group.alive;
  return n;
}

Player& World::RandomPlayer(bool online) {
  for (int tries = 0; tries < 64; ++tries) {
    Player& p = players_[rng_() % players_.size()];
    if (p.online == online) return p;
  }
  return players_[rng_() % players_.size()];
}

const MapInfo& World::ZipfMap() {
  const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
  const size_t i = static_cast<size_t>(std::lower_bound(zipf_cdf_.begin(), zipf_cdf_.end(), u) - zipf_cdf_.begin());
  return *hunting_maps_[std::min(i, hunting_maps_.size() - 1)];
}

const ItemInfo& World::RandomItem() { return catalogue_.items()[rng_() % catalogue_.items().size()]; }

bridge::Event World::Envelope(const char* kind, const Player& p) const {
  bridge::Event e(kind);
  e.char_id = p.char_id;
  e.account_id = p.account_id;
  e.map = p.map;
  e.x = p.x;
  e.y = p.y;
  e.char_name = p.name;
  e.base_level = p.level;
  e.job_level = p.job_level;
  e.job_id = p.job_id;
  return e;
}

bridge::Event World::NextEvent() {
  // Keep about two thirds of the players online.
  if (online_players() * 3 < static_cast<int>(players_.size()) * 2) return Login(RandomPlayer(false));
  // Players take the quests NPCs offer them (the offers came back as actions).
  while (!offers_to_accept_.empty()) {
    const auto [char_id, quest_key] = offers_to_accept_.front();
    offers_to_accept_.pop_front();
    if (Player* taker = FindOnline(char_id)) return AcceptQuest(*taker, quest_key);
  }
  const int roll = static_cast<int>(rng_() % 1000);
  Player& p = RandomPlayer(true);
  if (roll < 430) return KillMonster(p, false);
  if (roll < 440) return KillMonster(p, true);
  if (roll < 540) return Chat(p);
  if (roll < 640) return MoveMap(p);
  if (roll < 710) return TalkToNpc(p);
  if (roll < 760) return ShopAtNpc(p);
  if (roll < 800) return Trade(p);
  if (roll < 840) return Vend(p);
  if (roll < 880) return LevelUp(p);
  if (roll < 910) return CompleteQuest(p);
  if (roll < 940) return Die(p);
  if (roll < 970) return Logout(p);
  return Login(RandomPlayer(false));
}

bridge::Event World::Login(Player& p) {
  p.online = true;
  bridge::Event e = Envelope("login", p);
  e.Set("group_id", 0).Set("zeny", p.zeny);
  return e;
}

bridge::Event World::Logout(Player& p) {
  p.online = false;
  bridge::Event e = Envelope("logout", p);
  e.Set("reason", "LOGOUT_REASON_QUIT").Set("zeny", p.zeny);
  return e;
}

bridge::Event World::MoveMap(Player& p) {
  const std::string from = p.map;
  const int fx = p.x, fy = p.y;
  const MapInfo& to = rng_() % 3 == 0 ? *towns_[rng_() % towns_.size()] : ZipfMap();
  p.map = to.name;
  p.x = 1 + static_cast<int>(rng_() % static_cast<uint64_t>(std::max(1, to.width - 2)));
  p.y = 1 + static_cast<int>(rng_() % static_cast<uint64_t>(std::max(1, to.height - 2)));
  bridge::Event e = Envelope("map_change", p);
  e.priority = bridge::Priority::kLow;
  e.Set("from_map", from).Set("from_x", fx).Set("from_y", fy).Set("cause", "MAP_CHANGE_CAUSE_TELEPORT");
  return e;
}

bridge::Event World::KillMonster(Player& p, bool mvp) {
  // Hunting happens on fields and dungeons: a player in town walks out first.
  const MapInfo* here = catalogue_.FindMap(p.map);
  if (here == nullptr || here->kind == MapKind::kTown) {
    const MapInfo& to = ZipfMap();
    p.map = to.name;
    p.x = std::max(1, to.width / 2);
    p.y = std::max(1, to.height / 2);
  }
  const MonsterInfo* mob = nullptr;
  std::string tag;
  // Monsters the mesh spawned here are hunted first, so spawns can be killed.
  for (auto& [spawn_tag, group] : spawned_) {
    if (group.map == p.map && group.alive > 0) {
      mob = catalogue_.FindMonster(group.mob_id);
      tag = spawn_tag;
      --group.alive;
      break;
    }
  }
  if (mob == nullptr && mvp) {
    const auto mvps = catalogue_.Mvps();
    if (!mvps.empty()) mob = mvps[rng_() % mvps.size()];
  }
  if (mob == nullptr) {
    auto here_mobs = catalogue_.MonstersOn(p.map);
    here_mobs.erase(std::remove_if(here_mobs.begin(), here_mobs.end(), [](const MonsterInfo* m) { return m->is_boss(); }),
                    here_mobs.end());
    if (here_mobs.empty()) here_mobs = catalogue_.MonstersOn(p.map);
    mob = here_mobs.empty() ? &catalogue_.monsters().front() : here_mobs[rng_() % here_mobs.size()];
  }
  p.zeny += mob->level * 10;
  bridge::Event e = Envelope("monster_killed", p);
  if (mob->boss == BossType::kMvp) e.priority = bridge::Priority::kHigh;
  e.Set("mob_id", mob->id).Set("mob_level", mob->level).Set("mob_name", mob->name).Set("last_hit_char_id", p.char_id);
  e.Set("boss_type", mob->boss == BossType::kMvp        ? "BOSS_TYPE_MVP"
                     : mob->boss == BossType::kMiniboss ? "BOSS_TYPE_MINIBOSS"
                                                        : "BOSS_TYPE_NONE");
  if (mob->boss == BossType::kMvp) e.Set("mvp_char_id", p.char_id);
  if (!tag.empty()) e.Set("spawn_tag", tag);
  return e;
}

bridge::Event World::Die(Player& p) {
  bridge::Event e = Envelope("player_died", p);
  auto mobs = catalogue_.MonstersOn(p.map);
  const MonsterInfo* killer = mobs.empty() ? &catalogue_.monsters().front() : mobs[rng_() % mobs.size()];
  e.Set("killer_kind", "KILLER_KIND_MONSTER").Set("killer_mob_id", killer->id);
  return e;
}

bridge::Event World::TalkToNpc(Player& p) {
  static const char* const kLines[] = {"what news do you have?", "any work for me?", "do you sell potions?",
                                       "I need a quest", "hello there", "where can I hunt around here?"};
  // Half the time the town's Kafra, else a townsperson who may give quests (guard, merchant, priest, ...).
  static const char* const kRoles[] = {"guard", "merchant", "quest_giver", "priest", "scholar", "smith"};
  bridge::Event e = Envelope("npc_interaction", p);
  const bool typed = rng_() % 3 == 0;
  std::string name = "Kafra Employee";
  std::string exname = "kafra_" + p.map.substr(0, 3) + "#1";
  int sprite = 117;
  if (rng_() % 2 == 0) {
    const std::string role = kRoles[rng_() % std::size(kRoles)];
    const auto sprites = catalogue_.SpritesWithRole(role);
    if (!sprites.empty()) {
      const NpcSprite* s = sprites[rng_() % sprites.size()];
      sprite = s->id;
      name = s->description.substr(0, 24);
      exname = role + "_" + p.map.substr(0, 3) + "#" + std::to_string(s->id);
    }
  }
  e.Set("kind", typed ? "NPC_INTERACTION_KIND_TEXT_INPUT" : "NPC_INTERACTION_KIND_CLICK")
      .Set("npc_gid", static_cast<int64_t>(110000000 + rng_() % 1000))
      .Set("npc_name", name)
      .Set("npc_exname", exname)
      .Set("npc_sprite", sprite);
  if (typed) e.Set("text", kLines[rng_() % std::size(kLines)]);
  return e;
}

bridge::Event World::AcceptQuest(Player& p, const std::string& quest_key) {
  bridge::Event e = Envelope("quest_accepted", p);
  e.Set("quest_id", static_cast<int64_t>(90000 + rng_() % 1000)).Set("mesh_quest_key", quest_key);
  return e;
}

bridge::Event World::Chat(Player& p) {
  bridge::Event e = Envelope("chat", p);
  e.Set("channel", "CHAT_CHANNEL_GLOBAL").Set("text", kChatter[rng_() % 10]);
  return e;
}

bridge::Event World::Trade(Player& p) {
  Player& partner = RandomPlayer(true);
  const ItemInfo& item = RandomItem();
  const int64_t price = std::max<int64_t>(1, item.buy);
  bridge::Event e = Envelope("trade", p);
  e.Set("partner_char_id", partner.char_id).Set("partner_account_id", partner.account_id).Set("partner_name", partner.name);
  e.Set("items_given.0.item_id", static_cast<int64_t>(item.id)).Set("items_given.0.amount", 1);
  e.Set("zeny_received", price);
  p.zeny += price;
  partner.zeny = std::max<int64_t>(0, partner.zeny - price);
  return e;
}

bridge::Event World::Vend(Player& p) {
  Player& vendor = RandomPlayer(true);
  const ItemInfo& item = RandomItem();
  const int64_t amount = 1 + static_cast<int64_t>(rng_() % 5);
  const int64_t unit = std::max<int64_t>(1, item.buy * (80 + static_cast<int64_t>(rng_() % 60)) / 100);
  bridge::Event e = Envelope("vending_sale", p);
  e.Set("vendor_char_id", vendor.char_id).Set("vendor_account_id", vendor.account_id).Set("vendor_name", vendor.name);
  e.Set("shop_title", "bargains").Set("items.0.item_id", static_cast<int64_t>(item.id)).Set("items.0.amount", amount);
  e.Set("items.0.unit_price", unit).Set("total_zeny", unit * amount).Set("vendor_zeny", unit * amount);
  return e;
}

bridge::Event World::ShopAtNpc(Player& p) {
  const ItemInfo& item = RandomItem();
  auto it = shop_prices_.find(item.id);
  const int64_t unit = it != shop_prices_.end() ? it->second : std::max<int64_t>(1, item.buy);
  const int64_t amount = 1 + static_cast<int64_t>(rng_() % 10);
  const bool buy = rng_() % 2 == 0;
  const int64_t each = buy ? unit : std::max<int64_t>(1, unit / 2);
  bridge::Event e = Envelope("npc_shop_trade", p);
  e.Set("direction", buy ? "SHOP_DIRECTION_BUY" : "SHOP_DIRECTION_SELL").Set("shop_kind", "SHOP_KIND_ZENY");
  e.Set("shop_exname", "tool_" + p.map.substr(0, 3) + "#1").Set("shop_name", "Tool Dealer");
  e.Set("items.0.item_id", static_cast<int64_t>(item.id)).Set("items.0.amount", amount).Set("items.0.unit_price", each);
  e.Set("total_zeny", each * amount);
  p.zeny = buy ? std::max<int64_t>(0, p.zeny - each * amount) : p.zeny + each * amount;
  return e;
}

bridge::Event World::LevelUp(Player& p) {
  if (p.level >= 99) return Chat(p);
  bridge::Event e = Envelope("level_up", p);
  e.Set("kind", "LEVEL_KIND_BASE").Set("old_level", p.level).Set("new_level", p.level + 1);
  ++p.level;
  e.base_level = p.level;
  return e;
}

bridge::Event World::CompleteQuest(Player& p) {
  bridge::Event e = Envelope("quest_completed", p);
  e.priority = bridge::Priority::kHigh;
  e.Set("quest_id", static_cast<int64_t>(1000 + rng_() % 500));
  return e;
}

Player* World::FindOnline(uint32_t char_id) {
  for (Player& p : players_) {
    if (p.char_id == char_id) return p.online ? &p : nullptr;
  }
  return nullptr;
}

bridge::ActionResult World::Apply(const bridge::Action& a) {
  auto failed = [](std::string why) { return bridge::ActionResult{bridge::Outcome::kFailed, std::move(why), 0}; };
  auto done = [](uint32_t affected) { return bridge::ActionResult{bridge::Outcome::kDone, "", affected}; };
  auto known_map = [&](const std::string& m) { return catalogue_.FindMap(m) != nullptr; };
  const std::string& k = a.kind;
  if (k == "broadcast") {
    if (a.Get("text").empty()) return failed("broadcast without text");
    const std::string map = a.Get("map");
    if (!map.empty() && !known_map(map)) return failed("unknown map " + map);
    uint32_t reached = 0;
    for (const Player& p : players_) reached += p.online && (map.empty() || p.map == map) ? 1 : 0;
    return done(reached);
  }
  if (k == "spawn_monster") {
    const std::string map = a.Get("at.map");
    if (!known_map(map)) return failed("unknown map " + map);
    const int mob = static_cast<int>(a.GetInt("mob_id"));
    if (catalogue_.FindMonster(mob) == nullptr) return failed("unknown mob id " + std::to_string(mob));
    const int amount = static_cast<int>(std::clamp<int64_t>(a.GetInt("amount", 1), 1, 100));
    const std::string tag = a.Get("spawn_tag", a.action_id);
    SpawnedGroup& g = spawned_[tag];
    g.map = map;
    g.mob_id = mob;
    g.alive += amount;
    return done(static_cast<uint32_t>(amount));
  }
  if (k == "remove_monsters") {
    auto it = spawned_.find(a.Get("spawn_tag"));
    if (it == spawned_.end()) return failed("no monsters spawned with tag " + a.Get("spawn_tag"));
    const int removed = it->second.alive;
    spawned_.erase(it);
    return done(static_cast<uint32_t>(removed));
  }
  if (k == "spawn_npc") {
    const std::string map = a.Get("at.map");
    if (!known_map(map)) return failed("unknown map " + map);
    npcs_[a.Get("npc_tag")] = WorldNpc{map, static_cast<int>(a.GetInt("at.x")), static_cast<int>(a.GetInt("at.y")),
                                       a.Get("display_name")};
    return done(1);
  }
  if (k == "remove_npc") {
    if (npcs_.erase(a.Get("npc_tag")) == 0) return failed("no NPC with tag " + a.Get("npc_tag"));
    return done(1);
  }
  if (k == "move_npc") {
    const std::string map = a.Get("to.map");
    if (!map.empty() && !known_map(map)) return failed("unknown map " + map);
    return done(1);
  }
  if (k == "npc_say" || k == "start_world_event") return done(1);
  if (k == "give_reward") {
    Player* p = FindOnline(static_cast<uint32_t>(a.GetInt("char_id", a.target_char_id)));
    if (p == nullptr) return failed("character offline");
    for (int i = 0; a.fields.contains("items." + std::to_string(i) + ".item_id"); ++i) {
      const auto id = static_cast<uint32_t>(a.GetInt("items." + std::to_string(i) + ".item_id"));
      if (catalogue_.FindItem(id) == nullptr) return failed("unknown item id " + std::to_string(id));
      p->inventory[id] += a.GetInt("items." + std::to_string(i) + ".amount", 1);
    }
    p->zeny += a.GetInt("zeny");
    return done(1);
  }
  if (k == "offer_quest" || k == "apply_status") {
    const auto char_id = static_cast<uint32_t>(a.GetInt("char_id", a.target_char_id));
    if (FindOnline(char_id) == nullptr) return failed("character offline");
    if (k == "offer_quest" && !a.Get("generated.quest_key").empty()) offers_to_accept_.emplace_back(char_id, a.Get("generated.quest_key"));
    return done(1);
  }
  if (k == "set_map_flag" || k == "set_weather") {
    const std::string map = a.Get("map", a.target_map);
    if (!known_map(map)) return failed("unknown map " + map);
    if (k == "set_weather") weather_[map] = a.Get("weather");
    else map_flags_[map + "/" + a.Get("flag")] = a.Get("value", "true");
    return done(1);
  }
  if (k == "update_shop") {
    const auto id = static_cast<uint32_t>(a.GetInt("item_id"));
    if (catalogue_.FindItem(id) == nullptr) return failed("unknown item id " + std::to_string(id));
    if (a.GetInt("price") > 0) shop_prices_[id] = a.GetInt("price");
    return done(1);
  }
  if (k == "set_char_variable") {
    const auto id = static_cast<uint32_t>(a.GetInt("char_id", a.target_char_id));
    auto it = std::find_if(players_.begin(), players_.end(), [&](const Player& p) { return p.char_id == id; });
    if (it == players_.end()) return failed("unknown character " + std::to_string(id));
    it->variables[a.Get("name")] = a.Get("int_value", a.Get("string_value"));
    return done(1);
  }
  return failed("unknown action kind \"" + k + "\"");
}

}  // namespace aiworld::sim
