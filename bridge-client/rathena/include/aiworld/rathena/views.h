#pragma once
// Plain views of rAthena's game objects: what the hooks copy out of map_session_data, mob_data and
// npc_data (views_of.h) before the facade turns them into bridge events. C++17 and no rAthena,
// gRPC or protobuf header, so both rAthena translation units and our tests include it.
#include <cstdint>
#include <string>
#include <vector>

namespace aiworld::rathena {

struct PlayerView {
  uint32_t char_id = 0;
  uint32_t account_id = 0;
  std::string name;
  std::string map;
  int32_t x = 0;
  int32_t y = 0;
  uint32_t base_level = 0;
  uint32_t job_level = 0;
  uint32_t job_id = 0;
  uint32_t party_id = 0;
  uint32_t guild_id = 0;
  uint32_t group_id = 0;
  int64_t zeny = 0;
  bool autotrade = false;
};

enum class BossType { kNone, kMiniBoss, kMvp };

struct MonsterView {
  uint32_t gid = 0;
  int32_t mob_id = 0;
  uint32_t level = 0;
  std::string name;
  std::string map;
  int32_t x = 0;
  int32_t y = 0;
  BossType boss = BossType::kNone;
};

struct NpcView {
  uint32_t gid = 0;
  std::string name;    // display name (before '#')
  std::string exname;  // unique name
  int32_t sprite = 0;
  std::string map;
  int32_t x = 0;
  int32_t y = 0;
};

struct ItemView {
  uint32_t item_id = 0;
  uint32_t amount = 0;
  uint32_t refine = 0;
  std::vector<uint32_t> card_ids;  // non-zero card slots only
  uint32_t unit_price = 0;
};

// Who gets credit for a kill, resolved by the hook from mob_dead's locals.
struct KillCredit {
  uint32_t last_hit_char_id = 0;
  uint32_t mvp_char_id = 0;  // 0 unless the monster is an MVP and someone earned it
  std::vector<uint32_t> party_member_char_ids;
  std::vector<uint32_t> damage_dealer_char_ids;
};

enum class MapChangeCause { kPortal, kTeleport, kRespawn };
enum class LogoutReason { kQuit, kKicked, kServerShutdown, kMapServerSwitch, kAutotrade };
enum class NpcInteractionKind { kClick, kTextInput, kMenuChoice, kAmountInput, kWhisper, kClose };
enum class ChatChannel { kGlobal, kParty, kGuild, kWhisper };
enum class LevelKind { kBase, kJob };
enum class ShopDirection { kBuy, kSell };
enum class ShopKind { kZeny, kMarket };

}  // namespace aiworld::rathena
