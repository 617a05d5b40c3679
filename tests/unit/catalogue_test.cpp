#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "data/catalogue.h"

namespace {

using aiworld::BossType;
using aiworld::CatalogueFiles;
using aiworld::GameCatalogue;
using aiworld::ItemKind;
using aiworld::MapKind;

std::string Message(const absl::Status& s) { return std::string(s.message()); }

// A small valid catalogue to break one line at a time.
CatalogueFiles SmallFiles() {
  CatalogueFiles f;
  f.maps =
      "# comment\n"
      "name\tkind\ttheme\twidth\theight\tregion\tnote\n"
      "prontera\ttown\tcity\t312\t392\tprontera\t-\n"
      "prt_fild08\tfield\tgrassland\t400\t400\tprontera\tsouth of Prontera\n";
  f.monsters =
      "id\taegis_name\tname\tlevel\thp\tbase_exp\tjob_exp\trace\telement\telement_level\tsize\tboss\tmaps\n"
      "1002\tPORING\tPoring\t1\t50\t2\t1\tplant\twater\t1\tmedium\tnone\tprt_fild08,prontera\n"
      "1039\tBAPHOMET\tBaphomet\t81\t668000\t107250\t37895\tdemon\tdark\t3\tlarge\tmvp\t-\n";
  f.items =
      "id\taegis_name\tname\tkind\tbuy\tweight\tslots\n"
      "501\tRed_Potion\tRed Potion\thealing\t50\t70\t0\n";
  f.npc_sprites =
      "id\tconstant\tdescription\troles\n"
      "117\t4_F_KAFRA1\tKafra employee\tkafra\n";
  return f;
}

// A temporary directory with the four files, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/aiworld_catalogue_XXXXXX";
    const char* made = mkdtemp(tmpl);
    REQUIRE(made != nullptr);
    path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream out(path_ + "/" + name, std::ios::binary);
    out << text;
    REQUIRE(out.good());
  }
  void WriteAll(const CatalogueFiles& f) const {
    Write("maps.tsv", f.maps);
    Write("monsters.tsv", f.monsters);
    Write("items.tsv", f.items);
    Write("npc_sprites.tsv", f.npc_sprites);
  }

 private:
  std::string path_;
};

}  // namespace

TEST_CASE("the built-in catalogue loads with enough rows of each kind", "[unit]") {
  const GameCatalogue& cat = GameCatalogue::BuiltIn();
  CHECK(cat.maps().size() >= 150);
  CHECK(cat.monsters().size() >= 200);
  CHECK(cat.Mvps().size() >= 30);
  CHECK(cat.items().size() >= 200);
  CHECK(cat.sprites().size() >= 50);
  CHECK(cat.MapsOfKind(MapKind::kTown).size() >= 20);
  CHECK(cat.MapsOfKind(MapKind::kField).size() >= 50);
  CHECK(cat.MapsOfKind(MapKind::kDungeon).size() >= 50);
  CHECK(cat.Bosses().size() > cat.Mvps().size());
}

TEST_CASE("the built-in catalogue is the data directory of the source tree", "[unit]") {
  auto from_disk = GameCatalogue::Load(AIWORLD_SOURCE_DIR "/data");
  REQUIRE(from_disk.ok());
  const GameCatalogue& built_in = GameCatalogue::BuiltIn();
  CHECK(from_disk->maps().size() == built_in.maps().size());
  CHECK(from_disk->monsters().size() == built_in.monsters().size());
  CHECK(from_disk->items().size() == built_in.items().size());
  CHECK(from_disk->sprites().size() == built_in.sprites().size());
}

TEST_CASE("spot facts about maps match rAthena", "[unit]") {
  const GameCatalogue& cat = GameCatalogue::BuiltIn();
  const aiworld::MapInfo* prontera = cat.FindMap("prontera");
  REQUIRE(prontera != nullptr);
  CHECK(prontera->kind == MapKind::kTown);
  CHECK(prontera->region == "prontera");
  CHECK(prontera->width == 312);
  CHECK(prontera->height == 392);
  const aiworld::MapInfo* field = cat.FindMap("prt_fild08");
  REQUIRE(field != nullptr);
  CHECK(field->kind == MapKind::kField);
  const aiworld::MapInfo* dungeon = cat.FindMap("pay_dun00");
  REQUIRE(dungeon != nullptr);
  CHECK(dungeon->kind == MapKind::kDungeon);
  CHECK(dungeon->region == "payon");
  for (const char* name : {"morocc", "payon", "geffen", "alberta", "izlude", "aldebaran", "yuno"}) {
    const aiworld::MapInfo* town = cat.FindMap(name);
    REQUIRE(town != nullptr);
    CHECK(town->kind == MapKind::kTown);
  }
  for (const char* name : {"gef_fild10", "moc_fild12", "lhz_dun01", "gl_cas01"}) {
    CHECK(cat.FindMap(name) != nullptr);
  }
  CHECK(cat.FindMap("no_such_map") == nullptr);
  CHECK(cat.FindMap("") == nullptr);
  CHECK_FALSE(cat.MapsInRegion("morroc").empty());
}

