#include "gateway/scheduler.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "gateway/pg_arrays.h"
#include "runtime/agent_groups.h"
#include "runtime/log.h"
#include "runtime/proto_time.h"
#include "runtime/random.h"

namespace aiworld::gateway {
namespace {

constexpr size_t kListPerServer = 64;

std::string MicrosParam(absl::Time t) { return std::to_string(absl::ToUnixMicros(t)); }
std::string FormatSlot(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%E*S", t, absl::UTCTimeZone()); }

const char* StatusWord(v1::JobRunStatus s) {
  switch (s) {
    case v1::JOB_RUN_STATUS_RUNNING: return "running";
    case v1::JOB_RUN_STATUS_DONE: return "done";
    case v1::JOB_RUN_STATUS_FAILED: return "failed";
    case v1::JOB_RUN_STATUS_SKIPPED: return "skipped";
    default: return "unknown";
  }
}

// The seed JobRunner gives the slot's RunJob call; the slot's jitter is drawn from it too.
uint64_t SlotSeed(const std::string& job, const std::string& server_id, absl::Time slot) {
  return StableSeed({job, server_id, absl::StrCat(absl::ToUnixMicros(slot))});
}

}  // namespace

Scheduler::Scheduler(PgPool& db, GroupDirectory& groups, JobRunner& runner, const ScaledClock& mesh,
                     SchedulerOptions options, prometheus::Registry& metrics)
    : db_(db),
      groups_(groups),
      runner_(runner),
      mesh_(mesh),
      options_(std::move(options)),
      slots_(prometheus::BuildCounter()
                 .Name("aiworld_gateway_scheduler_slots_total")
                 .Help("Job slots the scheduler handled, by outcome: done and failed (run here), recorded (run by another"
                       " replica or call), skipped (agent disabled), missed (left out by --catch-up-slots), error.")
                 .Register(metrics)),
      lag_(prometheus::BuildGauge()
               .Name("aiworld_gateway_scheduler_lag_seconds")
               .Help("Mesh now minus the oldest due slot not yet run, at the last planning pass (0: nothing due).")
               .Register(metrics)
               .Add({})) {}

std::vector<DeclaredJob> Scheduler::Jobs() {
  std::vector<DeclaredJob> jobs;
  std::set<std::string> seen;
  for (const std::string& group : groups_.groups()) {
    const std::optional<v1::DescribeResponse> d = groups_.LastDescription(group, nullptr);
    if (!d.has_value()) continue;
    for (const v1::AgentDescriptor& agent : d->agents()) {
      for (const v1::JobSpec& spec : agent.jobs()) {
        if (!seen.insert(spec.name()).second) continue;
        if (absl::Status valid = ValidateSchedule(spec.schedule(), "schedule"); !valid.ok()) {
          absl::MutexLock lock(&mu_);
          if (invalid_jobs_.insert(spec.name()).second) {
            log::Warn("job not scheduled: invalid schedule", {{"group", group}, {"job", spec.name()}, {"error", valid}});
          }
          continue;
        }
        DeclaredJob job;
        job.group = group;
        job.agent = agent.name();
        job.agent_enabled = agent.enabled();
        job.spec = spec;
        jobs.push_back(std::move(job));
      }
    }
  }
  return jobs;
}

absl::StatusOr<std::vector<Scheduler::Server>> Scheduler::Servers(const std::string& only) {
  std::vector<Server> servers;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec_params(
        "SELECT server_id, round(extract(epoch FROM min(created_at)) * 1000000)::bigint FROM gateway.server_keys"
        " WHERE ($1 = '' OR server_id = $1) GROUP BY server_id HAVING bool_or(revoked_at IS NULL) ORDER BY server_id",
        only);
    for (const auto& row : r) {
      servers.push_back({row[0].as<std::string>(), mesh_.MeshAt(absl::FromUnixMicros(row[1].as<int64_t>()))});
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return servers;
}

absl::StatusOr<std::map<Scheduler::PairKey, Scheduler::PairState>> Scheduler::LoadState(
    const std::vector<Server>& servers, const std::vector<DeclaredJob>& jobs, absl::Time retry_since) {
  std::map<PairKey, PairState> state;
  if (servers.empty() || jobs.empty()) return state;
  PgArray server_ids, job_names;
  for (const Server& server : servers) {
    for (const DeclaredJob& job : jobs) {
      server_ids.Add(server.id);
      job_names.Add(job.spec.name());
    }
  }
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result last = tx.exec_params(
        "SELECT p.job, p.server_id, (SELECT round(extract(epoch FROM max(r.slot)) * 1000000)::bigint"
        "   FROM gateway.job_runs r WHERE r.server_id = p.server_id AND r.job = p.job AND NOT r.manual)"
        " FROM unnest($1::text[], $2::text[]) AS p(job, server_id)",
        job_names.Literal(), server_ids.Literal());
    for (const auto& row : last) {
      PairState& pair = state[{row[0].as<std::string>(), row[1].as<std::string>()}];
      if (!row[2].is_null()) pair.last = absl::FromUnixMicros(row[2].as<int64_t>());
    }
    // Scheduled slots to run again: failed a while ago, or claimed by a gateway whose lease ran out.
    pqxx::result retry = tx.exec_params(
        "SELECT job, server_id, round(extract(epoch FROM slot) * 1000000)::bigint FROM gateway.job_runs"
        " WHERE status IN ('running', 'failed') AND NOT manual"
        "   AND slot >= timestamptz 'epoch' + $1::bigint * interval '1 microsecond'"
        "   AND ((status = 'failed' AND finished_at < now() - make_interval(secs => $2))"
        "     OR (status = 'running' AND lease_until < now()))",
        MicrosParam(retry_since), absl::ToDoubleSeconds(options_.retry_failed_after));
    for (const auto& row : retry) {
      auto it = state.find({row[0].as<std::string>(), row[1].as<std::string>()});
      if (it != state.end()) it->second.retry.push_back(absl::FromUnixMicros(row[2].as<int64_t>()));
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return state;
}

absl::StatusOr<Scheduler::Snapshot> Scheduler::Load(const std::string& server_id, const std::string& agent, absl::Time now) {
  Snapshot snapshot;
  snapshot.jobs = Jobs();
  std::erase_if(snapshot.jobs, [&](const DeclaredJob& j) { return !agent.empty() && j.agent != agent; });
  absl::StatusOr<std::vector<Server>> servers = Servers(server_id);
  if (!servers.ok()) return servers.status();
  snapshot.servers = std::move(*servers);
  // Failed slots are looked up from the oldest one any job could still run again.
  absl::Time retry_since = now;
  for (const DeclaredJob& job : snapshot.jobs) {
    const SlotSeries& series = snapshot.series.emplace_back(*SlotSeries::Of(job.spec.schedule()));  // Jobs() kept valid ones
    retry_since = std::min(retry_since, series.NthLatest(now - series.jitter(), options_.catch_up_slots));
  }
  absl::StatusOr<std::map<PairKey, PairState>> state = LoadState(snapshot.servers, snapshot.jobs, retry_since);
  if (!state.ok()) return state.status();
  snapshot.state = std::move(*state);
  return snapshot;
}

SlotPlan Scheduler::Plan(const DeclaredJob& job, const SlotSeries& series, const Server& server, const PairState& state,
                         absl::Time now) {
  SlotPlanInput input;
  input.now = now;
  input.after = state.last.value_or(server.registered);
  {
    absl::MutexLock lock(&mu_);
    auto it = handled_.find({job.spec.name(), server.id});
    if (it != handled_.end()) input.after = std::max(input.after, it->second);
  }
  input.retry = state.retry;
  input.catch_up = options_.catch_up_slots;
  const std::string& name = job.spec.name();
  const std::string& server_id = server.id;
  input.seed = [&name, &server_id](absl::Time slot) { return SlotSeed(name, server_id, slot); };
  return PlanSlots(series, input);
}

absl::Status Scheduler::RecordSkipped(const std::string& job, const std::string& server_id, absl::Time slot) {
  return db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params0(
        "INSERT INTO gateway.job_runs (job, server_id, slot, status, attempts, claimed_by, lease_until, finished_at,"
        "   summary)"
        " VALUES ($1, $2, timestamptz 'epoch' + $3::bigint * interval '1 microsecond', 'skipped', 0, $4, now(), now(),"
        "   'agent disabled') ON CONFLICT (job, server_id, slot) DO UPDATE SET status = 'skipped', summary = 'agent disabled'"
        " WHERE gateway.job_runs.status = 'failed'",
        job, server_id, MicrosParam(slot), options_.instance);
    tx.commit();
    return absl::OkStatus();
  });
}

absl::StatusOr<int> Scheduler::Tick() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return 0;
  }
  const absl::Time now = mesh_.Now();
  absl::StatusOr<Snapshot> snapshot = Load("", "", now);
  if (!snapshot.ok()) return snapshot.status();
  const std::vector<DeclaredJob>& jobs = snapshot->jobs;
  const std::vector<SlotSeries>& series = snapshot->series;

