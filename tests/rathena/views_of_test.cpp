// views_of.h against fakes of rAthena's structs (upstream 754c50b5): the same field names and
// types as map_session_data, mob_data, npc_data and struct item, written here from the field list
// in views_of.h; no rAthena header is available in CI.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>

#include "aiworld/rathena/views_of.h"

using namespace aiworld::rathena;

namespace {

// rAthena's integer typedefs (common/cbasetypes.hpp) and sizes (common/mmo.hpp).
using int16 = int16_t;
using int32 = int32_t;
using int64 = int64_t;
using uint32 = uint32_t;
using t_itemid = uint32_t;
constexpr int kNameLength = 23 + 1;
constexpr int kNpcNameLength = 50;
constexpr int kMaxSlots = 4;

struct block_list {
  block_list *next = nullptr, *prev = nullptr;
  int32 id = 0;
  int16 m = 0, x = 0, y = 0;
};

#pragma pack(push, 1)
struct item {
  int32 id;
  t_itemid nameid;
  int16 amount;
  uint32 equip;
  char identify;
  char refine;
  char attribute;
  t_itemid card[kMaxSlots];
} __attribute__((packed));
#pragma pack(pop)

struct mmo_charstatus {
  uint32 char_id = 0;
  uint32 account_id = 0;
  int32 zeny = 0;
  int16 class_ = 0;
  int32 party_id = 0, guild_id = 0;
  char name[kNameLength] = {};
  uint32 base_level = 0, job_level = 0;
};

struct s_storage {
  union {
    item items_inventory[100];
    item items_cart[100];
  } u;
};

struct s_vending {
  int16 index;
  int16 amount;
  uint32 value;
};

class map_session_data : public block_list {
 public:
  struct {
    uint32 autotrade : 3;
  } state{};
  mmo_charstatus status;
  int32 group_id = 0;
  s_storage inventory{};
  s_storage cart{};
  struct s_deal {
    struct s_item {
      int16 index, amount;
    } item[10];
    int32 zeny, weight;
  } deal{};
  int32 vend_num = 0;
  s_vending vending[12] = {};
};

enum e_mob_bosstype : uint8_t { BOSSTYPE_NONE, BOSSTYPE_MINIBOSS, BOSSTYPE_MVP };

struct mob_data : public block_list {
  char name[kNameLength] = {};
  int16 mob_id = 0;
  int32 level = 0;
  e_mob_bosstype boss = BOSSTYPE_NONE;
  e_mob_bosstype get_bosstype() { return boss; }  // not const, as in rAthena
};

struct npc_data : public block_list {
  int16 class_ = 0, speed = 0;
  char name[kNpcNameLength + 1] = {};
  char exname[kNpcNameLength + 1] = {};
};

item Item(t_itemid nameid, char refine, t_itemid c0 = 0, t_itemid c1 = 0, t_itemid c2 = 0, t_itemid c3 = 0) {
  item it;
  std::memset(&it, 0, sizeof(it));
  it.nameid = nameid;
  it.refine = refine;
  it.card[0] = c0;
  it.card[1] = c1;
  it.card[2] = c2;
  it.card[3] = c3;
  return it;
}

}  // namespace

TEST_CASE("a player view copies identity position levels party guild group zeny and autotrade", "[unit]") {
  map_session_data sd;
  sd.id = 2000001;
  sd.m = 3;
  sd.x = 155;
  sd.y = 180;
  sd.status.char_id = 150042;
  sd.status.account_id = 2000001;
  std::strcpy(sd.status.name, "BotOne");
  sd.status.base_level = 99;
  sd.status.job_level = 50;
  sd.status.class_ = 4008;
  sd.status.party_id = 7;
  sd.status.guild_id = 9;
  sd.status.zeny = 1234567;
  sd.group_id = 99;
  sd.state.autotrade = 2;

  const PlayerView v = PlayerViewOf(sd, "prontera");
  CHECK(v.char_id == 150042);
  CHECK(v.account_id == 2000001);
  CHECK(v.name == "BotOne");
  CHECK(v.map == "prontera");
  CHECK(v.x == 155);
  CHECK(v.y == 180);
  CHECK(v.base_level == 99);
  CHECK(v.job_level == 50);
  CHECK(v.job_id == 4008);
  CHECK(v.party_id == 7);
  CHECK(v.guild_id == 9);
  CHECK(v.group_id == 99);
  CHECK(v.zeny == 1234567);
  CHECK(v.autotrade);

  sd.state.autotrade = 0;
  CHECK_FALSE(PlayerViewOf(sd, "prontera").autotrade);
  CHECK(PlayerViewOf(sd, nullptr).map.empty());
}

TEST_CASE("a name that fills its whole array is read without running past it", "[unit]") {
  map_session_data sd;
  std::memset(sd.status.name, 'a', sizeof(sd.status.name));  // no NUL at all
  CHECK(PlayerViewOf(sd, "prontera").name == std::string(kNameLength, 'a'));
}

TEST_CASE("negative party guild group and job ids become 0", "[unit]") {
  map_session_data sd;
  sd.status.party_id = -1;
  sd.status.guild_id = -5;
  sd.group_id = -1;
  sd.status.class_ = -1;
  const PlayerView v = PlayerViewOf(sd, "prontera");
  CHECK(v.party_id == 0);
  CHECK(v.guild_id == 0);
  CHECK(v.group_id == 0);
  CHECK(v.job_id == 0);
}

