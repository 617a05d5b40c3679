// The bridge's journal (bridge-client/journal): records and sequences across reopen, segments and
// acknowledgement, recovery from torn, flipped, garbage and missing bytes, limits, a writer and a
// reader at once, a failing disk; and the log of applied action ids on top of it.
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bridge-client/journal/applied_ids.h"
#include "bridge-client/journal/journal.h"
#include "runtime/clock.h"

namespace {

namespace fs = std::filesystem;
using aiworld::bridge::AppliedActionLog;
using aiworld::bridge::AppliedActionLogOptions;
using aiworld::bridge::Journal;
using aiworld::bridge::JournalFormat;
using aiworld::bridge::JournalOptions;
using aiworld::bridge::JournalSegmentName;
using aiworld::bridge::RecoveryIssue;
using Catch::Matchers::Contains;

constexpr size_t kHeader = JournalFormat::kHeaderBytes;

// A fresh directory under /tmp, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/aiworld_journal_test.XXXXXX";
    const char* made = ::mkdtemp(pattern.data());
    REQUIRE(made != nullptr);
    path_ = made;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::unique_ptr<Journal> OpenJournal(const std::string& dir, JournalOptions options = {}) {
  auto journal = Journal::Open(dir, options);
  INFO("Open: " << journal.status().ToString());
  REQUIRE(journal.ok());
  return *std::move(journal);
}

std::unique_ptr<AppliedActionLog> OpenLog(const std::string& dir, AppliedActionLogOptions options) {
  auto log = AppliedActionLog::Open(dir, options);
  INFO("Open: " << log.status().ToString());
  REQUIRE(log.ok());
  return *std::move(log);
}

// A payload that names its record, `size` bytes long.
std::string Payload(uint64_t n, size_t size = 200) {
  std::string p = "record-" + std::to_string(n) + "-";
  while (p.size() < size) p += static_cast<char>('a' + (n + p.size()) % 26);
  p.resize(size);
  return p;
}

uint64_t Append(Journal& journal, std::string_view payload) {
  auto seq = journal.Append(payload);
  INFO("Append: " << seq.status().ToString());
  REQUIRE(seq.ok());
  return *seq;
}

struct Rec {
  uint64_t seq;
  std::string payload;
};

std::vector<Rec> ReadAll(const Journal& journal, uint64_t first = 0) {
  std::vector<Rec> out;
  const absl::Status s = journal.ReadFrom(first, [&](uint64_t seq, std::string_view payload) {
    out.push_back({seq, std::string(payload)});
    return true;
  });
  INFO("ReadFrom: " << s.ToString());
  REQUIRE(s.ok());
  return out;
}

std::vector<uint64_t> Sequences(const std::vector<Rec>& records) {
  std::vector<uint64_t> out;
  for (const Rec& r : records) out.push_back(r.seq);
  return out;
}

std::vector<uint64_t> Range(uint64_t first, uint64_t last) {
  std::vector<uint64_t> out;
  for (uint64_t s = first; s <= last; ++s) out.push_back(s);
  return out;
}

std::vector<std::string> SegmentFiles(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".seg") out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const std::string& path, const std::string& bytes, bool append = false) {
  std::ofstream out(path, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
  out << bytes;
  REQUIRE(out.good());
}

void FlipBit(const std::string& path, uint64_t offset, int bit = 0) {
  std::string bytes = ReadBytes(path);
  REQUIRE(offset < bytes.size());
  bytes[offset] = static_cast<char>(bytes[offset] ^ (1 << bit));
  WriteBytes(path, bytes);
}

std::string Describe(const std::vector<RecoveryIssue>& issues) {
  std::string out;
  for (const RecoveryIssue& i : issues) out += "[" + i.ToString() + "] ";
  return out;
}

// Three 200-byte records (220 bytes each on disk) in one segment.
constexpr uint64_t kRec = kHeader + 200;
void WriteThree(const std::string& dir) {
  auto journal = OpenJournal(dir);
  for (uint64_t i = 1; i <= 3; ++i) REQUIRE(Append(*journal, Payload(i)) == i);
}

}  // namespace

