// Core.Talk under load: NPC replies on templates (no LLM configured) through the core group's
// decision engine, content filter, memories and rate limit, timed call by call on the client.
// Not a test: nothing is asserted; it prints whether the reference target (p99 <= 20 ms) is met.
//
//   aiworld-talk-bench [--core-addr=HOST:PORT] [--calls=N] [--concurrency=N] [--server-id=ID]
//
// Characters talk to real rAthena NPCs (Kafras, a tool dealer, ...) on their maps with greetings,
// trade and quest lines. The per-player limit (5 s cooldown, 10 lines per 60 s) is honoured by
// giving each character one line per round and sending request.now 6 s of mesh time later each
// round, so every call reaches the reply path instead of RESOURCE_EXHAUSTED. Character ids start at
// a random base per run, so runs against the same database do not meet each other's rate limits.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cctype>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "aiworld/v1/core.grpc.pb.h"
#include "runtime/proto_time.h"

namespace {

constexpr int kWarmupCalls = 50;
constexpr double kTargetP99Ms = 20.0;
constexpr uint32_t kMinCharId = 150000;
// One line per character per round, rounds 6 s of mesh time apart: over the 5 s cooldown, and 10
// lines take 60 s, so the oldest has left the 60 s window when the 11th comes.
constexpr absl::Duration kRoundSpacing = absl::Seconds(6);
constexpr int kMinCharacters = 200;

struct Options {
  std::string core_addr = "127.0.0.1:50052";
  int calls = 2000;
  int concurrency = 4;
  std::string server_id = "bench";
};

constexpr char kUsage[] =
    "usage: aiworld-talk-bench [--core-addr=HOST:PORT] [--calls=N] [--concurrency=N] [--server-id=ID]\n"
    "Core.Talk under load: template replies (no LLM) through the core group, timed on the client.\n"
    "  --core-addr    the core group's gRPC address (default 127.0.0.1:50052)\n"
    "  --calls        measured calls, after 50 warm-up calls (default 2000)\n"
    "  --concurrency  calls in flight at once (default 4)\n"
    "  --server-id    server_id of the requests, 1..32 bytes of [a-z0-9_-] (default bench)\n"
    "Prints calls, errors by gRPC code, throughput, p50/p90/p99/max latency, replies by mood, and\n"
    "whether the target p99 <= 20 ms is met. Nothing is asserted; exit 1 when a call failed.\n";

// Parses --flag=value or --flag value; an error names the flag.
std::optional<Options> ParseFlags(int argc, char** argv, int* exit_code) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      *exit_code = 0;
      return std::nullopt;
    }
    std::string value;
    bool has_value = false;
    if (const size_t eq = arg.find('='); eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    auto fail = [&](const std::string& why) {
      std::fprintf(stderr, "aiworld-talk-bench: %s: %s\n%s", arg.c_str(), why.c_str(), kUsage);
      *exit_code = 2;
      return std::nullopt;
    };
    if (arg != "--core-addr" && arg != "--calls" && arg != "--concurrency" && arg != "--server-id") {
      return fail("unknown flag");
    }
    if (!has_value) {
      if (i + 1 >= argc) return fail("needs a value");
      value = argv[++i];
    }
    if (arg == "--core-addr") {
      if (value.empty()) return fail("must be HOST:PORT");
      o.core_addr = value;
    } else if (arg == "--server-id") {
      const bool ok = !value.empty() && value.size() <= 32 &&
                      std::all_of(value.begin(), value.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                      });
      if (!ok) return fail(absl::StrCat("must be 1..32 bytes of [a-z0-9_-], got '", value, "'"));
      o.server_id = value;
    } else {
      int* target = arg == "--calls" ? &o.calls : &o.concurrency;
      const int most = arg == "--calls" ? 10'000'000 : 256;
      if (!absl::SimpleAtoi(value, target) || *target < 1 || *target > most) {
        return fail(absl::StrCat("must be an integer 1..", most, ", got '", value, "'"));
      }
    }
  }
  return o;
}

struct Npc {
  const char* exname;  // rAthena unique name from the server's scripts
  const char* name;    // what players see
  const char* map;
};

// Real NPCs of rAthena's scripts (npc/kafras/kafras.txt, npc/merchants/shops.txt) on their maps.
constexpr Npc kNpcs[] = {
    {"kaf_prontera", "Kafra Employee", "prontera"},   {"kaf_prontera2", "Kafra Employee", "prontera"},
    {"kaf_geffen", "Kafra Employee", "geffen"},       {"kaf_payon", "Kafra Employee", "payon"},
    {"kaf_morocc", "Kafra Employee", "morocc"},       {"kaf_alberta", "Kafra Employee", "alberta"},
    {"kaf_aldebaran", "Kafra Employee", "aldebaran"}, {"kaf_yuno", "Kafra Employee", "yuno"},
    {"Tool Dealer#gef", "Tool Dealer", "geffen_in"},  {"Tool Dealer#alb2", "Tool Dealer", "alberta_in"},
    {"Armor Dealer#alb", "Armor Dealer", "alberta_in"}, {"Weapon Dealer#iz", "Weapon Dealer", "izlude_in"},
    {"Tool Dealer#yuno", "Tool Dealer", "yuno"},      {"Pet Groomer#gef", "Pet Groomer", "geffen"},
};

