#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "runtime/pg_pool.h"
#include "tests/support/postgres.h"

TEST_CASE("the pool reuses connections and heals after the server drops them", "[pg]") {
  aiworld::testing::TestDatabase db;
  aiworld::PgPool pool(db.url(), {.max_connections = 2});
  REQUIRE(pool.Ping().ok());
  CHECK(pool.open_connections() == 1);
  REQUIRE(pool.Ping().ok());
  CHECK(pool.open_connections() == 1);

  // Kill every backend of this database, as a PostgreSQL restart or failover would.
  {
    pqxx::connection admin(aiworld::testing::TestServerUrl());
    pqxx::nontransaction(admin).exec_params(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", db.name());
  }
  // The first use of the dead connection reports UNAVAILABLE and drops it...
  const absl::Status broken = pool.Ping();
  CHECK(broken.code() == absl::StatusCode::kUnavailable);
  CHECK(pool.open_connections() == 0);
  // ...and the next call reconnects without anyone restarting anything.
  CHECK(pool.Ping().ok());
}

TEST_CASE("SQL errors come back as statuses with the server's message", "[pg]") {
  aiworld::testing::TestDatabase db;
  aiworld::PgPool pool(db.url(), {});
  const absl::Status s = pool.Run([](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec("SELECT * FROM no_such_table");
    return absl::OkStatus();
  });
  CHECK(s.code() == absl::StatusCode::kInternal);
  CHECK_THAT(std::string(s.message()), Catch::Contains("no_such_table"));
  CHECK(pool.Ping().ok());  // the connection survived an SQL error
}

TEST_CASE("an exhausted pool answers UNAVAILABLE after its acquire timeout", "[pg]") {
  aiworld::testing::TestDatabase db;
  aiworld::PgPool pool(db.url(), {.max_connections = 1, .acquire_timeout = absl::Milliseconds(200)});
  absl::Status inner;
  const absl::Status outer = pool.Run([&](pqxx::connection&) {
    inner = pool.Ping();
    return absl::OkStatus();
  });
  CHECK(outer.ok());
  CHECK(inner.code() == absl::StatusCode::kUnavailable);
  CHECK_THAT(std::string(inner.message()), Catch::Contains("no database connection free"));
}

TEST_CASE("an unreachable server is UNAVAILABLE, not a hang", "[pg]") {
  const int port = aiworld::testing::FreeTcpPort();
  aiworld::PgPool pool("postgresql://postgres@127.0.0.1:" + std::to_string(port) + "/postgres", {});
  const absl::Status s = pool.Ping();  // connect_timeout bounds this; ctest's timeout catches a hang
  CHECK(s.code() == absl::StatusCode::kUnavailable);
  CHECK_THAT(std::string(s.message()), Catch::Contains("cannot connect"));
}
