#pragma once
// The gateway's scheduler (DESIGN §5): every tick it takes mesh now, the servers (those with a bridge
// key not revoked: a server cannot send events without one) and the jobs every group declared, and
// runs each (job, server)'s due slots through the JobRunner, oldest first, on a small worker pool
// (one (job, server) at a time in a replica). Exactly once across replicas comes from the runner's
// claim of the slot's row in gateway.job_runs.
//
// Due slots of a (job, server): those after the last scheduled slot recorded in gateway.job_runs —
// or, for a pair never run, after the server's first key was issued — plus slots that failed or
// whose gateway died mid-run, keeping only the latest --catch-up-slots: a gateway down for a week
// catches up the latest 3 slots of each job, not the 1008 of a 10-minute job. A disabled agent's due slot
// is recorded as skipped (so it is not caught up when the agent is enabled again). Manual runs
// (Admin.RunJobNow) never move the schedule.
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <atomic>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "aiworld/v1/admin.pb.h"
#include "gateway/group_directory.h"
#include "gateway/job_runner.h"
#include "gateway/schedule.h"
#include "runtime/mesh_clock.h"
#include "runtime/pg_pool.h"
#include "runtime/server_main.h"

namespace aiworld::gateway {

struct SchedulerOptions {
  std::string instance;                               // this replica, for skipped rows
  absl::Duration tick = absl::Seconds(1);             // real time between planning passes
  int catch_up_slots = 3;                             // most due slots of a (job, server) run at once
  int workers = 4;                                    // (job, server) pairs run at once
  absl::Duration retry_failed_after = absl::Seconds(5);  // real time before a failed slot is tried again
  bool ticking = true;                                // false: only Tick() plans (tests)
};

// A job as the groups declared it.
struct DeclaredJob {
  std::string group;
  std::string agent;
  bool agent_enabled = false;
  v1::JobSpec spec;
};

class Scheduler final : public BackgroundWork {
 public:
  Scheduler(PgPool& db, GroupDirectory& groups, JobRunner& runner, const ScaledClock& mesh, SchedulerOptions options,
            prometheus::Registry& metrics);
  ~Scheduler() override { Stop(); }

  // Starts the workers and, unless options.ticking is false, the planning loop.
  void Start() override;
  // Plans nothing more; runs in progress finish (the rest of their catch-up is left to the next start
  // or another replica).
  void Stop() override;

  // One planning pass: queues the due slots of every (job, server) not already running here.
  // Returns how many slots it queued.
  absl::StatusOr<int> Tick();
  // Blocks until nothing is queued or running here.
  void WaitIdleForTest();

  // For Admin.ListSchedule: every (server, job) with its last run and next slot, ordered by next
  // slot, at most 64 per server; empty filters match everything.
  absl::StatusOr<std::vector<v1::ScheduledJob>> List(const std::string& server_id, const std::string& agent);

  // The jobs of the groups' last descriptions (valid schedules only; a name declared twice keeps
  // the first, as JobRunner does).
  std::vector<DeclaredJob> Jobs();

 private:
  struct Server {
    std::string id;
    absl::Time registered;  // mesh time of its first key
  };
  struct PairState {
    std::optional<absl::Time> last;  // last scheduled slot recorded
    std::vector<absl::Time> retry;
  };
  struct Task {
    std::string job;
    std::string server_id;
    std::vector<absl::Time> slots;
  };
  using PairKey = std::pair<std::string, std::string>;  // (job, server)
  // What one pass plans from: jobs (and their slot series, same order), servers, recorded runs.
  struct Snapshot {
    std::vector<DeclaredJob> jobs;
    std::vector<SlotSeries> series;
    std::vector<Server> servers;
    std::map<PairKey, PairState> state;
  };

  absl::StatusOr<Snapshot> Load(const std::string& server_id, const std::string& agent, absl::Time now);
  absl::StatusOr<std::vector<Server>> Servers(const std::string& only);
  absl::StatusOr<std::map<PairKey, PairState>> LoadState(const std::vector<Server>& servers,
                                                         const std::vector<DeclaredJob>& jobs, absl::Time retry_since);
  SlotPlan Plan(const DeclaredJob& job, const SlotSeries& series, const Server& server, const PairState& state,
                absl::Time now);
  absl::Status RecordSkipped(const std::string& job, const std::string& server_id, absl::Time slot);
  void RunTask(const Task& task);
  void Work();
  void Loop();

  PgPool& db_;
  GroupDirectory& groups_;
  JobRunner& runner_;
  const ScaledClock& mesh_;
  const SchedulerOptions options_;
  prometheus::Family<prometheus::Counter>& slots_;
  prometheus::Gauge& lag_;

  absl::Mutex mu_;
  std::deque<Task> queue_ ABSL_GUARDED_BY(mu_);
  std::set<PairKey> busy_ ABSL_GUARDED_BY(mu_);            // queued or running here
  std::map<PairKey, absl::Time> handled_ ABSL_GUARDED_BY(mu_);  // latest slot this replica saw through
  std::set<std::string> invalid_jobs_ ABSL_GUARDED_BY(mu_);    // warned about once
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;

  std::atomic<bool> started_{false};
  std::vector<std::thread> workers_;
  std::thread ticker_;
};

}  // namespace aiworld::gateway
