#include <signal.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>

#include "tests/support/gateway_client.h"
#include "tests/support/postgres.h"
#include "tests/support/server_process.h"

using namespace aiworld;
using namespace aiworld::testing;

namespace {

const std::string kAdminToken = "sim-chaos-admin-token";

std::vector<std::string> GatewayArgs(int port, const std::string& core_addr) {
  return {"--grpc-addr=127.0.0.1:" + std::to_string(port), "--admin-token=" + kAdminToken, "--core-addr=" + core_addr,
          "--procedural-addr=127.0.0.1:1", "--progression-addr=127.0.0.1:1", "--economy-addr=127.0.0.1:1",
          "--action-lease=3s"};
}

std::vector<std::string> SimArgs(int port, const std::string& key, const std::string& journal, const std::string& duration) {
  return {"--gateway-addr=127.0.0.1:" + std::to_string(port), "--server-id=srv1", "--key=" + key, "--players=100",
          "--rate=100", "--duration=" + duration, "--journal-dir=" + journal, "--drain-timeout=60s",
          "--progress-interval=1s", "--log-format=json"};
}

// Largest "unacked batches N" in the progress lines.
int MaxUnacked(const std::string& output) {
  int most = 0;
  const std::regex re("unacked batches ([0-9]+)");
  for (std::sregex_iterator it(output.begin(), output.end(), re), end; it != end; ++it) most = std::max(most, std::stoi((*it)[1]));
  return most;
}

}  // namespace

TEST_CASE("the gateway away for 30 s during a run: the journal grows and drains and no event is lost", "[chaos]") {
  TestDatabase db;
  MigrateDatabase(db.url());
  TestGroupProcess core = StartTestGroup("core");
  const int port = FreeTcpPort();
  auto gateway = std::make_unique<ServerProcess>(StartServer("aiworld-gateway", db.url(), GatewayArgs(port, core.addr())));
  const std::string key = *AdminClient(gateway->grpc_addr(), kAdminToken).IssueKey("srv1");
  const std::string journal = "/tmp/aiworld-sim-chaos-away-" + db.name();
  ChildProcess sim(BinaryPath("aiworld-sim"), SimArgs(port, key, journal, "40s"));
  REQUIRE(sim.WaitForOutput("[  3.", absl::Seconds(20)));
  gateway->process->Signal(SIGKILL);
  REQUIRE(gateway->process->WaitExit(absl::Seconds(10)).has_value());
  absl::SleepFor(absl::Seconds(30));
  gateway = std::make_unique<ServerProcess>(StartServer("aiworld-gateway", db.url(), GatewayArgs(port, core.addr())));
  const auto code = sim.WaitExit(absl::Seconds(120));
  const std::string out = sim.Output();
  INFO(out.substr(out.size() > 6000 ? out.size() - 6000 : 0));
  CHECK(code == 0);
  CHECK(MaxUnacked(out) >= 20);  // the journal grew while the gateway was away...
  CHECK_THAT(out, Catch::Contains("\"unacked_batches\":0"));  // ...and drained
  CHECK_THAT(out, Catch::Contains("events lost: 0"));
  CHECK_THAT(out, Catch::Contains("actions applied twice: 0"));
  std::filesystem::remove_all(journal);
}

TEST_CASE("the simulator killed with SIGKILL and restarted replays its journals and applies no action twice", "[chaos]") {
  TestDatabase db;
  MigrateDatabase(db.url());
  TestGroupProcess core = StartTestGroup("core");
  const int port = FreeTcpPort();
  ServerProcess gateway = StartServer("aiworld-gateway", db.url(), GatewayArgs(port, core.addr()));
  const std::string key = *AdminClient(gateway.grpc_addr(), kAdminToken).IssueKey("srv1");
  const std::string journal = "/tmp/aiworld-sim-chaos-kill-" + db.name();
  {
    ChildProcess sim(BinaryPath("aiworld-sim"), SimArgs(port, key, journal, "30s"));
    REQUIRE(sim.WaitForOutput("[  6.", absl::Seconds(30)));
    sim.Signal(SIGKILL);
    REQUIRE(sim.WaitExit(absl::Seconds(10)).has_value());
  }
  const int64_t acked_before = QueryCount(db.url(), "SELECT coalesce(sum(event_count), 0) FROM gateway.inbox");
  CHECK(acked_before > 0);
  ChildProcess again(BinaryPath("aiworld-sim"), SimArgs(port, key, journal, "8s"));
  const auto code = again.WaitExit(absl::Seconds(120));
  const std::string out = again.Output();
  INFO(out.substr(out.size() > 6000 ? out.size() - 6000 : 0));
  CHECK(code == 0);
  CHECK_THAT(out, Catch::Contains("actions applied twice: 0"));
  CHECK_THAT(out, Catch::Contains("events lost: 0"));
  CHECK_THAT(out, Catch::Contains("\"replayed_batches\":"));
  std::filesystem::remove_all(journal);
}