  int queued = 0;
  std::optional<absl::Time> oldest_due;
  for (const Server& server : snapshot->servers) {
    for (size_t i = 0; i < jobs.size(); ++i) {
      const DeclaredJob& job = jobs[i];
      const PairKey key{job.spec.name(), server.id};
      const SlotPlan plan = Plan(job, series[i], server, snapshot->state[key], now);
      if (plan.run.empty()) continue;
      bool busy;
      {
        absl::MutexLock lock(&mu_);
        if (stopping_) return queued;
        busy = busy_.contains(key);
      }
      if (!job.agent_enabled) {  // recorded as skipped, so the slots are not caught up once it is enabled
        if (busy) continue;
        if (absl::Status s = RecordSkipped(key.first, key.second, plan.run.back()); !s.ok()) return s;
        slots_.Add({{"outcome", "skipped"}}).Increment(static_cast<double>(plan.run.size() + plan.missed));
        absl::MutexLock lock(&mu_);
        handled_[key] = std::max(handled_[key], plan.run.back());
        continue;
      }
      oldest_due = std::min(oldest_due.value_or(plan.run.front()), plan.run.front());
      if (busy) continue;
      if (plan.missed > 0) {
        log::Info("catching up the latest due slots only",
                  {{"job", key.first}, {"server_id", key.second}, {"running", plan.run.size()}, {"missed", plan.missed},
                   {"oldest_run", FormatSlot(plan.run.front())}});
        slots_.Add({{"outcome", "missed"}}).Increment(static_cast<double>(plan.missed));
      }
      absl::MutexLock lock(&mu_);
      busy_.insert(key);
      queue_.push_back(Task{key.first, key.second, plan.run});
      queued += static_cast<int>(plan.run.size());
    }
  }
  lag_.Set(oldest_due.has_value() ? absl::ToDoubleSeconds(now - *oldest_due) : 0.0);
  return queued;
}

