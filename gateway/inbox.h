#pragma once
// The durable inbox (DESIGN §4.2-4.3). A batch is acked only after Store commits; (server_id,
// sequence) is unique, so a resent batch is stored once. Each batch gets one share per agent
// group; a share is claimed with FOR UPDATE SKIP LOCKED by any gateway replica, in sequence order
// per (server, group), and marked done in the same transaction that writes its actions.
#include <pqxx/pqxx>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/events.pb.h"
#include "gateway/validation/event_validator.h"
#include "runtime/pg_pool.h"

namespace aiworld::gateway {

struct StoreResult {
  bool duplicate = false;  // this (server, sequence) was stored before; nothing changed now
  uint32_t accepted = 0;
  std::vector<EventRejection> rejected;  // as stored the first time
};

struct Share {
  std::string server_id;
  uint64_t sequence = 0;
  std::string group;
  int attempts = 0;
  v1::EventBatch batch;
  std::vector<uint32_t> rejected_indices;
  absl::Time received_at;  // when the batch became durable (real time)
};

class Inbox {
 public:
  // The groups that get a share of a batch: those whose agents subscribe to one of its accepted
  // events, and those not described yet (their share waits until they are).
  using ShareGroups = std::function<std::vector<std::string>(const v1::EventBatch&, const std::set<uint32_t>& rejected)>;

  Inbox(PgPool& db, ShareGroups share_groups) : db_(db), share_groups_(std::move(share_groups)) {}
  // Every batch gets a share for each of these groups.
  Inbox(PgPool& db, std::vector<std::string> groups)
      : Inbox(db, [groups](const v1::EventBatch&, const std::set<uint32_t>&) { return groups; }) {}

  // One transaction: the batch, its rejected events, and a pending share per group.
  absl::StatusOr<StoreResult> Store(const v1::EventBatch& batch, const std::vector<EventRejection>& rejected);
  // Highest stored sequence of a server, 0 if none.
  absl::StatusOr<uint64_t> LastDurableSequence(const std::string& server_id);

  // In the caller's transaction: locks the next due share of a group whose earlier shares (same
  // server and group) are all done; nullopt when there is none.
  std::optional<Share> ClaimNext(pqxx::work& tx, const std::string& group);
  void MarkDone(pqxx::work& tx, const Share& share, int routed_events, int actions);
  // Keeps the share pending and schedules its next attempt after backoff.
  void MarkFailed(pqxx::work& tx, const Share& share, const std::string& error, absl::Duration backoff);

  struct Backlog {
    std::string group;
    int64_t pending = 0;
    int64_t retrying = 0;  // pending with at least one failed attempt
  };
  absl::StatusOr<std::vector<Backlog>> PendingByGroup();

 private:
  PgPool& db_;
  const ShareGroups share_groups_;
};

}  // namespace aiworld::gateway
