#include "gateway/job_runner.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "aiworld/v1/core.grpc.pb.h"
#include "gateway/game_time.h"
#include "gateway/pg_arrays.h"
#include "runtime/agent_groups.h"
#include "runtime/log.h"
#include "runtime/proto_time.h"
#include "runtime/random.h"

namespace aiworld::gateway {
namespace {

std::string Timestamp(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%E6S+00", t, absl::UTCTimeZone()); }

absl::Time FromEpoch(const pqxx::field& f) { return absl::FromUnixMicros(static_cast<int64_t>(f.as<double>() * 1e6)); }

v1::JobRunStatus StatusOf(const std::string& s) {
  if (s == "running") return v1::JOB_RUN_STATUS_RUNNING;
  if (s == "done") return v1::JOB_RUN_STATUS_DONE;
  if (s == "failed") return v1::JOB_RUN_STATUS_FAILED;
  if (s == "skipped") return v1::JOB_RUN_STATUS_SKIPPED;
  return v1::JOB_RUN_STATUS_UNSPECIFIED;
}

std::vector<std::string> ParseTextArray(const pqxx::field& field) {
  std::vector<std::string> out;
  auto array = field.as_array();
  for (auto item = array.get_next(); item.first != pqxx::array_parser::juncture::done; item = array.get_next()) {
    if (item.first == pqxx::array_parser::juncture::string_value) out.push_back(item.second);
  }
  return out;
}

}  // namespace

const char kJobRunColumns[] =
    "status, manual, attempts, extract(epoch FROM started_at)::float8, extract(epoch FROM finished_at)::float8,"
    " actions_queued, summary, error, action_ids";

v1::JobRun JobRunFromRow(const std::string& job, const std::string& server_id, absl::Time slot, const pqxx::row& row) {
  v1::JobRun run;
  run.mutable_slot()->set_job(job);
  *run.mutable_slot()->mutable_slot() = ToProto(slot);
  run.set_server_id(server_id);
  run.set_status(StatusOf(row[0].as<std::string>()));
  run.set_manual(row[1].as<bool>());
  run.set_attempts(row[2].as<uint32_t>());
  *run.mutable_started_at() = ToProto(FromEpoch(row[3]));
  if (!row[4].is_null()) *run.mutable_finished_at() = ToProto(FromEpoch(row[4]));
  run.set_actions_queued(row[5].as<uint32_t>());
  run.set_summary(row[6].as<std::string>());
  run.set_error(row[7].as<std::string>());
  return run;
}

JobRunner::JobRunner(PgPool& db, GroupDirectory& groups, ActionMerger& merger, Wakeups& wakeups, const ScaledClock& mesh,
                     JobRunnerOptions options, prometheus::Registry& metrics)
    : db_(db),
      groups_(groups),
      merger_(merger),
      wakeups_(wakeups),
      mesh_(mesh),
      options_(std::move(options)),
      runs_(prometheus::BuildCounter()
                .Name("aiworld_gateway_job_runs_total")
                .Help("Job slots run by this gateway, by group and outcome (done, failed, recorded).")
                .Register(metrics)) {}

v1::WorldSnapshot JobRunner::WorldOf(const std::string& server_id, absl::Time now) {
  v1::WorldSnapshot world;
  std::shared_ptr<grpc::Channel> channel = groups_.Channel("core");
  if (channel == nullptr) return world;
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + options_.world_deadline));
  v1::GetWorldSnapshotRequest request;
  request.set_server_id(server_id);
  *request.mutable_now() = ToProto(now);
  v1::GetWorldSnapshotResponse response;
  if (v1::Core::NewStub(channel)->GetWorldSnapshot(&ctx, request, &response).ok()) world = response.world();
  return world;
}

absl::StatusOr<JobRunResult> JobRunner::Recorded(const JobSlotRun& request) {
  JobRunResult result;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    pqxx::result rows = tx.exec_params(absl::StrCat("SELECT ", kJobRunColumns, " FROM gateway.job_runs"
                                                    " WHERE job = $1 AND server_id = $2 AND slot = $3::timestamptz"),
                                       request.job, request.server_id, Timestamp(request.slot));
    if (rows.empty()) return absl::NotFoundError("job run: vanished");
    result.run = JobRunFromRow(request.job, request.server_id, request.slot, rows[0]);
    result.action_ids = ParseTextArray(rows[0][8]);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return result;
}

