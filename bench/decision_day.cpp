// A simulated game day of decisions through the decision engine: not a test, nothing timed or
// asserted. Prints the share of each tier and the LLM calls avoided against one call per decision.
//
//   aiworld-decision-day [DECISIONS [THREADS]]     (default 20000 decisions on 32 threads)
//
// Three runs over the same day: a simulated provider in balanced and in aggressive mode, then no
// provider at all. The simulated provider answers in-process (it answers a merged batch prompt with
// a JSON array of the right length) and prices calls like gpt-4o-mini; game time runs on a
// ManualClock from 00:00 to 24:00 so the one-hour cache TTL behaves as in a real day.
#include <prometheus/registry.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/clock.h"
#include "runtime/log.h"
#include "services/agentkit/decision/decision_engine.h"

namespace {

using aiworld::decision::DecisionEngine;
using aiworld::decision::DecisionEngineOptions;
using aiworld::decision::DecisionRequest;
using aiworld::decision::Mode;

class SimulatedProvider final : public aiworld::llm::LlmProvider {
 public:
  absl::StatusOr<aiworld::llm::LlmResponse> Complete(const aiworld::llm::LlmRequest& request) override {
    calls_.fetch_add(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // a (very fast) network round trip
    aiworld::llm::LlmResponse r;
    r.provider = "simulated";
    r.model = "gpt-4o-mini";
    size_t n = 0;
    const std::string marker = "JSON array of exactly ";
    if (const size_t at = request.system.find(marker); at != std::string::npos) {
      n = std::strtoul(request.system.c_str() + at + marker.size(), nullptr, 10);
    }
    if (n == 0) {
      r.text = "a considered answer";
    } else {
      r.text = "[";
      for (size_t i = 0; i < n; ++i) absl::StrAppend(&r.text, i ? "," : "", "\"answer ", i + 1, "\"");
      r.text += "]";
    }
    size_t in = request.system.size();
    for (const auto& m : request.messages) in += m.second.size();
    r.input_tokens = static_cast<int>(in / 4 + 1);
    r.output_tokens = static_cast<int>(n == 0 ? 40 : 40 * n);
    r.cost_micros = (static_cast<int64_t>(r.input_tokens) * 150 + static_cast<int64_t>(r.output_tokens) * 600) / 1000;
    return r;
  }
  std::string name() const override { return "simulated"; }
  int64_t calls() const { return calls_.load(); }

 private:
  std::atomic<int64_t> calls_{0};
};

struct Planned {
  DecisionRequest request;
  absl::Duration at;  // game time since 00:00
};

// Zipf-like pick in [0, n): a few hot keys, a long tail.
int Hot(std::mt19937& rng, int n) {
  std::uniform_real_distribution<double> u(0, 1);
  return std::min(n - 1, static_cast<int>(std::pow(u(rng), 2.5) * n));
}

// A fixed direction in 8 dimensions for one entity (an NPC, a topic, a map, ...): unrelated
// entities are nearly orthogonal, so only similar situations pass the similarity threshold.
std::vector<double> Direction(uint32_t seed) {
  std::mt19937 rng(seed * 2654435761u + 17);
  std::normal_distribution<double> g(0, 1);
  std::vector<double> v(8);
  for (double& x : v) x = g(rng);
  return v;
}

// a·wa + b·wb + noise.
std::vector<double> Mix(std::mt19937& rng, const std::vector<double>& a, double wa, const std::vector<double>& b,
                        double wb, double noise) {
  std::normal_distribution<double> g(0, noise);
  std::vector<double> v(a.size());
  for (size_t i = 0; i < v.size(); ++i) v[i] = a[i] * wa + b[i] * wb + g(rng);
  return v;
}

std::vector<Planned> PlanDay(int decisions) {
  std::mt19937 rng(20240601);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Planned> day;
  day.reserve(static_cast<size_t>(decisions));
  for (int i = 0; i < decisions; ++i) {
    Planned p;
    p.at = absl::Hours(24) * (static_cast<double>(i) / decisions);
    const int hour = static_cast<int>(absl::ToDoubleHours(p.at));
    DecisionRequest& r = p.request;
    const double pick = u(rng);
    const double roll = u(rng);
    if (pick < 0.40) {  // NPCs talking back: greetings by rule, the rest by NPC and topic
      const int npc = Hot(rng, 120), topic = Hot(rng, 12);
      r.type = "npc_dialogue";
      r.cache_key = absl::StrCat("npc", npc, ":topic", topic);
      r.features = Mix(rng, Direction(1000 + npc), 1.0, Direction(2000 + topic), 0.5, 0.15);
      r.prompt = absl::StrCat("NPC ", npc, " answers a player asking about topic ", topic, ".");
      if (roll < 0.35) r.rules = [] { return std::optional<std::string>("Hello, adventurer!"); };
    } else if (pick < 0.60) {  // monster spawns per map and hour: usual populations by rule
      const int map = Hot(rng, 80);
      r.type = "monster_spawn";
      r.cache_key = absl::StrCat("map", map, ":h", hour);
      r.features = Mix(rng, Direction(3000 + map), 1.0, Direction(3500 + hour / 3), 0.4, 0.2);
      r.prompt = absl::StrCat("Choose an unusual spawn for map ", map, " at hour ", hour, ".");
      if (roll < 0.55) r.rules = [] { return std::optional<std::string>("usual population"); };
    } else if (pick < 0.75) {  // weather per map region and hour: mostly rules
      const int region = Hot(rng, 20);
      r.type = "weather";
      r.cache_key = absl::StrCat("region", region, ":h", hour);
      r.features = Mix(rng, Direction(4000 + region), 1.0, Direction(4100 + hour), 0.6, 0.1);
      r.prompt = absl::StrCat("Describe the weather change over region ", region, ".");
      if (roll < 0.70) r.rules = [] { return std::optional<std::string>("clear skies"); };
    } else if (pick < 0.90) {  // quests: more complex, rarely cached
      const int player_band = Hot(rng, 30), kind = Hot(rng, 6);
      r.type = "quest_offer";
      r.cache_key = absl::StrCat("band", player_band, ":kind", kind, ":", Hot(rng, 200));
      r.features = Mix(rng, Direction(5000 + player_band), 0.8, Direction(5100 + kind), 0.8, 0.3);
      r.prompt = absl::StrCat("Offer a quest of kind ", kind, " to level band ", player_band, ".");
      r.complexity = roll < 0.3 ? 0.65 : 0.45;
    } else {  // market prices: rules unless the market moved
      const int item = Hot(rng, 300);
      r.type = "market_price";
      r.cache_key = absl::StrCat("item", item, ":h", hour / 4);
      r.features = Mix(rng, Direction(6000 + item), 1.0, Direction(6400 + hour / 4), 0.3, 0.1);
      r.prompt = absl::StrCat("Adjust the price of item ", item, " after today's trades.");
      if (roll < 0.60) r.rules = [] { return std::optional<std::string>("price unchanged"); };
    }
    const std::string type = r.type;
    r.template_answer = [type] { return absl::StrCat("[template ", type, "]"); };
    day.push_back(std::move(p));
  }
  return day;
}

void RunDay(const char* title, const std::vector<Planned>& day, Mode mode, bool with_provider, int threads) {
  aiworld::ManualClock clock(absl::FromUnixSeconds(1'717'200'000));
  const absl::Time midnight = clock.Now();
  auto provider = with_provider ? std::make_shared<SimulatedProvider>() : nullptr;
  prometheus::Registry registry;
  DecisionEngineOptions options;
  options.mode = mode;
  options.clock = &clock;
  options.batch.max_wait = absl::Milliseconds(20);
  DecisionEngine engine(provider, options, registry);

  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (size_t i = next.fetch_add(1); i < day.size(); i = next.fetch_add(1)) {
        const absl::Time at = midnight + day[i].at;
        if (clock.Now() < at) clock.Set(at);  // game time moves forward (roughly, across threads)
        engine.Decide(day[i].request);
      }
    });
  }
  for (auto& w : workers) w.join();

