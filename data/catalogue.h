#pragma once
// The game-data catalogue: real rAthena (pre-renewal) facts about maps, monsters, items and NPC
// sprites, shared by the agents and the game simulator. The rows live in data/*.tsv (see
// data/README.md for where each fact comes from); every binary also carries them compiled in
// (BuiltIn()), so a container needs no data directory.
//
// A GameCatalogue is immutable once loaded; every lookup is const and thread-safe. Pointers it
// returns stay valid as long as the catalogue they came from (BuiltIn() lives for the process).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace aiworld {

enum class MapKind { kTown, kField, kDungeon };
enum class BossType { kNone, kMiniboss, kMvp };
enum class ItemKind { kHealing, kUsable, kEtc, kWeapon, kArmor, kCard, kAmmo };

// The words used in the TSV files ("town", "miniboss", "card", ...), and back.
std::string_view MapKindName(MapKind kind);
std::string_view BossTypeName(BossType boss);
std::string_view ItemKindName(ItemKind kind);
std::optional<MapKind> ParseMapKind(std::string_view word);
std::optional<BossType> ParseBossType(std::string_view word);
std::optional<ItemKind> ParseItemKind(std::string_view word);

// One row of maps.tsv.
struct MapInfo {
  std::string name;    // as in rAthena's map_index, 1..11 bytes of [a-z0-9_@-], e.g. "prt_fild08"
  MapKind kind = MapKind::kField;
  std::string theme;   // one of MapThemes(), e.g. "grassland"
  int width = 0;       // cells (x), from rAthena's map cache
  int height = 0;      // cells (y)
  std::string region;  // the town the map belongs to, e.g. "prontera", "morroc", "glast_heim"
  std::string note;    // free text; empty when the file says "-"
};

// One row of monsters.tsv.
struct MonsterInfo {
  int id = 0;                // rAthena mob_db id, e.g. 1002
  std::string aegis_name;    // mob_db AegisName, e.g. "PORING"
  std::string name;          // mob_db Name, e.g. "Poring"
  int level = 0;
  int64_t hp = 0;
  int64_t base_exp = 0;
  int64_t job_exp = 0;
  std::string race;          // formless, undead, brute, plant, insect, fish, demon, demihuman, angel, dragon
  std::string element;       // neutral, water, earth, fire, wind, poison, holy, dark, ghost, undead
  int element_level = 1;     // 1..4
  std::string size;          // small, medium, large
  BossType boss = BossType::kNone;
  std::vector<std::string> maps;  // where rAthena spawns it (names in maps.tsv), most spawned first

  bool is_boss() const { return boss != BossType::kNone; }
};

// One row of items.tsv.
struct ItemInfo {
  uint32_t id = 0;           // rAthena item_db id, e.g. 501
  std::string aegis_name;    // e.g. "Red_Potion"
  std::string name;          // e.g. "Red Potion"
  ItemKind kind = ItemKind::kEtc;
  int64_t buy = 0;           // item_db Buy, zeny (> 0)
  int weight = 0;            // item_db Weight, tenths of a weight unit (70 = 7.0)
  int slots = 0;             // card slots (0..4)

  int64_t sell() const { return buy / 2; }  // what an NPC pays for it (before Overcharge)
};

// One row of npc_sprites.tsv.
struct NpcSprite {
  int id = 0;                       // the sprite (class) id rAthena puts on an NPC; -1 is FAKE_NPC
  std::string constant;             // the script constant, e.g. "4_F_KAFRA1"
  std::string description;          // what the sprite shows
  std::vector<std::string> roles;   // one or more of SpriteRoles()

  bool HasRole(std::string_view role) const;
};

// The allowed words of the maps.tsv theme column and the npc_sprites.tsv roles column.
const std::vector<std::string_view>& MapThemes();
const std::vector<std::string_view>& SpriteRoles();

// The four files of a catalogue, by content.
struct CatalogueFiles {
  std::string maps;         // maps.tsv
  std::string monsters;     // monsters.tsv
  std::string items;        // items.tsv
  std::string npc_sprites;  // npc_sprites.tsv
};

// data/*.tsv as compiled into this binary (generated at build time by cmake/EmbedData.cmake).
const CatalogueFiles& EmbeddedCatalogueFiles();

class GameCatalogue {
 public:
  // Reads DIR/maps.tsv, DIR/monsters.tsv, DIR/items.tsv and DIR/npc_sprites.tsv. A missing file, a
  // malformed line or a failed cross-check is an InvalidArgument (NotFound for a missing file)
  // naming "DIR/FILE:LINE" and the column.
  static absl::StatusOr<GameCatalogue> Load(const std::string& dir);
  // The same from contents; `origin` prefixes the file names in errors (e.g. "data").
  static absl::StatusOr<GameCatalogue> Parse(const CatalogueFiles& files, std::string_view origin);
  // The catalogue compiled into the binary. Aborts if it is malformed (a build error, caught by
  // the unit tests).
  static const GameCatalogue& BuiltIn();

  GameCatalogue() = default;

  const MapInfo* FindMap(std::string_view name) const;
  const MonsterInfo* FindMonster(int id) const;
  const ItemInfo* FindItem(uint32_t id) const;
  const NpcSprite* FindSprite(int id) const;
  const NpcSprite* FindSpriteByConstant(std::string_view constant) const;

  const std::vector<MapInfo>& maps() const { return maps_; }
  const std::vector<MonsterInfo>& monsters() const { return monsters_; }
  const std::vector<ItemInfo>& items() const { return items_; }
  const std::vector<NpcSprite>& sprites() const { return sprites_; }

  // In file order.
  std::vector<const MapInfo*> MapsOfKind(MapKind kind) const;
  std::vector<const MapInfo*> MapsInRegion(std::string_view region) const;
  // Monsters that spawn on `map` (empty for an unknown map), in file order.
  std::vector<const MonsterInfo*> MonstersOn(std::string_view map) const;
  // Mini-bosses and MVPs.
  std::vector<const MonsterInfo*> Bosses() const;
  std::vector<const MonsterInfo*> Mvps() const;
  std::vector<const ItemInfo*> ItemsOfKind(ItemKind kind) const;
  std::vector<const NpcSprite*> SpritesWithRole(std::string_view role) const;

 private:
  std::vector<MapInfo> maps_;
  std::vector<MonsterInfo> monsters_;
  std::vector<ItemInfo> items_;
  std::vector<NpcSprite> sprites_;
  // Indexes into the vectors above (indexes, not pointers, so a copy stays consistent).
  absl::flat_hash_map<std::string, size_t> map_index_;
  absl::flat_hash_map<int, size_t> monster_index_;
  absl::flat_hash_map<uint32_t, size_t> item_index_;
  absl::flat_hash_map<int, size_t> sprite_index_;
  absl::flat_hash_map<std::string, size_t> sprite_constant_index_;
  absl::flat_hash_map<std::string, std::vector<size_t>> monsters_on_map_;
};

}  // namespace aiworld
