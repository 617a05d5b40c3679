#include <signal.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <random>
#include <set>
#include <thread>

#include "tests/support/gateway_client.h"
#include "tests/support/postgres.h"
#include "tests/support/server_process.h"

using namespace aiworld;
using namespace aiworld::testing;

namespace {

const std::string kAdminToken = "chaos-admin-token";

std::vector<std::string> GatewayArgs(int port, const std::map<std::string, std::string>& groups) {
  std::vector<std::string> args = {"--grpc-addr=127.0.0.1:" + std::to_string(port), "--admin-token=" + kAdminToken,
                                   "--action-lease=2s", "--group-deadline=2s", "--group-retry-max=1s"};
  for (const char* g : {"core", "procedural", "progression", "economy"}) {
    auto it = groups.find(g);
    args.push_back(std::string("--") + g + "-addr=" + (it == groups.end() ? "127.0.0.1:1" : it->second));
  }
  return args;
}

// A poll-style bridge: sends batches until each is acked (resending through outages), and an
// executor that applies each action once, reporting redeliveries of applied ones as duplicates.
struct SimulatedBridge {
  std::string addr;
  std::string key;
  std::mutex mu;
  std::set<std::string> applied;              // executed once
  std::set<std::string> completion_accepted;  // the gateway confirmed our result
  int64_t acked_events = 0;
  int64_t redelivered_applied = 0;            // redelivered after a lost result: reported, not re-executed
  int64_t delivered_after_accepted = 0;       // must stay 0
  std::atomic<bool> sending_done{false};
  std::atomic<bool> stop{false};

  void Send(uint64_t batches, int events_per_batch) {
    for (uint64_t seq = 1; seq <= batches; ++seq) {
      const v1::EventBatch batch = ValidBatch("srv1", seq, events_per_batch);
      while (true) {
        absl::StatusOr<v1::BatchAck> ack = BridgeClient(addr, key).Dispatch(batch);
        if (ack.ok() && ack->durable()) {
          std::lock_guard<std::mutex> lock(mu);
          acked_events += events_per_batch;
          break;
        }
        absl::SleepFor(absl::Milliseconds(50));
      }
      absl::SleepFor(absl::Milliseconds(15));
    }
    sending_done = true;
  }

  void Execute() {
    while (!stop.load()) {
      BridgeClient bridge(addr, key);
      absl::StatusOr<v1::PullActionsResponse> pulled = bridge.Pull(50, absl::Milliseconds(500), absl::Seconds(2));
      if (!pulled.ok()) {
        absl::SleepFor(absl::Milliseconds(50));
        continue;
      }
      std::vector<v1::ActionResult> results;
      {
        std::lock_guard<std::mutex> lock(mu);
        for (const v1::Action& a : pulled->actions()) {
          v1::ActionResult r;
          r.set_action_id(a.action_id());
          if (completion_accepted.contains(a.action_id())) ++delivered_after_accepted;
          if (applied.insert(a.action_id()).second) {
            r.set_status(v1::ACTION_STATUS_DONE);
          } else {
            ++redelivered_applied;
            r.set_status(v1::ACTION_STATUS_DUPLICATE);
          }
          results.push_back(r);
        }
      }
      if (results.empty()) continue;
      absl::StatusOr<v1::CompleteActionsResponse> done = bridge.Complete(results);
      if (done.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        for (const v1::ActionResult& r : results) completion_accepted.insert(r.action_id());
      }
    }
  }

  int64_t Applied() {
    std::lock_guard<std::mutex> lock(mu);
    return static_cast<int64_t>(applied.size());
  }
};

}  // namespace

