#include "bridge-client/journal/journal.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace aiworld::bridge {
namespace {

using F = JournalFormat;

// ---------------------------------------------------------------- CRC32C

constexpr uint32_t kCrc32cPoly = 0x82F63B78;  // Castagnoli, reflected

constexpr std::array<std::array<uint32_t, 256>, 8> MakeCrcTables() {
  std::array<std::array<uint32_t, 256>, 8> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ kCrc32cPoly : c >> 1;
    t[0][i] = c;
  }
  for (size_t k = 1; k < 8; ++k) {
    for (uint32_t i = 0; i < 256; ++i) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF];
  }
  return t;
}
constexpr auto kCrcTables = MakeCrcTables();

uint32_t Crc32cPortable(uint32_t crc, const unsigned char* p, size_t n) {
  const auto& t = kCrcTables;
  crc = ~crc;
  if constexpr (std::endian::native == std::endian::little) {
    while (n >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      w ^= crc;
      crc = t[7][w & 0xFF] ^ t[6][(w >> 8) & 0xFF] ^ t[5][(w >> 16) & 0xFF] ^ t[4][(w >> 24) & 0xFF] ^
            t[3][(w >> 32) & 0xFF] ^ t[2][(w >> 40) & 0xFF] ^ t[1][(w >> 48) & 0xFF] ^ t[0][w >> 56];
      p += 8;
      n -= 8;
    }
  }
  while (n-- > 0) crc = t[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) uint32_t Crc32cSse42(uint32_t crc, const unsigned char* p, size_t n) {
  uint64_t c = static_cast<uint32_t>(~crc);
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    c = _mm_crc32_u64(c, w);
    p += 8;
    n -= 8;
  }
  auto c32 = static_cast<uint32_t>(c);
  while (n-- > 0) c32 = _mm_crc32_u8(c32, *p++);
  return ~c32;
}
#endif

// ---------------------------------------------------------------- encoding

void PutU32(char* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
void PutU64(char* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}
uint32_t GetU32(const char* in) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}
uint64_t GetU64(const char* in) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

// Fills `header` (kHeaderBytes) for a record.
void EncodeHeader(char* header, uint64_t sequence, std::string_view payload) {
  PutU32(header, F::kMagic);
  PutU32(header + 4, static_cast<uint32_t>(payload.size()));
  PutU64(header + 8, sequence);
  const uint32_t crc = Crc32c(Crc32c(0, std::string_view(header, 16)), payload);
  PutU32(header + 16, crc);
}

// Debian's abseil 20220623 has its own string_view; StrCat takes that one.
absl::string_view A(std::string_view s) { return absl::string_view(s.data(), s.size()); }

std::string Hex32(uint32_t v) { return absl::StrFormat("0x%08x", v); }

absl::Status Errno(int error, const std::string& dir, std::string_view what) {
  return absl::ErrnoToStatus(error, absl::StrCat("journal ", dir, ": ", absl::string_view(what.data(), what.size())));
}

// ---------------------------------------------------------------- reading

// Reads the records of one file from offset 0 up to `limit`, checking each one. A bad record ends
// the scan (the caller decides what that means); an I/O error is a Status.
class RecordScanner {
 public:
  struct Item {
    enum Kind { kRecord, kEnd, kBad } kind = kEnd;
    uint64_t offset = 0;  // of the record, of the end, or of the first bad byte
    uint64_t sequence = 0;
    std::string_view payload;  // valid until the next call
    std::string reason;
  };

  RecordScanner(int fd, uint64_t limit, uint64_t base, uint64_t previous)
      : fd_(fd), limit_(limit), base_(base), previous_(previous) {}