TEST_CASE("CRC32C matches the published check values and the portable version", "[unit]") {
  using aiworld::bridge::Crc32c;
  using aiworld::bridge::Crc32cPortableForTest;
  CHECK(Crc32c(0, "123456789") == 0xE3069283u);
  CHECK(Crc32c(0, "") == 0u);
  CHECK(Crc32c(0, std::string(32, '\0')) == 0x8A9136AAu);  // RFC 3720 B.4
  CHECK(Crc32c(0, std::string(32, '\xFF')) == 0x62A8AB43u);
  std::string ascending;
  for (int i = 0; i < 32; ++i) ascending += static_cast<char>(i);
  CHECK(Crc32c(0, ascending) == 0x46DD794Eu);

  std::mt19937 rng(7);
  std::string data(1000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (size_t start = 0; start < 9; ++start) {
    for (size_t len : {0, 1, 7, 8, 9, 63, 64, 200, 991}) {
      const std::string_view piece = std::string_view(data).substr(start, len);
      CHECK(Crc32c(0, piece) == Crc32cPortableForTest(0, piece));
      const size_t half = len / 2;
      CHECK(Crc32c(Crc32c(0, piece.substr(0, half)), piece.substr(half)) == Crc32c(0, piece));
    }
  }
}

TEST_CASE("records are read back in order and again after reopen", "[unit]") {
  TempDir dir;
  std::vector<std::string> payloads;
  {
    auto journal = OpenJournal(dir.path());
    CHECK(journal->recovery().clean());
    for (uint64_t i = 1; i <= 100; ++i) {
      payloads.push_back(i % 10 == 0 ? std::string() : Payload(i, 1 + (i * 37) % 500));
      CHECK(Append(*journal, payloads.back()) == i);
    }
    REQUIRE(journal->Sync().ok());
    const auto records = ReadAll(*journal);
    REQUIRE(records.size() == 100);
    for (size_t i = 0; i < records.size(); ++i) {
      CHECK(records[i].seq == i + 1);
      CHECK(records[i].payload == payloads[i]);
    }
  }
  auto journal = OpenJournal(dir.path());
  INFO(journal->recovery().ToString());
  CHECK(journal->recovery().clean());
  CHECK(journal->recovery().records == 100);
  const auto records = ReadAll(*journal);
  REQUIRE(records.size() == 100);
  for (size_t i = 0; i < records.size(); ++i) CHECK(records[i].payload == payloads[i]);

  CHECK(Sequences(ReadAll(*journal, 51)) == Range(51, 100));
  CHECK(ReadAll(*journal, 101).empty());
  std::vector<uint64_t> seen;  // visit returning false stops the replay
  REQUIRE(journal->ReadFrom(10, [&](uint64_t seq, std::string_view) {
                   seen.push_back(seq);
                   return seen.size() < 3;
                 }).ok());
  CHECK(seen == std::vector<uint64_t>{10, 11, 12});
}

TEST_CASE("sequences continue after reopen and after every segment was acknowledged", "[unit]") {
  TempDir dir;
  {
    auto journal = OpenJournal(dir.path());
    CHECK(journal->next_sequence() == 1);
    for (uint64_t i = 1; i <= 5; ++i) CHECK(Append(*journal, Payload(i)) == i);
  }
  {
    auto journal = OpenJournal(dir.path());
    CHECK(journal->next_sequence() == 6);
    CHECK(Append(*journal, Payload(6)) == 6);
    REQUIRE(journal->TruncateThrough(6).ok());
  }
  // Even with every segment gone, the ack mark keeps the numbers from starting over.
  for (const std::string& name : SegmentFiles(dir.path())) fs::remove(dir / name);
  auto journal = OpenJournal(dir.path());
  CHECK(journal->segment_count() == 0);
  CHECK(journal->next_sequence() == 7);
  CHECK(journal->first_unacked() == 7);
  CHECK(Append(*journal, Payload(7)) == 7);
  CHECK(Sequences(ReadAll(*journal)) == std::vector<uint64_t>{7});
}

TEST_CASE("segments roll at segment_bytes and are named by their first sequence", "[unit]") {
  TempDir dir;
  JournalOptions options;
  options.segment_bytes = 1000;  // four 220-byte records per segment
  auto journal = OpenJournal(dir.path(), options);
  for (uint64_t i = 1; i <= 10; ++i) Append(*journal, Payload(i));
  CHECK(journal->segment_count() == 3);
  CHECK(SegmentFiles(dir.path()) ==
        std::vector<std::string>{JournalSegmentName(1), JournalSegmentName(5), JournalSegmentName(9)});
  CHECK(JournalSegmentName(5) == "00000000000000000005.seg");
  CHECK(journal->bytes_on_disk() == 10 * kRec);
  CHECK(fs::file_size(dir / JournalSegmentName(1)) == 4 * kRec);

  // A record bigger than a segment gets one of its own.
  CHECK(Append(*journal, Payload(11, 5000)) == 11);
  CHECK(Append(*journal, Payload(12)) == 12);
  CHECK(SegmentFiles(dir.path()).size() == 5);
  CHECK(fs::file_size(dir / JournalSegmentName(11)) == kHeader + 5000);
  CHECK(ReadAll(*journal)[10].payload == Payload(11, 5000));
}

TEST_CASE("TruncateThrough deletes acknowledged segments and replay starts after the ack mark", "[unit]") {
  TempDir dir;
  JournalOptions options;
  options.segment_bytes = 1000;
  std::string first_segment;
  {
    auto journal = OpenJournal(dir.path(), options);
    for (uint64_t i = 1; i <= 10; ++i) Append(*journal, Payload(i));  // segments 1-4, 5-8, 9-10
    first_segment = ReadBytes(dir / JournalSegmentName(1));
    REQUIRE(journal->TruncateThrough(5).ok());
    CHECK(journal->first_unacked() == 6);
    CHECK(SegmentFiles(dir.path()) == std::vector<std::string>{JournalSegmentName(5), JournalSegmentName(9)});
    CHECK(journal->segment_count() == 2);
    CHECK(journal->bytes_on_disk() == 6 * kRec);
    CHECK(Sequences(ReadAll(*journal)) == Range(6, 10));
    REQUIRE(journal->TruncateThrough(3).ok());  // lower than the mark: nothing changes
    CHECK(journal->first_unacked() == 6);
  }
  {
    auto journal = OpenJournal(dir.path(), options);
    CHECK(journal->recovery().clean());
    CHECK(journal->recovery().acked_through == 5);
    CHECK(journal->first_unacked() == 6);
    CHECK(Sequences(ReadAll(*journal)) == Range(6, 10));
    CHECK(Sequences(ReadAll(*journal, 8)) == Range(8, 10));
    // Beyond what was written: everything written is acked; the active segment stays.
    REQUIRE(journal->TruncateThrough(1000).ok());
    CHECK(journal->first_unacked() == 11);
    CHECK(SegmentFiles(dir.path()) == std::vector<std::string>{JournalSegmentName(9)});
    CHECK(ReadAll(*journal).empty());
    CHECK(Append(*journal, Payload(11)) == 11);
    CHECK(Sequences(ReadAll(*journal)) == std::vector<uint64_t>{11});
  }
  // A crash between writing the ack file and deleting a segment leaves it behind: Open deletes it.
  WriteBytes(dir / JournalSegmentName(1), first_segment);
  auto journal = OpenJournal(dir.path(), options);
  CHECK(journal->recovery().deleted_segments == 1);
  CHECK_FALSE(fs::exists(dir / JournalSegmentName(1)));
  CHECK(Sequences(ReadAll(*journal)) == std::vector<uint64_t>{11});
}

TEST_CASE("a torn tail is reported and truncated at open", "[unit]") {
  TempDir dir;
  WriteThree(dir.path());
  const std::string seg = dir / JournalSegmentName(1);

  SECTION("cut in the middle of the last payload") {
    fs::resize_file(seg, 3 * kRec - 7);
    auto journal = OpenJournal(dir.path());
    const auto& issues = journal->recovery().issues;
    INFO(Describe(issues));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].file == JournalSegmentName(1));
    CHECK(issues[0].offset == 2 * kRec);
    CHECK(issues[0].bytes_dropped == kRec - 7);
    CHECK(issues[0].truncated);
    CHECK_THAT(issues[0].reason, Contains("incomplete record (193 of 200 payload bytes)"));
    CHECK(journal->recovery().bytes_dropped == kRec - 7);
    CHECK(fs::file_size(seg) == 2 * kRec);
    CHECK(Sequences(ReadAll(*journal)) == Range(1, 2));
    // The torn record never counted: its number is given again.
    CHECK(journal->next_sequence() == 3);
    CHECK(Append(*journal, Payload(33)) == 3);
  }
  SECTION("cut inside the last header") {
    fs::resize_file(seg, 2 * kRec + 5);
    auto journal = OpenJournal(dir.path());
    const auto& issues = journal->recovery().issues;
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].offset == 2 * kRec);
    CHECK(issues[0].bytes_dropped == 5);
    CHECK_THAT(issues[0].reason, Contains("incomplete record header (5 of 20 bytes)"));
    CHECK(Sequences(ReadAll(*journal)) == Range(1, 2));
    CHECK(Append(*journal, Payload(33)) == 3);
  }
  auto journal = OpenJournal(dir.path());
  INFO(journal->recovery().ToString());
  CHECK(journal->recovery().clean());
  const auto records = ReadAll(*journal);
  CHECK(Sequences(records) == Range(1, 3));
  CHECK(records.back().payload == Payload(33));
}

