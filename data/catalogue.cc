#include "data/catalogue.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <span>
#include <sstream>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace aiworld {
namespace {

// Debian's abseil 20220623 has its own string_view; convert at the boundary.
absl::string_view A(std::string_view s) { return absl::string_view(s.data(), s.size()); }

#define CATALOGUE_RETURN_IF_ERROR(expr)      \
  do {                                       \
    absl::Status status_ = (expr);           \
    if (!status_.ok()) return status_;       \
  } while (false)

constexpr std::string_view kMapsFile = "maps.tsv";
constexpr std::string_view kMonstersFile = "monsters.tsv";
constexpr std::string_view kItemsFile = "items.tsv";
constexpr std::string_view kSpritesFile = "npc_sprites.tsv";

// Constant tables are constexpr arrays: no static-initialisation order to worry about when
// BuiltIn() is first called from another translation unit's initialiser.
using Words = std::span<const std::string_view>;

constexpr std::array<std::string_view, 7> kMapColumns = {"name", "kind", "theme", "width", "height", "region", "note"};
constexpr std::array<std::string_view, 13> kMonsterColumns = {
    "id", "aegis_name", "name", "level", "hp", "base_exp", "job_exp",
    "race", "element", "element_level", "size", "boss", "maps"};
constexpr std::array<std::string_view, 7> kItemColumns = {"id", "aegis_name", "name", "kind", "buy", "weight", "slots"};
constexpr std::array<std::string_view, 4> kSpriteColumns = {"id", "constant", "description", "roles"};

constexpr std::array<std::string_view, 10> kRaces = {"formless", "undead", "brute", "plant", "insect",
                                                     "fish", "demon", "demihuman", "angel", "dragon"};
constexpr std::array<std::string_view, 10> kElements = {"neutral", "water", "earth", "fire", "wind",
                                                        "poison", "holy", "dark", "ghost", "undead"};
constexpr std::array<std::string_view, 3> kSizes = {"small", "medium", "large"};
// Indexed by the enums' values.
constexpr std::array<std::string_view, 3> kMapKindWords = {"town", "field", "dungeon"};
constexpr std::array<std::string_view, 3> kBossWords = {"none", "miniboss", "mvp"};
constexpr std::array<std::string_view, 7> kItemKindWords = {"healing", "usable", "etc", "weapon",
                                                            "armor", "card", "ammo"};

std::string Join(Words words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

bool Contains(Words words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

std::string Quoted(std::string_view s) {
  constexpr size_t kMax = 60;
  std::string out = "\"";
  for (size_t i = 0; i < s.size() && i < kMax; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > kMax) out += "...";
  out += "\"";
  return out;
}

bool IsMapName(std::string_view s) {
  if (s.empty() || s.size() > 11) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsWord(std::string_view s) {  // [a-z0-9_]+
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool IsAegisName(std::string_view s) {  // 1..50 printable ASCII, no space (e.g. "Monster's_Feed")
  if (s.empty() || s.size() > 50) return false;
  for (char c : s) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

bool IsConstant(std::string_view s) {  // [A-Za-z0-9_]+
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t end = s.find(sep, start);
    if (end == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
}

struct Row {
  int line = 0;
  std::vector<std::string_view> fields;
};

// One TSV file: its display path ("data/maps.tsv"), its header, its data rows.
struct Table {
  std::string path;
  Words columns;
  std::vector<Row> rows;

  absl::Status LineError(int line, std::string_view msg) const {
    return absl::InvalidArgumentError(absl::StrCat(path, ":", line, ": ", A(msg)));
  }
  absl::Status FieldError(const Row& row, size_t col, std::string_view msg) const {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ":", row.line, ": column ", col + 1, " (", A(columns[col]), "): ", A(msg)));
  }
};

// Splits `text` into rows: '#' lines and blank lines are skipped, the first other line must be
// exactly the header, every row must have one non-empty field per column.
absl::StatusOr<Table> ReadTable(std::string path, std::string_view text, Words columns) {
  Table table;
  table.path = std::move(path);
  table.columns = columns;
  bool have_header = false;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields = Split(line, '\t');
    if (!have_header) {
      if (!std::equal(fields.begin(), fields.end(), columns.begin(), columns.end())) {
        return table.LineError(line_no, absl::StrCat("the header must be the columns ",
                                                     Join(columns), " separated by tabs, not ",
                                                     Quoted(line)));
      }
      have_header = true;
      continue;
    }
    Row row{line_no, std::move(fields)};
    if (row.fields.size() != columns.size()) {
      return table.LineError(line_no, absl::StrCat(row.fields.size(), " tab-separated columns, expected ",
                                                   columns.size(), " (", Join(columns), ")"));
    }
    for (size_t c = 0; c < row.fields.size(); ++c) {
      std::string_view f = row.fields[c];
      if (f.empty()) return table.FieldError(row, c, "is empty (write - for none where allowed)");
      if (f.front() == ' ' || f.back() == ' ') {
        return table.FieldError(row, c, absl::StrCat(Quoted(f), " has a leading or trailing space"));
      }
      for (char ch : f) {
        const unsigned char u = static_cast<unsigned char>(ch);
        if (u < 0x20 || u == 0x7f) {
          return table.FieldError(row, c, absl::StrCat(Quoted(f), " contains a control character"));
        }
      }
    }
    table.rows.push_back(std::move(row));
  }
  if (!have_header) {
    return absl::InvalidArgumentError(
        absl::StrCat(table.path, ": no header line (expected ", Join(columns), ")"));
  }
  return table;
}

absl::Status ParseInt(const Table& t, const Row& row, size_t col, int64_t lo, int64_t hi, int64_t* out) {
  std::string_view f = row.fields[col];
  int64_t v = 0;
  const char* first = f.data();
  const char* last = f.data() + f.size();
  auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec == std::errc::result_out_of_range) {
    return t.FieldError(row, col, absl::StrCat(Quoted(f), " is out of range ", lo, "..", hi));
  }
  if (ec != std::errc() || ptr != last) {
    return t.FieldError(row, col, absl::StrCat(Quoted(f), " is not an integer"));
  }
  if (v < lo || v > hi) return t.FieldError(row, col, absl::StrCat(v, " is out of range ", lo, "..", hi));
  *out = v;
  return absl::OkStatus();
}

absl::Status ParseInt(const Table& t, const Row& row, size_t col, int64_t lo, int64_t hi, int* out) {
  int64_t v = 0;
  CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, col, lo, hi, &v));
  *out = static_cast<int>(v);
  return absl::OkStatus();
}

absl::Status ParseOneOf(const Table& t, const Row& row, size_t col, Words words,
                        std::string* out) {
  std::string_view f = row.fields[col];
  if (!Contains(words, f)) {
    return t.FieldError(row, col, absl::StrCat(Quoted(f), " is not one of ", Join(words)));
  }
  *out = std::string(f);
  return absl::OkStatus();
}

absl::Status ParseText(const Table& t, const Row& row, size_t col, std::string* out) {
  std::string_view f = row.fields[col];
  // Names reach players and scripts: printable ASCII only.
  for (char ch : f) {
    const unsigned char u = static_cast<unsigned char>(ch);
    if (u >= 0x80) return t.FieldError(row, col, absl::StrCat(Quoted(f), " is not printable ASCII"));
  }
  *out = std::string(f);
  return absl::OkStatus();
}

template <typename Enum>
absl::Status ParseEnum(const Table& t, const Row& row, size_t col, std::optional<Enum> (*parse)(std::string_view),
                       Words words, Enum* out) {
  std::optional<Enum> v = parse(row.fields[col]);
  if (!v) {
    return t.FieldError(row, col,
                        absl::StrCat(Quoted(row.fields[col]), " is not one of ", Join(words)));
  }
  *out = *v;
  return absl::OkStatus();
}


absl::Status ParseMaps(const Table& t, std::vector<MapInfo>* out) {
  absl::flat_hash_map<std::string, int> seen;
  for (const Row& row : t.rows) {
    MapInfo m;
    std::string_view name = row.fields[0];
    if (!IsMapName(name)) {
      return t.FieldError(row, 0, absl::StrCat(Quoted(name), " is not a map name (1..11 bytes of [a-z0-9_@-])"));
    }
    m.name = std::string(name);
    if (auto [it, inserted] = seen.emplace(m.name, row.line); !inserted) {
      return t.FieldError(row, 0, absl::StrCat("map ", m.name, " is already on line ", it->second));
    }
    CATALOGUE_RETURN_IF_ERROR(ParseEnum(t, row, 1, &ParseMapKind, kMapKindWords, &m.kind));
    CATALOGUE_RETURN_IF_ERROR(ParseOneOf(t, row, 2, MapThemes(), &m.theme));
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 3, 1, 1024, &m.width));
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 4, 1, 1024, &m.height));
    if (!IsWord(row.fields[5])) {
      return t.FieldError(row, 5, absl::StrCat(Quoted(row.fields[5]), " is not a region name ([a-z0-9_]+)"));
    }
    m.region = std::string(row.fields[5]);
    CATALOGUE_RETURN_IF_ERROR(ParseText(t, row, 6, &m.note));
    if (m.note == "-") m.note.clear();
    out->push_back(std::move(m));
  }
  return absl::OkStatus();
}

