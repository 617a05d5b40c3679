#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include "runtime/migrations.h"
#include "tests/support/child_process.h"
#include "tests/support/postgres.h"

using aiworld::testing::BinaryPath;
using aiworld::testing::ChildProcess;
using aiworld::testing::Run;

TEST_CASE("two aiworld-migrate processes at once apply each migration exactly once", "[e2e]") {
  aiworld::testing::TestDatabase db;
  const std::vector<std::string> args = {"--database-url=" + db.url(), "--log-format=json"};
  ChildProcess a(BinaryPath("aiworld-migrate"), args);
  ChildProcess b(BinaryPath("aiworld-migrate"), args);
  const auto code_a = a.WaitExit(absl::Seconds(60));
  const auto code_b = b.WaitExit(absl::Seconds(60));
  INFO("first:\n" << a.Output() << "\nsecond:\n" << b.Output());
  CHECK(code_a == 0);
  CHECK(code_b == 0);
  pqxx::connection c(db.url());
  pqxx::nontransaction tx(c);
  CHECK(tx.exec1("SELECT count(*) FROM public.schema_migrations")[0].as<size_t>() == aiworld::EmbeddedMigrations().size());
  CHECK(tx.exec1("SELECT max(version) FROM public.schema_migrations")[0].as<int>() == aiworld::RequiredSchemaVersion());

  auto again = Run(BinaryPath("aiworld-migrate"), args);
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.output, Catch::Contains("database already up to date"));
}

TEST_CASE("aiworld-migrate refuses an applied migration that was edited, naming the file", "[e2e]") {
  aiworld::testing::TestDatabase db;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("aiworld-migrations-" + db.name());
  std::filesystem::create_directories(dir);
  std::filesystem::copy(AIWORLD_SOURCE_DIR "/migrations", dir, std::filesystem::copy_options::recursive);
  const std::vector<std::string> args = {"--database-url=" + db.url(), "--dir=" + dir.string(), "--log-format=json"};
  auto first = Run(BinaryPath("aiworld-migrate"), args);
  INFO(first.output);
  REQUIRE(first.exit_code == 0);

  const std::string first_file = aiworld::EmbeddedMigrations().front().name;
  std::ofstream(dir / first_file, std::ios::app) << "\n-- an innocent-looking edit\n";
  auto edited = Run(BinaryPath("aiworld-migrate"), args);
  INFO(edited.output);
  CHECK(edited.exit_code == 1);
  CHECK_THAT(edited.output, Catch::Contains(first_file) && Catch::Contains("edited after it was applied"));

  auto verify = Run(BinaryPath("aiworld-migrate"), {"--database-url=" + db.url(), "--verify", "--log-format=json"});
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.output, Catch::Contains("\"msg\":\"verified\""));
  std::filesystem::remove_all(dir);
}

TEST_CASE("servers refuse to start on a schema older than they need, saying which version", "[e2e]") {
  aiworld::testing::TestDatabase db;  // nothing applied: version 0
  for (const std::string bin : {"aiworld-gateway", "aiworld-core"}) {
    auto r = Run(BinaryPath(bin), {"--database-url=" + db.url(), "--grpc-addr=127.0.0.1:0",
                                   "--metrics-addr=127.0.0.1:0", "--log-format=json"});
    INFO(bin << " printed:\n" << r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("schema is at version 0") &&
                             Catch::Contains("needs version " + std::to_string(aiworld::RequiredSchemaVersion())) &&
                             Catch::Contains("aiworld-migrate"));
  }
}
