#pragma once
// Runs one (job, server, slot): exactly once across gateway replicas. The slot is claimed as a row of
// gateway.job_runs (a running row whose lease ran out, or a failed one, is claimed again); the group
// that declares the job runs it (AgentGroup.RunJob, itself once per slot) with the world snapshot
// of the server from the core group and the slot's "now"; its actions are merged into the queue in
// the same transaction that marks the row done. Used by the scheduler and Admin.RunJobNow.
#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/admin.pb.h"
#include "gateway/action_merger.h"
#include "gateway/group_directory.h"
#include "gateway/wakeups.h"
#include "runtime/mesh_clock.h"
#include "runtime/pg_pool.h"

namespace aiworld::gateway {

struct JobRunnerOptions {
  std::string instance;                       // this replica, recorded as claimed_by
  absl::Duration lease = absl::Minutes(11);   // longer than the longest job deadline
  absl::Duration default_deadline = absl::Seconds(60);
  absl::Duration world_deadline = absl::Seconds(2);
};

struct JobSlotRun {
  std::string job;
  std::string server_id;
  absl::Time slot;
  absl::Time now;  // mesh clock at the start (later than slot when catching up)
  bool manual = false;
  absl::Duration deadline = absl::ZeroDuration();  // zero: the job's declared timeout
};

struct JobRunResult {
  v1::JobRun run;
  std::vector<std::string> action_ids;
  bool claimed = false;  // this call ran the group's job (else: the run as another call recorded it)
};

// The columns of gateway.job_runs that JobRunFromRow reads, in order, for SELECT lists.
extern const char kJobRunColumns[];
v1::JobRun JobRunFromRow(const std::string& job, const std::string& server_id, absl::Time slot, const pqxx::row& row);

class JobRunner {
 public:
  // `mesh` gives RunJobRequest.game_day_seconds; the runs' "now" comes with each request.
  JobRunner(PgPool& db, GroupDirectory& groups, ActionMerger& merger, Wakeups& wakeups, const ScaledClock& mesh,
            JobRunnerOptions options, prometheus::Registry& metrics);

  // Blocking: claims, runs and records the slot, or returns the recorded run (DONE, or RUNNING on
  // another replica). NOT_FOUND when no group declares the job; a group failure is a FAILED run,
  // not an error. Database errors are UNAVAILABLE.
  absl::StatusOr<JobRunResult> Run(const JobSlotRun& request);

  // The server's world snapshot from the core group as of mesh time `now`; empty when core does not
  // know the server (yet).
  v1::WorldSnapshot WorldOf(const std::string& server_id, absl::Time now);

 private:
  absl::StatusOr<JobRunResult> Recorded(const JobSlotRun& request);
  absl::Status Finish(const JobSlotRun& request, const std::string& group, const v1::RunJobResponse& response,
                      JobRunResult* result);
  absl::Status Fail(const JobSlotRun& request, const std::string& error);

  PgPool& db_;
  GroupDirectory& groups_;
  ActionMerger& merger_;
  Wakeups& wakeups_;
  const ScaledClock& mesh_;
  const JobRunnerOptions options_;
  prometheus::Family<prometheus::Counter>& runs_;
};

}  // namespace aiworld::gateway