absl::Status ParseMonsters(const Table& t, const absl::flat_hash_map<std::string, size_t>& maps,
                           std::vector<MonsterInfo>* out) {
  absl::flat_hash_map<int, int> seen;
  for (const Row& row : t.rows) {
    MonsterInfo m;
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 0, 1, 999999, &m.id));
    if (auto [it, inserted] = seen.emplace(m.id, row.line); !inserted) {
      return t.FieldError(row, 0, absl::StrCat("monster ", m.id, " is already on line ", it->second));
    }
    if (!IsAegisName(row.fields[1])) {
      return t.FieldError(row, 1, absl::StrCat(Quoted(row.fields[1]), " is not an AegisName (1..50 bytes, no space)"));
    }
    m.aegis_name = std::string(row.fields[1]);
    CATALOGUE_RETURN_IF_ERROR(ParseText(t, row, 2, &m.name));
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 3, 1, 999, &m.level));
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 4, 1, 2000000000, &m.hp));
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 5, 0, 2000000000, &m.base_exp));
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 6, 0, 2000000000, &m.job_exp));
    CATALOGUE_RETURN_IF_ERROR(ParseOneOf(t, row, 7, kRaces, &m.race));
    CATALOGUE_RETURN_IF_ERROR(ParseOneOf(t, row, 8, kElements, &m.element));
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 9, 1, 4, &m.element_level));
    CATALOGUE_RETURN_IF_ERROR(ParseOneOf(t, row, 10, kSizes, &m.size));
    CATALOGUE_RETURN_IF_ERROR(ParseEnum(t, row, 11, &ParseBossType, kBossWords, &m.boss));
    if (row.fields[12] != "-") {
      for (std::string_view map : Split(row.fields[12], ',')) {
        if (!maps.contains(A(map))) {
          return t.FieldError(row, 12, absl::StrCat("map ", Quoted(map), " is not in ", A(kMapsFile)));
        }
        if (std::find(m.maps.begin(), m.maps.end(), map) != m.maps.end()) {
          return t.FieldError(row, 12, absl::StrCat("map ", Quoted(map), " is listed twice"));
        }
        m.maps.emplace_back(map);
      }
    }
    out->push_back(std::move(m));
  }
  return absl::OkStatus();
}

