#include "gateway/inbox.h"

#include "gateway/pg_arrays.h"

namespace aiworld::gateway {

absl::StatusOr<StoreResult> Inbox::Store(const v1::EventBatch& batch, const std::vector<EventRejection>& rejected) {
  StoreResult result;
  PgArray rejected_indices, groups, indices, fields, reasons, events;
  for (const EventRejection& r : rejected) {
    rejected_indices.AddInt(r.index);
    indices.AddInt(r.index);
    fields.Add(r.field);
    reasons.Add(r.reason);
    r.index < static_cast<uint32_t>(batch.events_size()) ? events.AddBytes(batch.events(static_cast<int>(r.index)).SerializeAsString())
                                                         : events.AddNull();
  }
  std::set<uint32_t> rejected_set;
  for (const EventRejection& r : rejected) rejected_set.insert(r.index);
  for (const std::string& g : share_groups_(batch, rejected_set)) groups.Add(g);
  const std::string bytes = batch.SerializeAsString();
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    pqxx::result inserted = tx.exec_params(
        "INSERT INTO gateway.inbox (server_id, sequence, batch, event_count, rejected_indices)"
        " VALUES ($1, $2, $3, $4, $5::int[]) ON CONFLICT DO NOTHING RETURNING 1",
        batch.server_id(), static_cast<int64_t>(batch.sequence()), pqxx::binarystring(bytes), batch.events_size(),
        rejected_indices.Literal());
    if (inserted.empty()) {
      // Resent: report what the first delivery stored.
      result.duplicate = true;
      pqxx::result r = tx.exec_params(
          "SELECT event_index, field, reason FROM gateway.rejected_events WHERE server_id = $1 AND sequence = $2"
          " ORDER BY event_index",
          batch.server_id(), static_cast<int64_t>(batch.sequence()));
      for (const auto& row : r) {
        result.rejected.push_back({row[0].as<uint32_t>(), row[1].as<std::string>(), row[2].as<std::string>()});
      }
      pqxx::result count = tx.exec_params(
          "SELECT event_count FROM gateway.inbox WHERE server_id = $1 AND sequence = $2", batch.server_id(),
          static_cast<int64_t>(batch.sequence()));
      result.accepted = count[0][0].as<uint32_t>() - static_cast<uint32_t>(result.rejected.size());
      tx.commit();
      return absl::OkStatus();
    }
    tx.exec_params(
        "INSERT INTO gateway.inbox_shares (server_id, sequence, grp) SELECT $1, $2, g FROM unnest($3::text[]) AS g",
        batch.server_id(), static_cast<int64_t>(batch.sequence()), groups.Literal());
    tx.exec_params(
        "INSERT INTO gateway.rejected_events (server_id, sequence, event_index, field, reason, event)"
        " SELECT $1, $2, i, f, r, e FROM unnest($3::int[], $4::text[], $5::text[], $6::bytea[]) AS t(i, f, r, e)",
        batch.server_id(), static_cast<int64_t>(batch.sequence()), indices.Literal(), fields.Literal(),
        reasons.Literal(), events.Literal());
    tx.commit();
    result.rejected = rejected;
    result.accepted = static_cast<uint32_t>(batch.events_size()) - static_cast<uint32_t>(rejected.size());
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return result;
}

absl::StatusOr<uint64_t> Inbox::LastDurableSequence(const std::string& server_id) {
  uint64_t last = 0;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    last = tx.exec_params1("SELECT coalesce(max(sequence), 0) FROM gateway.inbox WHERE server_id = $1", server_id)[0]
               .as<uint64_t>();
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return last;
}

std::optional<Share> Inbox::ClaimNext(pqxx::work& tx, const std::string& group) {
  pqxx::result r = tx.exec_params(
      "SELECT s.server_id, s.sequence, s.attempts, i.batch, i.rejected_indices::text,"
      "       round(extract(epoch FROM i.received_at) * 1000000)::bigint"
      " FROM gateway.inbox_shares s JOIN gateway.inbox i USING (server_id, sequence)"
      " WHERE s.grp = $1 AND s.state = 'pending' AND s.next_attempt_at <= now()"
      "   AND NOT EXISTS (SELECT 1 FROM gateway.inbox_shares e WHERE e.grp = s.grp AND e.server_id = s.server_id"
      "                   AND e.state = 'pending' AND e.sequence < s.sequence)"
      " ORDER BY s.next_attempt_at, s.server_id, s.sequence"
      " LIMIT 1 FOR UPDATE OF s SKIP LOCKED",
      group);
  if (r.empty()) return std::nullopt;
  Share share;
  share.server_id = r[0][0].as<std::string>();
  share.sequence = r[0][1].as<uint64_t>();
  share.group = group;
  share.attempts = r[0][2].as<int>();
  const pqxx::binarystring bytes(r[0][3]);
  share.batch.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
  for (int64_t i : ParseIntArray(r[0][4].as<std::string>())) share.rejected_indices.push_back(static_cast<uint32_t>(i));
  share.received_at = absl::FromUnixMicros(r[0][5].as<int64_t>());
  return share;
}

void Inbox::MarkDone(pqxx::work& tx, const Share& share, int routed_events, int actions) {
  tx.exec_params(
      "UPDATE gateway.inbox_shares SET state = 'done', done_at = now(), attempts = attempts + 1,"
      "   routed_events = $4, action_count = $5, last_error = NULL"
      " WHERE grp = $1 AND server_id = $2 AND sequence = $3",
      share.group, share.server_id, static_cast<int64_t>(share.sequence), routed_events, actions);
}

void Inbox::MarkFailed(pqxx::work& tx, const Share& share, const std::string& error, absl::Duration backoff) {
  tx.exec_params(
      "UPDATE gateway.inbox_shares SET attempts = attempts + 1, last_error = $4,"
      "   next_attempt_at = now() + make_interval(secs => $5::float8)"
      " WHERE grp = $1 AND server_id = $2 AND sequence = $3",
      share.group, share.server_id, static_cast<int64_t>(share.sequence), error.substr(0, 500),
      absl::ToDoubleSeconds(backoff));
}

absl::StatusOr<std::vector<Inbox::Backlog>> Inbox::PendingByGroup() {
  std::vector<Backlog> out;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec(
        "SELECT grp, count(*), count(*) FILTER (WHERE attempts > 0) FROM gateway.inbox_shares"
        " WHERE state = 'pending' GROUP BY grp ORDER BY grp");
    for (const auto& row : r) out.push_back({row[0].as<std::string>(), row[1].as<int64_t>(), row[2].as<int64_t>()});
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace aiworld::gateway
