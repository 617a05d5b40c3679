#include "gateway/admin_service.h"

#include <google/protobuf/util/json_util.h>
#include <openssl/crypto.h>

#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gateway/bridge_service.h"
#include "gateway/llm_usage_merge.h"
#include "gateway/pg_arrays.h"
#include "runtime/agent_groups.h"
#include "runtime/day_range.h"
#include "runtime/log.h"
#include "runtime/migrations.h"
#include "runtime/proto_time.h"

namespace aiworld::gateway {
namespace {

constexpr uint32_t kDefaultPage = 50;
constexpr uint32_t kMaxPage = 200;

grpc::Status PageSize(const v1::Pagination& page, uint32_t* size, int64_t* after) {
  *size = page.page_size() == 0 ? kDefaultPage : page.page_size();
  if (*size > kMaxPage) return {grpc::StatusCode::INVALID_ARGUMENT, "page.page_size: at most 200"};
  *after = 0;
  if (!page.page_token().empty() && !absl::SimpleAtoi(page.page_token(), after)) {
    return {grpc::StatusCode::INVALID_ARGUMENT, "page.page_token: not a token from a previous page"};
  }
  return grpc::Status::OK;
}

v1::ActionState StateOf(const std::string& state) {
  static const std::map<std::string, v1::ActionState> kStates = {
      {"available", v1::ACTION_STATE_PENDING}, {"leased", v1::ACTION_STATE_LEASED},
      {"done", v1::ACTION_STATE_DONE},         {"duplicate", v1::ACTION_STATE_DONE},
      {"failed", v1::ACTION_STATE_FAILED},     {"expired", v1::ACTION_STATE_EXPIRED},
      {"dead", v1::ACTION_STATE_DEAD}};
  auto it = kStates.find(state);
  return it == kStates.end() ? v1::ACTION_STATE_UNSPECIFIED : it->second;
}

grpc::Status Grpc(const absl::Status& s) { return ToGrpc(s); }

}  // namespace

AdminService::AdminService(std::string admin_token, PgPool& db, ServerKeys& keys, ActionQueue& queue, Inbox& inbox,
                           GroupDirectory& groups, JobRunner& jobs, Scheduler& schedule, const Clock& mesh)
    : admin_token_(std::move(admin_token)),
      db_(db),
      keys_(keys),
      queue_(queue),
      inbox_(inbox),
      groups_(groups),
      jobs_(jobs),
      schedule_(schedule),
      clock_(mesh) {}

grpc::Status AdminService::CheckToken(grpc::ServerContext* context) const {
  if (admin_token_.empty()) {
    return {grpc::StatusCode::UNAUTHENTICATED, "admin calls are disabled: start the gateway with --admin-token"};
  }
  const auto& md = context->client_metadata();
  auto it = md.find("authorization");
  const std::string expected = "Bearer " + admin_token_;
  if (it == md.end() || it->second.size() != expected.size() ||
      CRYPTO_memcmp(it->second.data(), expected.data(), expected.size()) != 0) {
    return {grpc::StatusCode::UNAUTHENTICATED, "admin token missing or wrong: send \"authorization: Bearer <token>\""};
  }
  return grpc::Status::OK;
}

void AdminService::Record(grpc::ServerContext* context, const char* call, const google::protobuf::Message& request,
                          const grpc::Status& outcome) {
  std::string arguments;
  (void)google::protobuf::util::MessageToJsonString(request, &arguments);
  const std::string caller = CheckToken(context).ok() ? "admin" : "unauthenticated";
  const std::string result = outcome.ok() ? "OK" : absl::StrCat(outcome.error_code(), " ", outcome.error_message());
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params("INSERT INTO gateway.admin_audit (caller, call, arguments, peer, outcome) VALUES ($1, $2, $3, $4, $5)",
                   caller, std::string(call), arguments, context->peer(), result);
    tx.commit();
    return absl::OkStatus();
  });
  if (!s.ok()) log::Error("admin audit record lost", {{"call", call}, {"error", s}});
}

template <typename Request, typename Body>
grpc::Status AdminService::Audited(grpc::ServerContext* context, const char* call, const Request& request, Body body) {
  grpc::Status status = CheckToken(context);
  if (status.ok()) status = body();
  Record(context, call, request, status);
  return status;
}