void Scheduler::RunTask(const Task& task) {
  for (absl::Time slot : task.slots) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    JobSlotRun run;
    run.job = task.job;
    run.server_id = task.server_id;
    run.slot = slot;
    run.now = mesh_.Now();
    absl::StatusOr<JobRunResult> result = runner_.Run(run);
    if (!result.ok()) {
      log::Warn("job slot not run; it is planned again on a later tick",
                {{"job", task.job}, {"server_id", task.server_id}, {"slot", FormatSlot(slot)}, {"error", result.status()}});
      slots_.Add({{"outcome", "error"}}).Increment();
      return;  // later slots wait, so the job's slots stay in order
    }
    const v1::JobRun& r = result->run;
    const char* outcome = !result->claimed ? "recorded" : r.status() == v1::JOB_RUN_STATUS_DONE ? "done" : "failed";
    slots_.Add({{"outcome", outcome}}).Increment();
    log::Write(result->claimed ? log::Level::kInfo : log::Level::kDebug, "job slot run",
               {{"job", task.job},
                {"server_id", task.server_id},
                {"slot", FormatSlot(slot)},
                {"status", StatusWord(r.status())},
                {"actions", r.actions_queued()},
                {"attempts", r.attempts()},
                {"error", r.error()}});
    absl::MutexLock lock(&mu_);
    absl::Time& handled = handled_[{task.job, task.server_id}];
    handled = std::max(handled, slot);
  }
}

void Scheduler::Work() {
  while (true) {
    Task task;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_ || !queue_.empty(); };
      mu_.Await(absl::Condition(&ready));
      if (stopping_) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    RunTask(task);
    absl::MutexLock lock(&mu_);
    busy_.erase({task.job, task.server_id});
  }
}

void Scheduler::Loop() {
  bool failing = false;  // log a failing pass once, and its end
  while (true) {
    absl::StatusOr<int> queued = Tick();
    if (queued.ok() == failing) {
      failing = !failing;
      failing ? log::Warn("scheduler pass failed; retrying every tick", {{"error", queued.status()}})
              : log::Info("scheduler passes resumed");
    }
    absl::MutexLock lock(&mu_);
    auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping), options_.tick)) return;
  }
}

