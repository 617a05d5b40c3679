#pragma once
// The simulated game server: players with level, class and zeny on real maps of the catalogue,
// who log in and out, move, kill monsters (Zipf over maps) and MVPs, die, talk to NPCs, chat,
// trade, vend, use NPC shops, level up and complete quests — and the world state actions change
// (spawned monsters, NPCs, rewards, shop prices, weather, flags, character variables). Plain
// logic: no threads, no network; the seed makes a run repeatable.
#include <cstdint>
#include <deque>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "aiworld/bridge.h"
#include "data/catalogue.h"

namespace aiworld::sim {

struct Player {
  uint32_t char_id = 0;
  uint32_t account_id = 0;
  std::string name;
  uint32_t level = 1;
  uint32_t job_level = 1;
  uint32_t job_id = 0;
  int64_t zeny = 0;
  std::string map;
  int x = 0;
  int y = 0;
  bool online = false;
  std::map<uint32_t, int64_t> inventory;
  std::map<std::string, std::string> variables;
};

struct SpawnedGroup {
  std::string map;
  int mob_id = 0;
  int alive = 0;
};

struct WorldNpc {
  std::string map;
  int x = 0;
  int y = 0;
  std::string name;
};

class World {
 public:
  // server_index spreads char/account ids so several servers never share a character.
  World(const GameCatalogue& catalogue, int players, uint64_t seed, int server_index = 0);

  // The next thing a player does, as an event for the bridge.
  bridge::Event NextEvent();
  // Executes an action from the mesh; refuses what does not fit the world (unknown map, id, tag,
  // offline player) with the reason.
  bridge::ActionResult Apply(const bridge::Action& action);

  int online_players() const;
  int live_spawned_monsters() const;
  size_t npcs() const { return npcs_.size(); }
  const std::vector<Player>& players() const { return players_; }

 private:
  Player& RandomPlayer(bool online);
  const MapInfo& ZipfMap();
  bridge::Event Envelope(const char* kind, const Player& p) const;
  bridge::Event Login(Player& p);
  bridge::Event Logout(Player& p);
  bridge::Event MoveMap(Player& p);
  bridge::Event KillMonster(Player& p, bool mvp);
  bridge::Event Die(Player& p);
  bridge::Event TalkToNpc(Player& p);
  bridge::Event Chat(Player& p);
  bridge::Event Trade(Player& p);
  bridge::Event Vend(Player& p);
  bridge::Event ShopAtNpc(Player& p);
  bridge::Event LevelUp(Player& p);
  bridge::Event CompleteQuest(Player& p);
  bridge::Event AcceptQuest(Player& p, const std::string& quest_key);
  Player* FindOnline(uint32_t char_id);
  const ItemInfo& RandomItem();

  const GameCatalogue& catalogue_;
  std::mt19937_64 rng_;
  std::vector<Player> players_;
  std::vector<const MapInfo*> hunting_maps_;  // fields and dungeons in Zipf rank order
  std::vector<double> zipf_cdf_;
  std::vector<const MapInfo*> towns_;
  std::map<std::string, SpawnedGroup> spawned_;  // by spawn tag
  std::map<std::string, WorldNpc> npcs_;         // by npc tag
  std::map<uint32_t, int64_t> shop_prices_;      // item id -> zeny
  std::map<std::string, std::string> weather_;   // map -> weather
  std::map<std::string, std::string> map_flags_;  // "map/flag" -> value
  std::deque<std::pair<uint32_t, std::string>> offers_to_accept_;  // char id, generated quest key
};

}  // namespace aiworld::sim