absl::Status ParseItems(const Table& t, std::vector<ItemInfo>* out) {
  absl::flat_hash_map<uint32_t, int> seen;
  for (const Row& row : t.rows) {
    ItemInfo it;
    int64_t id = 0;
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 0, 1, 4294967295LL, &id));
    it.id = static_cast<uint32_t>(id);
    if (auto [pos, inserted] = seen.emplace(it.id, row.line); !inserted) {
      return t.FieldError(row, 0, absl::StrCat("item ", it.id, " is already on line ", pos->second));
    }
    if (!IsAegisName(row.fields[1])) {
      return t.FieldError(row, 1, absl::StrCat(Quoted(row.fields[1]), " is not an AegisName (1..50 bytes, no space)"));
    }
    it.aegis_name = std::string(row.fields[1]);
    CATALOGUE_RETURN_IF_ERROR(ParseText(t, row, 2, &it.name));
    CATALOGUE_RETURN_IF_ERROR(ParseEnum(t, row, 3, &ParseItemKind, kItemKindWords, &it.kind));
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 4, 1, 1000000000, &it.buy));
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 5, 0, 1000000, &it.weight));
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 6, 0, 4, &it.slots));
    out->push_back(std::move(it));
  }
  return absl::OkStatus();
}

absl::Status ParseSprites(const Table& t, std::vector<NpcSprite>* out) {
  absl::flat_hash_map<int, int> seen;
  absl::flat_hash_map<std::string, int> seen_constant;
  for (const Row& row : t.rows) {
    NpcSprite s;
    CATALOGUE_RETURN_IF_ERROR(ParseInt(t, row, 0, -1, 32767, &s.id));
    if (auto [it, inserted] = seen.emplace(s.id, row.line); !inserted) {
      return t.FieldError(row, 0, absl::StrCat("sprite ", s.id, " is already on line ", it->second));
    }
    if (!IsConstant(row.fields[1])) {
      return t.FieldError(row, 1, absl::StrCat(Quoted(row.fields[1]), " is not a constant ([A-Za-z0-9_]+)"));
    }
    s.constant = std::string(row.fields[1]);
    if (auto [it, inserted] = seen_constant.emplace(s.constant, row.line); !inserted) {
      return t.FieldError(row, 1, absl::StrCat("constant ", s.constant, " is already on line ", it->second));
    }
    CATALOGUE_RETURN_IF_ERROR(ParseText(t, row, 2, &s.description));
    for (std::string_view role : Split(row.fields[3], ',')) {
      if (!Contains(SpriteRoles(), role)) {
        return t.FieldError(row, 3, absl::StrCat("role ", Quoted(role), " is not one of ",
                                                 Join(SpriteRoles())));
      }
      if (s.HasRole(role)) return t.FieldError(row, 3, absl::StrCat("role ", Quoted(role), " is listed twice"));
      s.roles.emplace_back(role);
    }
    out->push_back(std::move(s));
  }
  return absl::OkStatus();
}

