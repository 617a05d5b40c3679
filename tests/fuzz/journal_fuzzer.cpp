// libFuzzer target: the bridge journal's recovery and reader (bridge-client/journal) over untrusted
// bytes on disk. Each input is tried three ways, each in a fresh directory:
//   1. as the only segment file;
//   2. as an earlier segment followed by a valid one, and as the ack file in front of a valid one;
//   3. as edits (a cut and bit flips) of a valid segment: torn and flipped variants.
// Each time: Open, ReadFrom, Append, reopen, TruncateThrough, reopen. Beyond "no crash, no ASan
// report, no leak, no hang" it checks the journal's promises: Open succeeds on any file contents;
// every issue lies inside its file; ReadFrom succeeds right after Open, in strictly increasing
// order, inside [first_unacked, next_sequence); Append gets next_sequence; a reopen finds exactly
// the records seen before plus the appended one and no torn tail left to cut; after
// TruncateThrough(s) replay starts after s, also after a reopen.
#include <stdlib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bridge-client/journal/journal.h"

namespace {

namespace fs = std::filesystem;
using aiworld::bridge::Journal;
using aiworld::bridge::JournalFormat;
using aiworld::bridge::JournalOptions;
using aiworld::bridge::JournalSegmentName;
using aiworld::bridge::RecoveryReport;

using Records = std::vector<std::pair<uint64_t, std::string>>;

[[noreturn]] void Violation(const char* what, const std::string& detail = "") {
  std::fprintf(stderr, "journal_fuzzer: invariant violated: %s %s\n", what, detail.c_str());
  std::abort();
}

// A record framed as journal.h documents it, written independently of the journal's own encoder.
std::string Record(uint64_t sequence, std::string_view payload) {
  std::string r(JournalFormat::kHeaderBytes, '\0');
  auto put = [&](size_t at, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) r[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  put(0, JournalFormat::kMagic, 4);
  put(4, payload.size(), 4);
  put(8, sequence, 8);
  put(16, aiworld::bridge::Crc32c(aiworld::bridge::Crc32c(0, std::string_view(r).substr(0, 16)), payload), 4);
  return r + std::string(payload);
}

std::string ValidSegment(uint64_t first) {
  return Record(first, "login") + Record(first + 1, "") + Record(first + 2, std::string(300, 'p')) +
         Record(first + 3, "omega");
}

struct Fixture {
  std::string root;
  std::string valid = ValidSegment(1);
  std::string valid_later = ValidSegment(1000);

  Fixture() {
    const char* base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";  // tmpfs: fsync costs nothing
    std::string pattern = std::string(base) + "/aiworld_journal_fuzz.XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) Violation("mkdtemp failed");
    root = pattern;
  }
  ~Fixture() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};

Fixture& Fix() {
  static Fixture fixture;
  return fixture;
}

void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) Violation("cannot write", path);
}

std::unique_ptr<Journal> OpenOrDie(const std::string& dir, const JournalOptions& options) {
  auto journal = Journal::Open(dir, options);
  if (!journal.ok()) Violation("Open failed", journal.status().ToString());
  return *std::move(journal);
}

Records ReadOrDie(const Journal& journal) {
  Records out;
  const uint64_t first = journal.first_unacked();
  const uint64_t next = journal.next_sequence();
  const absl::Status s = journal.ReadFrom(0, [&](uint64_t seq, std::string_view payload) {
    if (!out.empty() && seq <= out.back().first) Violation("ReadFrom out of order");
    if (seq < first || seq >= next) Violation("ReadFrom outside [first_unacked, next_sequence)");
    out.emplace_back(seq, std::string(payload));
    return true;
  });
  if (!s.ok()) Violation("ReadFrom failed right after Open", s.ToString());
  return out;
}

void CheckReport(const RecoveryReport& report, uint64_t largest_file) {
  uint64_t dropped = 0;
  for (const auto& issue : report.issues) {
    if (issue.reason.empty() || issue.file.empty()) Violation("issue without a file or reason");
    if (issue.offset > largest_file || issue.bytes_dropped > largest_file - issue.offset) {
      Violation("issue outside its file", issue.ToString());
    }
    dropped += issue.bytes_dropped;
  }
  if (dropped != report.bytes_dropped) Violation("bytes_dropped is not the sum over issues");
}

