#include <catch2/catch.hpp>

#include "tests/support/child_process.h"

using aiworld::testing::BinaryPath;
using aiworld::testing::Run;

namespace {
const std::vector<std::string> kServers = {"aiworld-gateway", "aiworld-core", "aiworld-procedural",
                                           "aiworld-progression", "aiworld-economy"};
const std::vector<std::string> kAllBinaries = {"aiworld-gateway",     "aiworld-core",    "aiworld-procedural",
                                               "aiworld-progression", "aiworld-economy", "aiworld-sim",
                                               "aiworld-migrate"};
}  // namespace

TEST_CASE("every binary answers --help and --version", "[e2e]") {
  for (const std::string& bin : kAllBinaries) {
    auto help = Run(BinaryPath(bin), {"--help"});
    INFO(bin << " --help printed:\n" << help.output);
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.output, Catch::Contains("Usage: " + bin) && Catch::Contains("--version"));
    auto version = Run(BinaryPath(bin), {"--version"});
    INFO(bin << " --version printed:\n" << version.output);
    CHECK(version.exit_code == 0);
    CHECK_THAT(version.output, Catch::StartsWith(bin + " " AIWORLD_EXPECTED_VERSION));
  }
}

TEST_CASE("servers document their addresses and database URL with AIWORLD_* variables", "[e2e]") {
  for (const std::string& bin : kServers) {
    auto help = Run(BinaryPath(bin), {"--help"});
    INFO(bin << " --help printed:\n" << help.output);
    CHECK_THAT(help.output, Catch::Contains("AIWORLD_GRPC_ADDR") && Catch::Contains("AIWORLD_METRICS_ADDR") &&
                                Catch::Contains("AIWORLD_DATABASE_URL") && Catch::Contains("--shutdown-grace"));
  }
  auto gateway = Run(BinaryPath("aiworld-gateway"), {"--help"});
  for (const char* var : {"AIWORLD_CORE_ADDR", "AIWORLD_PROCEDURAL_ADDR", "AIWORLD_PROGRESSION_ADDR", "AIWORLD_ECONOMY_ADDR"}) {
    CHECK_THAT(gateway.output, Catch::Contains(var));
  }
}

TEST_CASE("a bad flag or environment value stops a server before it starts, naming it", "[e2e]") {
  auto unknown = Run(BinaryPath("aiworld-core"), {"--grpc-port=1"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.output, Catch::Contains("unknown flag --grpc-port"));

  auto bad_env = Run(BinaryPath("aiworld-economy"), {}, {{"AIWORLD_GRPC_ADDR", "nowhere"}});
  CHECK(bad_env.exit_code == 2);
  CHECK_THAT(bad_env.output, Catch::Contains("--grpc-addr") && Catch::Contains("AIWORLD_GRPC_ADDR"));

  auto no_db = Run(BinaryPath("aiworld-gateway"), {"--log-format=json"}, {{"AIWORLD_DATABASE_URL", ""}});
  CHECK(no_db.exit_code == 2);
  CHECK_THAT(no_db.output, Catch::Contains("AIWORLD_DATABASE_URL") && Catch::Contains("required"));
}
