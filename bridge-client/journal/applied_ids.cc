#include "bridge-client/journal/applied_ids.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace aiworld::bridge {
namespace {

// Disk compaction (an ack file write and fsync) at most once per this many forgotten ids.
constexpr uint64_t kTruncateEvery = 4096;
constexpr size_t kTimeBytes = 8;

absl::string_view A(std::string_view s) { return absl::string_view(s.data(), s.size()); }

std::string EncodeEntry(absl::Time at, std::string_view id) {
  std::string out(kTimeBytes, '\0');
  const auto micros = static_cast<uint64_t>(absl::ToUnixMicros(at));
  for (size_t i = 0; i < kTimeBytes; ++i) out[i] = static_cast<char>((micros >> (8 * i)) & 0xFF);
  out.append(id);
  return out;
}

bool DecodeEntry(std::string_view payload, absl::Time& at, std::string_view& id) {
  if (payload.size() <= kTimeBytes || payload.size() > kTimeBytes + AppliedActionLog::kMaxIdBytes) return false;
  uint64_t micros = 0;
  for (size_t i = kTimeBytes; i-- > 0;) micros = (micros << 8) | static_cast<unsigned char>(payload[i]);
  at = absl::FromUnixMicros(static_cast<int64_t>(micros));
  id = payload.substr(kTimeBytes);
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<AppliedActionLog>> AppliedActionLog::Open(std::string dir,
                                                                         AppliedActionLogOptions options) {
  JournalOptions journal_options;
  journal_options.segment_bytes = options.segment_bytes;
  journal_options.sync_every_append = options.sync_every_record;
  absl::StatusOr<std::unique_ptr<Journal>> journal = Journal::Open(std::move(dir), journal_options);
  if (!journal.ok()) return journal.status();
  std::unique_ptr<AppliedActionLog> log(new AppliedActionLog(*std::move(journal), options));

  absl::MutexLock lock(&log->mu_);
  const absl::Status read = log->journal_->ReadFrom(0, [&](uint64_t sequence, std::string_view payload) {
    log->mu_.AssertHeld();
    absl::Time at;
    std::string_view id;
    if (!DecodeEntry(payload, at, id)) {
      ++log->ignored_records_;
      return true;
    }
    log->sequence_of_[A(id)] = sequence;  // a repeated id (not written by Record) counts from its newest
    log->entries_.push_back({sequence, at, std::string(id)});
    return true;
  });
  if (!read.ok()) return read;
  log->ForgetLocked(log->clock_.Now());
  if (absl::Status s = log->TruncateLocked(); !s.ok()) return s;
  return log;
}

AppliedActionLog::AppliedActionLog(std::unique_ptr<Journal> journal, AppliedActionLogOptions options)
    : journal_(std::move(journal)),
      options_(options),
      clock_(options.clock != nullptr ? *options.clock : SystemClock::Instance()) {}

bool AppliedActionLog::Contains(std::string_view id) const {
  absl::ReaderMutexLock lock(&mu_);
  return sequence_of_.contains(A(id));
}

absl::Status AppliedActionLog::Record(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("applied action id of ", id.size(), " bytes; must be 1..", kMaxIdBytes, " bytes"));
  }
  absl::MutexLock lock(&mu_);
  if (sequence_of_.contains(A(id))) return absl::OkStatus();
  const absl::Time now = clock_.Now();
  absl::StatusOr<uint64_t> sequence = journal_->Append(EncodeEntry(now, id));
  if (!sequence.ok()) return sequence.status();
  sequence_of_[A(id)] = *sequence;
  entries_.push_back({*sequence, now, std::string(id)});
  ForgetLocked(now);
  if (forgotten_since_truncate_ >= kTruncateEvery) {
    // The id is recorded; a failed compaction is retried by the next one.
    (void)TruncateLocked();
  }
  return absl::OkStatus();
}

absl::Status AppliedActionLog::Compact() {
  absl::MutexLock lock(&mu_);
  ForgetLocked(clock_.Now());
  return TruncateLocked();
}

absl::Status AppliedActionLog::Sync() { return journal_->Sync(); }

size_t AppliedActionLog::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return sequence_of_.size();
}

bool AppliedActionLog::ForgetLocked(absl::Time now) {
  bool any = false;
  while (!entries_.empty()) {
    const Entry& oldest = entries_.front();
    const size_t count = entries_.size();
    const bool expired = oldest.recorded_at + options_.ttl <= now;
    if (!(count > options_.hard_max_ids || (count > options_.max_ids && expired))) break;
    if (const auto it = sequence_of_.find(oldest.id); it != sequence_of_.end() && it->second == oldest.sequence) {
      sequence_of_.erase(it);
    }
    forgotten_through_ = oldest.sequence;
    ++forgotten_since_truncate_;
    entries_.pop_front();
    any = true;
  }
  return any;
}

absl::Status AppliedActionLog::TruncateLocked() {
  if (forgotten_through_ < journal_->first_unacked()) return absl::OkStatus();
  if (absl::Status s = journal_->TruncateThrough(forgotten_through_); !s.ok()) return s;
  forgotten_since_truncate_ = 0;
  return absl::OkStatus();
}

}  // namespace aiworld::bridge