  // Returns 0, or the errno of a failed read.
  int Next(Item& item) {
    item = Item{};
    item.offset = pos_;
    if (pos_ >= limit_) return 0;  // kEnd
    size_t have = 0;
    if (const int error = Fill(F::kHeaderBytes, have); error != 0) return error;
    if (have < F::kHeaderBytes) {
      return Bad(item, absl::StrCat("incomplete record header (", have, " of ", F::kHeaderBytes, " bytes)"));
    }
    const char* h = Data();
    const uint32_t magic = GetU32(h);
    if (magic != F::kMagic) return Bad(item, absl::StrCat("bad magic ", Hex32(magic)));
    const uint32_t length = GetU32(h + 4);
    if (length > F::kMaxPayloadBytes) {
      return Bad(item, absl::StrCat("payload length ", length, " over the limit of ", F::kMaxPayloadBytes));
    }
    const size_t total = F::kHeaderBytes + length;
    if (const int error = Fill(total, have); error != 0) return error;
    if (have < total) {
      return Bad(item, absl::StrCat("incomplete record (", have - F::kHeaderBytes, " of ", length, " payload bytes)"));
    }
    h = Data();  // Fill may have moved the buffer
    const uint64_t sequence = GetU64(h + 8);
    const uint32_t stored = GetU32(h + 16);
    const std::string_view payload(h + F::kHeaderBytes, length);
    const uint32_t actual = Crc32c(Crc32c(0, std::string_view(h, 16)), payload);
    if (stored != actual) {
      return Bad(item, absl::StrCat("checksum mismatch (stored ", Hex32(stored), ", computed ", Hex32(actual), ")"));
    }
    if (sequence == 0 || sequence > F::kMaxSequence) {
      return Bad(item, absl::StrCat("sequence ", sequence, " out of range"));
    }
    if (sequence < base_) {
      return Bad(item, absl::StrCat("sequence ", sequence, " below the segment's first sequence ", base_));
    }
    if (sequence <= previous_) {
      return Bad(item, absl::StrCat("sequence ", sequence, " not after the previous record's ", previous_));
    }
    previous_ = sequence;
    item.kind = Item::kRecord;
    item.sequence = sequence;
    item.payload = payload;
    pos_ += total;
    return 0;
  }

 private:
  static constexpr size_t kChunk = size_t{1} << 20;

  int Bad(Item& item, std::string reason) {
    item.kind = Item::kBad;
    item.reason = std::move(reason);
    pos_ = limit_;  // nothing after a bad record is read
    return 0;
  }

  const char* Data() const { return buf_.data() + (pos_ - buf_start_); }

  // Makes bytes [pos_, pos_ + n) available at Data() as far as the file (up to limit_) has them;
  // `have` is how many are.
  int Fill(size_t n, size_t& have) {
    const uint64_t wanted_end = std::min<uint64_t>(limit_, pos_ + n);
    if (buf_start_ + buf_len_ < wanted_end) {
      // Keep the unread bytes, move them to the front, read more.
      const size_t keep = static_cast<size_t>(buf_start_ + buf_len_ - pos_);
      if (keep > 0) std::memmove(buf_.data(), Data(), keep);
      buf_start_ = pos_;
      buf_len_ = keep;
      const size_t target = static_cast<size_t>(std::min<uint64_t>(limit_ - pos_, std::max(n, kChunk)));
      if (buf_.size() < target) buf_.resize(target);
      while (buf_start_ + buf_len_ < buf_start_ + target) {
        const ssize_t r = ::pread(fd_, buf_.data() + buf_len_, target - buf_len_,
                                  static_cast<off_t>(buf_start_ + buf_len_));
        if (r < 0) {
          if (errno == EINTR) continue;
          return errno;
        }
        if (r == 0) break;  // the file is shorter than limit_
        buf_len_ += static_cast<size_t>(r);
      }
    }
    have = static_cast<size_t>(std::min<uint64_t>(n, buf_start_ + buf_len_ - pos_));
    return 0;
  }

  const int fd_;
  const uint64_t limit_;
  const uint64_t base_;
  uint64_t previous_;
  uint64_t pos_ = 0;
  std::string buf_;
  uint64_t buf_start_ = 0;  // file offset of buf_[0]
  size_t buf_len_ = 0;
};

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

