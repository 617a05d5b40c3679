// The main-thread queue: actions waiting in the bridge are executed only by Tick on the thread
// that created the pump (rAthena's main thread), at most max_per_tick per tick, oldest first;
// a Tick from any other thread touches nothing. Also the [game] section of ai_bridge.conf.
#include <catch2/catch.hpp>

#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "aiworld/rathena/action_pump.h"
#include "aiworld/rathena/runtime.h"
#include "tests/support/fake_game.h"

using namespace aiworld;
using namespace aiworld::rathena;
using aiworld::testing::FakeGame;

namespace {

// Stands in for the bridge's action queue: filled by a "network" thread, drained by the pump.
struct WaitingActions {
  std::mutex mu;
  std::deque<bridge::Action> queue;
  std::vector<bridge::ActionResult> results;

  void Push(bridge::Action a) {
    std::lock_guard<std::mutex> lock(mu);
    queue.push_back(std::move(a));
  }
  size_t Poll(size_t max, const std::function<bridge::ActionResult(const bridge::Action&)>& handler) {
    size_t n = 0;
    while (n < max) {
      bridge::Action a;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (queue.empty()) break;
        a = std::move(queue.front());
        queue.pop_front();
      }
      results.push_back(handler(a));
      ++n;
    }
    return n;
  }
};

bridge::Action Broadcast(int n) {
  bridge::Action a;
  a.action_id = "a" + std::to_string(n);
  a.kind = "broadcast";
  a.fields = {{"scope", "BROADCAST_SCOPE_SERVER"}, {"text", "message " + std::to_string(n)}};
  return a;
}

}  // namespace

TEST_CASE("actions queued by another thread run only in Tick on the main thread at most max per tick in order", "[unit]") {
  FakeGame game;
  MeshUnits units;
  int64_t now_ms = 0;
  ActionExecutor executor(game, units, [&] { return now_ms; }, Allowlist{});
  WaitingActions waiting;
  ActionPump pump([&](size_t max, const auto& handler) { return waiting.Poll(max, handler); }, executor, 4);

  std::thread network([&] {
    for (int i = 0; i < 10; ++i) waiting.Push(Broadcast(i));
  });
  network.join();
  CHECK(game.calls.empty());  // queued, not executed

  // A tick from a gRPC thread is refused and leaves the queue alone.
  TickReport off;
  std::thread grpc([&] { off = pump.Tick(); });
  grpc.join();
  CHECK_FALSE(off.on_main_thread);
  CHECK(off.executed == 0);
  CHECK(pump.refused_off_thread() == 1);
  CHECK(game.calls.empty());

  CHECK(pump.Tick().executed == 4);
  CHECK(pump.Tick().executed == 4);
  CHECK(pump.Tick().executed == 2);
  CHECK(pump.Tick().executed == 0);
  REQUIRE(game.calls.size() == 10);
  for (int i = 0; i < 10; ++i) CHECK(game.calls[i] == "BroadcastServer(message " + std::to_string(i) + ",0)");
  CHECK(game.threads.size() == 1);
  CHECK(*game.threads.begin() == pump.main_thread());
  CHECK(waiting.results.size() == 10);
}

TEST_CASE("a tick runs the undo steps whose time has come before new actions", "[unit]") {
  FakeGame game;
  MeshUnits units;
  int64_t now_ms = 0;
  Allowlist allow;
  allow.map_flags = {"pvp"};
  ActionExecutor executor(game, units, [&] { return now_ms; }, allow);
  WaitingActions waiting;
  ActionPump pump([&](size_t max, const auto& handler) { return waiting.Poll(max, handler); }, executor, 10);
  bridge::Action pvp;
  pvp.kind = "set_map_flag";
  pvp.fields = {{"map", "prt_fild08"}, {"flag", "pvp"}, {"enabled", "true"}, {"ttl", "60"}};
  waiting.Push(pvp);
  CHECK(pump.Tick().executed == 1);
  CHECK(game.GetMapFlag("prt_fild08", "pvp").enabled);
  now_ms += 60'000;
  const TickReport report = pump.Tick();
  CHECK(report.expired == 1);
  CHECK_FALSE(game.GetMapFlag("prt_fild08", "pvp").enabled);
}

TEST_CASE("ai_bridge.conf's game section sets the allow-lists and an import file overrides the base", "[unit]") {
  const auto dir = std::filesystem::temp_directory_path() / ("aiworld-rathena-conf-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "import");
  {
    std::ofstream base(dir / "ai_bridge.conf");
    base << "[gateway]\naddress = 127.0.0.1:50051\nserver_id = base\nkey = aiw_base\n"
         << "[game]\ntemplates = AIW_Tpl_Wanderer, AIW_Tpl_Treasure\nmap_flags = pvp,bexp ; flags the mesh may set\n"
         << "# server NPCs keep the '#' of their unique names\nmovable_npcs = Kafra#prt1,Guard#izlude\nemit_party_chat = yes\n";
    std::ofstream import(dir / "import" / "ai_bridge.conf");
    import << "[gateway]\nserver_id = e2e\nkey = aiw_e2e\n[game]\nstatuses = SC_BLESSING\n";
  }
  LoadedRuntimeConfig loaded = LoadRuntimeConfig({(dir / "ai_bridge.conf").string(), (dir / "import" / "ai_bridge.conf").string()});
  INFO(loaded.error);
  REQUIRE(loaded.error.empty());
  CHECK(loaded.config.bridge.server_id == "e2e");
  CHECK(loaded.config.bridge.key == "aiw_e2e");
  CHECK(loaded.config.bridge.gateway_address == "127.0.0.1:50051");
  CHECK(loaded.config.allow.templates == std::set<std::string>{"AIW_Tpl_Treasure", "AIW_Tpl_Wanderer"});
  CHECK(loaded.config.allow.map_flags == std::set<std::string>{"bexp", "pvp"});
  CHECK(loaded.config.allow.movable_npcs == std::set<std::string>{"Guard#izlude", "Kafra#prt1"});
  CHECK(loaded.config.allow.statuses == std::set<std::string>{"SC_BLESSING"});
  CHECK(loaded.config.facade.emit_party_chat);

  // Without the import file the base alone is read; a bad flag is named.
  std::filesystem::remove(dir / "import" / "ai_bridge.conf");
  {
    std::ofstream base(dir / "ai_bridge.conf", std::ios::app);
    base << "emit_guild_chat = maybe\n";
  }
  loaded = LoadRuntimeConfig({(dir / "ai_bridge.conf").string(), (dir / "import" / "ai_bridge.conf").string()});
  CHECK(loaded.error == "game.emit_guild_chat = \"maybe\" is not true or false");
  loaded = LoadRuntimeConfig({(dir / "missing.conf").string()});
  CHECK_THAT(loaded.error, Catch::Contains("cannot read"));
  std::filesystem::remove_all(dir);
}