  const auto s = engine.Stats();
  std::printf("\n== %s: %lld decisions, mode %s, %s ==\n", title, static_cast<long long>(s.decisions),
              aiworld::decision::ModeName(mode), with_provider ? "simulated provider" : "no provider");
  std::printf("  %-9s %8s %7s %10s %10s %12s\n", "tier", "count", "share", "llm calls", "avoided", "cost $");
  for (const auto& [tier, t] : s.tiers) {
    std::printf("  %-9s %8lld %6.1f%% %10lld %10lld %12.6f\n", aiworld::decision::TierLabel(tier),
                static_cast<long long>(t.count), s.decisions ? 100.0 * t.count / s.decisions : 0.0,
                static_cast<long long>(t.llm_calls), static_cast<long long>(t.avoided_llm_calls),
                t.cost_micros / 1e6);
  }
  std::printf("  LLM calls made %lld (one per decision would be %lld): %lld avoided, %.1f%% fewer calls\n",
              static_cast<long long>(s.llm_calls), static_cast<long long>(s.decisions),
              static_cast<long long>(s.avoided_llm_calls),
              s.decisions ? 100.0 * s.avoided_llm_calls / s.decisions : 0.0);
  if (provider) {
    std::printf("  provider saw %lld calls, cost $%.6f, mean batch %.2f members\n",
                static_cast<long long>(provider->calls()), s.cost_micros / 1e6,
                s.tier(aiworld::v1::TIER_BATCH).llm_calls
                    ? static_cast<double>(s.tier(aiworld::v1::TIER_BATCH).count) / s.tier(aiworld::v1::TIER_BATCH).llm_calls
                    : 0.0);
  }
  std::printf("  template fallbacks %lld, cache entries %zu\n", static_cast<long long>(s.template_fallbacks),
              engine.cache().size());
}

}  // namespace

int main(int argc, char** argv) {
  aiworld::log::Configure("aiworld-decision-day", aiworld::log::Format::kText, aiworld::log::Level::kError);
  int decisions = 20000;
  int threads = 32;
  for (int i = 1; i < argc; ++i) {
    int* target = i == 1 ? &decisions : i == 2 ? &threads : nullptr;
    if (target == nullptr || !absl::SimpleAtoi(argv[i], target) || *target < 1) {
      const bool help = std::string(argv[i]) == "--help";
      std::fprintf(help ? stdout : stderr, "usage: aiworld-decision-day [DECISIONS [THREADS]]   (default 20000 decisions on 32 threads)\n"
                           "A simulated game day of decisions through the decision engine: the share of each tier\n"
                           "and the LLM calls avoided, with a simulated provider (balanced, aggressive) and none.\n");
      return help ? 0 : 2;
    }
  }
  const std::vector<Planned> day = PlanDay(decisions);
  std::printf("simulated day: %d decisions of 5 types (npc_dialogue 40%%, monster_spawn 20%%, weather 15%%, "
              "quest_offer 15%%, market_price 10%%) on %d threads\n", decisions, threads);
  RunDay("balanced", day, Mode::kBalanced, true, threads);
  RunDay("aggressive", day, Mode::kAggressive, true, threads);
  RunDay("no provider", day, Mode::kBalanced, false, threads);
  return 0;
}
