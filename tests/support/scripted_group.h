#pragma once
// A test-only agent group: answers AgentGroup with one "scripted" agent that turns every routed
// event into one SetCharVariable action whose idempotency key names the event, so the same batch
// always yields the same actions (as a real group's seeded decisions do). It counts what it
// handled, so tests can see which replica got work. Used until the real groups' agents land.
#include <atomic>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "aiworld/v1/agent_group.grpc.pb.h"

namespace aiworld::testing {

class ScriptedGroupService final : public v1::AgentGroup::Service {
 public:
  ScriptedGroupService(std::string group, std::set<int> subscribed_kinds, std::string instance,
                       absl::Duration delay = absl::ZeroDuration())
      : group_(std::move(group)), kinds_(std::move(subscribed_kinds)), instance_(std::move(instance)), delay_(delay) {}

  grpc::Status Describe(grpc::ServerContext*, const v1::DescribeRequest*, v1::DescribeResponse*) override;
  grpc::Status HandleEvents(grpc::ServerContext*, const v1::HandleEventsRequest*, v1::HandleEventsResponse*) override;
  grpc::Status ErasePlayerData(grpc::ServerContext*, const v1::ErasePlayerDataRequest*,
                               v1::ErasePlayerDataResponse*) override;
  // Runs a declared job: one SetCharVariable per call, keyed by (job, server, slot).
  grpc::Status RunJob(grpc::ServerContext*, const v1::RunJobRequest*, v1::RunJobResponse*) override;

  // Jobs the scripted agent declares (none by default).
  void DeclareJobs(std::vector<v1::JobSpec> jobs);
  // RunJob calls seen, by (job, server_id, slot in unix seconds).
  std::map<std::tuple<std::string, std::string, int64_t>, int> job_calls() const;
  // The "now" of the last RunJob call of a job.
  absl::Time last_job_now(const std::string& job) const;

  int64_t handled_requests() const { return handled_.load(); }
  int64_t handled_events() const { return events_.load(); }

  // The action the scripted agent decides for one routed event.
  static v1::Action ActionFor(const std::string& group, const v1::HandleEventsRequest& request,
                              const v1::RoutedEvent& routed);

 private:
  const std::string group_;
  const std::set<int> kinds_;
  const std::string instance_;
  const absl::Duration delay_;
  std::atomic<int64_t> handled_{0};
  std::atomic<int64_t> events_{0};
  mutable absl::Mutex mu_;
  std::vector<v1::JobSpec> jobs_ ABSL_GUARDED_BY(mu_);
  std::map<std::tuple<std::string, std::string, int64_t>, int> job_calls_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, absl::Time> job_now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace aiworld::testing
