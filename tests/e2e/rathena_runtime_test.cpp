// The runtime map-server starts, against a real gateway and agent group on loopback: the facade's
// events reach the gateway, the actions they cause come back and are executed by Tick on the main
// thread only (against the fake game), and their results are archived as done.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

#include "aiworld/rathena/runtime.h"
#include "tests/support/fake_game.h"
#include "tests/support/gateway_client.h"
#include "tests/support/postgres.h"
#include "tests/support/server_process.h"

using namespace aiworld;
using namespace aiworld::testing;

TEST_CASE("hook events reach the gateway and their actions run on the main thread and are archived done", "[e2e]") {
  const std::string admin_token = "rathena-admin-token";
  TestDatabase db;
  MigrateDatabase(db.url());
  TestGroupProcess core = StartTestGroup("core");
  const int port = FreeTcpPort();
  ServerProcess gateway = StartServer("aiworld-gateway", db.url(),
                                      {"--grpc-addr=127.0.0.1:" + std::to_string(port), "--admin-token=" + admin_token,
                                       "--core-addr=" + core.addr(), "--procedural-addr=127.0.0.1:1",
                                       "--progression-addr=127.0.0.1:1", "--economy-addr=127.0.0.1:1"});
  const auto dir = std::filesystem::temp_directory_path() / ("aiworld-rathena-runtime-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "import");
  {
    // As an operator writes them: the template's defaults, and the server's own import file.
    std::ofstream base(dir / "ai_bridge.conf");
    base << "[gateway]\naddress = 127.0.0.1:1\n[poll]\nmax_actions = 20\ninterval_ms = 50\n";
    std::ofstream import(dir / "import" / "ai_bridge.conf");
    import << "[gateway]\naddress = " << gateway.grpc_addr() << "\nserver_id = srv1\nkey = "
           << *AdminClient(gateway.grpc_addr(), admin_token).IssueKey("srv1") << "\n[journal]\npath = " << (dir / "journal").string() << "\n";
  }
  rathena::LoadedRuntimeConfig loaded =
      rathena::LoadRuntimeConfig({(dir / "ai_bridge.conf").string(), (dir / "import" / "ai_bridge.conf").string()});
  REQUIRE(loaded.error.empty());
  FakeGame game;
  std::string error;
  std::unique_ptr<rathena::Runtime> runtime = rathena::Runtime::Start(loaded.config, game, &error);
  INFO(error);
  REQUIRE(runtime != nullptr);

  rathena::PlayerView player;
  player.char_id = 150001;
  player.account_id = 2000001;
  player.name = "BotOne";
  player.map = "prt_fild08";
  player.x = 170;
  player.y = 375;
  player.base_level = 10;
  runtime->facade().Login(player, false);
  constexpr int kKills = 30;
  for (int i = 0; i < kKills; ++i) {
    rathena::MonsterView poring;
    poring.gid = 110000000 + static_cast<uint32_t>(i);
    poring.mob_id = 1002;
    poring.level = 1;
    poring.name = "Poring";
    poring.map = "prt_fild08";
    poring.x = 160 + i % 10;
    poring.y = 370;
    runtime->facade().MonsterKilled(player, poring, rathena::KillCredit{});
  }

  // The test group answers every event (the login and each kill) with a set_char_variable; the
  // game timer drains them.
  constexpr int kActions = kKills + 1;
  std::thread grpc_thread([&] { CHECK_FALSE(runtime->Tick().on_main_thread); });
  grpc_thread.join();
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  size_t executed = 0;
  while (absl::Now() < deadline && executed < kActions) {
    executed += runtime->Tick().executed;
    absl::SleepFor(absl::Milliseconds(loaded.config.bridge.poll_interval_ms));
  }
  CHECK(executed == kActions);
  CHECK(runtime->ConnectionState() == "connected");
  size_t variables = 0;
  for (const std::string& call : game.calls) variables += call.rfind("SetCharVariable(150001,", 0) == 0 ? 1 : 0;
  CHECK(variables == kActions);
  REQUIRE(game.threads.size() == 1);
  CHECK(*game.threads.begin() == std::this_thread::get_id());

  const absl::Time archived_by = absl::Now() + absl::Seconds(15);
  int64_t done = 0;
  while (absl::Now() < archived_by && done < kActions) {
    done = QueryCount(db.url(), "SELECT count(*) FROM gateway.actions_archive WHERE server_id = 'srv1' AND final_state = 'done'");
    absl::SleepFor(absl::Milliseconds(100));
  }
  CHECK(done == kActions);
  runtime->Stop();
  std::filesystem::remove_all(dir);
}
