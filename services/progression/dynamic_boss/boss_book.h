#pragma once
// Where the DynamicBoss agent keeps what it saw and what it spawned (keys; server ids and map
// names never contain '/'):
//   b/<server>/<boss_id>           a boss (v1::DynamicBoss, serialized)
//   a/<server>/<boss_id>           present while the boss is ACTIVE (so live bosses are one short scan)
//   m/<server>/<map>               the map's last boss: "v1 <spawned unix seconds> <boss_id>"
//   w/<server>/<map>               kills on the map (KillWindow)
//   e/<server>/<map>               player deaths to a world problem's monsters on the map (KillWindow)
//   p/<server>/<boss_id>/<char>    a participant's contribution (decimal)
//   k/<server>/<boss_id>           players the boss killed (decimal), for the next boss's wipe factor
//   f/<server>                     the dominant faction a champion was last sent for ("" = none)
//   r/<server>                     the game day (unix days) of the last random encounter
//   n/<server>                     the last boss number handed out
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/progression.pb.h"
#include "services/agentkit/state_store.h"
#include "services/progression/dynamic_boss/kill_window.h"

namespace aiworld::progression {

inline constexpr const char* kBossTagPrefix = "aiw_boss_";

struct BossParticipant {
  uint32_t char_id = 0;
  uint32_t contribution = 0;
};

struct MapBossRecord {
  absl::Time spawned_at = absl::InfinitePast();
  std::string boss_id;
};

class BossBook {
 public:
  explicit BossBook(agentkit::StateStore& state) : state_(state) {}

  std::optional<v1::DynamicBoss> Get(const std::string& server, const std::string& boss_id) const;
  // Stores the boss and keeps the active index in step with its status.
  void Put(const v1::DynamicBoss& boss);
  std::vector<v1::DynamicBoss> OfServer(const std::string& server) const;
  // Bosses with status ACTIVE (whether or not past their despawn time).
  std::vector<v1::DynamicBoss> Active(const std::string& server) const;
  // The boss a spawn tag belongs to ("aiw_boss_<n>" -> "boss_<n>"); nullopt for other tags.
  std::optional<v1::DynamicBoss> ByTag(const std::string& server, const std::string& spawn_tag) const;

  // "boss_<n>", n counting from 1 per server; its spawn tag is "aiw_boss_<n>".
  std::string NextBossId(const std::string& server);
  static std::string SpawnTagOf(const std::string& boss_id) { return "aiw_" + boss_id; }

  KillWindow Kills(const std::string& server, const std::string& map) const;
  void PutKills(const std::string& server, const std::string& map, const KillWindow& w);
  void EraseKills(const std::string& server, const std::string& map);
  // Every map with a kill window, with it.
  std::vector<std::pair<std::string, KillWindow>> AllKills(const std::string& server) const;
  KillWindow ProblemDeaths(const std::string& server, const std::string& map) const;
  void PutProblemDeaths(const std::string& server, const std::string& map, const KillWindow& w);
  void EraseProblemDeaths(const std::string& server, const std::string& map);
  std::vector<std::pair<std::string, KillWindow>> AllProblemDeaths(const std::string& server) const;

  std::optional<MapBossRecord> LastOnMap(const std::string& server, const std::string& map) const;
  void PutLastOnMap(const std::string& server, const std::string& map, const MapBossRecord& record);

  // Adds to a participant's contribution; returns true when the character is new to the boss.
  bool AddContribution(const std::string& server, const std::string& boss_id, uint32_t char_id, uint32_t by);
  // By contribution (largest first, then the lower char id), at most `limit`.
  std::vector<BossParticipant> Participants(const std::string& server, const std::string& boss_id, size_t limit) const;
  uint32_t PlayersKilledBy(const std::string& server, const std::string& boss_id) const;
  void AddPlayerKilledBy(const std::string& server, const std::string& boss_id);

  std::string ChampionedFaction(const std::string& server) const;
  void PutChampionedFaction(const std::string& server, const std::string& faction);
  std::optional<int64_t> LastRandomDay(const std::string& server) const;
  void PutLastRandomDay(const std::string& server, int64_t day);

  // Removes inactive bosses spawned before `before` with their participants and counters;
  // returns the bosses removed.
  size_t PruneHistory(const std::string& server, absl::Time before);
  // Removes these characters' contributions on every boss; returns the entries removed.
  uint64_t EraseCharacters(const std::vector<uint32_t>& char_ids);

 private:
  KillWindow Window(const std::string& key) const;
  std::vector<std::pair<std::string, KillWindow>> Windows(const std::string& prefix) const;

  agentkit::StateStore& state_;
};

}  // namespace aiworld::progression
