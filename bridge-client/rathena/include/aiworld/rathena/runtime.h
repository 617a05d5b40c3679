#pragma once
// The AI World bridge as map-server sees it: one object started at the end of
// MapServer::initialize, ticked by an add_timer_interval callback on the main thread, stopped at
// the start of MapServer::finalize. It owns the bridge (gRPC stream, journal), the facade the hooks
// call and the executor the timer drains into. C++17, no gRPC/protobuf header.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "aiworld/bridge.h"
#include "aiworld/rathena/action_executor.h"
#include "aiworld/rathena/action_pump.h"
#include "aiworld/rathena/facade.h"
#include "aiworld/rathena/game.h"

namespace aiworld::rathena {

struct RuntimeConfig {
  bool enabled = true;  // [game] enabled = false leaves the server untouched
  bridge::Options bridge;
  Allowlist allow;
  FacadeOptions facade;
};

struct LoadedRuntimeConfig {
  RuntimeConfig config;
  std::vector<std::string> warnings;
  std::string error;  // names the file, line or key
};

// conf/ai_bridge.conf, then conf/import/ai_bridge.conf when present. The [game] section holds
// enabled, the allow-lists (comma-separated: templates, event_npcs, map_flags, statuses,
// movable_npcs) and emit_party_chat / emit_guild_chat.
LoadedRuntimeConfig LoadRuntimeConfig(const std::vector<std::string>& paths);

class Runtime {
 public:
  // Starts the bridge; nullptr with the reason when the configuration or the journal is unusable.
  // Must be called on the game's main thread: the pump executes actions only there.
  static std::unique_ptr<Runtime> Start(const RuntimeConfig& config, Game& game, std::string* error);
  ~Runtime();

  Facade& facade() { return *facade_; }
  MeshUnits& units() { return units_; }
  TickReport Tick() { return pump_->Tick(); }
  int poll_interval_ms() const { return poll_interval_ms_; }
  // The bridge's "connected", "connecting" or "disconnected".
  std::string ConnectionState() const;
  std::string StatusJson() const;
  void Stop();

 private:
  class Sink;
  Runtime() = default;

  std::unique_ptr<bridge::Bridge> bridge_;
  std::unique_ptr<Sink> sink_;
  MeshUnits units_;
  std::unique_ptr<Facade> facade_;
  std::unique_ptr<ActionExecutor> executor_;
  std::unique_ptr<ActionPump> pump_;
  int poll_interval_ms_ = 50;
};

}  // namespace aiworld::rathena
