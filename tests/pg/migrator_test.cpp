#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "runtime/migrator.h"
#include "tests/support/postgres.h"

using aiworld::Migration;

namespace {
std::vector<Migration> Set(std::vector<aiworld::MigrationFile> files) {
  auto parsed = aiworld::ParseMigrations(files);
  REQUIRE(parsed.ok());
  return *parsed;
}
}  // namespace

TEST_CASE("the built-in migrations create a schema per owner and apply once", "[pg]") {
  aiworld::testing::TestDatabase db;
  pqxx::connection c(db.url());
  aiworld::Migrator migrator(c);
  auto first = migrator.Apply(aiworld::EmbeddedMigrations());
  REQUIRE(first.ok());
  CHECK(first->version_before == 0);
  CHECK(first->version_after == aiworld::RequiredSchemaVersion());
  auto second = migrator.Apply(aiworld::EmbeddedMigrations());
  REQUIRE(second.ok());
  CHECK(second->applied.empty());

  CHECK(aiworld::RequireSchemaVersion(c, aiworld::RequiredSchemaVersion()).ok());
  pqxx::nontransaction tx(c);
  for (const char* schema : {"gateway", "core", "procedural", "progression", "economy", "llm"}) {
    INFO("schema " << schema);
    CHECK(tx.exec_params1("SELECT count(*) FROM pg_namespace WHERE nspname = $1", std::string(schema))[0].as<int>() == 1);
  }
  CHECK(tx.exec1("SELECT count(*) FROM public.schema_migrations")[0].as<size_t>() == aiworld::EmbeddedMigrations().size());
}

TEST_CASE("migrations apply in order up to a target, and a newer set continues from there", "[pg]") {
  aiworld::testing::TestDatabase db;
  pqxx::connection c(db.url());
  aiworld::Migrator migrator(c);
  auto set = Set({{"0001_a.sql", "CREATE TABLE a (id int);"},
                  {"0002_b.sql", "CREATE TABLE b (id int);"},
                  {"0003_c.sql", "INSERT INTO a VALUES (1);"}});
  auto to2 = migrator.Apply(set, 2);
  REQUIRE(to2.ok());
  CHECK(to2->version_after == 2);
  CHECK(*aiworld::CurrentSchemaVersion(c) == 2);

  const absl::Status old = aiworld::RequireSchemaVersion(c, 3);
  CHECK(old.code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(old.message()), Catch::Contains("version 2") && Catch::Contains("needs version 3"));

  auto rest = migrator.Apply(set);
  REQUIRE(rest.ok());
  CHECK(rest->applied == std::vector<std::string>{"0003_c.sql"});
  CHECK(pqxx::nontransaction(c).exec1("SELECT count(*) FROM a")[0].as<int>() == 1);
}

TEST_CASE("an applied migration that was edited is refused by name, and nothing runs", "[pg]") {
  aiworld::testing::TestDatabase db;
  pqxx::connection c(db.url());
  aiworld::Migrator migrator(c);
  REQUIRE(migrator.Apply(Set({{"0001_a.sql", "CREATE TABLE a (id int);"}})).ok());
  auto edited = Set({{"0001_a.sql", "CREATE TABLE a (id bigint);"}, {"0002_b.sql", "CREATE TABLE b (id int);"}});
  auto run = migrator.Apply(edited);
  REQUIRE_FALSE(run.ok());
  CHECK_THAT(std::string(run.status().message()), Catch::Contains("0001_a.sql") && Catch::Contains("edited"));
  CHECK(*aiworld::CurrentSchemaVersion(c) == 1);
  CHECK_FALSE(migrator.Verify(edited).ok());
}

TEST_CASE("a failing migration is rolled back whole and named", "[pg]") {
  aiworld::testing::TestDatabase db;
  pqxx::connection c(db.url());
  aiworld::Migrator migrator(c);
  auto run = migrator.Apply(Set({{"0001_a.sql", "CREATE TABLE a (id int);"},
                                 {"0002_bad.sql", "CREATE TABLE b (id int); SELECT no_such_column FROM a;"}}));
  REQUIRE_FALSE(run.ok());
  CHECK_THAT(std::string(run.status().message()), Catch::Contains("0002_bad.sql"));
  CHECK(*aiworld::CurrentSchemaVersion(c) == 1);
  CHECK(pqxx::nontransaction(c).exec1("SELECT to_regclass('public.b') IS NULL")[0].as<bool>());
}

TEST_CASE("a migration slipped in below the applied version is refused", "[pg]") {
  aiworld::testing::TestDatabase db;
  pqxx::connection c(db.url());
  aiworld::Migrator migrator(c);
  REQUIRE(migrator.Apply(Set({{"0001_a.sql", "SELECT 1;"}, {"0003_c.sql", "SELECT 3;"}})).ok());
  auto run = migrator.Apply(Set({{"0001_a.sql", "SELECT 1;"}, {"0002_b.sql", "SELECT 2;"}, {"0003_c.sql", "SELECT 3;"}}));
  REQUIRE_FALSE(run.ok());
  CHECK_THAT(std::string(run.status().message()), Catch::Contains("0002_b.sql"));
}
