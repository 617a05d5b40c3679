#pragma once
// The bridge's durable journal (DESIGN §4.1 and §4.7): an append-only, checksummed, segmented log
// of opaque records in one directory. The bridge spills event batches to it when its memory ring is
// full or the gateway is unreachable and replays them in order on reconnect; AppliedActionLog
// (applied_ids.h) keeps the ids of executed actions in one. No gRPC here: the standard library and
// absl only.
//
// On disk (all integers little-endian):
//
//   DIR/NNNNNNNNNNNNNNNNNNNN.seg   segments, named by 20 decimal digits: the sequence the segment
//                                  was created for (its first record's, unless that one was lost).
//                                  A segment is a plain concatenation of records, no file header.
//                                  A new segment is started when the next record would take the
//                                  active one past JournalOptions::segment_bytes (a record bigger
//                                  than that gets a segment of its own).
//   DIR/ack                        the acknowledged high-water mark: one record of the same framing
//                                  whose sequence is the mark and whose payload is empty; replaced
//                                  atomically (ack.tmp, fdatasync, rename, fsync of DIR).
//
//   record = header (20 bytes) + payload
//     0  u32  magic 0x314A5741 (the bytes "AWJ1")
//     4  u32  payload length, 0..8 MiB
//     8  u64  sequence, 1..2^63, assigned by Append: +1 per record through the journal (across
//             segments and restarts; a failed Append's number goes to the next one). Readers only
//             require it to increase strictly.
//     16 u32  CRC32C (Castagnoli) of header bytes 0..15 followed by the payload
//
// Recovery (Open) reads every segment in name order and checks every record: magic, length, CRC,
// sequence (>= the segment's name, > the previous record). In the LAST segment the first bad or
// incomplete record and everything after it is a torn tail: reported and truncated away. In an
// earlier segment (which was fdatasync'ed before the next one was started, so damage there is not a
// crash artefact) the damage is reported and the rest of that segment is skipped, left on disk and
// never read; later segments are read as usual. A jump in sequences between segments (records
// missing that were not acknowledged, e.g. a segment deleted by hand) is reported too. Every
// problem is one RecoveryIssue; Open fails only on an I/O error, never on what files contain.
// Then segments whose records are all acknowledged are deleted (a crash between writing the ack
// file and deleting them leaves them behind), and appends continue in the last segment.
//
// Thread-safety: every method may be called from any thread. The intended use is one writer
// (Append, Sync, TruncateThrough) and one reader (ReadFrom) at the same time: ReadFrom takes a
// snapshot of the segments under the mutex and then reads the files and calls `visit` without
// holding it, so a long replay does not stall appends and `visit` may call any method (appends made
// after ReadFrom started are not visited by it). Two Journal objects on one directory are refused
// (an flock on the directory), in one process or across processes.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace aiworld::bridge {

// The record framing shared by segments and the ack file.
struct JournalFormat {
  static constexpr uint32_t kMagic = 0x314A5741;  // "AWJ1"
  static constexpr size_t kHeaderBytes = 20;
  static constexpr size_t kMaxPayloadBytes = size_t{8} << 20;
  static constexpr uint64_t kMaxSequence = uint64_t{1} << 63;
  static constexpr std::string_view kSegmentSuffix = ".seg";
  static constexpr size_t kSegmentNameDigits = 20;
  static constexpr std::string_view kAckFile = "ack";
};

// CRC32C (Castagnoli, reflected, the iSCSI/ext4 one): Crc32c(0, "123456789") == 0xE3069283.
// Continue a running CRC by passing the previous result as `crc`. Uses SSE4.2 when the CPU has it.
uint32_t Crc32c(uint32_t crc, std::string_view data);
// The table-driven version, for tests that compare the two.
uint32_t Crc32cPortableForTest(uint32_t crc, std::string_view data);

// "00000000000000000042.seg" for 42.
std::string JournalSegmentName(uint64_t base_sequence);

struct JournalOptions {
  // A segment is closed (fdatasync'ed) and a new one started when the next record would take it
  // past this size. At least 1.
  uint64_t segment_bytes = uint64_t{16} << 20;
  // fdatasync after every Append. Otherwise records reach the kernel at once (they survive the
  // process being killed) and the disk when Sync is called, a segment is full, or the journal is
  // destroyed; the caller runs Sync on its own interval.
  bool sync_every_append = false;
};

// One problem found by Open.
struct RecoveryIssue {
  std::string file;            // segment (or ack) file name, without the directory
  uint64_t offset = 0;         // where the first bad byte is
  uint64_t bytes_dropped = 0;  // bytes from there to the end of the file
  std::string reason;          // e.g. "checksum mismatch", "incomplete record header (7 of 20 bytes)"
  bool truncated = false;      // true: cut off the file (last segment); false: skipped, left on disk
  std::string ToString() const;
};