TEST_CASE("a flipped bit in the last segment is caught by the checksum", "[unit]") {
  TempDir dir;
  WriteThree(dir.path());
  const std::string seg = dir / JournalSegmentName(1);
  std::string reason;
  uint64_t offset = 2 * kRec;
  SECTION("in the payload of the last record") {
    FlipBit(seg, 3 * kRec - 1, 3);
    reason = "checksum mismatch";
  }
  SECTION("in the sequence of the last record") {
    FlipBit(seg, 2 * kRec + 8, 1);
    reason = "checksum mismatch";
  }
  SECTION("in the length of the last record") {
    FlipBit(seg, 2 * kRec + 4, 3);  // 200 -> 192
    reason = "checksum mismatch";
  }
  SECTION("in the magic of the middle record: what follows it goes too") {
    FlipBit(seg, kRec, 6);
    reason = "bad magic";
    offset = kRec;
  }
  auto journal = OpenJournal(dir.path());
  const auto& issues = journal->recovery().issues;
  INFO(Describe(issues));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].offset == offset);
  CHECK(issues[0].bytes_dropped == 3 * kRec - offset);
  CHECK(issues[0].truncated);
  CHECK_THAT(issues[0].reason, Contains(reason));
  CHECK(Sequences(ReadAll(*journal)) == Range(1, offset / kRec));
  CHECK(fs::file_size(seg) == offset);
}

