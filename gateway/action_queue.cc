#include "gateway/action_queue.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gateway/pg_arrays.h"
#include "runtime/agent_groups.h"
#include "runtime/migrations.h"
#include "runtime/proto_time.h"

namespace aiworld::gateway {
namespace {

// Columns the hot table and the archive share, in this order.
constexpr const char* kCommonColumns =
    "action_id, idempotency_key, server_id, kind, priority, attempts, target_char_id, target_map, amount, "
    "live_until, origin_group, origin_agent, origin_tier, cause_server_id, cause_sequence, cause_job, payload, "
    "created_at";

int PriorityRank(const v1::Action& a) {
  return a.priority() == v1::PRIORITY_UNSPECIFIED ? v1::PRIORITY_NORMAL : a.priority();
}

std::string TierName(v1::Tier tier) {
  std::string name = v1::Tier_Name(tier);
  return name.rfind("TIER_", 0) == 0 ? absl::AsciiStrToLower(name.substr(5)) : name;
}

std::string FinalState(v1::ActionStatus status) {
  switch (status) {
    case v1::ACTION_STATUS_DONE: return "done";
    case v1::ACTION_STATUS_FAILED: return "failed";
    case v1::ACTION_STATUS_EXPIRED: return "expired";
    case v1::ACTION_STATUS_DUPLICATE: return "duplicate";
    default: return "";
  }
}

v1::Action ParseAction(const pqxx::field& payload) {
  const pqxx::binarystring bytes(payload);
  v1::Action a;
  a.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
  return a;
}

absl::Time TimeField(const pqxx::field& f) { return absl::FromUnixMicros(static_cast<int64_t>(f.as<double>() * 1e6)); }

ActionRecord RecordFromRow(const pqxx::row& r) {
  // columns: payload, state, attempts, last_error, created_at (epoch), finished_at (epoch or null)
  // [, result_code, affected_count: for finished actions]
  ActionRecord rec;
  rec.action = ParseAction(r[0]);
  rec.state = r[1].as<std::string>();
  rec.attempts = r[2].as<int>();
  rec.last_error = r[3].is_null() ? "" : r[3].as<std::string>();
  rec.created_at = TimeField(r[4]);
  if (!r[5].is_null()) rec.finished_at = TimeField(r[5]);
  if (r.size() > 7) {
    rec.result_code = r[6].as<int>();
    rec.affected_count = r[7].as<int64_t>();
  }
  rec.action.set_attempt(static_cast<uint32_t>(rec.attempts));
  return rec;
}

}  // namespace

std::string ActionQueue::ActionIdFor(const std::string& idempotency_key) {
  const std::string h = Sha256Hex(idempotency_key);
  // UUID layout (version 8, "custom": derived, not random) so tools display it as a UUID.
  return absl::StrCat(h.substr(0, 8), "-", h.substr(8, 4), "-8", h.substr(13, 3), "-a", h.substr(17, 3), "-",
                      h.substr(20, 12));
}

std::string ActionQueue::KindName(const v1::Action& action) {
  const auto* oneof = v1::Action::descriptor()->FindOneofByName("kind");
  const auto* field = action.GetReflection()->GetOneofFieldDescriptor(action, oneof);
  return field == nullptr ? "unspecified" : field->name();
}

EnqueueResult ActionQueue::Enqueue(pqxx::work& tx, const std::vector<v1::Action>& actions) {
  EnqueueResult result;
  if (actions.empty()) return result;
  PgArray ids, keys, servers, kinds, priorities, not_before, expires, chars, maps, amounts, ttls, groups, agents,
      tiers, cause_servers, cause_sequences, cause_jobs, payloads;
  for (const v1::Action& a : actions) {
    ids.Add(a.action_id());
    keys.Add(a.idempotency_key());
    servers.Add(a.server_id());
    kinds.Add(KindName(a));
    priorities.AddInt(PriorityRank(a));
    a.has_not_before() ? not_before.AddInt(absl::ToUnixMicros(FromProto(a.not_before()))) : not_before.AddNull();
    a.has_expires_at() ? expires.AddInt(absl::ToUnixMicros(FromProto(a.expires_at()))) : expires.AddNull();
    a.target().char_id() != 0 ? chars.AddInt(a.target().char_id()) : chars.AddNull();
    a.target().map().empty() ? maps.AddNull() : maps.Add(a.target().map());
    amounts.AddInt(a.has_spawn_monster() ? std::max<uint32_t>(1, a.spawn_monster().amount()) : 1);
    a.has_spawn_monster() && a.spawn_monster().has_ttl()
        ? ttls.AddInt(absl::ToInt64Microseconds(FromProto(a.spawn_monster().ttl())))
        : ttls.AddNull();
    groups.Add(GroupName(a.origin().group()));
    agents.Add(a.origin().agent());
    tiers.Add(TierName(a.origin().tier()));
    if (!a.cause().events().empty()) {
      cause_servers.Add(a.cause().events(0).server_id());
      cause_sequences.AddInt(static_cast<int64_t>(a.cause().events(0).batch_sequence()));
    } else {
      cause_servers.AddNull();
      cause_sequences.AddNull();
    }
    a.cause().has_job() ? cause_jobs.Add(a.cause().job().job()) : cause_jobs.AddNull();
    payloads.AddBytes(a.SerializeAsString());
  }
  // Set-based: one statement claims the new keys and inserts exactly those actions.
  pqxx::result r = tx.exec_params(
      "WITH input AS ("
      "  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::bigint[],"
      "    $8::bigint[], $9::text[], $10::int[], $11::bigint[], $12::text[], $13::text[], $14::text[], $15::text[],"
      "    $16::bigint[], $17::text[], $18::bytea[])"
      "  AS t(action_id, idempotency_key, server_id, kind, priority, not_before_us, expires_us, target_char_id,"
      "    target_map, amount, ttl_us, origin_group, origin_agent, origin_tier, cause_server_id, cause_sequence,"
      "    cause_job, payload)),"
      " fresh AS ("
      "  INSERT INTO gateway.action_keys (idempotency_key, action_id)"
      "  SELECT DISTINCT ON (idempotency_key) idempotency_key, action_id FROM input"
      "  ON CONFLICT DO NOTHING RETURNING idempotency_key)"
      " INSERT INTO gateway.actions (action_id, idempotency_key, server_id, kind, priority, not_before, expires_at,"
      "   target_char_id, target_map, amount, live_until, origin_group, origin_agent, origin_tier, cause_server_id,"
      "   cause_sequence, cause_job, payload)"
      " SELECT DISTINCT ON (i.idempotency_key) i.action_id, i.idempotency_key, i.server_id, i.kind, i.priority,"
      "   coalesce(to_timestamp(i.not_before_us / 1e6), now()), to_timestamp(i.expires_us / 1e6), i.target_char_id,"
      "   i.target_map, i.amount, now() + make_interval(secs => i.ttl_us / 1e6), i.origin_group, i.origin_agent,"
      "   i.origin_tier, i.cause_server_id, i.cause_sequence, i.cause_job, i.payload"
      " FROM input i JOIN fresh f ON f.idempotency_key = i.idempotency_key"
      " RETURNING action_id",
      ids.Literal(), keys.Literal(), servers.Literal(), kinds.Literal(), priorities.Literal(), not_before.Literal(),
      expires.Literal(), chars.Literal(), maps.Literal(), amounts.Literal(), ttls.Literal(), groups.Literal(),
      agents.Literal(), tiers.Literal(), cause_servers.Literal(), cause_sequences.Literal(), cause_jobs.Literal(),
      payloads.Literal());
  for (const auto& row : r) result.queued_ids.push_back(row[0].as<std::string>());
  result.duplicates = static_cast<int>(actions.size() - result.queued_ids.size());
  return result;
}

absl::StatusOr<Claimed> ActionQueue::Claim(const std::string& server_id, int max, absl::Duration lease,
                                           const std::string& leased_by,
                                           const std::vector<std::string>& supported_kinds) {
  Claimed claimed;
  PgArray kinds;
  for (const std::string& k : supported_kinds) kinds.Add(k);
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    pqxx::result r = tx.exec_params(
        "WITH due AS ("
        "  SELECT action_id FROM gateway.actions"
        "  WHERE server_id = $1"
        "    AND ((state = 'available' AND not_before <= now())"
        "         OR (state = 'leased' AND lease_expires_at <= now() AND attempts < $6))"
        "    AND (expires_at IS NULL OR expires_at > now())"
        "    AND (cardinality($3::text[]) = 0 OR kind = ANY($3::text[]))"
        "  ORDER BY priority DESC, created_at, action_id"
        "  LIMIT $2 FOR UPDATE SKIP LOCKED)"
        " UPDATE gateway.actions a SET state = 'leased', attempts = a.attempts + 1,"
        "   lease_expires_at = now() + make_interval(secs => $4::float8), leased_by = $5"
        " FROM due WHERE a.action_id = due.action_id"
        " RETURNING a.payload, a.attempts, a.priority, extract(epoch FROM a.created_at)::float8,"
        "   extract(epoch FROM a.lease_expires_at)::float8",
        server_id, max, kinds.Literal(), absl::ToDoubleSeconds(lease), leased_by, options_.max_attempts);
    tx.commit();
    struct Row {
      v1::Action action;
      int priority;
      double created;
    };
    std::vector<Row> rows;
    claimed.lease_expires_at = absl::Now() + lease;
    for (const auto& row : r) {
      Row out{ParseAction(row[0]), row[2].as<int>(), row[3].as<double>()};
      out.action.set_attempt(row[1].as<uint32_t>());
      claimed.lease_expires_at = TimeField(row[4]);
      rows.push_back(std::move(out));
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      return a.priority != b.priority ? a.priority > b.priority : a.created < b.created;
    });
    for (Row& row : rows) claimed.actions.push_back(std::move(row.action));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return claimed;
}

