#pragma once
// The shared PostgreSQL action queue (DESIGN §4.5-4.6): unique idempotency keys, claims in
// batches with a lease, redelivery after the lease, dead after N attempts, results that move
// finished rows out of the hot table into gateway.actions_archive.
#include <pqxx/pqxx>

#include <optional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/actions.pb.h"
#include "runtime/pg_pool.h"

namespace aiworld::gateway {

struct QueueOptions {
  int max_attempts = 5;                       // deliveries before an action is dead
  absl::Duration retry_backoff = absl::Seconds(5);  // after a RETRY result
  absl::Duration archive_retention = absl::Hours(24 * 7);
};

struct EnqueueResult {
  std::vector<std::string> queued_ids;  // action ids written
  int duplicates = 0;                   // idempotency keys already known
};

struct Claimed {
  std::vector<v1::Action> actions;  // attempt set; best first
  absl::Time lease_expires_at;
};

struct CompleteResult {
  uint32_t accepted = 0;                       // results applied now or already applied before
  std::vector<std::string> unknown_action_ids;  // no such action for this server
};

struct QueueCount {
  std::string state;  // available, leased, dead; done/failed/expired/duplicate (archive, last hour)
  std::string kind;
  int64_t count = 0;
};

struct ActionRecord {
  v1::Action action;
  std::string state;  // available, leased, dead, done, failed, expired, duplicate
  int attempts = 0;
  std::string last_error;  // or the bridge's result reason once finished
  absl::Time created_at;
  std::optional<absl::Time> finished_at;
  int result_code = 0;         // the bridge's ActionErrorCode, once finished
  int64_t affected_count = 0;  // what the bridge's result says it touched, once finished
};

class ActionQueue {
 public:
  ActionQueue(PgPool& db, QueueOptions options) : db_(db), options_(options) {}

  // Stable action id (a UUID string) for an idempotency key: the same key always names the same action.
  static std::string ActionIdFor(const std::string& idempotency_key);
  // Snake-case kind name of an action ("broadcast", "spawn_monster", ...), "unspecified" if unset.
  static std::string KindName(const v1::Action& action);

  // Inside the caller's transaction: writes every action whose idempotency key is new. Each action
  // must have idempotency_key, action_id and server_id set.
  EnqueueResult Enqueue(pqxx::work& tx, const std::vector<v1::Action>& actions);

  // Leases up to max due actions of a server (kinds limited to supported_kinds when not empty).
  absl::StatusOr<Claimed> Claim(const std::string& server_id, int max, absl::Duration lease,
                                const std::string& leased_by, const std::vector<std::string>& supported_kinds);
  absl::StatusOr<CompleteResult> Complete(const std::string& server_id, const std::vector<v1::ActionResult>& results);
  // Makes a closed session's leased actions deliverable again at once.
  absl::Status ReleaseLeases(const std::string& leased_by);
  // Expired actions to the archive, exhausted leases to dead, old archive rows away. Returns rows touched.
  absl::StatusOr<int64_t> Sweep();
  // Actions in the hot table by state: "available", "leased", "dead" (every state present).
  absl::StatusOr<std::map<std::string, int64_t>> CountByState();

  absl::StatusOr<std::vector<QueueCount>> Stats(const std::string& server_id_filter);
  absl::StatusOr<std::vector<ActionRecord>> ListDead(const std::string& server_id_filter, int limit);
  // Dead actions (all of a server, or the ids given) become available again with fresh attempts.
  absl::StatusOr<int64_t> ReplayDead(const std::string& server_id_filter, const std::vector<std::string>& action_ids);
  absl::StatusOr<std::optional<ActionRecord>> Find(const std::string& action_id);

 private:
  PgPool& db_;
  const QueueOptions options_;
};

}  // namespace aiworld::gateway
