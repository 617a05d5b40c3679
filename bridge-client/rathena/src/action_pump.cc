#include "aiworld/rathena/action_pump.h"

#include <utility>

namespace aiworld::rathena {

ActionPump::ActionPump(ActionSource source, ActionExecutor& executor, size_t max_per_tick)
    : source_(std::move(source)), executor_(executor), max_per_tick_(max_per_tick), main_thread_(std::this_thread::get_id()) {}

TickReport ActionPump::Tick() {
  TickReport report;
  if (std::this_thread::get_id() != main_thread_) {
    report.on_main_thread = false;
    ++refused_off_thread_;
    return report;
  }
  report.expired = executor_.ExpireDue();
  report.executed = source_(max_per_tick_, [this](const bridge::Action& action) { return executor_.Execute(action); });
  return report;
}

}  // namespace aiworld::rathena
