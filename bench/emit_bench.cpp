// aiworld-emit-bench: how long Bridge::Emit takes on the game's thread (Google Benchmark), then
// p50/p99 of single calls measured one by one. The bridge runs for real (journal on disk, its
// background thread batching) but points at an address where nothing listens, so the network is
// out of the measurement.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "aiworld/bridge.h"

namespace {

std::unique_ptr<aiworld::bridge::Bridge> StartBridge(const std::string& dir) {
  aiworld::bridge::Options o;
  o.gateway_address = "127.0.0.1:1";
  o.server_id = "bench";
  o.key = "aiw_k0000000000000000_000000000000000000000000000000000000000000000000";
  o.journal_dir = dir;
  o.ring_capacity = 10000000;
  std::string error;
  auto bridge = aiworld::bridge::Bridge::Start(o, &error);
  if (!bridge) std::fprintf(stderr, "bridge: %s\n", error.c_str());
  return bridge;
}

aiworld::bridge::Event Kill(uint32_t i) {
  aiworld::bridge::Event e("monster_killed");
  e.char_id = 150000 + (i % 1000);
  e.account_id = 2000000 + (i % 1000);
  e.map = "prt_fild08";
  e.x = 100;
  e.y = 120;
  e.Set("mob_id", 1002).Set("mob_level", 3).Set("boss_type", "BOSS_TYPE_NONE").Set("mob_name", "Poring");
  return e;
}

void BM_Emit(benchmark::State& state) {
  const std::string dir = "/tmp/aiworld-emit-bench-" + std::to_string(getpid());
  auto bridge = StartBridge(dir);
  uint32_t i = 0;
  for (auto _ : state) bridge->Emit(Kill(i++));
  state.SetItemsProcessed(state.iterations());
  bridge->Stop();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_Emit);  // building the event and emitting it, as a hook does

void Percentiles() {
  const std::string dir = "/tmp/aiworld-emit-bench-p-" + std::to_string(getpid());
  auto bridge = StartBridge(dir);
  constexpr int kCalls = 200000;
  std::vector<double> ns;
  ns.reserve(kCalls);
  for (int i = 0; i < kCalls; ++i) {
    aiworld::bridge::Event e = Kill(static_cast<uint32_t>(i));  // built outside the timed call, as a hook would
    const auto start = std::chrono::steady_clock::now();
    bridge->Emit(std::move(e));
    ns.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ns.begin(), ns.end());
  std::printf("\nEmit, %d single calls: p50 %.0f ns   p99 %.0f ns   max %.0f ns   (target p99 <= 2000 ns)\n", kCalls,
              ns[ns.size() / 2], ns[ns.size() * 99 / 100], ns.back());
  bridge->Stop();
  std::filesystem::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  Percentiles();
  return 0;
}