absl::StatusOr<CompleteResult> ActionQueue::Complete(const std::string& server_id,
                                                     const std::vector<v1::ActionResult>& results) {
  CompleteResult out;
  PgArray final_ids, final_states, final_reasons, final_codes, final_affected, retry_ids, retry_reasons;
  for (const v1::ActionResult& r : results) {
    const std::string state = FinalState(r.status());
    if (!state.empty()) {
      final_ids.Add(r.action_id());
      final_states.Add(state);
      final_reasons.Add(r.reason());
      final_codes.Add(std::to_string(std::clamp(static_cast<int>(r.code()), 0, 7)));
      final_affected.Add(std::to_string(r.affected_count()));
    } else {
      retry_ids.Add(r.action_id());
      retry_reasons.Add(r.reason());
    }
  }
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    std::set<std::string> found;
    if (!final_ids.empty()) {
      pqxx::result moved = tx.exec_params(
          absl::StrCat(
              "WITH r AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $5::int[], $6::int[])"
              "   AS r(action_id, final_state, reason, code, affected)),"
              " moved AS (DELETE FROM gateway.actions a USING r WHERE a.action_id = r.action_id AND a.server_id = $4"
              "   RETURNING a.*, r.final_state, r.reason, r.code, r.affected)"
              " INSERT INTO gateway.actions_archive (", kCommonColumns,
              ", final_state, result_reason, result_code, affected_count)"
              " SELECT ", kCommonColumns, ", final_state, reason, code, affected FROM moved RETURNING action_id"),
          final_ids.Literal(), final_states.Literal(), final_reasons.Literal(), server_id, final_codes.Literal(),
          final_affected.Literal());
      for (const auto& row : moved) found.insert(row[0].as<std::string>());
    }
    if (!retry_ids.empty()) {
      pqxx::result retried = tx.exec_params(
          "WITH r AS (SELECT * FROM unnest($1::text[], $2::text[]) AS r(action_id, reason))"
          " UPDATE gateway.actions a SET"
          "   state = CASE WHEN a.attempts >= $4 THEN 'dead' ELSE 'available' END,"
          "   not_before = now() + make_interval(secs => $5::float8), lease_expires_at = NULL, leased_by = NULL,"
          "   last_error = r.reason"
          " FROM r WHERE a.action_id = r.action_id AND a.server_id = $3 RETURNING a.action_id",
          retry_ids.Literal(), retry_reasons.Literal(), server_id, options_.max_attempts,
          absl::ToDoubleSeconds(options_.retry_backoff));
      for (const auto& row : retried) found.insert(row[0].as<std::string>());
    }
    // What was not applied now is either finished before (in the archive: a resent result) or unknown.
    PgArray rest;
    for (const v1::ActionResult& r : results) {
      if (!found.contains(r.action_id())) rest.Add(r.action_id());
    }
    if (!rest.empty()) {
      pqxx::result unknown = tx.exec_params(
          "SELECT id FROM unnest($1::text[]) AS id WHERE NOT EXISTS ("
          "  SELECT 1 FROM gateway.actions_archive a WHERE a.action_id = id AND a.server_id = $2)",
          rest.Literal(), server_id);
      for (const auto& row : unknown) out.unknown_action_ids.push_back(row[0].as<std::string>());
    }
    tx.commit();
    out.accepted = static_cast<uint32_t>(results.size() - out.unknown_action_ids.size());
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::Status ActionQueue::ReleaseLeases(const std::string& leased_by) {
  return db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params(
        "UPDATE gateway.actions SET lease_expires_at = now() WHERE leased_by = $1 AND state = 'leased'", leased_by);
    tx.commit();
    return absl::OkStatus();
  });
}