// Greetings, trade and quest lines, kind and rude ones: every topic and valence of the reply path.
constexpr const char* kTexts[] = {
    "Hello!",
    "Hello there, nice to meet you",
    "Good morning, how are you today?",
    "Thanks for your help, friend",
    "What do you sell here?",
    "I want to buy some red potions, what is the price?",
    "Can I sell these jellopies? I need zeny",
    "Your prices are too expensive, any discount?",
    "Do you have a quest for me?",
    "I'm looking for work, any task or bounty to hunt?",
    "Is there an adventure around here? I want a reward",
    "Can you help me? I need a job",
    "Where is the storage?",
    "Save my position please",
    "Teleport me to Geffen",
    "Tell me about this town",
    "You are useless and your service is the worst",
    "What a beautiful day in Rune-Midgard",
    "Have you seen any Porings near the gate?",
    "I just killed an Orc Lord, what now?",
};

constexpr const char* kCharNames[] = {"Aria", "Brann", "Cyra", "Dax", "Elowen", "Faro", "Gwyn", "Hale", "Isolde", "Jarek"};
constexpr uint32_t kJobs[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 4008, 4010, 4012, 4013};

std::vector<aiworld::v1::TalkRequest> Plan(const Options& o, uint32_t char_base, int characters, absl::Time t0) {
  const int total = kWarmupCalls + o.calls;
  std::mt19937 rng(20240601);
  std::vector<uint32_t> level(static_cast<size_t>(characters)), job(static_cast<size_t>(characters));
  for (int c = 0; c < characters; ++c) {
    level[static_cast<size_t>(c)] = 1 + rng() % 99;
    job[static_cast<size_t>(c)] = kJobs[rng() % std::size(kJobs)];
  }
  std::vector<aiworld::v1::TalkRequest> plan;
  plan.reserve(static_cast<size_t>(total));
  for (int i = 0; i < total; ++i) {
    const int c = i % characters;
    const Npc& npc = kNpcs[rng() % std::size(kNpcs)];
    aiworld::v1::TalkRequest r;
    r.set_server_id(o.server_id);
    r.mutable_npc()->set_exname(npc.exname);
    r.set_npc_name(npc.name);
    r.set_char_id(char_base + static_cast<uint32_t>(c));
    r.set_char_name(absl::StrCat(kCharNames[c % std::size(kCharNames)], c));
    r.set_text(kTexts[rng() % std::size(kTexts)]);
    r.set_map(npc.map);
    r.set_base_level(level[static_cast<size_t>(c)]);
    r.set_job_id(job[static_cast<size_t>(c)]);
    *r.mutable_now() = aiworld::ToProto(t0 + kRoundSpacing * (i / characters));
    plan.push_back(std::move(r));
  }
  return plan;
}

const char* CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "CANCELLED";
    case grpc::StatusCode::UNKNOWN: return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND: return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED: return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL: return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS: return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED: return "UNAUTHENTICATED";
    default: return "UNKNOWN_CODE";
  }
}

std::string MoodName(aiworld::v1::NpcMood mood) {
  std::string name = aiworld::v1::NpcMood_Name(mood);
  if (name.rfind("NPC_MOOD_", 0) == 0) name = name.substr(9);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return name;
}

std::string TierName(aiworld::v1::Tier tier) {
  std::string name = aiworld::v1::Tier_Name(tier);
  if (name.rfind("TIER_", 0) == 0) name = name.substr(5);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return name;
}

// What the measured calls gave; guarded by mu.
struct Results {
  std::mutex mu;
  std::vector<double> latency_ms;  // of successful calls
  std::map<grpc::StatusCode, int> errors;
  std::map<grpc::StatusCode, std::string> first_error;
  std::map<std::string, int> moods;
  std::map<std::string, int> tiers;
  int filtered = 0;
};

class Runner {
 public:
  Runner(std::shared_ptr<grpc::Channel> channel, const std::vector<aiworld::v1::TalkRequest>& plan)
      : stub_(aiworld::v1::Core::NewStub(std::move(channel))), plan_(plan) {}

  // Sends plan[begin, end) on `concurrency` threads; records into results when it is not null.
  void Run(size_t begin, size_t end, int concurrency, Results* results) {
    next_.store(begin);
    std::vector<std::thread> workers;
    for (int t = 0; t < concurrency; ++t) {
      workers.emplace_back([&] {
        for (size_t i = next_.fetch_add(1); i < end; i = next_.fetch_add(1)) Call(plan_[i], results);
      });
    }
    for (auto& w : workers) w.join();
  }

  int done() const { return done_.load(); }
  int failed() const { return failed_.load(); }