void Scheduler::Start() {
  if (started_.exchange(true)) return;
  for (int i = 0; i < std::max(1, options_.workers); ++i) workers_.emplace_back([this] { Work(); });
  if (options_.ticking) ticker_ = std::thread([this] { Loop(); });
  log::Info("scheduler started", {{"tick", options_.tick}, {"catch_up_slots", options_.catch_up_slots},
                                  {"workers", options_.workers}, {"game_day_seconds", mesh_.game_day_seconds()}});
}

void Scheduler::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  if (ticker_.joinable()) ticker_.join();
  for (std::thread& w : workers_) {
    if (w.joinable()) w.join();
  }
  workers_.clear();
  absl::MutexLock lock(&mu_);
  queue_.clear();
  busy_.clear();
}

void Scheduler::WaitIdleForTest() {
  absl::MutexLock lock(&mu_);
  auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_ || busy_.empty(); };
  mu_.Await(absl::Condition(&idle));
}

absl::StatusOr<std::vector<v1::ScheduledJob>> Scheduler::List(const std::string& server_id, const std::string& agent) {
  const absl::Time now = mesh_.Now();
  absl::StatusOr<Snapshot> snapshot = Load(server_id, agent, now);
  if (!snapshot.ok()) return snapshot.status();
  const std::vector<DeclaredJob>& jobs = snapshot->jobs;
  const std::vector<SlotSeries>& series = snapshot->series;

  std::map<PairKey, v1::JobRun> last_runs;
  if (!snapshot->servers.empty() && !jobs.empty()) {
    PgArray server_ids, job_names;
    for (const Server& server : snapshot->servers) {
      for (const DeclaredJob& job : jobs) {
        server_ids.Add(server.id);
        job_names.Add(job.spec.name());
      }
    }
    absl::Status s = db_.Run([&](pqxx::connection& c) {
      pqxx::nontransaction tx(c);
      pqxx::result r = tx.exec_params(
          absl::StrCat("SELECT ", kJobRunColumns, ", p.job, p.server_id,"
                       " round(extract(epoch FROM r.slot) * 1000000)::bigint"
                       " FROM unnest($1::text[], $2::text[]) AS p(job, server_id)"
                       " CROSS JOIN LATERAL (SELECT * FROM gateway.job_runs j WHERE j.server_id = p.server_id"
                       "   AND j.job = p.job ORDER BY j.slot DESC LIMIT 1) r"),
          job_names.Literal(), server_ids.Literal());
      for (const auto& row : r) {
        const std::string job = row[9].as<std::string>();
        const std::string server = row[10].as<std::string>();
        last_runs[{job, server}] = JobRunFromRow(job, server, absl::FromUnixMicros(row[11].as<int64_t>()), row);
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return s;
  }

  std::vector<v1::ScheduledJob> out;
  for (const Server& server : snapshot->servers) {
    for (size_t i = 0; i < jobs.size(); ++i) {
      const DeclaredJob& job = jobs[i];
      const PairKey key{job.spec.name(), server.id};
      const SlotPlan plan = Plan(job, series[i], server, snapshot->state[key], now);
      v1::ScheduledJob entry;
      entry.set_group(GroupKind(job.group));
      entry.set_agent(job.agent);
      *entry.mutable_job() = job.spec;
      entry.set_server_id(server.id);
      entry.set_agent_enabled(job.agent_enabled);
      if (auto it = last_runs.find(key); it != last_runs.end()) *entry.mutable_last_run() = it->second;
      *entry.mutable_next_slot() = ToProto(plan.next);
      out.push_back(std::move(entry));
    }
  }
  auto earlier = [](const v1::ScheduledJob& a, const v1::ScheduledJob& b) {
    const absl::Time ta = FromProto(a.next_slot()), tb = FromProto(b.next_slot());
    if (ta != tb) return ta < tb;
    if (a.server_id() != b.server_id()) return a.server_id() < b.server_id();
    return a.job().name() < b.job().name();
  };
  std::sort(out.begin(), out.end(), earlier);
  std::map<std::string, size_t> per_server;
  std::erase_if(out, [&](const v1::ScheduledJob& j) { return ++per_server[j.server_id()] > kListPerServer; });
  return out;
}

}  // namespace aiworld::gateway