grpc::Status AdminService::ListAgents(grpc::ServerContext* ctx, const v1::ListAgentsRequest* req,
                                      v1::ListAgentsResponse* resp) {
  return Audited(ctx, "ListAgents", *req, [&]() -> grpc::Status {
    groups_.RefreshAll();
    for (const std::string& g : groups_.groups()) {
      if (req->group() != v1::AGENT_GROUP_KIND_UNSPECIFIED && req->group() != GroupKind(g)) continue;
      v1::GroupAgents* out = resp->add_groups();
      out->set_group(GroupKind(g));
      std::string error;
      std::optional<v1::DescribeResponse> d = groups_.LastDescription(g, &error);
      out->set_reachable(error.empty() && d.has_value());
      out->set_error(error);
      if (d.has_value()) {
        out->set_version(d->version());
        *out->mutable_agents() = d->agents();
      }
    }
    return grpc::Status::OK;
  });
}

grpc::Status AdminService::SetAgentEnabled(grpc::ServerContext* ctx, const v1::AdminSetAgentEnabledRequest* req,
                                           v1::AdminSetAgentEnabledResponse* resp) {
  return Audited(ctx, "SetAgentEnabled", *req, [&]() -> grpc::Status {
    if (req->agent().empty()) return {grpc::StatusCode::INVALID_ARGUMENT, "agent: required"};
    groups_.RefreshAll();
    for (const std::string& g : groups_.groups()) {
      std::optional<v1::DescribeResponse> d = groups_.LastDescription(g, nullptr);
      if (!d.has_value()) continue;
      for (const auto& agent : d->agents()) {
        if (agent.name() != req->agent()) continue;
        grpc::ClientContext call;
        call.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
        v1::SetAgentEnabledRequest forward;
        forward.set_agent(req->agent());
        forward.set_enabled(req->enabled());
        forward.set_reason(req->reason());
        v1::SetAgentEnabledResponse answer;
        grpc::Status s = groups_.Stub(g).SetAgentEnabled(&call, forward, &answer);
        if (!s.ok()) return s;
        resp->set_group(GroupKind(g));
        *resp->mutable_agent() = answer.agent();
        resp->set_changed(answer.changed());
        return grpc::Status::OK;
      }
    }
    return {grpc::StatusCode::NOT_FOUND, absl::StrCat("agent: no reachable group has an agent named \"", req->agent(), "\"")};
  });
}