TEST_CASE("garbage after the last record is cut off", "[unit]") {
  TempDir dir;
  WriteThree(dir.path());
  const std::string seg = dir / JournalSegmentName(1);
  std::string garbage;
  SECTION("random bytes") {
    std::mt19937 rng(11);
    for (int i = 0; i < 100; ++i) garbage += static_cast<char>(rng());
    garbage[0] = 'x';  // not by chance the magic's first byte
  }
  SECTION("zeros, as a crash can leave at the end of a file") { garbage.assign(4096, '\0'); }
  SECTION("a valid-looking header with an impossible length") {
    garbage = ReadBytes(seg).substr(0, kHeader);
    garbage[7] = '\x7F';  // length ~2 GB
  }
  WriteBytes(seg, garbage, /*append=*/true);
  auto journal = OpenJournal(dir.path());
  const auto& issues = journal->recovery().issues;
  INFO(Describe(issues));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].offset == 3 * kRec);
  CHECK(issues[0].bytes_dropped == garbage.size());
  CHECK(issues[0].truncated);
  CHECK(Sequences(ReadAll(*journal)) == Range(1, 3));
  CHECK(Append(*journal, Payload(4)) == 4);
  journal.reset();
  journal = OpenJournal(dir.path());
  CHECK(journal->recovery().clean());
  CHECK(Sequences(ReadAll(*journal)) == Range(1, 4));
}

