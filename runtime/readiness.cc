#include "runtime/readiness.h"

#include "runtime/log.h"

namespace aiworld {

void ReadinessMonitor::CheckOnce() {
  const absl::Status status = probe_();
  const bool ready = status.ok();
  if (known_ && ready == ready_.load()) return;
  known_ = true;
  ready_ = ready;
  if (ready) {
    log::Info("ready: database reachable, health SERVING");
  } else {
    log::Warn("not ready: database unreachable, health NOT_SERVING", {{"error", status}});
  }
  if (on_change_) on_change_(ready);
}

void ReadinessMonitor::Start() {
  CheckOnce();
  thread_ = std::thread([this] {
    while (!stop_.WaitForNotificationWithTimeout(interval_)) CheckOnce();
  });
}

void ReadinessMonitor::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

}  // namespace aiworld