bool HasTruncation(const RecoveryReport& report) {
  for (const auto& issue : report.issues) {
    if (issue.truncated) return true;
  }
  return false;
}

// The journal's promises over whatever is in `dir`.
void Exercise(const std::string& dir, uint64_t largest_file, uint64_t segment_bytes) {
  JournalOptions options;
  options.segment_bytes = segment_bytes;
  auto journal = OpenOrDie(dir, options);
  CheckReport(journal->recovery(), largest_file);
  Records records = ReadOrDie(*journal);
  if (journal->first_unacked() > journal->next_sequence()) Violation("first_unacked beyond next_sequence");

  const uint64_t next = journal->next_sequence();
  const auto appended = journal->Append("fuzz");
  if (!appended.ok()) {
    // Only a forged record or ack at the very end of the sequence space stops appends.
    if (next <= JournalFormat::kMaxSequence) Violation("Append failed", appended.status().ToString());
    return;
  }
  if (*appended != next) Violation("Append did not get next_sequence");
  records.emplace_back(*appended, "fuzz");
  if (ReadOrDie(*journal) != records) Violation("the appended record is not read back last");

  journal.reset();
  journal = OpenOrDie(dir, options);
  if (HasTruncation(journal->recovery())) Violation("a torn tail survived recovery", journal->recovery().ToString());
  if (ReadOrDie(*journal) != records) Violation("reopen changed the records", journal->recovery().ToString());
  if (journal->next_sequence() != *appended + 1) Violation("reopen changed next_sequence");

  const uint64_t ack = records.size() > 1 ? records[records.size() / 2].first : *appended;
  if (absl::Status s = journal->TruncateThrough(ack); !s.ok()) Violation("TruncateThrough failed", s.ToString());
  Records rest;
  for (const auto& r : records) {
    if (r.first > ack) rest.push_back(r);
  }
  if (ReadOrDie(*journal) != rest) Violation("replay after TruncateThrough");
  journal.reset();
  journal = OpenOrDie(dir, options);
  if (journal->first_unacked() != ack + 1) Violation("the ack mark did not survive a reopen");
  if (ReadOrDie(*journal) != rest) Violation("replay after TruncateThrough and reopen");
}

void ResetDir(const std::string& dir) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directory(dir, ec);
  if (ec) Violation("cannot create", dir);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Fixture& fix = Fix();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string dir = fix.root + "/j";
  const uint64_t segment_bytes[] = {128, 1024, uint64_t{16} << 20};
  const uint64_t seg_size = segment_bytes[size % 3];
  const std::string first = dir + "/" + JournalSegmentName(1);

  // 1. The input is the only segment.
  ResetDir(dir);
  WriteFile(first, input);
  Exercise(dir, size, seg_size);

  // 2. The input as an earlier segment, then as the ack file, in front of a valid segment.
  ResetDir(dir);
  WriteFile(first, input);
  WriteFile(dir + "/" + JournalSegmentName(1000), fix.valid_later);
  Exercise(dir, std::max<uint64_t>(size, fix.valid_later.size()), seg_size);
  ResetDir(dir);
  WriteFile(dir + "/ack", input);
  WriteFile(first, fix.valid);
  Exercise(dir, std::max<uint64_t>(size, fix.valid.size()), seg_size);

  // 3. The input edits a valid segment: byte 0 bit 0 asks for a cut at bytes 1-2; then each
  // triple (offset high, offset low, xor mask) flips bits.
  std::string edited = fix.valid;
  size_t at = 0;
  if (size >= 3 && (data[0] & 1) != 0) {
    edited.resize(((size_t{data[1]} << 8) | data[2]) % (edited.size() + 1));
    at = 3;
  } else if (size >= 1) {
    at = 1;
  }
  for (; at + 3 <= size && !edited.empty(); at += 3) {
    edited[((size_t{data[at]} << 8) | data[at + 1]) % edited.size()] ^= static_cast<char>(data[at + 2]);
  }
  ResetDir(dir);
  WriteFile(first, edited);
  Exercise(dir, fix.valid.size(), seg_size);

  ResetDir(dir);
  return 0;
}