TEST_CASE("spot facts about monsters match rAthena", "[unit]") {
  const GameCatalogue& cat = GameCatalogue::BuiltIn();
  const aiworld::MonsterInfo* poring = cat.FindMonster(1002);
  REQUIRE(poring != nullptr);
  CHECK(poring->name == "Poring");
  CHECK(poring->level == 1);
  CHECK(poring->element == "water");
  CHECK(poring->boss == BossType::kNone);
  CHECK_FALSE(poring->maps.empty());

  const aiworld::MonsterInfo* baphomet = cat.FindMonster(1039);
  REQUIRE(baphomet != nullptr);
  CHECK(baphomet->name == "Baphomet");
  CHECK(baphomet->boss == BossType::kMvp);
  CHECK(baphomet->maps == std::vector<std::string>{"prt_maze03"});

  for (int mvp : {1038, 1046, 1059, 1086, 1087, 1112, 1115, 1147, 1150, 1157, 1159, 1190, 1251, 1252, 1272,
                  1312, 1373, 1389, 1418, 1492, 1511, 1583, 1623, 1630, 1658, 1685, 1688, 1719, 1734, 1751,
                  1768, 1779, 1785, 1832, 1871, 1885}) {
    const aiworld::MonsterInfo* m = cat.FindMonster(mvp);
    INFO("mob " << mvp);
    REQUIRE(m != nullptr);
    CHECK(m->boss == BossType::kMvp);
  }
  for (int mini : {1088, 1089, 1090, 1091, 1092, 1093, 1096, 1120, 1283}) {
    const aiworld::MonsterInfo* m = cat.FindMonster(mini);
    INFO("mob " << mini);
    REQUIRE(m != nullptr);
    CHECK(m->boss == BossType::kMiniboss);
  }
  CHECK(cat.FindMonster(1113)->name == "Drops");
  CHECK(cat.FindMonster(1031)->name == "Poporing");
  CHECK(cat.FindMonster(1063)->name == "Lunatic");
  CHECK(cat.FindMonster(999999) == nullptr);

  bool poring_on_prt_fild08 = false;
  for (const aiworld::MonsterInfo* m : cat.MonstersOn("prt_fild08")) poring_on_prt_fild08 |= m->id == 1002;
  CHECK(poring_on_prt_fild08);
  CHECK(cat.MonstersOn("no_such_map").empty());

  // Every spawn map of every monster is a map of the catalogue.
  for (const aiworld::MonsterInfo& m : cat.monsters()) {
    for (const std::string& map : m.maps) CHECK(cat.FindMap(map) != nullptr);
  }
}

TEST_CASE("spot facts about items and sprites match rAthena", "[unit]") {
  const GameCatalogue& cat = GameCatalogue::BuiltIn();
  const aiworld::ItemInfo* red = cat.FindItem(501);
  REQUIRE(red != nullptr);
  CHECK(red->name == "Red Potion");
  CHECK(red->kind == ItemKind::kHealing);
  CHECK(red->buy == 50);
  CHECK(red->sell() == 25);
  const aiworld::ItemInfo* card = cat.FindItem(4001);
  REQUIRE(card != nullptr);
  CHECK(card->name == "Poring Card");
  CHECK(card->kind == ItemKind::kCard);
  const aiworld::ItemInfo* emperium = cat.FindItem(714);
  REQUIRE(emperium != nullptr);
  CHECK(emperium->name == "Emperium");
  CHECK(cat.FindItem(601)->name == "Fly Wing");
  CHECK(cat.FindItem(909)->name == "Jellopy");
  CHECK(cat.FindItem(1101)->kind == ItemKind::kWeapon);
  CHECK(cat.FindItem(2301)->kind == ItemKind::kArmor);
  CHECK(cat.FindItem(1750)->kind == ItemKind::kAmmo);
  CHECK(cat.FindItem(0) == nullptr);
  CHECK(cat.ItemsOfKind(ItemKind::kCard).size() >= 100);
  for (const aiworld::ItemInfo& i : cat.items()) CHECK(i.buy > 0);

  const aiworld::NpcSprite* kafra = cat.FindSprite(117);
  REQUIRE(kafra != nullptr);
  CHECK(kafra->constant == "4_F_KAFRA1");
  CHECK(kafra->HasRole("kafra"));
  CHECK(cat.FindSpriteByConstant("HIDDEN_NPC")->id == 111);
  CHECK(cat.FindSpriteByConstant("FAKE_NPC")->id == -1);
  CHECK(cat.FindSpriteByConstant("4_M_JOB_KNIGHT1")->id == 733);
  CHECK_FALSE(cat.SpritesWithRole("merchant").empty());
  CHECK_FALSE(cat.SpritesWithRole("guard").empty());
}