 private:
  void Call(const aiworld::v1::TalkRequest& request, Results* results) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    aiworld::v1::TalkResponse response;
    const auto start = std::chrono::steady_clock::now();
    const grpc::Status status = stub_->Talk(&context, request, &response);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (results == nullptr) return;
    {
      std::lock_guard<std::mutex> lock(results->mu);
      if (status.ok()) {
        results->latency_ms.push_back(ms);
        ++results->moods[MoodName(response.mood())];
        ++results->tiers[TierName(response.tier())];
        if (response.filtered()) ++results->filtered;
      } else {
        ++results->errors[status.error_code()];
        results->first_error.emplace(status.error_code(), status.error_message());
      }
    }
    if (!status.ok()) failed_.fetch_add(1);
    done_.fetch_add(1);
  }

  std::unique_ptr<aiworld::v1::Core::Stub> stub_;
  const std::vector<aiworld::v1::TalkRequest>& plan_;
  std::atomic<size_t> next_{0};
  std::atomic<int> done_{0};
  std::atomic<int> failed_{0};
};

// Prints progress once a second until stopped.
class Progress {
 public:
  Progress(const Runner& runner, int total) : thread_([this, &runner, total] { Loop(runner, total); }) {}
  ~Progress() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  void Loop(const Runner& runner, int total) {
    const auto start = std::chrono::steady_clock::now();
    std::unique_lock<std::mutex> lock(mu_);
    for (int tick = 1;; ++tick) {
      if (cv_.wait_until(lock, start + std::chrono::seconds(tick), [this] { return stop_; })) return;
      std::printf("[%5ds] calls %d/%d, errors %d\n", tick, runner.done(), total, runner.failed());
      std::fflush(stdout);
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// Nearest rank: the smallest value with at least q of the values at or below it.
double Percentile(const std::vector<double>& sorted, double q) {
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

std::string Shares(const std::map<std::string, int>& counts, int total) {
  std::vector<std::pair<std::string, int>> order(counts.begin(), counts.end());
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> parts;
  for (const auto& [name, n] : order) parts.push_back(absl::StrFormat("%s %.1f%%", name, 100.0 * n / total));
  return parts.empty() ? "n/a" : absl::StrJoin(parts, ", ");
}

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  const std::optional<Options> options = ParseFlags(argc, argv, &exit_code);
  if (!options.has_value()) return exit_code;
  const Options& o = *options;

  auto channel = grpc::CreateChannel(o.core_addr, grpc::InsecureChannelCredentials());
  if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(10))) {
    std::fprintf(stderr, "aiworld-talk-bench: --core-addr: cannot connect to %s within 10 s (is aiworld-core running?)\n",
                 o.core_addr.c_str());
    return 1;
  }

  const int characters = std::max(kMinCharacters, 2 * o.concurrency);
  std::random_device seed;
  // Leaves room for the characters below UINT32_MAX.
  const uint32_t char_base = kMinCharId + seed() % 2'000'000'000u;
  const std::vector<aiworld::v1::TalkRequest> plan = Plan(o, char_base, characters, absl::Now());

  std::printf("talk bench: %d calls (after %d warm-up) to %s, concurrency %d, server_id %s, %d characters from %u, "
              "%zu NPCs\n",
              o.calls, kWarmupCalls, o.core_addr.c_str(), o.concurrency, o.server_id.c_str(), characters, char_base,
              std::size(kNpcs));
  std::fflush(stdout);

  Runner warmup(channel, plan);
  warmup.Run(0, kWarmupCalls, o.concurrency, nullptr);

  Results results;
  Runner runner(channel, plan);
  const auto start = std::chrono::steady_clock::now();
  {
    Progress progress(runner, o.calls);
    runner.Run(kWarmupCalls, plan.size(), o.concurrency, &results);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<double>& lat = results.latency_ms;
  std::sort(lat.begin(), lat.end());
  int errors = 0;
  std::vector<std::string> by_code;
  for (const auto& [code, n] : results.errors) {
    errors += n;
    by_code.push_back(absl::StrCat(CodeName(code), " ", n));
  }

  std::printf("calls        %d\n", o.calls);
  std::printf("errors       %d%s\n", errors, by_code.empty() ? "" : absl::StrCat(" (", absl::StrJoin(by_code, ", "), ")").c_str());
  for (const auto& [code, message] : results.first_error) {
    std::printf("  first %s: %s\n", CodeName(code), message.c_str());
  }
  std::printf("throughput   %.1f calls/s (%.2f s)\n", o.calls / seconds, seconds);
  const int ok = static_cast<int>(lat.size());
  if (ok == 0) {
    std::printf("latency ms   n/a (no call succeeded)\n");
    std::printf("target p99 <= %.0f ms: not met (no call succeeded)\n", kTargetP99Ms);
    return 1;
  }
  const double p99 = Percentile(lat, 0.99);
  std::printf("latency ms   p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (client side, %d successful calls)\n",
              Percentile(lat, 0.50), Percentile(lat, 0.90), p99, lat.back(), ok);
  std::printf("moods        %s\n", Shares(results.moods, ok).c_str());
  std::printf("tiers        %s; filtered %.1f%%\n", Shares(results.tiers, ok).c_str(), 100.0 * results.filtered / ok);
  std::printf("target p99 <= %.0f ms: %s (p99 %.2f ms)\n", kTargetP99Ms, p99 <= kTargetP99Ms ? "met" : "not met", p99);
  return errors == 0 ? 0 : 1;
}
