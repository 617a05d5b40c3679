#pragma once
// One simulated game server: a World driven like a map-server's main loop (events emitted through
// the bridge at a rate, actions polled from a timer and executed against the world), with the
// numbers the report needs. Everything of one server runs on one thread, as in rAthena.
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "aiworld/bridge.h"
#include "bridge-client/sim/world.h"

namespace aiworld::sim {

struct ServerStats {
  bridge::Counters bridge;
  std::map<std::string, uint64_t> actions_by_kind;
  std::map<std::string, uint64_t> actions_by_agent;  // "group/agent"
  uint64_t actions_applied = 0;
  uint64_t invalid_actions = 0;   // refused by the world (unknown map, id, tag, offline player)
  std::map<std::string, uint64_t> invalid_by_reason;  // "group/agent kind: reason"
  uint64_t applied_twice = 0;     // the game executed an action id it had executed before
  std::vector<double> latency_ms;  // event emitted -> action handed to the game
  std::string status_json;
};

class SimulatedServer {
 public:
  SimulatedServer(std::string server_id, bridge::Options options, const GameCatalogue& catalogue, int players,
                  uint64_t seed, int index);
  bool Start(std::string* error);
  // One main-loop step: emit what the rate allows since the last step, then poll actions.
  void Step(double events_per_second);
  // Polls until every emitted event is acked or rejected, or the timeout passes.
  void Drain(std::chrono::milliseconds timeout);
  void Stop();
  ServerStats Stats() const;
  const std::string& server_id() const { return server_id_; }

 private:
  void Poll();

  const std::string server_id_;
  bridge::Options options_;
  World world_;
  std::unique_ptr<bridge::Bridge> bridge_;
  std::chrono::steady_clock::time_point last_step_;
  double owed_events_ = 0;
  uint64_t next_event_id_;
  std::unordered_map<uint64_t, std::chrono::steady_clock::time_point> emitted_at_;
  std::set<std::string> applied_ids_;  // persisted, so applied-twice is seen across restarts
  std::ofstream applied_file_;
  ServerStats stats_;
};

// Percentile (0..100) of unsorted samples; 0 when there are none.
double Percentile(std::vector<double> samples, double p);

}  // namespace aiworld::sim
