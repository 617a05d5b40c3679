#include <catch2/catch.hpp>

#include "runtime/migrations.h"

TEST_CASE("migrations are ordered by version and checksummed", "[unit]") {
  auto m = aiworld::ParseMigrations({{"0002_b.sql", "SELECT 2;"}, {"0001_a.sql", "SELECT 1;"}});
  REQUIRE(m.ok());
  REQUIRE(m->size() == 2);
  CHECK((*m)[0].version == 1);
  CHECK((*m)[1].name == "0002_b.sql");
  CHECK((*m)[0].checksum == aiworld::Sha256Hex("SELECT 1;"));
  CHECK(aiworld::Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("badly named or duplicate migrations are refused by name", "[unit]") {
  auto bad = aiworld::ParseMigrations({{"1_init.sql", ""}});
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(std::string(bad.status().message()), Catch::Contains("1_init.sql"));
  auto dup = aiworld::ParseMigrations({{"0001_a.sql", ""}, {"0001_b.sql", ""}});
  REQUIRE_FALSE(dup.ok());
  CHECK_THAT(std::string(dup.status().message()), Catch::Contains("0001_a.sql") && Catch::Contains("0001_b.sql"));
}

TEST_CASE("the built-in migrations match migrations/ in the source tree", "[unit]") {
  auto files = aiworld::ReadMigrationDir(AIWORLD_SOURCE_DIR "/migrations");
  REQUIRE(files.ok());
  auto from_disk = aiworld::ParseMigrations(*files);
  REQUIRE(from_disk.ok());
  const auto& built_in = aiworld::EmbeddedMigrations();
  REQUIRE(built_in.size() == from_disk->size());
  for (size_t i = 0; i < built_in.size(); ++i) {
    CHECK(built_in[i].name == (*from_disk)[i].name);
    CHECK(built_in[i].checksum == (*from_disk)[i].checksum);
  }
  CHECK(aiworld::RequiredSchemaVersion() == built_in.back().version);
}