bool ParseSegmentName(std::string_view name, uint64_t& base) {
  if (name.size() != F::kSegmentNameDigits + F::kSegmentSuffix.size()) return false;
  if (name.substr(F::kSegmentNameDigits) != F::kSegmentSuffix) return false;
  const std::string_view digits = name.substr(0, F::kSegmentNameDigits);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), base);
  return ec == std::errc() && end == digits.data() + digits.size();
}

// Writes all of iov at offset; returns 0 or the errno. `written` is how much reached the file.
int WriteAll(int fd, const struct iovec* iov_in, int count, uint64_t offset, size_t& written) {
  std::array<struct iovec, 2> iov{};
  for (int i = 0; i < count; ++i) iov[i] = iov_in[i];
  int first = 0;
  written = 0;
  while (first < count) {
    const ssize_t r = ::pwritev(fd, iov.data() + first, count - first, static_cast<off_t>(offset + written));
    if (r < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (r == 0) return EIO;
    written += static_cast<size_t>(r);
    size_t left = static_cast<size_t>(r);
    while (first < count && left >= iov[first].iov_len) {
      left -= iov[first].iov_len;
      ++first;
    }
    if (first < count) {
      iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + left;
      iov[first].iov_len -= left;
    }
  }
  return 0;
}

}  // namespace

uint32_t Crc32c(uint32_t crc, std::string_view data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
#if defined(__x86_64__)
  static const bool has_sse42 = __builtin_cpu_supports("sse4.2");
  if (has_sse42) return Crc32cSse42(crc, p, data.size());
#endif
  return Crc32cPortable(crc, p, data.size());
}