grpc::Status AdminService::GetQueueStats(grpc::ServerContext* ctx, const v1::GetQueueStatsRequest* req,
                                         v1::GetQueueStatsResponse* resp) {
  return Audited(ctx, "GetQueueStats", *req, [&]() -> grpc::Status {
    absl::Status s = db_.Run([&](pqxx::connection& c) {
      pqxx::nontransaction tx(c);
      std::map<std::string, v1::ServerQueueStats> servers;
      auto server = [&](const std::string& id) -> v1::ServerQueueStats& {
        auto& st = servers[id];
        st.set_server_id(id);
        return st;
      };
      for (const auto& r : tx.exec_params(
               "SELECT server_id, max(sequence) FROM gateway.inbox WHERE ($1 = '' OR server_id = $1) GROUP BY 1",
               req->server_id())) {
        server(r[0].as<std::string>()).set_last_durable_sequence(r[1].as<uint64_t>());
      }
      for (const auto& r : tx.exec_params(
               "SELECT s.server_id, s.grp, count(*), extract(epoch FROM now() - min(i.received_at))::float8,"
               "  bool_or(s.attempts > 0), sum(i.event_count)"
               " FROM gateway.inbox_shares s JOIN gateway.inbox i USING (server_id, sequence)"
               " WHERE s.state = 'pending' AND ($1 = '' OR s.server_id = $1) GROUP BY 1, 2",
               req->server_id())) {
        v1::ServerQueueStats& st = server(r[0].as<std::string>());
        v1::GroupBacklog* b = st.add_groups();
        b->set_group(GroupKind(r[1].as<std::string>()));
        b->set_pending_batches(r[2].as<uint64_t>());
        *b->mutable_oldest_pending_age() = ToProto(absl::Seconds(r[3].as<double>()));
        b->set_failing(r[4].as<bool>());
        st.set_inbox_pending_batches(std::max<uint64_t>(st.inbox_pending_batches(), r[2].as<uint64_t>()));
        st.set_inbox_pending_events(std::max<uint64_t>(st.inbox_pending_events(), r[5].as<uint64_t>()));
      }
      for (const auto& r : tx.exec_params(
               "SELECT server_id, count(*) FILTER (WHERE state = 'available'), count(*) FILTER (WHERE state = 'leased'),"
               "  count(*) FILTER (WHERE state = 'dead'),"
               "  coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE state = 'available')), 0)::float8"
               " FROM gateway.actions WHERE ($1 = '' OR server_id = $1) GROUP BY 1",
               req->server_id())) {
        v1::ServerQueueStats& st = server(r[0].as<std::string>());
        st.set_actions_pending(r[1].as<uint64_t>());
        st.set_actions_leased(r[2].as<uint64_t>());
        st.set_actions_dead(r[3].as<uint64_t>());
        *st.mutable_oldest_pending_action_age() = ToProto(absl::Seconds(r[4].as<double>()));
      }
      for (const auto& r : tx.exec_params(
               "SELECT server_id, count(*) FILTER (WHERE final_state IN ('done', 'duplicate')),"
               "  count(*) FILTER (WHERE final_state = 'failed')"
               " FROM gateway.actions_archive WHERE finished_at > now() - interval '1 hour'"
               "  AND ($1 = '' OR server_id = $1) GROUP BY 1",
               req->server_id())) {
        v1::ServerQueueStats& st = server(r[0].as<std::string>());
        st.set_actions_done_last_hour(r[1].as<uint64_t>());
        st.set_actions_failed_last_hour(r[2].as<uint64_t>());
      }
      for (const auto& r : tx.exec_params(
               "SELECT server_id, count(*) FROM gateway.rejected_events WHERE received_at > now() - interval '1 hour'"
               " AND ($1 = '' OR server_id = $1) GROUP BY 1",
               req->server_id())) {
        server(r[0].as<std::string>()).set_events_rejected_last_hour(r[1].as<uint64_t>());
      }
      for (auto& [id, st] : servers) *resp->add_servers() = std::move(st);
      *resp->mutable_taken_at() = ToProto(absl::Now());
      return absl::OkStatus();
    });
    return Grpc(s);
  });
}

grpc::Status AdminService::ListDeadActions(grpc::ServerContext* ctx, const v1::ListDeadActionsRequest* req,
                                           v1::ListDeadActionsResponse* resp) {
  return Audited(ctx, "ListDeadActions", *req, [&]() -> grpc::Status {
    uint32_t size;
    int64_t after;
    if (grpc::Status p = PageSize(req->page(), &size, &after); !p.ok()) return p;
    absl::StatusOr<std::vector<ActionRecord>> dead = queue_.ListDead(req->server_id(), static_cast<int>(after + size + 1));
    if (!dead.ok()) return Grpc(dead.status());
    int64_t index = 0;
    for (const ActionRecord& rec : *dead) {
      if (index++ < after) continue;
      if (resp->actions_size() == static_cast<int>(size)) {
        resp->set_next_page_token(std::to_string(after + size));
        break;
      }
      if (req->kind() != v1::ACTION_KIND_UNSPECIFIED && static_cast<int>(rec.action.kind_case()) != req->kind()) continue;
      v1::DeadAction* d = resp->add_actions();
      *d->mutable_action() = rec.action;
      d->mutable_last_result()->set_action_id(rec.action.action_id());
      d->mutable_last_result()->set_reason(rec.last_error);
      d->mutable_last_result()->set_attempt(static_cast<uint32_t>(rec.attempts));
    }
    return grpc::Status::OK;
  });
}

