#pragma once
// The facade the rAthena hooks call: one call per game event, plain views in, one bridge event out.
// It also keeps what a single hook cannot know (when a session began, the map a character was on,
// which quest the mesh offered) and tags the mesh's own monsters and NPCs (forgetting a mesh
// monster once it died). Main thread only.
// C++17 and free of gRPC/protobuf headers: rAthena translation units include it.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "aiworld/bridge.h"
#include "aiworld/rathena/mesh_units.h"
#include "aiworld/rathena/views.h"

namespace aiworld::rathena {

// Where events go: the bridge in the game, a recorder in tests.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual bool Emit(bridge::Event event) = 0;
};

struct FacadeOptions {
  bool emit_party_chat = false;  // whispers are never emitted: they are private
  bool emit_guild_chat = false;
  bool emit_autotrade_logins = true;
};

class Facade {
 public:
  // now_ms: the game's wall clock in unix milliseconds (session lengths, quest durations).
  Facade(EventSink& sink, MeshUnits& units, std::function<int64_t()> now_ms, FacadeOptions options = {});

  void Login(const PlayerView& player, bool changed_map_server);
  void Logout(const PlayerView& player, LogoutReason reason);
  // The character finished loading a map; emits map_change only when the map differs from the one
  // it was last seen on (a @refresh reloads the same map).
  void MapArrival(const PlayerView& player, const std::string& from_map, int32_t from_x, int32_t from_y,
                  MapChangeCause cause = MapChangeCause::kTeleport);
  void MonsterKilled(const PlayerView& killer, const MonsterView& monster, const KillCredit& credit);
  void PlayerDied(const PlayerView& victim, const PlayerView* killer_player, const MonsterView* killer_monster,
                  bool pvp_map, bool gvg_map, bool battleground_map);
  void NpcInteraction(const PlayerView& player, const NpcView& npc, NpcInteractionKind kind, const std::string& text = "",
                      uint32_t menu_choice = 0, int64_t amount = 0);
  // Public chat already stripped of the "Name : " prefix; @commands never reach this.
  void Chat(const PlayerView& player, ChatChannel channel, const std::string& text);
  void Trade(const PlayerView& player, const PlayerView& partner, const std::vector<ItemView>& given,
             const std::vector<ItemView>& received, uint32_t zeny_given, uint32_t zeny_received);
  void VendingSale(const PlayerView& buyer, const PlayerView& vendor, const std::string& shop_title,
                   const std::vector<ItemView>& items, uint32_t total_zeny, uint32_t vendor_zeny);
  void NpcShopTrade(const PlayerView& player, const NpcView& shop, ShopDirection direction, ShopKind kind,
                    const std::vector<ItemView>& items, uint32_t total_zeny);
  void LevelUp(const PlayerView& player, LevelKind kind, uint32_t old_level, uint32_t new_level);
  void JobChange(const PlayerView& player, uint32_t old_job_id, uint32_t old_job_level);
  // An rAthena quest by its quest_db id, or a generated quest (quest_id 0) by the key the mesh
  // offered it with (the quest board's script command). Neither: nothing is emitted.
  void QuestAccepted(const PlayerView& player, int32_t quest_id, const std::string& mesh_quest_key = "");
  void QuestCompleted(const PlayerView& player, int32_t quest_id, const std::string& mesh_quest_key = "");
  // A custom event from a server script: name 1..64 bytes of [a-z0-9_.], json a JSON object.
  // False with the reason when either is malformed (nothing is emitted).
  bool Custom(const PlayerView* player, const std::string& name, const std::string& json, std::string* error);

  // Forgets everything kept about a character (logout already does).
  size_t tracked_characters() const { return sessions_.size(); }

 private:
  struct Session {
    int64_t since_ms = 0;
    std::string map;
    std::map<std::string, int64_t> quests_since_ms;  // by "q<id>" or the mesh key
  };
  bridge::Event Envelope(const char* kind, const PlayerView& player) const;
  void Send(bridge::Event event);
  Session& SessionOf(const PlayerView& player);

  EventSink& sink_;
  MeshUnits& units_;
  std::function<int64_t()> now_ms_;
  FacadeOptions options_;
  std::map<uint32_t, Session> sessions_;
};

}  // namespace aiworld::rathena