uint32_t Crc32cPortableForTest(uint32_t crc, std::string_view data) {
  return Crc32cPortable(crc, reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

std::string JournalSegmentName(uint64_t base_sequence) {
  return absl::StrFormat("%020u%s", base_sequence, F::kSegmentSuffix);
}

std::string RecoveryIssue::ToString() const {
  return absl::StrCat(file, " at offset ", offset, ": ", reason, "; ", bytes_dropped, " bytes ",
                      truncated ? "truncated" : "skipped");
}

std::string RecoveryReport::ToString() const {
  std::string out = absl::StrCat(segments, " segments, ", records, " records, acked through ", acked_through);
  if (deleted_segments > 0) absl::StrAppend(&out, ", ", deleted_segments, " acked segments deleted");
  if (issues.empty()) return absl::StrCat(out, ", clean");
  absl::StrAppend(&out, ", ", issues.size(), " problems (", bytes_dropped, " bytes dropped):");
  for (const RecoveryIssue& issue : issues) absl::StrAppend(&out, " [", issue.ToString(), "]");
  return out;
}

// ---------------------------------------------------------------- Journal

absl::StatusOr<std::unique_ptr<Journal>> Journal::Open(std::string dir, JournalOptions options) {
  if (dir.empty()) return absl::InvalidArgumentError("journal: the directory is empty");
  if (options.segment_bytes == 0) {
    return absl::InvalidArgumentError(absl::StrCat("journal ", dir, ": segment_bytes must be at least 1"));
  }
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Errno(ec.value(), dir, "cannot create the directory");
  Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() < 0) {
    if (errno == ENOTDIR) return absl::FailedPreconditionError(absl::StrCat("journal ", dir, ": not a directory"));
    return Errno(errno, dir, "cannot open the directory");
  }
  if (::flock(dir_fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return absl::FailedPreconditionError(
          absl::StrCat("journal ", dir, ": already open (locked by another Journal in this or another process)"));
    }
    return Errno(errno, dir, "cannot lock the directory");
  }
  std::unique_ptr<Journal> journal(new Journal(std::move(dir), options, dir_fd.release()));
  absl::MutexLock lock(&journal->mu_);
  if (absl::Status s = journal->Recover(); !s.ok()) return s;
  return journal;
}

Journal::Journal(std::string dir, JournalOptions options, int dir_fd)
    : dir_(std::move(dir)), options_(options), dir_fd_(dir_fd) {}

Journal::~Journal() {
  absl::MutexLock lock(&mu_);
  (void)CloseActive(/*sync=*/true);
  if (active_fd_ >= 0) ::close(active_fd_);  // the sync failed; close anyway
  ::close(dir_fd_);
}

absl::Status Journal::Recover() {
  // The segment files, in sequence order; anything else in the directory is not ours to judge.
  struct Found {
    uint64_t base;
    std::string name;
  };
  std::vector<Found> found;
  {
    const int list_fd = ::dup(dir_fd_);
    if (list_fd < 0) return Errno(errno, dir_, "cannot list the directory");
    DIR* d = ::fdopendir(list_fd);
    if (d == nullptr) {
      const int error = errno;
      ::close(list_fd);
      return Errno(error, dir_, "cannot list the directory");
    }
    ::rewinddir(d);
    for (;;) {
      errno = 0;
      const struct dirent* e = ::readdir(d);
      if (e == nullptr) break;
      const std::string_view name(e->d_name);
      uint64_t base = 0;
      if (ParseSegmentName(name, base)) found.push_back({base, std::string(name)});
    }
    const int error = errno;
    ::closedir(d);
    if (error != 0) return Errno(error, dir_, "cannot list the directory");
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.base < b.base; });
  // Names we cannot use are reported and left alone; "last" below means the last usable one.
  std::erase_if(found, [&](const Found& f) {
    struct stat st {};
    if (::fstatat(dir_fd_, f.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return false;  // open reports it
    if (!S_ISREG(st.st_mode)) {
      recovery_.issues.push_back({f.name, 0, 0, "not a regular file; ignored", false});
      return true;
    }
    if (f.base > F::kMaxSequence) {
      recovery_.issues.push_back({f.name, 0, static_cast<uint64_t>(st.st_size),
                                  "segment name beyond the sequence range; ignored", false});
      return true;
    }
    return false;
  });

  // The ack file.
  {
    Fd fd(::open(PathOf(F::kAckFile).c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0 && errno != ENOENT) return Errno(errno, dir_, "cannot open the ack file");
    if (fd.get() >= 0) {
      struct stat st {};
      if (::fstat(fd.get(), &st) != 0) return Errno(errno, dir_, "cannot stat the ack file");
      const auto size = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
      RecordScanner scanner(fd.get(), size, 0, 0);
      RecordScanner::Item item;
      if (const int error = scanner.Next(item); error != 0) return Errno(error, dir_, "cannot read the ack file");
      std::string problem;
      if (!S_ISREG(st.st_mode)) {
        problem = "not a regular file";
      } else if (item.kind == RecordScanner::Item::kBad) {
        problem = item.reason;
      } else if (item.kind == RecordScanner::Item::kEnd) {
        problem = "empty ack file";
      } else if (!item.payload.empty() || size != F::kHeaderBytes) {
        problem = absl::StrCat("ack file of ", size, " bytes, expected ", F::kHeaderBytes);
        item.offset = 0;
      }
      if (problem.empty()) {
        acked_ = item.sequence;
      } else {
        RecoveryIssue issue{std::string(F::kAckFile), item.offset, size - item.offset,
                            absl::StrCat(problem, "; nothing counts as acknowledged"), false};
        recovery_.bytes_dropped += issue.bytes_dropped;
        recovery_.issues.push_back(std::move(issue));
      }
    }
  }
  recovery_.acked_through = acked_;

  // Sequences are assigned +1 per record, so a jump between segments means records went missing
  // (a segment deleted or emptied by hand). Not checked right after damage already reported, nor
  // from the start when the ack file was unreadable.
  bool check_gap = recovery_.issues.empty() || recovery_.issues.back().file != F::kAckFile;
  uint64_t expect_after = acked_;
  uint64_t previous = 0;
  uint64_t max_base = 0;
  for (size_t i = 0; i < found.size(); ++i) {
    const bool last = i + 1 == found.size();
    Segment seg;
    seg.base = found[i].base;
    seg.name = found[i].name;
    Fd fd(::open(PathOf(seg.name).c_str(), (last ? O_RDWR : O_RDONLY) | O_CLOEXEC | O_NOFOLLOW));
    if (fd.get() < 0) return Errno(errno, dir_, absl::StrCat("cannot open ", seg.name));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return Errno(errno, dir_, absl::StrCat("cannot stat ", seg.name));
    seg.file_size = static_cast<uint64_t>(st.st_size);
    ++recovery_.segments;
    RecordScanner scanner(fd.get(), seg.file_size, seg.base, previous);
    RecordScanner::Item item;
    for (;;) {
      if (const int error = scanner.Next(item); error != 0) {
        return Errno(error, dir_, absl::StrCat("cannot read ", seg.name, " at offset ", item.offset));
      }
      if (item.kind != RecordScanner::Item::kRecord) break;
      if (seg.first_seq == 0) seg.first_seq = item.sequence;
      seg.last_seq = item.sequence;
      ++recovery_.records;
    }
    seg.valid_end = item.offset;
    RecoveryIssue issue{seg.name, item.offset, seg.file_size - item.offset, item.reason, last};
    if (item.kind == RecordScanner::Item::kBad) {
      if (last) {
        // A torn tail: cut it off so appends continue right after the last good record.
        if (::ftruncate(fd.get(), static_cast<off_t>(item.offset)) != 0) {
          return Errno(errno, dir_, absl::StrCat("cannot truncate the torn tail of ", seg.name));
        }
        if (::fdatasync(fd.get()) != 0) return Errno(errno, dir_, absl::StrCat("fdatasync of ", seg.name));
        seg.file_size = item.offset;
      }
    }
    if (seg.first_seq != 0) {
      if (check_gap && seg.first_seq > expect_after + 1) {
        recovery_.issues.push_back({seg.name, 0, 0,
                                    absl::StrCat("sequences ", expect_after + 1, "..", seg.first_seq - 1,
                                                 " missing before this segment"),
                                    false});
      }
      expect_after = std::max(expect_after, seg.last_seq);
      check_gap = true;
    }
    if (item.kind == RecordScanner::Item::kBad) {
      recovery_.bytes_dropped += issue.bytes_dropped;
      recovery_.issues.push_back(std::move(issue));
      check_gap = false;
    }
    if (seg.last_seq != 0) previous = seg.last_seq;
    max_base = std::max(max_base, seg.base);
    segments_.push_back(std::move(seg));
  }
  next_sequence_ = std::max({uint64_t{1}, previous + 1, acked_ + 1, max_base});

  // The last segment stays the active one while it has room.
  if (!segments_.empty() && segments_.back().valid_end < options_.segment_bytes) {
    if (absl::Status s = OpenActiveForAppend(); !s.ok()) return s;
  }
  const size_t before = segments_.size();
  if (absl::Status s = DeleteAckedSegments(); !s.ok()) return s;
  recovery_.deleted_segments = before - segments_.size();
  return absl::OkStatus();
}

absl::Status Journal::OpenActiveForAppend() {
  const Segment& seg = segments_.back();
  const int fd = ::open(PathOf(seg.name).c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return Errno(errno, dir_, absl::StrCat("cannot open ", seg.name, " for appending"));
  active_fd_ = fd;
  unsynced_ = false;
  return absl::OkStatus();
}

absl::Status Journal::StartSegment() {
  Segment seg;
  seg.base = next_sequence_;
  seg.name = JournalSegmentName(seg.base);
  const int fd = ::open(PathOf(seg.name).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Errno(errno, dir_, absl::StrCat("cannot create ", seg.name));
  segments_.push_back(std::move(seg));
  active_fd_ = fd;
  unsynced_ = false;
  // The new name must survive a crash along with what is written into it.
  return SyncDir();
}

absl::Status Journal::CloseActive(bool sync) {
  if (active_fd_ < 0) return absl::OkStatus();
  if (sync && unsynced_) {
    if (::fdatasync(active_fd_) != 0) return Errno(errno, dir_, absl::StrCat("fdatasync ", segments_.back().name));
    unsynced_ = false;
  }
  ::close(active_fd_);
  active_fd_ = -1;
  return absl::OkStatus();
}

absl::Status Journal::SyncDir() {
  if (::fsync(dir_fd_) != 0) return Errno(errno, dir_, "fsync of the directory");
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> Journal::Append(std::string_view payload) {
  if (payload.size() > F::kMaxPayloadBytes) {
    return absl::InvalidArgumentError(absl::StrCat("journal ", dir_, ": payload of ", payload.size(),
                                                   " bytes is over the limit of ", F::kMaxPayloadBytes));
  }
  absl::MutexLock lock(&mu_);
  if (!broken_.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "journal ", dir_, ": no appends after a failed write that could not be undone (", broken_, "); reopen it"));
  }
  if (next_sequence_ > F::kMaxSequence) {
    return absl::ResourceExhaustedError(absl::StrCat("journal ", dir_, ": sequence numbers exhausted"));
  }
  const uint64_t record_bytes = F::kHeaderBytes + payload.size();
  if (active_fd_ >= 0) {
    const Segment& active = segments_.back();
    // A closed segment was fdatasync'ed: only the last segment can have a torn tail after a crash.
    if (active.valid_end > 0 && active.valid_end + record_bytes > options_.segment_bytes) {
      if (absl::Status s = CloseActive(/*sync=*/true); !s.ok()) return s;
    }
  }
  if (active_fd_ < 0) {
    if (absl::Status s = StartSegment(); !s.ok()) return s;
  }
  Segment& seg = segments_.back();
  const uint64_t sequence = next_sequence_;
  char header[F::kHeaderBytes];
  EncodeHeader(header, sequence, payload);
  const struct iovec iov[2] = {{header, F::kHeaderBytes}, {const_cast<char*>(payload.data()), payload.size()}};
  size_t written = 0;
  int failure = WriteAll(active_fd_, iov, payload.empty() ? 1 : 2, seg.valid_end, written);
  std::string what = absl::StrCat("write of record ", sequence, " (", record_bytes, " bytes) to ", seg.name,
                                  " at offset ", seg.valid_end);
  if (failure == 0 && options_.sync_every_append && ::fdatasync(active_fd_) != 0) {
    failure = errno;
    what = absl::StrCat("fdatasync of record ", sequence, " in ", seg.name);
  }
  if (failure != 0) {
    absl::Status error = Errno(failure, dir_, what);
    // Take the record back out so that nobody, now or after a restart, sees a part of it; its
    // sequence goes to the next append.
    const bool touched = written > 0 || options_.sync_every_append;
    if (touched && ::ftruncate(active_fd_, static_cast<off_t>(seg.valid_end)) != 0) {
      // It cannot be undone. Stop appending: a reopen recovers whatever made it to the file.
      broken_ = absl::StrCat(error.message(), "; then ftruncate: ", std::strerror(errno));
      struct stat st {};
      if (::fstat(active_fd_, &st) == 0) seg.file_size = static_cast<uint64_t>(st.st_size);
      ::close(active_fd_);
      active_fd_ = -1;
    }
    return error;
  }
  next_sequence_ = sequence + 1;
  seg.valid_end += record_bytes;
  seg.file_size = seg.valid_end;
  if (seg.first_seq == 0) seg.first_seq = sequence;
  seg.last_seq = sequence;
  unsynced_ = !options_.sync_every_append;
  return sequence;
}

absl::Status Journal::Sync() {
  absl::MutexLock lock(&mu_);
  if (active_fd_ < 0 || !unsynced_) return absl::OkStatus();
  if (::fdatasync(active_fd_) != 0) return Errno(errno, dir_, absl::StrCat("fdatasync ", segments_.back().name));
  unsynced_ = false;
  return absl::OkStatus();
}

absl::Status Journal::ReadFrom(uint64_t first_sequence, const Visitor& visit) const {
  struct Snapshot {
    std::string name;
    uint64_t base;
    uint64_t limit;
  };
  std::vector<Snapshot> snapshot;
  uint64_t start = 0;
  {
    absl::MutexLock lock(&mu_);
    start = std::max(first_sequence, acked_ + 1);
    for (const Segment& seg : segments_) {
      if (seg.first_seq != 0 && seg.last_seq >= start) snapshot.push_back({seg.name, seg.base, seg.valid_end});
    }
  }
  uint64_t previous = 0;
  for (const Snapshot& seg : snapshot) {
    Fd fd(::open(PathOf(seg.name).c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
      // Deleted by a TruncateThrough since the snapshot: every record in it was acknowledged.
      if (errno == ENOENT) continue;
      return Errno(errno, dir_, absl::StrCat("cannot open ", seg.name));
    }
    RecordScanner scanner(fd.get(), seg.limit, seg.base, previous);
    RecordScanner::Item item;
    for (;;) {
      if (const int error = scanner.Next(item); error != 0) {
        return Errno(error, dir_, absl::StrCat("cannot read ", seg.name, " at offset ", item.offset));
      }
      if (item.kind == RecordScanner::Item::kEnd) break;
      if (item.kind == RecordScanner::Item::kBad) {
        return absl::DataLossError(absl::StrCat("journal ", dir_, ": ", seg.name, " at offset ", item.offset, ": ",
                                                item.reason, " (changed on disk since the journal was opened)"));
      }
      previous = item.sequence;
      if (item.sequence >= start && !visit(item.sequence, item.payload)) return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

absl::Status Journal::TruncateThrough(uint64_t sequence) {
  absl::MutexLock lock(&mu_);
  const uint64_t mark = std::min(sequence, next_sequence_ - 1);
  if (mark <= acked_) return absl::OkStatus();
  if (absl::Status s = WriteAckFile(mark); !s.ok()) return s;
  acked_ = mark;
  return DeleteAckedSegments();
}

absl::Status Journal::WriteAckFile(uint64_t mark) {
  char record[F::kHeaderBytes];
  EncodeHeader(record, mark, {});
  const std::string tmp = PathOf(absl::StrCat(A(F::kAckFile), ".tmp"));
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) return Errno(errno, dir_, "cannot create ack.tmp");
  const struct iovec iov[1] = {{record, sizeof record}};
  size_t written = 0;
  if (const int error = WriteAll(fd.get(), iov, 1, 0, written); error != 0) {
    return Errno(error, dir_, "write of ack.tmp");
  }
  if (::fdatasync(fd.get()) != 0) return Errno(errno, dir_, "fdatasync of ack.tmp");
  if (::rename(tmp.c_str(), PathOf(F::kAckFile).c_str()) != 0) return Errno(errno, dir_, "rename of ack.tmp to ack");
  // The mark must be on disk before any segment it covers is deleted, or a crash could let the
  // sequence numbers start over.
  return SyncDir();
}

absl::Status Journal::DeleteAckedSegments() {
  const size_t keep_from = active_fd_ >= 0 ? segments_.size() - 1 : segments_.size();
  std::vector<Segment> kept;
  kept.reserve(segments_.size());
  absl::Status status;
  for (size_t i = 0; i < segments_.size(); ++i) {
    Segment& seg = segments_[i];
    // A segment without a valid record covers the sequences from its name on.
    const uint64_t covered = seg.last_seq != 0 ? seg.last_seq : seg.base;
    if (i < keep_from && covered <= acked_ && status.ok()) {
      if (::unlink(PathOf(seg.name).c_str()) == 0 || errno == ENOENT) continue;
      status = Errno(errno, dir_, absl::StrCat("cannot delete ", seg.name));
    }
    kept.push_back(std::move(seg));
  }
  segments_ = std::move(kept);
  return status;
}

uint64_t Journal::next_sequence() const {
  absl::MutexLock lock(&mu_);
  return next_sequence_;
}

uint64_t Journal::first_unacked() const {
  absl::MutexLock lock(&mu_);
  return acked_ + 1;
}

size_t Journal::bytes_on_disk() const {
  absl::MutexLock lock(&mu_);
  uint64_t total = 0;
  for (const Segment& seg : segments_) total += seg.file_size;
  return static_cast<size_t>(total);
}

size_t Journal::segment_count() const {
  absl::MutexLock lock(&mu_);
  return segments_.size();
}

}  // namespace aiworld::bridge