std::string JoinPath(std::string_view origin, std::string_view file) {
  if (origin.empty()) return std::string(file);
  std::string out(origin);
  if (out.back() != '/') out += '/';
  out += file;
  return out;
}

absl::Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  *out = std::move(ss).str();
  return absl::OkStatus();
}

template <typename T>
std::vector<const T*> Select(const std::vector<T>& rows, auto pred) {
  std::vector<const T*> out;
  for (const T& r : rows) {
    if (pred(r)) out.push_back(&r);
  }
  return out;
}

}  // namespace

std::string_view MapKindName(MapKind kind) { return kMapKindWords[static_cast<size_t>(kind)]; }
std::string_view BossTypeName(BossType boss) { return kBossWords[static_cast<size_t>(boss)]; }
std::string_view ItemKindName(ItemKind kind) { return kItemKindWords[static_cast<size_t>(kind)]; }

std::optional<MapKind> ParseMapKind(std::string_view word) {
  for (size_t i = 0; i < kMapKindWords.size(); ++i) {
    if (kMapKindWords[i] == word) return static_cast<MapKind>(i);
  }
  return std::nullopt;
}

std::optional<BossType> ParseBossType(std::string_view word) {
  for (size_t i = 0; i < kBossWords.size(); ++i) {
    if (kBossWords[i] == word) return static_cast<BossType>(i);
  }
  return std::nullopt;
}

std::optional<ItemKind> ParseItemKind(std::string_view word) {
  for (size_t i = 0; i < kItemKindWords.size(); ++i) {
    if (kItemKindWords[i] == word) return static_cast<ItemKind>(i);
  }
  return std::nullopt;
}

const std::vector<std::string_view>& MapThemes() {
  static const std::vector<std::string_view> themes = {
      "city",  "grassland", "forest", "desert", "snow",  "volcano", "mountain", "jungle", "beach",
      "water", "cave",      "sewer",  "undead", "ruins", "castle",  "tower",    "temple", "machine"};
  return themes;
}

const std::vector<std::string_view>& SpriteRoles() {
  static const std::vector<std::string_view> roles = {
      "merchant", "guard",  "quest_giver", "scholar", "priest",    "kafra",      "wanderer", "treasure",
      "villager", "noble",  "smith",       "job_master", "innkeeper", "child",   "animal",   "sign",
      "hidden",   "portal", "performer",   "sailor",  "teleporter", "healer"};
  return roles;
}