grpc::Status AdminService::ReplayDeadActions(grpc::ServerContext* ctx, const v1::ReplayDeadActionsRequest* req,
                                             v1::ReplayDeadActionsResponse* resp) {
  return Audited(ctx, "ReplayDeadActions", *req, [&]() -> grpc::Status {
    if (req->server_id().empty() && req->action_ids().empty()) {
      return {grpc::StatusCode::INVALID_ARGUMENT, "server_id: name a server or action_ids (replaying everything is not allowed)"};
    }
    std::vector<std::string> ids(req->action_ids().begin(), req->action_ids().end());
    absl::StatusOr<int64_t> n = queue_.ReplayDead(req->server_id(), ids);
    if (!n.ok()) return Grpc(n.status());
    resp->set_replayed_count(static_cast<uint32_t>(*n));
    return grpc::Status::OK;
  });
}

grpc::Status AdminService::ExplainAction(grpc::ServerContext* ctx, const v1::ExplainActionRequest* req,
                                         v1::ExplainActionResponse* resp) {
  return Audited(ctx, "ExplainAction", *req, [&]() -> grpc::Status {
    if (req->action_id().empty()) return {grpc::StatusCode::INVALID_ARGUMENT, "action_id: required"};
    absl::StatusOr<std::optional<ActionRecord>> found = queue_.Find(req->action_id());
    if (!found.ok()) return Grpc(found.status());
    if (!found->has_value()) return {grpc::StatusCode::NOT_FOUND, absl::StrCat("action_id: no action ", req->action_id())};
    const ActionRecord& rec = **found;
    *resp->mutable_action() = rec.action;
    resp->set_state(StateOf(rec.state));
    // The events that caused it, read back from the inbox.
    absl::Status s = db_.Run([&](pqxx::connection& c) {
      pqxx::nontransaction tx(c);
      for (const v1::EventRef& ref : rec.action.cause().events()) {
        pqxx::result r = tx.exec_params("SELECT batch FROM gateway.inbox WHERE server_id = $1 AND sequence = $2",
                                        ref.server_id(), static_cast<int64_t>(ref.batch_sequence()));
        v1::CauseEvent* cause = resp->add_events();
        *cause->mutable_ref() = ref;
        if (r.empty()) continue;
        const pqxx::binarystring bytes(r[0][0]);
        v1::EventBatch batch;
        batch.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
        if (ref.event_index() < static_cast<uint32_t>(batch.events_size())) {
          *cause->mutable_event() = batch.events(static_cast<int>(ref.event_index()));
        }
      }
      return absl::OkStatus();
    });
    if (!s.ok()) return Grpc(s);
    if (rec.attempts > 0) {
      v1::DeliveryAttempt* d = resp->add_deliveries();
      d->set_attempt(static_cast<uint32_t>(rec.attempts));
      if (rec.finished_at.has_value()) {
        d->mutable_result()->set_action_id(rec.action.action_id());
        d->mutable_result()->set_reason(rec.last_error);
        const std::string& state = rec.state;
        d->mutable_result()->set_status(state == "done"      ? v1::ACTION_STATUS_DONE
                                        : state == "failed"  ? v1::ACTION_STATUS_FAILED
                                        : state == "expired" ? v1::ACTION_STATUS_EXPIRED
                                                             : v1::ACTION_STATUS_DUPLICATE);
        d->mutable_result()->set_code(static_cast<v1::ActionErrorCode>(rec.result_code));
        d->mutable_result()->set_affected_count(static_cast<uint32_t>(rec.affected_count));
        d->mutable_result()->set_attempt(static_cast<uint32_t>(rec.attempts));
        *d->mutable_result()->mutable_executed_at() = ToProto(*rec.finished_at);
      }
    }
    return grpc::Status::OK;
  });
}