TEST_CASE("a corrupt record in an earlier segment is skipped with a report", "[unit]") {
  TempDir dir;
  JournalOptions options;
  options.segment_bytes = 1000;
  {
    auto journal = OpenJournal(dir.path(), options);
    for (uint64_t i = 1; i <= 10; ++i) Append(*journal, Payload(i));  // segments 1-4, 5-8, 9-10
  }
  const std::string first = dir / JournalSegmentName(1);
  FlipBit(first, kRec + kHeader + 50, 2);  // record 2's payload
  for (int round = 0; round < 2; ++round) {  // the same answer every time, and nothing is lost
    auto journal = OpenJournal(dir.path(), options);
    const auto& issues = journal->recovery().issues;
    INFO(Describe(issues));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].file == JournalSegmentName(1));
    CHECK(issues[0].offset == kRec);
    CHECK(issues[0].bytes_dropped == 3 * kRec);
    CHECK_FALSE(issues[0].truncated);
    CHECK_THAT(issues[0].reason, Contains("checksum mismatch"));
    CHECK(fs::file_size(first) == 4 * kRec);  // left on disk
    CHECK(journal->bytes_on_disk() == 10 * kRec);
    CHECK(Sequences(ReadAll(*journal)) == std::vector<uint64_t>{1, 5, 6, 7, 8, 9, 10});
    CHECK(journal->next_sequence() == 11);
  }
  // Once its readable records are acknowledged, the damaged segment goes.
  {
    auto journal = OpenJournal(dir.path(), options);
    REQUIRE(journal->TruncateThrough(1).ok());
    CHECK_FALSE(fs::exists(first));
  }
  // What it held beyond record 1 is still missing, and said so.
  auto journal = OpenJournal(dir.path(), options);
  const auto& issues = journal->recovery().issues;
  INFO(Describe(issues));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].file == JournalSegmentName(5));
  CHECK(issues[0].bytes_dropped == 0);
  CHECK_THAT(issues[0].reason, Contains("sequences 2..4 missing"));
  CHECK(Sequences(ReadAll(*journal)) == Range(5, 10));
}

TEST_CASE("a segment changed on disk after open makes ReadFrom fail with DataLoss", "[unit]") {
  TempDir dir;
  auto journal = OpenJournal(dir.path());
  for (uint64_t i = 1; i <= 3; ++i) Append(*journal, Payload(i));
  FlipBit(dir / JournalSegmentName(1), kRec + kHeader, 0);
  const absl::Status s = journal->ReadFrom(0, [](uint64_t, std::string_view) { return true; });
  CHECK(s.code() == absl::StatusCode::kDataLoss);
  CHECK_THAT(std::string(s.message()), Contains(JournalSegmentName(1)) && Contains("offset 220"));
}

