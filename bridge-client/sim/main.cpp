// aiworld-sim: a Ragnarok Online game-server simulator built on the bridge library. Players on
// real maps emit events through the bridge; actions from the mesh are executed against the world.
// Prints live progress and, at the end, the report.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "aiworld/v1/admin.grpc.pb.h"
#include "bridge-client/sim/simulated_server.h"
#include "runtime/log.h"
#include "runtime/server_main.h"
#include "runtime/signals.h"

namespace {

using aiworld::FlagSpec;
using T = FlagSpec::Type;

std::vector<FlagSpec> SimFlags() {
  std::vector<FlagSpec> flags = {
      {"gateway-addr", "AIWORLD_GATEWAY_ADDR", "127.0.0.1:50051", "address of the gateway", T::kHostPort},
      {"server-id", "AIWORLD_SERVER_ID", "sim", "server id (with --servers N: <id>-1 .. <id>-N)"},
      {"key", "AIWORLD_BRIDGE_KEY", "", "bridge key of --server-id (one server); else keys are issued with --admin-token",
       T::kString, FlagSpec::Sensitivity::kSecret},
      {"admin-token", "AIWORLD_ADMIN_TOKEN", "", "admin token to issue a key per simulated server", T::kString,
       FlagSpec::Sensitivity::kSecret},
      {"players", "", "200", "players per server", T::kInt},
      {"rate", "", "200", "events per second, all servers together", T::kInt},
      {"duration", "", "60s", "how long to emit", T::kDuration},
      {"seed", "", "1", "random seed of the worlds", T::kInt},
      {"time-scale", "", "1", "game seconds per real second (1440: a game day in a minute)", T::kInt},
      {"servers", "", "1", "game servers to run at once, each with its own key, sequence and world", T::kInt},
      {"journal-dir", "", ".aiworld/sim-journal", "where each server's bridge journal lives (<dir>/<server id>)"},
      {"batch-size", "", "50", "bridge batch size", T::kInt},
      {"batch-interval", "", "100ms", "bridge batch interval", T::kDuration},
      {"drain-timeout", "", "30s", "after emitting, how long to wait for the last acks and actions", T::kDuration},
      {"progress-interval", "", "1s", "how often to print progress (0s: never)", T::kDuration},
  };
  for (FlagSpec& f : aiworld::LoggingFlags()) flags.push_back(std::move(f));
  return flags;
}

std::string IssueKey(const std::string& gateway, const std::string& admin_token, const std::string& server_id,
                     std::string* error) {
  auto stub = aiworld::v1::Admin::NewStub(grpc::CreateChannel(gateway, grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + admin_token);
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  aiworld::v1::IssueServerKeyRequest req;
  req.set_server_id(server_id);
  req.set_description("aiworld-sim");
  aiworld::v1::IssueServerKeyResponse resp;
  grpc::Status s = stub->IssueServerKey(&ctx, req, &resp);
  if (!s.ok()) *error = s.error_message();
  return resp.secret();
}

// Emitted events neither acked, rejected, refused locally nor safe in the journal.
uint64_t LostEvents(const std::vector<aiworld::sim::ServerStats>& stats) {
  uint64_t lost = 0;
  for (const auto& s : stats) {
    const uint64_t accounted = s.bridge.events_acked + s.bridge.events_rejected + s.bridge.invalid_events + s.bridge.unacked_events;
    lost += s.bridge.emitted > accounted ? s.bridge.emitted - accounted : 0;
  }
  return lost;
}

void PrintReport(const std::vector<aiworld::sim::ServerStats>& stats, const aiworld::Config& config, double seconds) {
  uint64_t emitted = 0, acked = 0, rejected = 0, invalid = 0, journaled = 0, received = 0, applied = 0,
           invalid_actions = 0, twice = 0, duplicates = 0, reconnects = 0;
  std::map<std::string, uint64_t> by_kind, by_agent, invalid_by_reason;
  std::vector<double> latency;
  for (const auto& s : stats) {
    emitted += s.bridge.emitted;
    acked += s.bridge.events_acked;
    rejected += s.bridge.events_rejected;
    invalid += s.bridge.invalid_events;
    journaled += s.bridge.unacked_events;
    received += s.bridge.actions_received;
    applied += s.actions_applied;
    invalid_actions += s.invalid_actions;
    twice += s.applied_twice;
    duplicates += s.bridge.actions_duplicate;
    reconnects += s.bridge.reconnects;
    for (const auto& [k, n] : s.actions_by_kind) by_kind[k] += n;
    for (const auto& [k, n] : s.actions_by_agent) by_agent[k] += n;
    for (const auto& [k, n] : s.invalid_by_reason) invalid_by_reason[k] += n;
    latency.insert(latency.end(), s.latency_ms.begin(), s.latency_ms.end());
  }
  const uint64_t lost = LostEvents(stats);
  const double game_days = seconds * static_cast<double>(config.GetInt("time-scale")) / 86400.0;
  std::printf("\n=== AI World simulator report ===\n");
  std::printf("servers %lld, players %lld each, %.1f s emitting, time scale %lld (%.2f game days)\n",
              static_cast<long long>(config.GetInt("servers")), static_cast<long long>(config.GetInt("players")), seconds,
              static_cast<long long>(config.GetInt("time-scale")), game_days);
  std::printf("events sent: %llu   acked: %llu   rejected: %llu   invalid (not sent): %llu\n",
              static_cast<unsigned long long>(emitted), static_cast<unsigned long long>(acked),
              static_cast<unsigned long long>(rejected), static_cast<unsigned long long>(invalid));
  std::printf("still journaled, sent on the next start: %llu\n", static_cast<unsigned long long>(journaled));
  std::printf("events lost: %llu\n", static_cast<unsigned long long>(lost));
  std::printf("actions received: %llu   applied: %llu   invalid actions: %llu   redeliveries reported duplicate: %llu\n",
              static_cast<unsigned long long>(received), static_cast<unsigned long long>(applied),
              static_cast<unsigned long long>(invalid_actions), static_cast<unsigned long long>(duplicates));
  for (const auto& [k, n] : invalid_by_reason) std::printf("  invalid: %s (%llu)\n", k.c_str(), static_cast<unsigned long long>(n));
  std::printf("actions applied twice: %llu\n", static_cast<unsigned long long>(twice));
  std::printf("actions by kind:%s\n", by_kind.empty() ? " none" : "");
  for (const auto& [k, n] : by_kind) std::printf("  %-22s %llu\n", k.c_str(), static_cast<unsigned long long>(n));
  std::printf("decisions and actions by agent:%s\n", by_agent.empty() ? " none (no agent decided anything)" : "");
  for (const auto& [k, n] : by_agent) std::printf("  %-40s %llu actions\n", k.c_str(), static_cast<unsigned long long>(n));
  if (latency.empty()) {
    std::printf("latency event -> action delivered: n/a (no actions)\n");
  } else {
    std::printf("latency event -> action delivered: p50 %.1f ms   p99 %.1f ms   (%zu samples)\n",
                aiworld::sim::Percentile(latency, 50), aiworld::sim::Percentile(latency, 99), latency.size());
  }
  std::printf("reconnects: %llu\n", static_cast<unsigned long long>(reconnects));
  for (const auto& s : stats) std::printf("bridge status: %s\n", s.status_json.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  aiworld::BlockShutdownSignals();
  const aiworld::ProgramInfo info{
      "aiworld-sim",
      "A Ragnarok Online game-server simulator built on the bridge library: players on real maps log in and out,\n"
      "move, kill monsters and MVPs, die, talk to NPCs, chat, trade, vend, shop, level up and complete quests;\n"
      "the actions the mesh sends back are executed against the world (or refused, and reported).",
      "Prints progress while it runs and a report at the end. SIGINT/SIGTERM stop emitting early and report.\n"
      "Exit status: 0 when no event was lost and no action applied twice, 1 otherwise, 2 on a bad flag."};
  int exit_code = 0;
  std::optional<aiworld::Config> config = aiworld::ParseProgramFlags(info, "sim", SimFlags(), argc, argv, &exit_code);
  if (!config.has_value()) return exit_code;

  const int servers = static_cast<int>(std::max<int64_t>(1, config->GetInt("servers")));
  const std::string base_id = config->Get("server-id");
  std::vector<std::unique_ptr<aiworld::sim::SimulatedServer>> sims;
  for (int i = 0; i < servers; ++i) {
    const std::string id = servers == 1 ? base_id : absl::StrCat(base_id, "-", i + 1);
    aiworld::bridge::Options o;
    o.gateway_address = config->Get("gateway-addr");
    o.server_id = id;
    o.key = servers == 1 ? config->Get("key") : "";
    if (o.key.empty()) {
      std::string error;
      if (config->Get("admin-token").empty()) {
        aiworld::log::Error("no bridge key: give --key (AIWORLD_BRIDGE_KEY) or --admin-token to issue keys");
        return 2;
      }
      o.key = IssueKey(o.gateway_address, config->Get("admin-token"), id, &error);
      if (o.key.empty()) {
        aiworld::log::Error("cannot issue a bridge key", {{"server_id", id}, {"error", error}});
        return 1;
      }
    }
    o.journal_dir = absl::StrCat(config->Get("journal-dir"), "/", id);
    o.batch_size = static_cast<int>(config->GetInt("batch-size"));
    o.batch_interval_ms = static_cast<int>(absl::ToInt64Milliseconds(config->GetDuration("batch-interval")));
    o.random_seed = static_cast<uint64_t>(config->GetInt("seed")) + static_cast<uint64_t>(i);
    sims.push_back(std::make_unique<aiworld::sim::SimulatedServer>(
        id, o, aiworld::GameCatalogue::BuiltIn(), static_cast<int>(config->GetInt("players")),
        static_cast<uint64_t>(config->GetInt("seed")) * 7919 + static_cast<uint64_t>(i), i));
    std::string error;
    if (!sims.back()->Start(&error)) {
      aiworld::log::Error("cannot start the bridge", {{"server_id", id}, {"error", error}});
      return 1;
    }
  }

  // A signal ends the emitting early; the report still prints.
  std::atomic<bool> interrupted{false};
  std::thread signals([&] {
    aiworld::WaitForShutdownSignal();
    interrupted = true;
  });
  signals.detach();

  const double per_server_rate = static_cast<double>(config->GetInt("rate")) / servers;
  const absl::Duration duration = config->GetDuration("duration");
  const absl::Time start = absl::Now();
  std::atomic<bool> emitting{true};
  std::vector<std::thread> loops;
  for (auto& sim : sims) {
    loops.emplace_back([&, s = sim.get()] {
      while (emitting.load()) {
        s->Step(per_server_rate);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      s->Drain(std::chrono::milliseconds(absl::ToInt64Milliseconds(config->GetDuration("drain-timeout"))));
    });
  }
  const absl::Duration progress = config->GetDuration("progress-interval");
  absl::Time next_progress = start + progress;
  while (absl::Now() - start < duration && !interrupted.load()) {
    absl::SleepFor(absl::Milliseconds(50));
    if (progress > absl::ZeroDuration() && absl::Now() >= next_progress) {
      next_progress += progress;
      uint64_t emitted = 0, acked = 0, applied = 0, unacked = 0, journal = 0;
      for (auto& s : sims) {
        const auto st = s->Stats();
        emitted += st.bridge.emitted;
        acked += st.bridge.events_acked + st.bridge.events_rejected;
        applied += st.actions_applied;
        unacked += st.bridge.unacked_batches;
        journal += st.bridge.journal_bytes;
      }
      std::printf("[%5.1fs] events sent %llu, acked %llu, actions applied %llu, unacked batches %llu, journal %llu bytes\n",
                  absl::ToDoubleSeconds(absl::Now() - start), static_cast<unsigned long long>(emitted),
                  static_cast<unsigned long long>(acked), static_cast<unsigned long long>(applied),
                  static_cast<unsigned long long>(unacked), static_cast<unsigned long long>(journal));
      std::fflush(stdout);
    }
  }
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  emitting = false;
  std::printf("draining: waiting up to %s for the last acks and actions\n",
              absl::FormatDuration(config->GetDuration("drain-timeout")).c_str());
  std::fflush(stdout);
  for (std::thread& t : loops) t.join();
  std::vector<aiworld::sim::ServerStats> stats;
  for (auto& s : sims) {
    s->Stop();
    stats.push_back(s->Stats());
  }
  PrintReport(stats, *config, seconds);
  const uint64_t lost = LostEvents(stats);
  uint64_t twice = 0;
  for (const auto& s : stats) twice += s.applied_twice;
  std::fflush(stdout);
  return lost == 0 && twice == 0 ? 0 : 1;
}