grpc::Status AdminService::ErasePlayer(grpc::ServerContext* ctx, const v1::ErasePlayerRequest* req,
                                       v1::ErasePlayerResponse* resp) {
  return Audited(ctx, "ErasePlayer", *req, [&]() -> grpc::Status {
    if (req->account_id() == 0 && req->char_ids().empty()) {
      return {grpc::StatusCode::INVALID_ARGUMENT, "account_id: name an account or char_ids"};
    }
    bool complete = true;
    for (const std::string& g : groups_.groups()) {
      v1::EraseReport* report = resp->add_reports();
      report->set_owner(g);
      grpc::ClientContext call;
      call.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
      v1::ErasePlayerDataRequest forward;
      forward.set_account_id(req->account_id());
      *forward.mutable_char_ids() = req->char_ids();
      forward.set_dry_run(req->dry_run());
      v1::ErasePlayerDataResponse answer;
      grpc::Status s = groups_.Stub(g).ErasePlayerData(&call, forward, &answer);
      if (s.ok()) {
        *report->mutable_tables() = answer.tables();
        report->set_done(true);
      } else {
        report->set_error(absl::StrCat(s.error_code(), " ", s.error_message()));
        complete = false;
      }
    }
    // The gateway's own rows that name the characters: queued actions targeting them.
    v1::EraseReport* own = resp->add_reports();
    own->set_owner("gateway");
    PgArray chars;
    for (uint32_t id : req->char_ids()) chars.AddInt(id);
    absl::Status s = db_.Run([&](pqxx::connection& c) {
      pqxx::work tx(c);
      for (const char* table : {"gateway.actions", "gateway.actions_archive"}) {
        pqxx::result r = req->dry_run()
                             ? tx.exec_params(absl::StrCat("SELECT count(*) FROM ", table, " WHERE target_char_id = ANY($1::bigint[])"), chars.Literal())
                             : tx.exec_params(absl::StrCat("WITH d AS (DELETE FROM ", table,
                                                           " WHERE target_char_id = ANY($1::bigint[]) RETURNING 1) SELECT count(*) FROM d"),
                                              chars.Literal());
        v1::TableCount* t = own->add_tables();
        t->set_table(table);
        t->set_rows(r[0][0].as<uint64_t>());
      }
      tx.commit();
      return absl::OkStatus();
    });
    own->set_done(s.ok());
    if (!s.ok()) {
      own->set_error(std::string(s.message()));
      complete = false;
    }
    resp->set_complete(complete);
    return grpc::Status::OK;
  });
}

grpc::Status AdminService::IssueServerKey(grpc::ServerContext* ctx, const v1::IssueServerKeyRequest* req,
                                          v1::IssueServerKeyResponse* resp) {
  return Audited(ctx, "IssueServerKey", *req, [&]() -> grpc::Status {
    absl::StatusOr<IssuedKey> key = keys_.Issue(req->server_id(), req->description());
    if (!key.ok()) return Grpc(key.status());
    resp->mutable_key()->set_key_id(key->key_id);
    resp->mutable_key()->set_server_id(key->server_id);
    resp->mutable_key()->set_description(req->description());
    *resp->mutable_key()->mutable_created_at() = ToProto(absl::Now());
    resp->set_secret(key->token);
    return grpc::Status::OK;
  });
}

grpc::Status AdminService::RevokeServerKey(grpc::ServerContext* ctx, const v1::RevokeServerKeyRequest* req,
                                           v1::RevokeServerKeyResponse* resp) {
  return Audited(ctx, "RevokeServerKey", *req, [&]() -> grpc::Status {
    if (req->key_id().empty()) return {grpc::StatusCode::INVALID_ARGUMENT, "key_id: required"};
    if (absl::Status s = keys_.Revoke(req->key_id()); !s.ok()) return Grpc(s);
    resp->mutable_key()->set_key_id(req->key_id());
    *resp->mutable_key()->mutable_revoked_at() = ToProto(absl::Now());
    resp->set_changed(true);
    return grpc::Status::OK;
  });
}

grpc::Status AdminService::ListServerKeys(grpc::ServerContext* ctx, const v1::ListServerKeysRequest* req,
                                          v1::ListServerKeysResponse* resp) {
  return Audited(ctx, "ListServerKeys", *req, [&]() -> grpc::Status {
    absl::StatusOr<std::vector<KeyInfo>> keys = keys_.List(req->server_id());
    if (!keys.ok()) return Grpc(keys.status());
    for (const KeyInfo& k : *keys) {
      if (k.revoked_at.has_value() && !req->include_inactive()) continue;
      v1::ServerKey* out = resp->add_keys();
      out->set_key_id(k.key_id);
      out->set_server_id(k.server_id);
      out->set_description(k.label);
      *out->mutable_created_at() = ToProto(k.created_at);
      if (k.revoked_at.has_value()) *out->mutable_revoked_at() = ToProto(*k.revoked_at);
    }
    return grpc::Status::OK;
  });
}