TEST_CASE("the words of the enums round-trip", "[unit]") {
  CHECK(aiworld::MapKindName(MapKind::kDungeon) == "dungeon");
  CHECK(aiworld::ParseMapKind("town") == MapKind::kTown);
  CHECK_FALSE(aiworld::ParseMapKind("Town").has_value());
  CHECK(aiworld::BossTypeName(BossType::kMiniboss) == "miniboss");
  CHECK(aiworld::ParseBossType("mvp") == BossType::kMvp);
  CHECK(aiworld::ItemKindName(ItemKind::kAmmo) == "ammo");
  CHECK(aiworld::ParseItemKind("card") == ItemKind::kCard);
  CHECK_FALSE(aiworld::ParseItemKind("").has_value());
}

TEST_CASE("a small catalogue parses from a directory", "[unit]") {
  TempDir dir;
  dir.WriteAll(SmallFiles());
  auto cat = GameCatalogue::Load(dir.path());
  REQUIRE(cat.ok());
  CHECK(cat->maps().size() == 2);
  CHECK(cat->FindMap("prontera")->note.empty());
  CHECK(cat->FindMap("prt_fild08")->note == "south of Prontera");
  CHECK(cat->FindMonster(1039)->maps.empty());
  CHECK(cat->MonstersOn("prontera").size() == 1);
  CHECK(cat->Mvps().size() == 1);
}