bool NpcSprite::HasRole(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

absl::StatusOr<GameCatalogue> GameCatalogue::Parse(const CatalogueFiles& files, std::string_view origin) {
  GameCatalogue cat;

  absl::StatusOr<Table> maps = ReadTable(JoinPath(origin, kMapsFile), files.maps, kMapColumns);
  if (!maps.ok()) return maps.status();
  CATALOGUE_RETURN_IF_ERROR(ParseMaps(*maps, &cat.maps_));
  for (size_t i = 0; i < cat.maps_.size(); ++i) cat.map_index_.emplace(cat.maps_[i].name, i);

  absl::StatusOr<Table> monsters = ReadTable(JoinPath(origin, kMonstersFile), files.monsters, kMonsterColumns);
  if (!monsters.ok()) return monsters.status();
  CATALOGUE_RETURN_IF_ERROR(ParseMonsters(*monsters, cat.map_index_, &cat.monsters_));
  for (size_t i = 0; i < cat.monsters_.size(); ++i) {
    cat.monster_index_.emplace(cat.monsters_[i].id, i);
    for (const std::string& map : cat.monsters_[i].maps) cat.monsters_on_map_[map].push_back(i);
  }

  absl::StatusOr<Table> items = ReadTable(JoinPath(origin, kItemsFile), files.items, kItemColumns);
  if (!items.ok()) return items.status();
  CATALOGUE_RETURN_IF_ERROR(ParseItems(*items, &cat.items_));
  for (size_t i = 0; i < cat.items_.size(); ++i) cat.item_index_.emplace(cat.items_[i].id, i);

  absl::StatusOr<Table> sprites = ReadTable(JoinPath(origin, kSpritesFile), files.npc_sprites, kSpriteColumns);
  if (!sprites.ok()) return sprites.status();
  CATALOGUE_RETURN_IF_ERROR(ParseSprites(*sprites, &cat.sprites_));
  for (size_t i = 0; i < cat.sprites_.size(); ++i) {
    cat.sprite_index_.emplace(cat.sprites_[i].id, i);
    cat.sprite_constant_index_.emplace(cat.sprites_[i].constant, i);
  }
  return cat;
}

absl::StatusOr<GameCatalogue> GameCatalogue::Load(const std::string& dir) {
  CatalogueFiles files;
  CATALOGUE_RETURN_IF_ERROR(ReadFile(JoinPath(dir, kMapsFile), &files.maps));
  CATALOGUE_RETURN_IF_ERROR(ReadFile(JoinPath(dir, kMonstersFile), &files.monsters));
  CATALOGUE_RETURN_IF_ERROR(ReadFile(JoinPath(dir, kItemsFile), &files.items));
  CATALOGUE_RETURN_IF_ERROR(ReadFile(JoinPath(dir, kSpritesFile), &files.npc_sprites));
  return Parse(files, dir);
}

const GameCatalogue& GameCatalogue::BuiltIn() {
  static const GameCatalogue* const catalogue = [] {
    absl::StatusOr<GameCatalogue> parsed = Parse(EmbeddedCatalogueFiles(), "<built-in data>");
    if (!parsed.ok()) {
      std::fprintf(stderr, "internal error: the built-in game catalogue is malformed: %s\n",
                   std::string(parsed.status().message()).c_str());
      std::abort();
    }
    return new GameCatalogue(*std::move(parsed));
  }();
  return *catalogue;
}

const MapInfo* GameCatalogue::FindMap(std::string_view name) const {
  auto it = map_index_.find(A(name));
  return it == map_index_.end() ? nullptr : &maps_[it->second];
}

const MonsterInfo* GameCatalogue::FindMonster(int id) const {
  auto it = monster_index_.find(id);
  return it == monster_index_.end() ? nullptr : &monsters_[it->second];
}

const ItemInfo* GameCatalogue::FindItem(uint32_t id) const {
  auto it = item_index_.find(id);
  return it == item_index_.end() ? nullptr : &items_[it->second];
}

const NpcSprite* GameCatalogue::FindSprite(int id) const {
  auto it = sprite_index_.find(id);
  return it == sprite_index_.end() ? nullptr : &sprites_[it->second];
}

const NpcSprite* GameCatalogue::FindSpriteByConstant(std::string_view constant) const {
  auto it = sprite_constant_index_.find(A(constant));
  return it == sprite_constant_index_.end() ? nullptr : &sprites_[it->second];
}

std::vector<const MapInfo*> GameCatalogue::MapsOfKind(MapKind kind) const {
  return Select(maps_, [kind](const MapInfo& m) { return m.kind == kind; });
}

std::vector<const MapInfo*> GameCatalogue::MapsInRegion(std::string_view region) const {
  return Select(maps_, [region](const MapInfo& m) { return m.region == region; });
}

std::vector<const MonsterInfo*> GameCatalogue::MonstersOn(std::string_view map) const {
  std::vector<const MonsterInfo*> out;
  auto it = monsters_on_map_.find(A(map));
  if (it == monsters_on_map_.end()) return out;
  out.reserve(it->second.size());
  for (size_t i : it->second) out.push_back(&monsters_[i]);
  return out;
}

std::vector<const MonsterInfo*> GameCatalogue::Bosses() const {
  return Select(monsters_, [](const MonsterInfo& m) { return m.is_boss(); });
}

std::vector<const MonsterInfo*> GameCatalogue::Mvps() const {
  return Select(monsters_, [](const MonsterInfo& m) { return m.boss == BossType::kMvp; });
}

std::vector<const ItemInfo*> GameCatalogue::ItemsOfKind(ItemKind kind) const {
  return Select(items_, [kind](const ItemInfo& i) { return i.kind == kind; });
}

std::vector<const NpcSprite*> GameCatalogue::SpritesWithRole(std::string_view role) const {
  return Select(sprites_, [role](const NpcSprite& s) { return s.HasRole(role); });
}

}  // namespace aiworld