grpc::Status AdminService::ListRejectedEvents(grpc::ServerContext* ctx, const v1::ListRejectedEventsRequest* req,
                                              v1::ListRejectedEventsResponse* resp) {
  return Audited(ctx, "ListRejectedEvents", *req, [&]() -> grpc::Status {
    uint32_t size;
    int64_t after;
    if (grpc::Status p = PageSize(req->page(), &size, &after); !p.ok()) return p;
    const double since = req->has_since() ? absl::ToUnixMicros(FromProto(req->since())) / 1e6 : 0;
    absl::Status s = db_.Run([&](pqxx::connection& c) {
      pqxx::nontransaction tx(c);
      pqxx::result r = tx.exec_params(
          "SELECT id, server_id, sequence, event_index, field, reason, extract(epoch FROM received_at)::float8, event"
          " FROM gateway.rejected_events WHERE ($1 = '' OR server_id = $1) AND received_at >= to_timestamp($2)"
          "  AND ($3 = 0 OR id < $3) ORDER BY id DESC LIMIT $4",
          req->server_id(), since, after, size + 1);
      for (const auto& row : r) {
        if (resp->events_size() == static_cast<int>(size)) {
          resp->set_next_page_token(std::to_string(row[0].as<int64_t>() + 1));
          break;
        }
        v1::RejectedEventRecord* e = resp->add_events();
        e->mutable_ref()->set_server_id(row[1].as<std::string>());
        e->mutable_ref()->set_batch_sequence(row[2].as<uint64_t>());
        e->mutable_ref()->set_event_index(row[3].as<uint32_t>());
        e->set_field(row[4].as<std::string>());
        e->set_reason(row[5].as<std::string>());
        *e->mutable_received_at() = ToProto(absl::FromUnixMicros(static_cast<int64_t>(row[6].as<double>() * 1e6)));
        if (!row[7].is_null()) {
          const pqxx::binarystring bytes(row[7]);
          e->mutable_event()->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
        }
      }
      return absl::OkStatus();
    });
    return Grpc(s);
  });
}

grpc::Status AdminService::ListHeldActions(grpc::ServerContext* ctx, const v1::ListHeldActionsRequest* req,
                                           v1::ListHeldActionsResponse* resp) {
  return Audited(ctx, "ListHeldActions", *req, [&]() -> grpc::Status {
    uint32_t size;
    int64_t after;
    if (grpc::Status p = PageSize(req->page(), &size, &after); !p.ok()) return p;
    absl::Status s = db_.Run([&](pqxx::connection& c) {
      pqxx::nontransaction tx(c);
      pqxx::result r = tx.exec_params(
          "SELECT id, payload, rule, detail, extract(epoch FROM held_at)::float8 FROM gateway.held_actions"
          " WHERE ($1 = '' OR server_id = $1) AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3",
          req->server_id(), after, size + 1);
      for (const auto& row : r) {
        if (resp->actions_size() == static_cast<int>(size)) {
          resp->set_next_page_token(std::to_string(row[0].as<int64_t>() + 1));
          break;
        }
        v1::HeldAction* h = resp->add_actions();
        const pqxx::binarystring bytes(row[1]);
        h->mutable_action()->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
        h->set_rule(row[2].as<std::string>());
        h->set_detail(row[3].as<std::string>());
        *h->mutable_held_at() = ToProto(absl::FromUnixMicros(static_cast<int64_t>(row[4].as<double>() * 1e6)));
      }
      return absl::OkStatus();
    });
    return Grpc(s);
  });
}

grpc::Status AdminService::ListSchedule(grpc::ServerContext* ctx, const v1::ListScheduleRequest* req,
                                        v1::ListScheduleResponse* resp) {
  return Audited(ctx, "ListSchedule", *req, [&]() -> grpc::Status {
    if (req->server_id().size() > 32) return {grpc::StatusCode::INVALID_ARGUMENT, "server_id: at most 32 bytes"};
    if (req->agent().size() > 32) return {grpc::StatusCode::INVALID_ARGUMENT, "agent: at most 32 bytes"};
    groups_.RefreshAll();  // agent_enabled as the groups say now
    absl::StatusOr<std::vector<v1::ScheduledJob>> jobs = schedule_.List(req->server_id(), req->agent());
    if (!jobs.ok()) return Grpc(jobs.status());
    for (v1::ScheduledJob& job : *jobs) *resp->add_jobs() = std::move(job);
    return grpc::Status::OK;
  });
}

