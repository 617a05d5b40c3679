// Writes the seed corpus of journal_fuzzer: small segment files as the journal writes them, and
// torn, flipped and disordered variants of them. The corpus is kept in the tree; run this only to
// change the seeds:
//   bash tests/fuzz/run.sh build-fuzz 0          # configures and builds, does not fuzz
//   cmake --build build-fuzz --target journal_make_corpus
//   build-fuzz/bin/journal_make_corpus tests/fuzz/corpus/journal
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "bridge-client/journal/journal.h"

namespace {

namespace fs = std::filesystem;
using aiworld::bridge::Journal;
using aiworld::bridge::JournalFormat;
using aiworld::bridge::JournalSegmentName;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string Flip(std::string bytes, size_t offset, int bit) {
  bytes[offset] = static_cast<char>(bytes[offset] ^ (1 << bit));
  return bytes;
}

// Runs a journal in a scratch directory: `records` appended, acked through `ack`; returns the
// bytes of its first segment and of its ack file.
std::pair<std::string, std::string> Written(const std::vector<std::string>& records, uint64_t ack) {
  std::string dir = "/tmp/aiworld_journal_corpus.XXXXXX";
  if (mkdtemp(dir.data()) == nullptr) std::abort();
  std::pair<std::string, std::string> out;
  {
    auto journal = Journal::Open(dir, {});
    if (!journal.ok()) std::abort();
    for (const std::string& r : records) {
      if (!(*journal)->Append(r).ok()) std::abort();
    }
    if (ack > 0 && !(*journal)->TruncateThrough(ack).ok()) std::abort();
  }
  out.first = ReadBytes(dir + "/" + JournalSegmentName(1));
  out.second = ReadBytes(dir + "/ack");
  fs::remove_all(dir);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string out_dir = argv[1];
  constexpr size_t h = JournalFormat::kHeaderBytes;
  const auto [three, ack_two] = Written({"batch-1", "", std::string(40, 'e')}, 2);
  const std::string one = Written({"only"}, 0).first;
  const size_t third = 2 * h + 7;  // offset of the third record
  const std::string second_record = three.substr(h + 7, h);
  const std::vector<std::pair<std::string, std::string>> seeds = {
      {"valid_three", three},
      {"valid_one", one},
      {"ack_through_2", ack_two},
      {"torn_header", three.substr(0, third + 5)},
      {"torn_payload", three.substr(0, three.size() - 9)},
      {"flipped_payload", Flip(three, three.size() - 1, 4)},
      {"flipped_sequence", Flip(three, third + 8, 0)},
      {"garbage_tail", three + std::string(6, '\0') + "garbage"},
      {"out_of_order", three.substr(third) + second_record + one},
      {"edit_cut", std::string("\x01\x00\x30", 3)},
      {"edit_flips", std::string("\x00\x00\x05\x01\x00\x0c\x80\x00\x30\xff", 10)},
  };
  for (const auto& [name, bytes] : seeds) {
    const std::string path = out_dir + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      return 1;
    }
    std::printf("%s: %zu bytes\n", path.c_str(), bytes.size());
  }
  return 0;
}
