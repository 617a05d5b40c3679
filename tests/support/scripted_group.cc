#include "tests/support/scripted_group.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "runtime/agent_groups.h"

namespace aiworld::testing {

grpc::Status ScriptedGroupService::Describe(grpc::ServerContext*, const v1::DescribeRequest*,
                                            v1::DescribeResponse* response) {
  response->set_group(group_);
  response->set_version("test");
  response->set_kind(GroupKind(group_));
  response->set_instance(instance_);
  v1::AgentDescriptor* agent = response->add_agents();
  agent->set_name("scripted_" + group_);
  agent->set_enabled(true);
  agent->set_description("test-only: one SetCharVariable per event");
  for (int k : kinds_) agent->add_subscribed_events(static_cast<v1::EventKind>(k));
  agent->add_emitted_actions(v1::ACTION_KIND_SET_CHAR_VARIABLE);
  absl::MutexLock lock(&mu_);
  for (const v1::JobSpec& j : jobs_) *agent->add_jobs() = j;
  return grpc::Status::OK;
}

void ScriptedGroupService::DeclareJobs(std::vector<v1::JobSpec> jobs) {
  absl::MutexLock lock(&mu_);
  jobs_ = std::move(jobs);
}

std::map<std::tuple<std::string, std::string, int64_t>, int> ScriptedGroupService::job_calls() const {
  absl::MutexLock lock(&mu_);
  return job_calls_;
}

absl::Time ScriptedGroupService::last_job_now(const std::string& job) const {
  absl::MutexLock lock(&mu_);
  auto it = job_now_.find(job);
  return it == job_now_.end() ? absl::InfinitePast() : it->second;
}

grpc::Status ScriptedGroupService::RunJob(grpc::ServerContext*, const v1::RunJobRequest* request,
                                          v1::RunJobResponse* response) {
  const int64_t slot = request->slot().seconds();
  int call = 0;
  {
    absl::MutexLock lock(&mu_);
    bool declared = false;
    for (const v1::JobSpec& j : jobs_) declared |= j.name() == request->job();
    if (!declared) return {grpc::StatusCode::NOT_FOUND, "job: not declared by the scripted agent"};
    call = ++job_calls_[{request->job(), request->server_id(), slot}];
    job_now_[request->job()] = absl::FromUnixSeconds(request->now().seconds()) + absl::Nanoseconds(request->now().nanos());
  }
  // Printed as the call arrives (before the delay), so a test sees which slots are in flight. The
  // result is a pure function of (job, slot): a later call for a slot (call > 1) replays its effect.
  std::printf("job_call group=%s job=%s server=%s slot=%lld attempt=%u call=%d\n", group_.c_str(), request->job().c_str(),
              request->server_id().c_str(), static_cast<long long>(slot), request->attempt(), call);
  std::fflush(stdout);
  if (delay_ > absl::ZeroDuration()) absl::SleepFor(delay_);
  v1::Action* a = response->add_actions();
  a->set_idempotency_key(absl::StrCat("job/", request->job(), "/", slot));
  a->set_priority(v1::PRIORITY_NORMAL);
  a->mutable_origin()->set_group(GroupKind(group_));
  a->mutable_origin()->set_agent("scripted_" + group_);
  a->mutable_origin()->set_tier(v1::TIER_RULES);
  a->mutable_cause()->mutable_job()->set_job(request->job());
  *a->mutable_cause()->mutable_job()->mutable_slot() = request->slot();
  a->mutable_target()->set_char_id(150000);
  v1::SetCharVariable* v = a->mutable_set_char_variable();
  v->set_char_id(150000);
  v->set_name(absl::StrCat("aiw_", group_, "_job"));
  v->set_int_value(slot);
  response->set_summary(absl::StrCat("scripted ", request->job(), " at ", slot));
  return grpc::Status::OK;
}

v1::Action ScriptedGroupService::ActionFor(const std::string& group, const v1::HandleEventsRequest& request,
                                           const v1::RoutedEvent& routed) {
  v1::Action a;
  a.set_idempotency_key(absl::StrCat("event/", request.batch_sequence(), "/", routed.index()));
  a.set_priority(v1::PRIORITY_NORMAL);
  a.mutable_origin()->set_group(GroupKind(group));
  a.mutable_origin()->set_agent("scripted_" + group);
  a.mutable_origin()->set_tier(v1::TIER_RULES);
  v1::EventRef* ref = a.mutable_cause()->add_events();
  ref->set_server_id(request.server_id());
  ref->set_batch_sequence(request.batch_sequence());
  ref->set_event_index(routed.index());
  ref->set_event_id(routed.event().event_id());
  const uint32_t char_id = routed.event().char_id() != 0 ? routed.event().char_id() : 150000;
  a.mutable_target()->set_char_id(char_id);
  v1::SetCharVariable* v = a.mutable_set_char_variable();
  v->set_char_id(char_id);
  v->set_name(absl::StrCat("aiw_", group, "_seen"));
  v->set_int_value(static_cast<int64_t>(request.batch_sequence() * 1000 + routed.index()));
  return a;
}

grpc::Status ScriptedGroupService::HandleEvents(grpc::ServerContext*, const v1::HandleEventsRequest* request,
                                                v1::HandleEventsResponse* response) {
  if (delay_ > absl::ZeroDuration()) absl::SleepFor(delay_);
  for (const v1::RoutedEvent& routed : request->events()) *response->add_actions() = ActionFor(group_, *request, routed);
  handled_.fetch_add(1);
  events_.fetch_add(request->events_size());
  std::printf("handled group=%s instance=%s server=%s sequence=%llu events=%d\n", group_.c_str(), instance_.c_str(),
              request->server_id().c_str(), static_cast<unsigned long long>(request->batch_sequence()),
              request->events_size());
  std::fflush(stdout);
  return grpc::Status::OK;
}

grpc::Status ScriptedGroupService::ErasePlayerData(grpc::ServerContext*, const v1::ErasePlayerDataRequest*,
                                                   v1::ErasePlayerDataResponse* response) {
  v1::TableCount* t = response->add_tables();
  t->set_table("scripted.memory");
  t->set_rows(0);
  return grpc::Status::OK;
}

}  // namespace aiworld::testing