absl::StatusOr<std::map<std::string, int64_t>> ActionQueue::CountByState() {
  std::map<std::string, int64_t> counts = {{"available", 0}, {"leased", 0}, {"dead", 0}};
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    for (const pqxx::row& row : tx.exec("SELECT state, count(*) FROM gateway.actions GROUP BY state")) {
      counts[row[0].as<std::string>()] = row[1].as<int64_t>();
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return counts;
}

absl::StatusOr<int64_t> ActionQueue::Sweep() {
  int64_t touched = 0;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    pqxx::result expired = tx.exec(absl::StrCat(
        "WITH moved AS (DELETE FROM gateway.actions WHERE expires_at <= now() AND state <> 'dead' RETURNING *)"
        " INSERT INTO gateway.actions_archive (", kCommonColumns, ", final_state, result_reason)"
        " SELECT ", kCommonColumns, ", 'expired', 'expired before delivery completed' FROM moved"));
    pqxx::result dead = tx.exec_params(
        "UPDATE gateway.actions SET state = 'dead', last_error = coalesce(last_error, 'no result within the lease')"
        " WHERE state = 'leased' AND lease_expires_at <= now() AND attempts >= $1",
        options_.max_attempts);
    pqxx::result old = tx.exec_params(
        "DELETE FROM gateway.actions_archive WHERE finished_at < now() - make_interval(secs => $1::float8)",
        absl::ToDoubleSeconds(options_.archive_retention));
    tx.commit();
    touched = expired.affected_rows() + dead.affected_rows() + old.affected_rows();
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return touched;
}

absl::StatusOr<std::vector<QueueCount>> ActionQueue::Stats(const std::string& server_id_filter) {
  std::vector<QueueCount> counts;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec_params(
        "SELECT state, kind, count(*) FROM gateway.actions WHERE ($1 = '' OR server_id = $1) GROUP BY 1, 2"
        " UNION ALL"
        " SELECT final_state, kind, count(*) FROM gateway.actions_archive"
        "  WHERE ($1 = '' OR server_id = $1) AND finished_at > now() - interval '1 hour' GROUP BY 1, 2"
        " ORDER BY 1, 2",
        server_id_filter);
    for (const auto& row : r) counts.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int64_t>()});
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return counts;
}