TEST_CASE("the gateway killed with SIGKILL under load loses no acked event and applies no action twice", "[chaos]") {
  TestDatabase db;
  MigrateDatabase(db.url());
  TestGroupProcess core = StartTestGroup("core");
  const int port = FreeTcpPort();
  const auto args = GatewayArgs(port, {{"core", core.addr()}});
  auto gateway = std::make_unique<ServerProcess>(StartServer("aiworld-gateway", db.url(), args));
  SimulatedBridge bridge;
  bridge.addr = gateway->grpc_addr();
  bridge.key = *AdminClient(bridge.addr, kAdminToken).IssueKey("srv1");

  constexpr uint64_t kBatches = 150;
  constexpr int kEvents = 4;
  std::thread sender([&] { bridge.Send(kBatches, kEvents); });
  std::thread executor([&] { bridge.Execute(); });
  std::mt19937 rng(20261123);
  int kills = 0;
  while (kills < 4 && !bridge.sending_done.load()) {
    absl::SleepFor(absl::Milliseconds(std::uniform_int_distribution<int>(300, 1200)(rng)));
    gateway->process->Signal(SIGKILL);
    REQUIRE(gateway->process->WaitExit(absl::Seconds(10)).has_value());
    ++kills;
    gateway = std::make_unique<ServerProcess>(StartServer("aiworld-gateway", db.url(), args));
  }
  sender.join();
  const int64_t expected = static_cast<int64_t>(kBatches) * kEvents;
  for (int i = 0; i < 600 && bridge.Applied() < expected; ++i) absl::SleepFor(absl::Milliseconds(100));
  bridge.stop = true;
  executor.join();

  WARN("kills: " << kills << ", acked events: " << bridge.acked_events << ", applied: " << bridge.Applied()
                 << ", redelivered after a lost result: " << bridge.redelivered_applied);
  CHECK(kills >= 3);
  CHECK(bridge.acked_events == expected);
  // Every acked event was processed: one action each, stored once, applied once.
  CHECK(bridge.Applied() == expected);
  CHECK(QueryCount(db.url(), "SELECT count(*) FROM gateway.inbox") == static_cast<int64_t>(kBatches));
  CHECK(QueryCount(db.url(), "SELECT count(*) FROM gateway.action_keys") == expected);
  CHECK(QueryCount(db.url(), "SELECT (SELECT count(*) FROM gateway.actions) + (SELECT count(*) FROM gateway.actions_archive)") ==
        expected);
  CHECK(bridge.delivered_after_accepted == 0);
}

TEST_CASE("a group killed mid-run does not stop the others, and its missed share is processed after restart", "[chaos]") {
  TestDatabase db;
  MigrateDatabase(db.url());
  TestGroupProcess core = StartTestGroup("core");
  TestGroupProcess economy = StartTestGroup("economy");
  const int economy_port = economy.port;
  const int port = FreeTcpPort();
  ServerProcess gateway = StartServer("aiworld-gateway", db.url(),
                                      GatewayArgs(port, {{"core", core.addr()}, {"economy", economy.addr()}}));
  const std::string key = *AdminClient(gateway.grpc_addr(), kAdminToken).IssueKey("srv1");
  BridgeClient bridge(gateway.grpc_addr(), key);
  auto actions_of = [&](const std::string& group) {
    return QueryCount(db.url(), "SELECT count(*) FROM gateway.action_keys k JOIN gateway.actions a USING (action_id)"
                           " WHERE a.origin_group = '" + group + "'");
  };

  for (uint64_t seq = 1; seq <= 10; ++seq) REQUIRE(bridge.Dispatch(ValidBatch("srv1", seq, 2)).ok());
  economy.process->Signal(SIGKILL);
  REQUIRE(economy.process->WaitExit(absl::Seconds(10)).has_value());
  for (uint64_t seq = 11; seq <= 20; ++seq) REQUIRE(bridge.Dispatch(ValidBatch("srv1", seq, 2)).ok());
  // Core's actions keep flowing while economy is down.
  for (int i = 0; i < 200 && actions_of("core") < 40; ++i) absl::SleepFor(absl::Milliseconds(100));
  CHECK(actions_of("core") == 40);
  const int64_t economy_while_down = actions_of("economy");
  CHECK(economy_while_down < 40);
  CHECK(QueryCount(db.url(), "SELECT count(*) FROM gateway.inbox_shares WHERE grp = 'economy' AND state = 'pending'") > 0);

  TestGroupProcess economy_again = StartTestGroup("economy", economy_port);
  for (int i = 0; i < 300 && actions_of("economy") < 40; ++i) absl::SleepFor(absl::Milliseconds(100));
  INFO("economy actions while down: " << economy_while_down);
  CHECK(actions_of("economy") == 40);
  CHECK(actions_of("core") == 40);
  CHECK(QueryCount(db.url(), "SELECT count(*) FROM gateway.inbox_shares WHERE state = 'pending'"
                        " AND grp IN ('core', 'economy')") == 0);
}
