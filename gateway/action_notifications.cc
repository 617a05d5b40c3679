#include "gateway/action_notifications.h"

#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "runtime/pg_pool.h"

namespace aiworld::gateway {
namespace {

class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& c, Wakeups& wakeups)
      : pqxx::notification_receiver(c, "aiworld_actions"), wakeups_(wakeups) {}
  void operator()(const std::string& payload, int) override { wakeups_.Notify(Wakeups::ActionsFor(payload)); }

 private:
  Wakeups& wakeups_;
};

}  // namespace

void ActionNotifications::Listen() {
  while (!stop_.load()) {
    try {
      pqxx::connection c(WithConnectTimeout(url_, 3));
      Receiver receiver(c, wakeups_);
      while (!stop_.load()) c.await_notification(0, 200000);
    } catch (const std::exception&) {
      // The database is away; the replica falls back to polling until it is back.
      absl::SleepFor(absl::Seconds(1));
    }
  }
}

void ActionNotifications::Start() { thread_ = std::thread([this] { Listen(); }); }

void ActionNotifications::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace aiworld::gateway