struct RecoveryReport {
  std::vector<RecoveryIssue> issues;
  uint64_t segments = 0;            // segment files found
  uint64_t records = 0;             // valid records found (acked or not)
  uint64_t bytes_dropped = 0;       // sum over issues
  uint64_t acked_through = 0;       // the ack file's mark, 0 = none
  uint64_t deleted_segments = 0;    // fully acked segments removed at open (a crash between the ack
                                    // and the deletion leaves them)
  bool clean() const { return issues.empty(); }
  std::string ToString() const;
};

class Journal {
 public:
  using Visitor = std::function<bool(uint64_t sequence, std::string_view payload)>;

  // Creates `dir` (and parents) if needed, locks it, recovers every segment (see above), deletes
  // segments made only of acknowledged records, and positions appends after the last record.
  // Errors: InvalidArgument (options), FailedPrecondition (dir locked by another Journal, or not a
  // directory), and the errno of any failing file operation, naming the file.
  static absl::StatusOr<std::unique_ptr<Journal>> Open(std::string dir, JournalOptions options = {});

  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;
  // Best-effort fdatasync of unsynced appends, then closes the files.
  ~Journal();

  // Appends one record and returns its sequence. InvalidArgument above kMaxPayloadBytes. On a write
  // or sync error (e.g. ENOSPC, EFBIG) the file is cut back to where it was and the error returned,
  // naming the file and offset: no part of the record is visible to ReadFrom or after a restart,
  // and the next Append gets its sequence. If even the cut fails, every later Append returns
  // FailedPrecondition until the journal is reopened (recovery then drops a partial record; a
  // complete one whose fdatasync failed may survive).
  absl::StatusOr<uint64_t> Append(std::string_view payload);
  // fdatasync of the active segment (a no-op when nothing was appended since the last sync).
  absl::Status Sync();
  // Calls visit(sequence, payload) for each record with sequence >= max(first_sequence,
  // first_unacked()), in order, that was appended before the call; stops early when visit returns
  // false. `payload` is valid only during the call. DataLoss if a segment changed on disk since
  // Open (a record no longer passes its checks).
  absl::Status ReadFrom(uint64_t first_sequence, const Visitor& visit) const;
  // Acknowledges every record <= sequence (capped at next_sequence() - 1; a lower mark than the
  // current one is a no-op): writes the ack file durably, then deletes each segment other than the
  // active one whose records are all acknowledged. ReadFrom (also after a restart) starts after it.
  absl::Status TruncateThrough(uint64_t sequence);

  // Sequence the next Append will get.
  uint64_t next_sequence() const;
  // Acked high-water mark + 1: where replay starts.
  uint64_t first_unacked() const;
  size_t bytes_on_disk() const;  // sum of the segment files' sizes
  size_t segment_count() const;
  const RecoveryReport& recovery() const { return recovery_; }
  const std::string& dir() const { return dir_; }

 private:
  struct Segment {
    uint64_t base = 0;         // from the file name
    std::string name;
    uint64_t first_seq = 0;    // 0 = no valid record
    uint64_t last_seq = 0;
    uint64_t valid_end = 0;    // bytes that hold valid records; ReadFrom reads no further
    uint64_t file_size = 0;    // bytes on disk (> valid_end after skipped damage)
  };

  Journal(std::string dir, JournalOptions options, int dir_fd);
  absl::Status Recover() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status OpenActiveForAppend() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status StartSegment() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status CloseActive(bool sync) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status WriteAckFile(uint64_t mark) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status DeleteAckedSegments() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status SyncDir() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  std::string PathOf(std::string_view name) const { return dir_ + "/" + std::string(name); }

  const std::string dir_;
  const JournalOptions options_;
  const int dir_fd_;  // open for the journal's life: holds the flock, fsync target for renames

  mutable absl::Mutex mu_;
  std::vector<Segment> segments_ ABSL_GUARDED_BY(mu_);  // in name order; the last one is active
  int active_fd_ ABSL_GUARDED_BY(mu_) = -1;          // -1: the next Append starts a segment
  bool unsynced_ ABSL_GUARDED_BY(mu_) = false;
  std::string broken_ ABSL_GUARDED_BY(mu_);  // why appends are refused; empty = they are not
  uint64_t next_sequence_ ABSL_GUARDED_BY(mu_) = 1;
  uint64_t acked_ ABSL_GUARDED_BY(mu_) = 0;
  RecoveryReport recovery_;  // written by Open only
};

}  // namespace aiworld::bridge
