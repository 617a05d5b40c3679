#pragma once
// Probes a dependency (PostgreSQL) on an interval and turns the result into grpc.health.v1
// statuses: SERVING while the probe passes, NOT_SERVING while it fails. Transitions are logged.
#include <grpcpp/health_check_service_interface.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace aiworld {

class ReadinessMonitor {
 public:
  using Probe = std::function<absl::Status()>;
  using OnChange = std::function<void(bool ready)>;

  ReadinessMonitor(Probe probe, absl::Duration interval, OnChange on_change)
      : probe_(std::move(probe)), interval_(interval), on_change_(std::move(on_change)) {}
  ~ReadinessMonitor() { Stop(); }

  // Probes once synchronously (so the first status is known), then keeps probing in the background.
  void Start();
  void Stop();
  // One probe; reports a change. Exposed so tests can step it without threads.
  void CheckOnce();
  bool ready() const { return ready_.load(); }

 private:
  Probe probe_;
  absl::Duration interval_;
  OnChange on_change_;
  std::atomic<bool> ready_{false};
  bool known_ = false;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace aiworld