TEST_CASE("an empty directory, zero-length segments and a zero-length ack file", "[unit]") {
  TempDir dir;
  SECTION("a directory that does not exist yet") {
    const std::string nested = dir / "a/b/journal";
    auto journal = OpenJournal(nested);
    CHECK(fs::is_directory(nested));
    CHECK(journal->recovery().clean());
    CHECK(journal->next_sequence() == 1);
    CHECK(journal->first_unacked() == 1);
    CHECK(journal->segment_count() == 0);
    CHECK(journal->bytes_on_disk() == 0);
    CHECK(ReadAll(*journal).empty());
    REQUIRE(journal->TruncateThrough(5).ok());  // nothing written: nothing to ack
    CHECK(journal->first_unacked() == 1);
  }
  SECTION("a zero-length last segment is used for the next records") {
    WriteBytes(dir / JournalSegmentName(1), "");
    auto journal = OpenJournal(dir.path());
    CHECK(journal->recovery().clean());
    CHECK(journal->segment_count() == 1);
    CHECK(Append(*journal, Payload(1)) == 1);
    CHECK(journal->segment_count() == 1);
    CHECK(fs::file_size(dir / JournalSegmentName(1)) == kRec);
  }
  SECTION("a zero-length earlier segment holds nothing and is removed") {
    WriteThree(dir.path());
    WriteBytes(dir / JournalSegmentName(0), "");
    auto journal = OpenJournal(dir.path());
    INFO(journal->recovery().ToString());
    CHECK(journal->recovery().clean());
    CHECK(journal->recovery().deleted_segments == 1);
    CHECK(Sequences(ReadAll(*journal)) == Range(1, 3));
  }
  SECTION("an emptied earlier segment is reported as missing sequences") {
    JournalOptions options;
    options.segment_bytes = 1000;
    {
      auto journal = OpenJournal(dir.path(), options);
      for (uint64_t i = 1; i <= 10; ++i) Append(*journal, Payload(i));
    }
    fs::resize_file(dir / JournalSegmentName(5), 0);
    auto journal = OpenJournal(dir.path(), options);
    const auto& issues = journal->recovery().issues;
    INFO(Describe(issues));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].file == JournalSegmentName(9));
    CHECK_THAT(issues[0].reason, Contains("sequences 5..8 missing"));
    CHECK(Sequences(ReadAll(*journal)) == std::vector<uint64_t>{1, 2, 3, 4, 9, 10});
  }
  SECTION("a zero-length or damaged ack file means nothing is acknowledged") {
    {
      auto journal = OpenJournal(dir.path());
      for (uint64_t i = 1; i <= 3; ++i) Append(*journal, Payload(i));
      REQUIRE(journal->TruncateThrough(2).ok());
    }
    std::string expected;
    SECTION("zero length") {
      WriteBytes(dir / "ack", "");
      expected = "empty ack file";
    }
    SECTION("a flipped bit") {
      FlipBit(dir / "ack", 9);
      expected = "checksum mismatch";
    }
    SECTION("extra bytes") {
      WriteBytes(dir / "ack", "zz", /*append=*/true);
      expected = "ack file of 22 bytes";
    }
    auto journal = OpenJournal(dir.path());
    const auto& issues = journal->recovery().issues;
    INFO(Describe(issues));
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].file == "ack");
    CHECK_THAT(issues[0].reason, Contains(expected));
    CHECK(journal->first_unacked() == 1);
    CHECK(Sequences(ReadAll(*journal)) == Range(1, 3));
    CHECK(journal->next_sequence() == 4);
  }
}

TEST_CASE("payloads of up to 8 MiB are accepted and larger ones refused", "[unit]") {
  TempDir dir;
  auto journal = OpenJournal(dir.path());
  const std::string biggest = Payload(1, JournalFormat::kMaxPayloadBytes);
  CHECK(Append(*journal, biggest) == 1);
  CHECK(Append(*journal, "") == 2);
  const auto too_big = journal->Append(std::string(JournalFormat::kMaxPayloadBytes + 1, 'x'));
  CHECK(too_big.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(too_big.status().message()), Contains("8388609 bytes is over the limit"));
  CHECK(Append(*journal, "after") == 3);
  journal.reset();
  journal = OpenJournal(dir.path());
  CHECK(journal->recovery().clean());
  const auto records = ReadAll(*journal);
  REQUIRE(records.size() == 3);
  CHECK(records[0].payload == biggest);
  CHECK(records[1].payload.empty());
  CHECK(records[2].payload == "after");
}

TEST_CASE("one writer and one reader use the journal at the same time", "[unit]") {
  TempDir dir;
  JournalOptions options;
  options.segment_bytes = 4096;
  auto journal = OpenJournal(dir.path(), options);
  constexpr uint64_t kRecords = 5000;
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (uint64_t i = 1; i <= kRecords; ++i) {
      if (!journal->Append(Payload(i, 10 + i % 300)).ok()) break;
      if (i % 500 == 0) (void)journal->TruncateThrough(i - 250);
    }
    done = true;
  });
  uint64_t replays = 0;
  bool ordered = true;
  absl::Status status;
  while (!done || replays == 0) {
    // Strictly increasing; a segment deleted by an ack during the replay may be skipped.
    uint64_t previous = 0;
    status = journal->ReadFrom(0, [&](uint64_t seq, std::string_view payload) {
      if (seq <= previous || payload != Payload(seq, 10 + seq % 300)) ordered = false;
      previous = seq;
      return true;
    });
    if (!status.ok() || !ordered) break;
    ++replays;
  }
  writer.join();
  INFO(status.ToString() << " after " << replays << " replays");
  CHECK(status.ok());
  CHECK(ordered);
  CHECK(journal->next_sequence() == kRecords + 1);
  CHECK(Sequences(ReadAll(*journal)) == Range(4751, kRecords));
}