TEST_CASE("malformed files are refused naming file, line and column", "[unit]") {
  struct Case {
    const char* what;
    std::string CatalogueFiles::*file;
    std::string text;
    std::string expected;  // a part of the message
  };
  const std::string maps_header = "name\tkind\ttheme\twidth\theight\tregion\tnote\n";
  const std::string mob_header =
      "id\taegis_name\tname\tlevel\thp\tbase_exp\tjob_exp\trace\telement\telement_level\tsize\tboss\tmaps\n";
  const std::string item_header = "id\taegis_name\tname\tkind\tbuy\tweight\tslots\n";
  const std::string sprite_header = "id\tconstant\tdescription\troles\n";
  const std::vector<Case> cases = {
      {"a width that is not a number", &CatalogueFiles::maps,
       "# c\n" + maps_header + "prontera\ttown\tcity\twide\t392\tprontera\t-\n",
       "maps.tsv:3: column 4 (width): \"wide\" is not an integer"},
      {"an unknown map kind", &CatalogueFiles::maps, maps_header + "prontera\tcity\tcity\t1\t1\tprontera\t-\n",
       "maps.tsv:2: column 2 (kind)"},
      {"an unknown theme", &CatalogueFiles::maps, maps_header + "prontera\ttown\tlava\t1\t1\tprontera\t-\n",
       "maps.tsv:2: column 3 (theme)"},
      {"an upper-case map name", &CatalogueFiles::maps, maps_header + "Prontera\ttown\tcity\t1\t1\tprontera\t-\n",
       "maps.tsv:2: column 1 (name)"},
      {"a map name of 12 bytes", &CatalogueFiles::maps,
       maps_header + "abcdefghijkl\ttown\tcity\t1\t1\tprontera\t-\n", "maps.tsv:2: column 1 (name)"},
      {"a duplicate map", &CatalogueFiles::maps,
       maps_header + "prontera\ttown\tcity\t1\t1\tprontera\t-\nprontera\ttown\tcity\t1\t1\tprontera\t-\n",
       "maps.tsv:3: column 1 (name): map prontera is already on line 2"},
      {"a missing column", &CatalogueFiles::maps, maps_header + "prontera\ttown\tcity\t1\t1\tprontera\n",
       "maps.tsv:2: 6 tab-separated columns, expected 7"},
      {"an empty field", &CatalogueFiles::maps, maps_header + "prontera\ttown\tcity\t1\t1\t\t-\n",
       "maps.tsv:2: column 6 (region): is empty"},
      {"a wrong header", &CatalogueFiles::maps, "name\tkind\n", "maps.tsv:1: the header must be"},
      {"no header at all", &CatalogueFiles::maps, "# only a comment\n", "maps.tsv: no header line"},
      {"a monster on an unknown map", &CatalogueFiles::monsters,
       mob_header + "1002\tPORING\tPoring\t1\t50\t2\t1\tplant\twater\t1\tmedium\tnone\tprt_fild99\n",
       "monsters.tsv:2: column 13 (maps): map \"prt_fild99\" is not in maps.tsv"},
      {"a duplicate monster id", &CatalogueFiles::monsters,
       mob_header + "1002\tPORING\tPoring\t1\t50\t2\t1\tplant\twater\t1\tmedium\tnone\t-\n" +
           "1002\tPORING\tPoring\t1\t50\t2\t1\tplant\twater\t1\tmedium\tnone\t-\n",
       "monsters.tsv:3: column 1 (id): monster 1002 is already on line 2"},
      {"an unknown boss type", &CatalogueFiles::monsters,
       mob_header + "1002\tPORING\tPoring\t1\t50\t2\t1\tplant\twater\t1\tmedium\tboss\t-\n",
       "monsters.tsv:2: column 12 (boss)"},
      {"an element level of 5", &CatalogueFiles::monsters,
       mob_header + "1002\tPORING\tPoring\t1\t50\t2\t1\tplant\twater\t5\tmedium\tnone\t-\n",
       "monsters.tsv:2: column 10 (element_level): 5 is out of range 1..4"},
      {"a name with a leading space", &CatalogueFiles::monsters,
       mob_header + "1002\tPORING\t Poring\t1\t50\t2\t1\tplant\twater\t1\tmedium\tnone\t-\n",
       "monsters.tsv:2: column 3 (name)"},
      {"a price of zero", &CatalogueFiles::items, item_header + "501\tRed_Potion\tRed Potion\thealing\t0\t70\t0\n",
       "items.tsv:2: column 5 (buy): 0 is out of range"},
      {"a negative item id", &CatalogueFiles::items,
       item_header + "-501\tRed_Potion\tRed Potion\thealing\t50\t70\t0\n", "items.tsv:2: column 1 (id)"},
      {"an unknown item kind", &CatalogueFiles::items,
       item_header + "501\tRed_Potion\tRed Potion\tpotion\t50\t70\t0\n", "items.tsv:2: column 4 (kind)"},
      {"a price with trailing text", &CatalogueFiles::items,
       item_header + "501\tRed_Potion\tRed Potion\thealing\t50z\t70\t0\n",
       "items.tsv:2: column 5 (buy): \"50z\" is not an integer"},
      {"an unknown sprite role", &CatalogueFiles::npc_sprites,
       sprite_header + "117\t4_F_KAFRA1\tKafra employee\tbanker\n", "npc_sprites.tsv:2: column 4 (roles)"},
      {"a duplicate sprite constant", &CatalogueFiles::npc_sprites,
       sprite_header + "117\t4_F_KAFRA1\tKafra employee\tkafra\n116\t4_F_KAFRA1\tKafra employee\tkafra\n",
       "npc_sprites.tsv:3: column 2 (constant)"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    CatalogueFiles files = SmallFiles();
    files.*c.file = c.text;
    // From a directory: the message names DIR/FILE:LINE.
    TempDir dir;
    dir.WriteAll(files);
    auto loaded = GameCatalogue::Load(dir.path());
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK_THAT(Message(loaded.status()), Catch::StartsWith(dir.path() + "/") && Catch::Contains(c.expected));
    // From contents: the origin takes the directory's place.
    auto parsed = GameCatalogue::Parse(files, "here");
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(Message(parsed.status()), Catch::StartsWith("here/") && Catch::Contains(c.expected));
  }
}

TEST_CASE("a missing catalogue file is NotFound naming the path", "[unit]") {
  TempDir dir;
  CatalogueFiles files = SmallFiles();
  dir.Write("maps.tsv", files.maps);
  dir.Write("monsters.tsv", files.monsters);
  auto loaded = GameCatalogue::Load(dir.path());
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.status().code() == absl::StatusCode::kNotFound);
  CHECK_THAT(Message(loaded.status()), Catch::Contains(dir.path() + "/items.tsv"));
}

TEST_CASE("CRLF line endings and blank lines are accepted", "[unit]") {
  CatalogueFiles files = SmallFiles();
  files.maps =
      "name\tkind\ttheme\twidth\theight\tregion\tnote\r\n\r\n"
      "prontera\ttown\tcity\t312\t392\tprontera\t-\r\n"
      "prt_fild08\tfield\tgrassland\t400\t400\tprontera\t-";  // no final newline
  auto cat = GameCatalogue::Parse(files, "crlf");
  REQUIRE(cat.ok());
  CHECK(cat->FindMap("prt_fild08")->width == 400);
}