TEST_CASE("a monster view copies the GID class level name cell and boss type", "[unit]") {
  mob_data md;
  md.id = 110005000;
  md.mob_id = 1039;
  md.level = 81;
  std::strcpy(md.name, "Baphomet");
  md.x = 50;
  md.y = 60;
  md.boss = BOSSTYPE_MVP;
  MonsterView v = MonsterViewOf(md, "prt_maze03");
  CHECK(v.gid == 110005000);
  CHECK(v.mob_id == 1039);
  CHECK(v.level == 81);
  CHECK(v.name == "Baphomet");
  CHECK(v.map == "prt_maze03");
  CHECK(v.x == 50);
  CHECK(v.y == 60);
  CHECK(v.boss == BossType::kMvp);

  md.boss = BOSSTYPE_MINIBOSS;
  CHECK(MonsterViewOf(md, "prt_maze03").boss == BossType::kMiniBoss);
  md.boss = BOSSTYPE_NONE;
  CHECK(MonsterViewOf(md, "prt_maze03").boss == BossType::kNone);
}

TEST_CASE("an NPC view keeps the display name the unique name and the sprite", "[unit]") {
  npc_data nd;
  nd.id = 110000123;
  std::strcpy(nd.name, "Old Miner#aiw1");
  std::strcpy(nd.exname, "0_3_150_170");
  nd.class_ = 86;
  nd.x = 150;
  nd.y = 170;
  const NpcView v = NpcViewOf(nd, "prontera");
  CHECK(v.gid == 110000123);
  CHECK(v.name == "Old Miner#aiw1");
  CHECK(v.exname == "0_3_150_170");
  CHECK(v.sprite == 86);
  CHECK(v.map == "prontera");
  CHECK(v.x == 150);
  CHECK(v.y == 170);

  nd.class_ = -1;  // FAKE_NPC
  CHECK(NpcViewOf(nd, "prontera").sprite == -1);
}

TEST_CASE("an item view lists non-zero cards and never the marker of forged or pet items", "[unit]") {
  const ItemView carded = ItemViewOf(Item(1201, 7, 4001, 0, 4002, 0), 1, 500);
  CHECK(carded.item_id == 1201);
  CHECK(carded.amount == 1);
  CHECK(carded.refine == 7);
  CHECK(carded.card_ids == std::vector<uint32_t>{4001, 4002});
  CHECK(carded.unit_price == 500);

  CHECK(ItemViewOf(Item(1201, 0, 0x00FF, 3, 150000, 0), 1).card_ids.empty());  // forged
  CHECK(ItemViewOf(Item(501, 0, 0x00FE, 0, 150000, 0), 1).card_ids.empty());   // brewed
  CHECK(ItemViewOf(Item(9001, 0, 0x0100, 77, 0, 0), 1).card_ids.empty());      // pet egg

  // refine is a char: high grades are not negative.
  CHECK(ItemViewOf(Item(1201, static_cast<char>(200)), 1).refine == 200);
  CHECK(ItemViewOf(Item(501, 0), -3).amount == 0);
}

TEST_CASE("the items of a trade deal are read from the inventory indexes it holds", "[unit]") {
  map_session_data sd;
  sd.inventory.u.items_inventory[4] = Item(501, 0);
  sd.inventory.u.items_inventory[9] = Item(1201, 4, 4001);
  sd.deal.item[0] = {4, 30};
  sd.deal.item[1] = {0, 0};    // empty slot
  sd.deal.item[2] = {9, 1};
  sd.deal.item[3] = {500, 1};  // out of the inventory: skipped
  const std::vector<ItemView> items = TradeItemsOf(sd);
  REQUIRE(items.size() == 2);
  CHECK(items[0].item_id == 501);
  CHECK(items[0].amount == 30);
  CHECK(items[1].item_id == 1201);
  CHECK(items[1].refine == 4);
  CHECK(items[1].card_ids == std::vector<uint32_t>{4001});
}

TEST_CASE("a vending line takes the cart item and the vendor's price for its index", "[unit]") {
  map_session_data vendor;
  vendor.cart.u.items_cart[2] = Item(607, 0);
  vendor.cart.u.items_cart[5] = Item(1201, 9);
  vendor.vend_num = 2;
  vendor.vending[0] = {5, 1, 250000};
  vendor.vending[1] = {2, 10, 4500};
  const ItemView berry = VendingItemOf(vendor, 2, 3);
  CHECK(berry.item_id == 607);
  CHECK(berry.amount == 3);
  CHECK(berry.unit_price == 4500);
  const ItemView sword = VendingItemOf(vendor, 5, 1);
  CHECK(sword.item_id == 1201);
  CHECK(sword.refine == 9);
  CHECK(sword.unit_price == 250000);
  // An index the vendor does not list: no price; an index outside the cart: no item.
  CHECK(VendingItemOf(vendor, 7, 1).unit_price == 0);
  CHECK(VendingItemOf(vendor, 5000, 1).item_id == 0);
}