absl::StatusOr<std::vector<ActionRecord>> ActionQueue::ListDead(const std::string& server_id_filter, int limit) {
  std::vector<ActionRecord> records;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec_params(
        "SELECT payload, state, attempts, last_error, extract(epoch FROM created_at)::float8, NULL::float8"
        " FROM gateway.actions WHERE state = 'dead' AND ($1 = '' OR server_id = $1)"
        " ORDER BY created_at, action_id LIMIT $2",
        server_id_filter, limit);
    for (const auto& row : r) records.push_back(RecordFromRow(row));
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return records;
}

absl::StatusOr<int64_t> ActionQueue::ReplayDead(const std::string& server_id_filter,
                                                const std::vector<std::string>& action_ids) {
  PgArray ids;
  for (const std::string& id : action_ids) ids.Add(id);
  int64_t replayed = 0;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    pqxx::result r = tx.exec_params(
        "UPDATE gateway.actions SET state = 'available', attempts = 0, not_before = now(), lease_expires_at = NULL,"
        "   leased_by = NULL"
        " WHERE state = 'dead' AND ($1 = '' OR server_id = $1)"
        "   AND (cardinality($2::text[]) = 0 OR action_id = ANY($2::text[]))",
        server_id_filter, ids.Literal());
    tx.commit();
    replayed = r.affected_rows();
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return replayed;
}

absl::StatusOr<std::optional<ActionRecord>> ActionQueue::Find(const std::string& action_id) {
  std::optional<ActionRecord> found;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec_params(
        "SELECT payload, state, attempts, last_error, extract(epoch FROM created_at)::float8, NULL::float8, 0, 0"
        " FROM gateway.actions WHERE action_id = $1"
        " UNION ALL"
        " SELECT payload, final_state, attempts, result_reason, extract(epoch FROM created_at)::float8,"
        "   extract(epoch FROM finished_at)::float8, result_code, affected_count"
        " FROM gateway.actions_archive WHERE action_id = $1",
        action_id);
    if (!r.empty()) found = RecordFromRow(r[0]);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return found;
}

}  // namespace aiworld::gateway
