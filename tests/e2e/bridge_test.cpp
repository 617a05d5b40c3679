#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "aiworld/bridge.h"
#include "tests/support/gateway_client.h"
#include "tests/support/postgres.h"
#include "tests/support/server_process.h"

using namespace aiworld;
using namespace aiworld::testing;

namespace {

const std::string kAdminToken = "bridge-admin-token";

std::vector<std::string> GatewayArgs(int port, const std::string& core_addr) {
  return {"--grpc-addr=127.0.0.1:" + std::to_string(port), "--admin-token=" + kAdminToken, "--core-addr=" + core_addr,
          "--procedural-addr=127.0.0.1:1", "--progression-addr=127.0.0.1:1", "--economy-addr=127.0.0.1:1"};
}

std::string TempDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("aiworld-bridge-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  return dir.string();
}

bridge::Event Kill(uint32_t player) {
  bridge::Event e("monster_killed");
  e.char_id = 150000 + player;
  e.account_id = 2000000 + player;
  e.map = "prt_fild08";
  e.x = 100;
  e.y = 120;
  e.Set("mob_id", 1002).Set("mob_level", 3).Set("boss_type", "BOSS_TYPE_NONE").Set("mob_name", "Poring");
  return e;
}

template <typename Pred>
bool WaitUntil(Pred pred, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (pred()) return true;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return pred();
}

}  // namespace

TEST_CASE("events emitted through the bridge are acked and their actions applied once", "[e2e]") {
  TestDatabase db;
  MigrateDatabase(db.url());
  TestGroupProcess core = StartTestGroup("core");
  const int port = FreeTcpPort();
  ServerProcess gateway = StartServer("aiworld-gateway", db.url(), GatewayArgs(port, core.addr()));
  bridge::Options options;
  options.gateway_address = gateway.grpc_addr();
  options.server_id = "srv1";
  options.key = *AdminClient(gateway.grpc_addr(), kAdminToken).IssueKey("srv1");
  options.journal_dir = TempDir("flow");
  std::string error;
  auto b = bridge::Bridge::Start(options, &error);
  REQUIRE(b != nullptr);
  for (uint32_t i = 0; i < 200; ++i) REQUIRE(b->Emit(Kill(i % 50)));
  bridge::Event bad("no_such_kind");
  b->Emit(bad);

  std::set<std::string> applied;
  int applied_twice = 0;
  REQUIRE(WaitUntil([&] {
    b->PollActions(100, [&](const bridge::Action& a) {
      if (!applied.insert(a.action_id).second) ++applied_twice;
      CHECK(a.kind == "set_char_variable");
      CHECK(a.GetInt("char_id") >= 150000);
      return bridge::ActionResult{};
    });
    return applied.size() >= 200;
  }, absl::Seconds(30)));
  REQUIRE(WaitUntil([&] { return b->counters().events_acked == 200; }, absl::Seconds(10)));
  const bridge::Counters c = b->counters();
  INFO(b->StatusJson());
  CHECK(c.emitted == 201);
  CHECK(c.invalid_events == 1);
  CHECK(c.events_rejected == 0);
  CHECK(applied.size() == 200);
  CHECK(applied_twice == 0);
  CHECK_THAT(b->StatusJson(), Catch::Contains("\"connection\":\"connected\"") && Catch::Contains("\"breaker\":\"closed\""));
  b->Stop();
  std::filesystem::remove_all(options.journal_dir);
}

TEST_CASE("with the gateway away the bridge journals, then drains in order when it comes", "[e2e]") {
  TestDatabase db;
  MigrateDatabase(db.url());
  TestGroupProcess core = StartTestGroup("core");
  const int port = FreeTcpPort();
  std::string key;
  {
    ServerProcess gateway = StartServer("aiworld-gateway", db.url(), GatewayArgs(port, core.addr()));
    key = *AdminClient(gateway.grpc_addr(), kAdminToken).IssueKey("srv1");
  }  // the gateway is gone
  bridge::Options options;
  options.gateway_address = "127.0.0.1:" + std::to_string(port);
  options.server_id = "srv1";
  options.key = key;
  options.journal_dir = TempDir("away");
  options.reconnect_initial_ms = 50;
  options.reconnect_max_ms = 200;
  options.breaker_failure_threshold = 3;
  options.breaker_open_ms = 300;
  std::string error;
  auto b = bridge::Bridge::Start(options, &error);
  REQUIRE(b != nullptr);
  for (uint32_t i = 0; i < 300; ++i) REQUIRE(b->Emit(Kill(i % 40)));
  REQUIRE(WaitUntil([&] { return b->counters().batches_journaled >= 6; }, absl::Seconds(10)));
  absl::SleepFor(absl::Seconds(1));
  const std::string away = b->StatusJson();
  INFO(away);
  CHECK_THAT(away, Catch::Contains("\"connection\":\"disconnected\"") || Catch::Contains("\"connection\":\"connecting\""));
  CHECK(b->counters().events_acked == 0);

  ServerProcess gateway = StartServer("aiworld-gateway", db.url(), GatewayArgs(port, core.addr()));
  REQUIRE(WaitUntil([&] { return b->counters().events_acked == 300; }, absl::Seconds(30)));
  CHECK(QueryCount(db.url(), "SELECT sum(event_count) FROM gateway.inbox") == 300);
  b->Stop();
  std::filesystem::remove_all(options.journal_dir);
}

TEST_CASE("the bridge configuration file is read key by key and unknown keys are warned about", "[e2e]") {
  const std::string path = TempDir("conf") + ".conf";
  std::ofstream(path) << "# test\n[gateway]\naddress = 10.0.0.1:50051\nserver_id = ro-main\nkey = aiw_x\n"
                         "[batching]\nbatch_size = 20\nbatch_interval_ms = 30\n[journal]\npath = /tmp/j\nsync = true\n"
                         "[breaker]\nfailure_threshold = 2\ncolour = blue\n";
  bridge::LoadedOptions loaded = bridge::LoadOptions(path);
  CHECK(loaded.error.empty());
  CHECK(loaded.options.gateway_address == "10.0.0.1:50051");
  CHECK(loaded.options.batch_size == 20);
  CHECK(loaded.options.journal_sync);
  CHECK(loaded.options.breaker_failure_threshold == 2);
  REQUIRE(loaded.warnings.size() == 1);
  CHECK_THAT(loaded.warnings[0], Catch::Contains(":14") && Catch::Contains("breaker.colour"));

  std::ofstream(path) << "[batching]\nbatch_size = 5000\n";
  loaded = bridge::LoadOptions(path);
  CHECK_THAT(loaded.error, Catch::Contains(":2") && Catch::Contains("batching.batch_size") && Catch::Contains("1..1000"));
  std::filesystem::remove(path);
}
