#pragma once
// The main-thread side of the action queue: the game's add_timer_interval callback calls Tick,
// which drains at most max_per_tick waiting actions into the executor and runs due expiries, on
// the thread that created the pump (rAthena's main thread). Called from any other thread it does
// nothing and says so: rAthena's functions are not thread-safe.
#include <cstddef>
#include <functional>
#include <thread>

#include "aiworld/bridge.h"
#include "aiworld/rathena/action_executor.h"

namespace aiworld::rathena {

// Where waiting actions come from: the bridge's PollActions in the game.
using ActionSource = std::function<size_t(size_t max, const std::function<bridge::ActionResult(const bridge::Action&)>&)>;

struct TickReport {
  bool on_main_thread = true;
  size_t executed = 0;
  size_t expired = 0;
};

class ActionPump {
 public:
  ActionPump(ActionSource source, ActionExecutor& executor, size_t max_per_tick);

  TickReport Tick();
  std::thread::id main_thread() const { return main_thread_; }
  uint64_t refused_off_thread() const { return refused_off_thread_; }

 private:
  ActionSource source_;
  ActionExecutor& executor_;
  size_t max_per_tick_;
  std::thread::id main_thread_;
  uint64_t refused_off_thread_ = 0;
};

}  // namespace aiworld::rathena
