#pragma once
// LISTEN aiworld_actions: another gateway replica committed actions for a server; wake the stream
// of that server if this replica holds it. Reconnects on its own after a database outage.
#include <atomic>
#include <string>
#include <thread>

#include "gateway/wakeups.h"

namespace aiworld::gateway {

class ActionNotifications {
 public:
  ActionNotifications(std::string database_url, Wakeups& wakeups) : url_(std::move(database_url)), wakeups_(wakeups) {}
  ~ActionNotifications() { Stop(); }
  void Start();
  void Stop();

 private:
  void Listen();
  const std::string url_;
  Wakeups& wakeups_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace aiworld::gateway