grpc::Status AdminService::RunJobNow(grpc::ServerContext* ctx, const v1::RunJobNowRequest* req, v1::RunJobNowResponse* resp) {
  return Audited(ctx, "RunJobNow", *req, [&]() -> grpc::Status {
    const std::string& job = req->job();
    const bool job_ok = job.size() >= 3 && job.size() <= 64 && job.find('.') != std::string::npos &&
                        job.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_.") == std::string::npos;
    if (!job_ok) return {grpc::StatusCode::INVALID_ARGUMENT, "job: \"<agent>.<job>\", 3..64 bytes of [a-z0-9_.]"};
    if (req->server_id().empty() || req->server_id().size() > 32) {
      return {grpc::StatusCode::INVALID_ARGUMENT, "server_id: 1..32 bytes"};
    }
    const absl::Duration wait = req->has_wait() ? FromProto(req->wait()) : absl::ZeroDuration();
    if (wait < absl::ZeroDuration() || wait > absl::Minutes(10)) {
      return {grpc::StatusCode::INVALID_ARGUMENT, "wait: 0..10 minutes"};
    }
    const absl::Time now = clock_.Now();
    JobSlotRun run;
    run.job = job;
    run.server_id = req->server_id();
    run.slot = req->has_slot() ? FromProto(req->slot()) : absl::FromUnixSeconds(absl::ToUnixSeconds(now));
    run.now = req->has_slot() ? run.slot : now;  // a named slot runs as of its own time (replays, simulations)
    run.manual = true;
    run.deadline = wait;
    absl::StatusOr<JobRunResult> result = jobs_.Run(run);
    if (!result.ok()) return Grpc(result.status());
    *resp->mutable_run() = result->run;
    for (size_t i = 0; i < result->action_ids.size() && i < 500; ++i) resp->add_action_ids(result->action_ids[i]);
    return grpc::Status::OK;
  });
}

grpc::Status AdminService::GetLlmUsage(grpc::ServerContext* ctx, const v1::GetLlmUsageRequest* req,
                                       v1::GetLlmUsageResponse* resp) {
  return Audited(ctx, "GetLlmUsage", *req, [&]() -> grpc::Status {
    if (req->provider().size() > 32) return {grpc::StatusCode::INVALID_ARGUMENT, "provider: at most 32 bytes"};
    if (req->group() != v1::AGENT_GROUP_KIND_UNSPECIFIED && !v1::AgentGroupKind_IsValid(req->group())) {
      return {grpc::StatusCode::INVALID_ARGUMENT, "group: unknown agent group"};
    }
    absl::StatusOr<DayRange> days = ResolveDayRange(req->from_day(), req->to_day(), absl::Now());
    if (!days.ok()) return Grpc(days.status());
    v1::ReportLlmUsageRequest ask;
    ask.set_from_day(days->from_day);
    ask.set_to_day(days->to_day);
    ask.set_provider(req->provider());
    std::vector<v1::ReportLlmUsageResponse> reports;
    for (const std::string& g : groups_.groups()) {
      if (req->group() != v1::AGENT_GROUP_KIND_UNSPECIFIED && GroupKind(g) != req->group()) continue;
      grpc::ClientContext call;
      call.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
      v1::ReportLlmUsageResponse report;
      grpc::Status s = groups_.Stub(g).ReportLlmUsage(&call, ask, &report);
      if (s.ok()) {
        reports.push_back(std::move(report));
      } else {
        resp->add_incomplete(absl::StrCat(g, ": ", absl::StatusCodeToString(static_cast<absl::StatusCode>(s.error_code())), " ", s.error_message()));
      }
    }
    MergeLlmUsage(reports, resp);
    return grpc::Status::OK;
  });
}

}  // namespace aiworld::gateway