absl::StatusOr<JobRunResult> JobRunner::Run(const JobSlotRun& request) {
  std::optional<std::pair<std::string, v1::JobSpec>> owner = groups_.JobOwner(request.job);
  if (!owner.has_value()) {
    groups_.RefreshAll();  // a group that started after this gateway may not be described yet
    owner = groups_.JobOwner(request.job);
  }
  if (!owner.has_value()) return absl::NotFoundError(absl::StrCat("job: no group declares \"", request.job, "\""));
  const std::string& group = owner->first;

  int attempt = 0;
  absl::Status claimed = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    pqxx::result r = tx.exec_params(
        "INSERT INTO gateway.job_runs (job, server_id, slot, status, manual, attempts, claimed_by, lease_until)"
        " VALUES ($1, $2, $3::timestamptz, 'running', $4, 1, $5, now() + make_interval(secs => $6))"
        " ON CONFLICT (job, server_id, slot) DO UPDATE SET status = 'running', attempts = gateway.job_runs.attempts + 1,"
        "   claimed_by = EXCLUDED.claimed_by, lease_until = EXCLUDED.lease_until, error = ''"
        " WHERE gateway.job_runs.status = 'failed'"
        "    OR (gateway.job_runs.status = 'running' AND gateway.job_runs.lease_until < now())"
        " RETURNING attempts",
        request.job, request.server_id, Timestamp(request.slot), request.manual, options_.instance,
        absl::ToDoubleSeconds(options_.lease));
    tx.commit();
    attempt = r.empty() ? 0 : r[0][0].as<int>();
    return absl::OkStatus();
  });
  if (!claimed.ok()) return claimed;
  if (attempt == 0) {  // done, or running on a replica whose lease holds
    runs_.Add({{"group", group}, {"outcome", "recorded"}}).Increment();
    return Recorded(request);
  }

  v1::RunJobRequest call;
  call.set_job(request.job);
  call.set_server_id(request.server_id);
  *call.mutable_slot() = ToProto(request.slot);
  *call.mutable_now() = ToProto(request.now);
  *call.mutable_world() = WorldOf(request.server_id, request.now);
  call.set_seed(StableSeed({request.job, request.server_id, absl::StrCat(absl::ToUnixMicros(request.slot))}));
  call.set_attempt(static_cast<uint32_t>(attempt));
  call.set_game_day_seconds(mesh_.game_day_seconds());
  call.set_manual(request.manual);
  const v1::JobSpec& spec = owner->second;
  absl::Duration deadline = spec.has_timeout() ? FromProto(spec.timeout()) : options_.default_deadline;
  if (request.deadline > absl::ZeroDuration()) deadline = request.deadline;
  // A call must end before its claim's lease does, or another replica could run the slot meanwhile.
  deadline = std::min(deadline, options_.lease - absl::Seconds(5));
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  v1::RunJobResponse response;
  const grpc::Status s = groups_.Stub(group).RunJob(&ctx, call, &response);
  if (!s.ok()) {
    const std::string error = absl::StrCat("RunJob: ", absl::StatusCodeToString(static_cast<absl::StatusCode>(s.error_code())), " ",
                                           s.error_message());
    log::Warn("job run failed", {{"job", request.job}, {"server_id", request.server_id}, {"error", error}});
    runs_.Add({{"group", group}, {"outcome", "failed"}}).Increment();
    if (absl::Status f = Fail(request, error.substr(0, 255)); !f.ok()) return f;
    absl::StatusOr<JobRunResult> recorded = Recorded(request);
    if (recorded.ok()) recorded->claimed = true;
    return recorded;
  }
  JobRunResult result;
  if (absl::Status f = Finish(request, group, response, &result); !f.ok()) return f;
  runs_.Add({{"group", group}, {"outcome", "done"}}).Increment();
  absl::StatusOr<JobRunResult> recorded = Recorded(request);
  if (recorded.ok()) recorded->claimed = true;
  return recorded;
}

absl::Status JobRunner::Fail(const JobSlotRun& request, const std::string& error) {
  return db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params0("UPDATE gateway.job_runs SET status = 'failed', error = $4, finished_at = now()"
                    " WHERE job = $1 AND server_id = $2 AND slot = $3::timestamptz AND status = 'running' AND claimed_by = $5",
                    request.job, request.server_id, Timestamp(request.slot), error, options_.instance);
    tx.commit();
    return absl::OkStatus();
  });
}

absl::Status JobRunner::Finish(const JobSlotRun& request, const std::string& group, const v1::RunJobResponse& response,
                               JobRunResult* result) {
  std::vector<v1::Action> actions(response.actions().begin(), response.actions().end());
  for (v1::Action& a : actions) {
    if (a.origin().group() == v1::AGENT_GROUP_KIND_UNSPECIFIED) a.mutable_origin()->set_group(GroupKind(group));
    if (a.cause().events().empty() && !a.cause().has_job()) {
      a.mutable_cause()->mutable_job()->set_job(request.job);
      *a.mutable_cause()->mutable_job()->mutable_slot() = ToProto(request.slot);
    }
    ToRealTime(mesh_.anchor(), a);
  }
  const std::string origin_key = absl::StrCat("job/", request.job, "/", request.server_id, "/", absl::ToUnixSeconds(request.slot));
  bool queued_any = false;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    pqxx::result row = tx.exec_params("SELECT status FROM gateway.job_runs WHERE job = $1 AND server_id = $2"
                                      " AND slot = $3::timestamptz FOR UPDATE",
                                      request.job, request.server_id, Timestamp(request.slot));
    if (row.empty() || row[0][0].as<std::string>() == "done") return absl::OkStatus();  // another replica finished it
    MergeOutcome merged = merger_.Merge(tx, request.server_id, group, origin_key, actions);
    PgArray ids;
    for (const std::string& id : merged.queued_ids) ids.Add(id);
    tx.exec_params0("UPDATE gateway.job_runs SET status = 'done', finished_at = now(), actions_queued = $4,"
                    " action_ids = $5::text[], summary = $6, error = ''"
                    " WHERE job = $1 AND server_id = $2 AND slot = $3::timestamptz",
                    request.job, request.server_id, Timestamp(request.slot), merged.queued, ids.Literal(),
                    response.summary().substr(0, 500));
    if (merged.queued > 0) tx.exec_params("SELECT pg_notify('aiworld_actions', $1)", request.server_id);
    tx.commit();
    queued_any = merged.queued > 0;
    result->action_ids = merged.queued_ids;
    return absl::OkStatus();
  });
  if (s.ok() && queued_any) wakeups_.Notify(Wakeups::ActionsFor(request.server_id));
  return s;
}

}  // namespace aiworld::gateway