TEST_CASE("a second Journal on the same directory is refused while the first is open", "[unit]") {
  TempDir dir;
  auto first = OpenJournal(dir.path());
  const auto second = Journal::Open(dir.path(), {});
  CHECK(second.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(second.status().message()), Contains("already open"));
  first.reset();
  CHECK(Journal::Open(dir.path(), {}).ok());
}

TEST_CASE("bad options and a path that is a file are refused", "[unit]") {
  TempDir dir;
  JournalOptions zero;
  zero.segment_bytes = 0;
  const auto bad = Journal::Open(dir.path(), zero);
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(bad.status().message()), Contains("segment_bytes"));
  WriteBytes(dir / "file", "x");
  const auto file = Journal::Open(dir / "file", {});
  CHECK_FALSE(file.ok());
  CHECK_THAT(std::string(file.status().message()), Contains(dir / "file"));
}

TEST_CASE("a failed write leaves no partial record behind", "[unit]") {
  TempDir dir;
  auto journal = OpenJournal(dir.path());
  Append(*journal, Payload(1, 1000));
  Append(*journal, Payload(2, 1000));
  const uint64_t size = 2 * (kHeader + 1000);
  // The file size limit makes the next write stop half way (EFBIG), like a full disk.
  struct rlimit saved {};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  struct sigaction ignore {}, old_action{};
  ignore.sa_handler = SIG_IGN;
  REQUIRE(::sigaction(SIGXFSZ, &ignore, &old_action) == 0);
  struct rlimit limited = saved;
  limited.rlim_cur = size + 500;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
  const auto failed = journal->Append(Payload(3, 1000));
  const uint64_t size_after = fs::file_size(dir / JournalSegmentName(1));
  ::setrlimit(RLIMIT_FSIZE, &saved);
  ::sigaction(SIGXFSZ, &old_action, nullptr);

  REQUIRE_FALSE(failed.ok());
  CHECK_THAT(std::string(failed.status().message()),
             Contains("write of record 3") && Contains(JournalSegmentName(1)) && Contains("File too large"));
  CHECK(size_after == size);  // cut back
  CHECK(Sequences(ReadAll(*journal)) == Range(1, 2));
  CHECK(Append(*journal, Payload(3, 1000)) == 3);  // the number was not used up
  journal.reset();
  journal = OpenJournal(dir.path());
  CHECK(journal->recovery().clean());
  CHECK(Sequences(ReadAll(*journal)) == Range(1, 3));
}

