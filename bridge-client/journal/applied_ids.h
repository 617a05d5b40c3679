#pragma once
// The bridge's durable set of applied action ids (DESIGN §4.7): the executor records an action's id
// once it has run, and asks before running one, so an action delivered again after its result was
// lost (lease expired, stream broke, map-server restarted) is answered ACTION_STATUS_DUPLICATE
// instead of being executed twice.
//
// On disk it is a Journal (journal.h) in a directory of its own; each record is one id:
//   payload = i64 little-endian microseconds since the Unix epoch when it was recorded, then the
//             id's bytes (1..64).
// Open replays the unacknowledged records into memory. Compaction forgets the oldest ids: an id is
// kept while it is among the newest `max_ids` OR younger than `ttl` (whichever keeps more; ttl = 0
// keeps exactly the newest max_ids, max_ids = 0 keeps exactly the ids younger than ttl), and never
// more than `hard_max_ids`. Forgotten ids are acknowledged in the journal (TruncateThrough), which
// deletes the segments that hold only forgotten ids, so memory and disk stay bounded.
//
// Thread-safety: every method may be called from any thread (one internal mutex).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "bridge-client/journal/journal.h"
#include "runtime/clock.h"

namespace aiworld::bridge {

struct AppliedActionLogOptions {
  size_t max_ids = 100'000;
  absl::Duration ttl = absl::Hours(1);  // longer than action lease x attempts (defaults: 30 s x 5)
  size_t hard_max_ids = 1'000'000;      // the bound even a flood within ttl cannot pass
  // fdatasync every Record (an applied id must survive a power cut to stop a re-execution);
  // turn off only with a caller that runs Sync on its own interval.
  bool sync_every_record = true;
  uint64_t segment_bytes = uint64_t{1} << 20;  // ~15,000 ids per segment
  const Clock* clock = nullptr;                // nullptr: SystemClock
};

class AppliedActionLog {
 public:
  static constexpr size_t kMaxIdBytes = 64;

  // Opens (creating) `dir`, replays it and compacts. Errors as Journal::Open.
  static absl::StatusOr<std::unique_ptr<AppliedActionLog>> Open(std::string dir,
                                                                AppliedActionLogOptions options = {});

  // Whether `id` was recorded and not yet forgotten by compaction.
  bool Contains(std::string_view id) const;
  // Adds `id` durably (per sync_every_record); a no-op for an id already present. InvalidArgument
  // for an empty id or one over kMaxIdBytes; the journal's error if it cannot be written, in which
  // case the id is not recorded. Compacts as it goes (disk compaction every few thousand ids).
  absl::Status Record(std::string_view id);
  // Forgets what the policy allows now and deletes the journal segments that held only forgotten
  // ids. Record does this too; call it on a timer for ids to age out while nothing is recorded.
  absl::Status Compact();
  absl::Status Sync();

  size_t size() const;
  // Records found at Open that are not a valid id entry (a journal written by something else).
  uint64_t ignored_records() const { return ignored_records_; }
  const RecoveryReport& recovery() const { return journal_->recovery(); }
  const Journal& journal() const { return *journal_; }

 private:
  struct Entry {
    uint64_t sequence;
    absl::Time recorded_at;
    std::string id;
  };

  AppliedActionLog(std::unique_ptr<Journal> journal, AppliedActionLogOptions options);
  // Drops the entries the policy allows from memory; true if any was.
  bool ForgetLocked(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status TruncateLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::unique_ptr<Journal> journal_;
  const AppliedActionLogOptions options_;
  const Clock& clock_;
  uint64_t ignored_records_ = 0;  // set by Open

  mutable absl::Mutex mu_;
  std::deque<Entry> entries_ ABSL_GUARDED_BY(mu_);                      // in record order
  absl::flat_hash_map<std::string, uint64_t> sequence_of_ ABSL_GUARDED_BY(mu_);  // id -> its entry
  uint64_t forgotten_through_ ABSL_GUARDED_BY(mu_) = 0;  // highest sequence dropped from memory
  uint64_t forgotten_since_truncate_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace aiworld::bridge
