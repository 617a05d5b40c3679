#pragma once
// Turns inbox shares into queued actions: one worker per agent group claims that group's due
// shares (any gateway replica may), sends the subscribed events with AgentGroup.HandleEvents under
// a deadline, and in the same transaction merges the returned actions into the queue and marks the
// share done. A group that fails keeps its share pending with backoff; the other groups go on.
#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "gateway/action_merger.h"
#include "gateway/group_directory.h"
#include "gateway/inbox.h"
#include "gateway/wakeups.h"
#include "runtime/mesh_clock.h"
#include "runtime/pg_pool.h"

namespace aiworld::gateway {

struct ProcessorOptions {
  absl::Duration group_deadline = absl::Seconds(5);
  absl::Duration idle_poll = absl::Milliseconds(250);
  absl::Duration first_backoff = absl::Milliseconds(500);
  absl::Duration max_backoff = absl::Seconds(30);
  // HandleEventsRequest.now is the mesh time the batch was received at, and game_day_seconds its
  // scale; null: real time (game_day_seconds 86400).
  const ScaledClock* mesh_clock = nullptr;
};

enum class ShareOutcome { kNone, kDone, kRetryLater, kError };

class ShareProcessor {
 public:
  ShareProcessor(PgPool& db, Inbox& inbox, GroupDirectory& groups, ActionMerger& merger, Wakeups& wakeups,
                 ProcessorOptions options, prometheus::Registry& metrics);
  ~ShareProcessor() { Stop(); }

  // Claims and handles one due share of the group. kNone when nothing is due; kError (with the
  // status in *error) when the database failed, so nothing was claimed or everything rolled back.
  ShareOutcome ProcessOne(const std::string& group, absl::Status* error = nullptr);
  void Start();
  void Stop();

 private:
  void Work(const std::string& group);
  absl::Duration Backoff(int attempts) const;

  PgPool& db_;
  Inbox& inbox_;
  GroupDirectory& groups_;
  ActionMerger& merger_;
  Wakeups& wakeups_;
  const ProcessorOptions options_;
  prometheus::Family<prometheus::Counter>& shares_;
  prometheus::Family<prometheus::Histogram>& latency_;
  std::atomic<bool> stop_{false};
  std::vector<std::thread> workers_;
};

}  // namespace aiworld::gateway