TEST_CASE("applied action ids survive a reopen", "[unit]") {
  TempDir dir;
  aiworld::ManualClock clock(absl::FromUnixSeconds(1'740'830'400));
  AppliedActionLogOptions options;
  options.clock = &clock;
  const std::string longest(AppliedActionLog::kMaxIdBytes, 'z');
  {
    auto log = OpenLog(dir.path(), options);
    CHECK_FALSE(log->Contains("a"));
    REQUIRE(log->Record("a").ok());
    REQUIRE(log->Record("3f1c1a52-0000-4000-8000-000000000001").ok());
    REQUIRE(log->Record(longest).ok());
    REQUIRE(log->Record("a").ok());  // already there: nothing written
    CHECK(log->size() == 3);
    CHECK(log->journal().next_sequence() == 4);
    CHECK(log->Contains("a"));
    CHECK_FALSE(log->Contains("b"));

    const absl::Status empty = log->Record("");
    CHECK(empty.code() == absl::StatusCode::kInvalidArgument);
    const absl::Status too_long = log->Record(longest + "z");
    CHECK(too_long.code() == absl::StatusCode::kInvalidArgument);
    CHECK_THAT(std::string(too_long.message()), Contains("65 bytes"));
  }
  auto log = OpenLog(dir.path(), options);
  CHECK(log->recovery().clean());
  CHECK(log->ignored_records() == 0);
  CHECK(log->size() == 3);
  CHECK(log->Contains("a"));
  CHECK(log->Contains("3f1c1a52-0000-4000-8000-000000000001"));
  CHECK(log->Contains(longest));
  CHECK_FALSE(log->Contains("b"));
}

TEST_CASE("applied action ids are compacted to the newest max_ids and the journal shrinks", "[unit]") {
  TempDir dir;
  aiworld::ManualClock clock(absl::FromUnixSeconds(1'740'830'400));
  AppliedActionLogOptions options;
  options.clock = &clock;
  options.max_ids = 1000;
  options.ttl = absl::ZeroDuration();
  options.segment_bytes = 4096;
  options.sync_every_record = false;
  auto id = [](int i) { return "action-" + std::to_string(i); };
  {
    auto log = OpenLog(dir.path(), options);
    for (int i = 0; i < 20'000; ++i) REQUIRE(log->Record(id(i)).ok());
    CHECK(log->size() == 1000);
    CHECK_FALSE(log->Contains(id(0)));
    CHECK_FALSE(log->Contains(id(18'999)));
    CHECK(log->Contains(id(19'000)));
    CHECK(log->Contains(id(19'999)));
    // ~1000 live ids of ~40 bytes and up to 4096 forgotten ones not yet truncated, in 4 KiB segments.
    INFO("segments " << log->journal().segment_count() << ", bytes " << log->journal().bytes_on_disk());
    CHECK(log->journal().bytes_on_disk() < 240'000);
    REQUIRE(log->Compact().ok());
    CHECK(log->journal().bytes_on_disk() < 50'000);
  }
  auto log = OpenLog(dir.path(), options);
  CHECK(log->recovery().clean());
  CHECK(log->size() == 1000);
  CHECK_FALSE(log->Contains(id(18'999)));
  CHECK(log->Contains(id(19'000)));
  CHECK(log->Contains(id(19'999)));
}

TEST_CASE("applied action ids younger than the ttl are kept and older ones forgotten", "[unit]") {
  TempDir dir;
  aiworld::ManualClock clock(absl::FromUnixSeconds(1'740'830'400));
  AppliedActionLogOptions options;
  options.clock = &clock;
  options.max_ids = 10;
  options.ttl = absl::Hours(1);
  options.sync_every_record = false;
  auto id = [](int i) { return "a" + std::to_string(i); };
  {
    auto log = OpenLog(dir.path(), options);
    for (int i = 0; i < 100; ++i) REQUIRE(log->Record(id(i)).ok());
    CHECK(log->size() == 100);  // all younger than the ttl
    clock.Advance(absl::Minutes(59));
    REQUIRE(log->Compact().ok());
    CHECK(log->size() == 100);
    clock.Advance(absl::Minutes(2));
    REQUIRE(log->Compact().ok());
    CHECK(log->size() == 10);  // the newest max_ids stay however old
    CHECK(log->Contains(id(99)));
    CHECK(log->Contains(id(90)));
    CHECK_FALSE(log->Contains(id(89)));
    CHECK(log->journal().first_unacked() == 91);
  }
  {
    auto log = OpenLog(dir.path(), options);  // the ack mark: forgotten ids stay forgotten
    CHECK(log->size() == 10);
    CHECK_FALSE(log->Contains(id(89)));
  }
  SECTION("hard_max_ids bounds even ids younger than the ttl") {
    TempDir other;
    options.hard_max_ids = 50;
    auto log = OpenLog(other.path(), options);
    for (int i = 0; i < 100; ++i) REQUIRE(log->Record(id(i)).ok());
    CHECK(log->size() == 50);
    CHECK_FALSE(log->Contains(id(49)));
    CHECK(log->Contains(id(50)));
  }
}
