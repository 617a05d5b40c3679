// The decision engine (DESIGN §2): rules → cache → batch → single call → template, against a local
// HTTP server speaking the OpenAI chat-completions format. No timing is asserted: the cache runs on a
// ManualClock and the batch test waits for a full batch (its max_wait is far longer than needed).
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <prometheus/registry.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "runtime/clock.h"
#include "services/agentkit/decision/batcher.h"
#include "services/agentkit/decision/decision_cache.h"
#include "services/agentkit/decision/decision_engine.h"
#include "services/agentkit/llm/openai_provider.h"
#include "tests/support/fake_llm_server.h"

namespace {

using aiworld::ManualClock;
using aiworld::decision::Batcher;
using aiworld::decision::BatchFallback;
using aiworld::decision::Decision;
using aiworld::decision::DecisionCache;
using aiworld::decision::DecisionCacheOptions;
using aiworld::decision::DecisionEngine;
using aiworld::decision::DecisionEngineOptions;
using aiworld::decision::DecisionRequest;
using aiworld::decision::Mode;
using aiworld::testing::FakeLlmServer;
using aiworld::testing::FakeReply;
namespace v1 = aiworld::v1;

std::shared_ptr<aiworld::llm::LlmProvider> Provider(const FakeLlmServer& server) {
  aiworld::llm::ProviderConfig c;
  c.name = "openai";
  c.base_url = server.base_url() + "/v1";
  c.model = "gpt-4o-mini";
  c.api_key = "sk-test-0123456789";
  c.connect_timeout = absl::Seconds(2);
  c.timeout = absl::Seconds(10);
  return std::make_shared<aiworld::llm::OpenAiProvider>(c);
}

DecisionRequest Request(const std::string& key, std::vector<double> features = {}, const std::string& type = "npc_dialogue") {
  DecisionRequest r;
  r.type = type;
  r.cache_key = key;
  r.features = std::move(features);
  r.prompt = "prompt for " + key;
  r.template_answer = [] { return std::string("template answer"); };
  return r;
}

// A unit vector at `cosine` from (1, 0).
std::vector<double> At(double cosine) { return {cosine, std::sqrt(1 - cosine * cosine)}; }

double MetricValue(prometheus::Registry& registry, const std::string& name,
                   const std::map<std::string, std::string>& labels) {
  for (const auto& family : registry.Collect()) {
    if (family.name != name) continue;
    for (const auto& m : family.metric) {
      std::map<std::string, std::string> got;
      for (const auto& l : m.label) got[l.name] = l.value;
      bool match = true;
      for (const auto& [k, v] : labels) match = match && got.count(k) && got[k] == v;
      if (match) return family.type == prometheus::MetricType::Histogram ? static_cast<double>(m.histogram.sample_count)
                                                                         : m.counter.value + m.gauge.value;
    }
  }
  return -1;
}

// The user message of a recorded chat-completions request.
std::string UserContent(const aiworld::testing::RecordedRequest& r) {
  google::protobuf::Struct body;
  REQUIRE(google::protobuf::util::JsonStringToMessage(r.body, &body).ok());
  const auto& messages = body.fields().at("messages").list_value();
  for (const auto& m : messages.values()) {
    if (m.struct_value().fields().at("role").string_value() == "user") {
      return m.struct_value().fields().at("content").string_value();
    }
  }
  return "";
}

DecisionEngineOptions Options(ManualClock& clock, Mode mode = Mode::kBalanced) {
  DecisionEngineOptions o;
  o.mode = mode;
  o.clock = &clock;
  o.batch.max_wait = absl::Seconds(30);  // a batch flushes when full; a lone caller is sent alone on time-out
  return o;
}

}  // namespace

TEST_CASE("rules tier short-circuits the cache and the provider", "[unit]") {
  FakeLlmServer server;
  server.SetDefault(FakeReply::OpenAiOk("llm answer", 10, 10));
  ManualClock clock;
  prometheus::Registry registry;
  DecisionEngine engine(Provider(server), Options(clock), registry);
  DecisionRequest r = Request("k1");
  r.rules = [] { return std::optional<std::string>("rule answer"); };
  const Decision d = engine.Decide(r);
  CHECK(d.tier == v1::TIER_RULES);
  CHECK(d.text == "rule answer");
  CHECK(d.llm_calls == 0);
  CHECK_FALSE(d.template_fallback);
  CHECK(server.request_count() == 0);

  r.rules = [] { return std::optional<std::string>(); };  // no rule applies: on to the LLM
  DecisionEngineOptions o = Options(clock);
  o.batching = false;
  prometheus::Registry registry2;
  DecisionEngine single(Provider(server), o, registry2);
  const Decision d2 = single.Decide(r);
  CHECK(d2.tier == v1::TIER_SINGLE);
  CHECK(d2.text == "llm answer");
  CHECK(server.request_count() == 1);
}

TEST_CASE("an exact cache key answers from tier 2 without a provider call", "[unit]") {
  FakeLlmServer server;
  server.SetDefault(FakeReply::OpenAiOk("greetings, traveller", 1000, 1000));
  ManualClock clock;
  prometheus::Registry registry;
  DecisionEngineOptions o = Options(clock);
  o.batching = false;
  DecisionEngine engine(Provider(server), o, registry);

  const Decision first = engine.Decide(Request("guard:prontera:greet"));
  CHECK(first.tier == v1::TIER_SINGLE);
  CHECK(first.provider == "openai");
  CHECK(first.cost_micros == 750);  // gpt-4o-mini: 1000 × $0.15/M + 1000 × $0.60/M
  CHECK(first.llm_calls == 1);

  const Decision second = engine.Decide(Request("guard:prontera:greet"));
  CHECK(second.tier == v1::TIER_CACHE);
  CHECK(second.why == "cache exact");
  CHECK(second.text == "greetings, traveller");
  CHECK(second.cost_micros == 0);
  CHECK(second.llm_calls == 0);
  CHECK(server.request_count() == 1);

  // The same key under another type is another decision.
  const Decision other = engine.Decide(Request("guard:prontera:greet", {}, "quest_offer"));
  CHECK(other.tier == v1::TIER_SINGLE);
  CHECK(server.request_count() == 2);
}

TEST_CASE("similarity hits at 0.85 or more and misses below", "[unit]") {
  ManualClock clock;
  DecisionCache cache(DecisionCacheOptions{}, clock);
  cache.Put("monster_spawn", "prt_fild08:day", At(1.0), "spawn porings");
  cache.Put("monster_spawn", "gef_fild10:night", {0.0, 1.0}, "spawn orc zombies");

  const auto near = cache.Lookup("monster_spawn", "prt_fild08:dusk", At(0.90));
  REQUIRE(near.has_value());
  CHECK_FALSE(near->exact);
  CHECK(near->text == "spawn porings");
  CHECK(near->similarity == Approx(0.90));

  const auto at = cache.Lookup("monster_spawn", "x", At(0.8501));
  REQUIRE(at.has_value());
  CHECK(at->text == "spawn porings");

  // cos to (1,0) 0.80 and to (0,1) 0.60: below the threshold for both.
  CHECK_FALSE(cache.Lookup("monster_spawn", "y", At(0.80)).has_value());
  // Another type never matches; neither does another vector length.
  CHECK_FALSE(cache.Lookup("npc_dialogue", "z", At(1.0)).has_value());
  CHECK_FALSE(cache.Lookup("monster_spawn", "z", {1.0, 0.0, 0.0}).has_value());
  // A per-lookup threshold (the engine's mode) applies.
  CHECK(cache.Lookup("monster_spawn", "y", At(0.80), 0.79).has_value());

  const auto stats = cache.Stats();
  CHECK(stats.similarity_hits == 3);
  CHECK(stats.misses == 3);
  CHECK(aiworld::decision::CosineSimilarity({1, 2, 3}, {2, 4, 6}) == Approx(1.0));
  CHECK(aiworld::decision::CosineSimilarity({0, 0}, {1, 0}) == 0);
}

TEST_CASE("cache entries expire after the TTL on a ManualClock", "[unit]") {
  ManualClock clock(absl::FromUnixSeconds(1'700'000'000));
  DecisionCacheOptions options;
  options.ttl = absl::Hours(1);
  DecisionCache cache(options, clock);
  cache.Put("weather", "prontera", At(1.0), "rain");
  clock.Advance(absl::Minutes(59));
  CHECK(cache.Lookup("weather", "prontera", {}).has_value());
  CHECK(cache.Lookup("weather", "", At(0.99)).has_value());
  clock.Advance(absl::Minutes(1));
  CHECK_FALSE(cache.Lookup("weather", "prontera", {}).has_value());
  CHECK_FALSE(cache.Lookup("weather", "", At(0.99)).has_value());
  CHECK(cache.size() == 0);

  // Through the engine: after the TTL the provider is asked again.
  FakeLlmServer server;
  server.SetDefault(FakeReply::OpenAiOk("sunny", 10, 10));
  prometheus::Registry registry;
  DecisionEngineOptions o = Options(clock);
  o.batching = false;
  o.cache_ttl = absl::Minutes(10);
  DecisionEngine engine(Provider(server), o, registry);
  CHECK(engine.Decide(Request("geffen")).tier == v1::TIER_SINGLE);
  clock.Advance(absl::Minutes(9));
  CHECK(engine.Decide(Request("geffen")).tier == v1::TIER_CACHE);
  clock.Advance(absl::Minutes(1));
  CHECK(engine.Decide(Request("geffen")).tier == v1::TIER_SINGLE);
  CHECK(server.request_count() == 2);
}

TEST_CASE("cache is bounded per type and survives a snapshot and restore", "[unit]") {
  ManualClock clock(absl::FromUnixSeconds(1'700'000'000));
  DecisionCacheOptions options;
  options.max_entries_per_type = 3;
  DecisionCache cache(options, clock);
  cache.Put("t", "a", {1, 0}, "A");
  cache.Put("t", "b", {0, 1}, "B");
  cache.Put("t", "c", {1, 1}, "C \"quoted\"\nline");
  CHECK(cache.Lookup("t", "a", {}).has_value());  // a is now the most recent
  cache.Put("t", "d", {}, "D");                    // evicts b, the least recently used
  cache.Put("u", "a", {}, "other type");
  CHECK_FALSE(cache.Lookup("t", "b", {}).has_value());
  CHECK(cache.Stats().evictions == 1);
  CHECK(cache.size() == 4);

  const std::string snapshot = cache.Snapshot();
  clock.Advance(absl::Minutes(30));
  DecisionCache restored(options, clock);
  REQUIRE(restored.Restore(snapshot).ok());
  CHECK(restored.size() == 4);
  CHECK(restored.Lookup("t", "c", {})->text == "C \"quoted\"\nline");
  CHECK(restored.Lookup("u", "a", {})->text == "other type");
  CHECK(restored.Lookup("t", "", {0.9, 0.1})->text == "A");
  // The stored time travels with the entry: it still expires an hour after it was made.
  clock.Advance(absl::Minutes(31));
  CHECK_FALSE(restored.Lookup("t", "c", {}).has_value());

  CHECK_FALSE(restored.Restore("not json").ok());
  CHECK_FALSE(restored.Restore(R"({"version":2,"entries":[]})").ok());
}

TEST_CASE("the batch tier makes ONE provider call for N concurrent prompts", "[unit]") {
  constexpr int kN = 6;
  FakeLlmServer server;
  std::string reply = "[";
  for (int i = 1; i <= kN; ++i) absl::StrAppend(&reply, i > 1 ? "," : "", "\"answer ", i, "\"");
  reply += "]";
  server.Enqueue(FakeReply::OpenAiOk(reply, 600, 120));
  ManualClock clock;
  prometheus::Registry registry;
  DecisionEngineOptions o = Options(clock);
  o.batch.max_batch = kN;
  DecisionEngine engine(Provider(server), o, registry);

  std::vector<std::future<Decision>> callers;
  for (int i = 0; i < kN; ++i) {
    callers.push_back(std::async(std::launch::async, [&engine, i] {
      return engine.Decide(Request(absl::StrCat("npc-", i)));
    }));
  }
  std::vector<Decision> decisions;
  for (auto& f : callers) decisions.push_back(f.get());

  REQUIRE(server.request_count() == 1);
  const std::string merged = UserContent(server.requests().front());
  int64_t cost = 0;
  int calls = 0;
  for (int i = 0; i < kN; ++i) {
    const Decision& d = decisions[static_cast<size_t>(i)];
    CHECK(d.tier == v1::TIER_BATCH);
    CHECK(d.why == absl::StrCat("batch of ", kN));
    CHECK(d.provider == "openai");
    // Each caller gets the answer at the position of its own prompt in the merged prompt.
    int position = 0;
    for (int k = 1; k <= kN; ++k) {
      if (absl::StrContains(merged, absl::StrCat("Request ", k, ":\nprompt for npc-", i, "\n"))) position = k;
    }
    REQUIRE(position > 0);
    CHECK(d.text == absl::StrCat("answer ", position));
    cost += d.cost_micros;
    calls += d.llm_calls;
  }
  CHECK(cost == 162);  // 600 × 0.15 + 120 × 0.60 micro-dollars, shared between the members
  CHECK(calls == 1);
  const auto stats = engine.Stats();
  CHECK(stats.tier(v1::TIER_BATCH).count == kN);
  CHECK(stats.tier(v1::TIER_BATCH).avoided_llm_calls == kN - 1);
  CHECK(stats.llm_calls == 1);
  CHECK(MetricValue(registry, "aiworld_decision_llm_calls_total", {}) == 1);

  // Every answer was cached: asking again costs nothing.
  CHECK(engine.Decide(Request("npc-3")).tier == v1::TIER_CACHE);
  CHECK(server.request_count() == 1);
}

TEST_CASE("a malformed or short batch reply falls back per mode", "[unit]") {
  constexpr int kN = 3;
  FakeLlmServer server;
  server.SetDefault(FakeReply::OpenAiOk("single answer", 10, 10));
  ManualClock clock;

  auto run = [&](Mode mode, const std::string& batch_reply, prometheus::Registry& registry) {
    server.Enqueue(FakeReply::OpenAiOk(batch_reply, 10, 10));
    DecisionEngineOptions o = Options(clock, mode);
    o.batch.max_batch = kN;
    DecisionEngine engine(Provider(server), o, registry);
    std::vector<std::future<Decision>> callers;
    for (int i = 0; i < kN; ++i) {
      callers.push_back(std::async(std::launch::async, [&engine, i] {
        return engine.Decide(Request(absl::StrCat("m-", i)));
      }));
    }
    std::vector<Decision> out;
    for (auto& f : callers) out.push_back(f.get());
    return out;
  };

  SECTION("balanced: each caller makes a single call") {
    prometheus::Registry registry;
    for (const Decision& d : run(Mode::kBalanced, "Sure! Here are your answers: none", registry)) {
      CHECK(d.tier == v1::TIER_SINGLE);
      CHECK(d.text == "single answer");
      CHECK(absl::StrContains(d.why, "after batch failure"));
    }
    CHECK(server.request_count() == 1 + kN);
  }
  SECTION("balanced: a reply of the wrong length is malformed too") {
    prometheus::Registry registry;
    for (const Decision& d : run(Mode::kBalanced, R"(["one","two"])", registry)) {
      CHECK(d.tier == v1::TIER_SINGLE);
      CHECK(absl::StrContains(d.why, "2 answers for 3 requests"));
    }
    CHECK(server.request_count() == 1 + kN);
  }
  SECTION("aggressive: each caller gets its template") {
    prometheus::Registry registry;
    for (const Decision& d : run(Mode::kAggressive, R"(["one", 2, "three"])", registry)) {
      CHECK(d.tier == v1::TIER_TEMPLATE);
      CHECK(d.template_fallback);
      CHECK(d.text == "template answer");
    }
    CHECK(server.request_count() == 1);
    CHECK(MetricValue(registry, "aiworld_decision_template_fallbacks_total", {{"reason", "malformed_batch"}}) == kN);
  }
}

TEST_CASE("batch replies are parsed strictly", "[unit]") {
  CHECK(*Batcher::ParseReply(R"(["a", "b"])", 2) == std::vector<std::string>{"a", "b"});
  CHECK(*Batcher::ParseReply("```json\n[\"a\",\n \"b\"]\n```", 2) == std::vector<std::string>{"a", "b"});
  CHECK(*Batcher::ParseReply(R"(["[x]", "y"])", 2) == std::vector<std::string>{"[x]", "y"});
  CHECK_FALSE(Batcher::ParseReply(R"(["a"])", 2).ok());
  CHECK_FALSE(Batcher::ParseReply(R"(["a", {"b": 1}])", 2).ok());
  CHECK_FALSE(Batcher::ParseReply(R"(["a", ""])", 2).ok());
  CHECK_FALSE(Batcher::ParseReply(R"(["a", "b")", 2).ok());
  CHECK_FALSE(Batcher::ParseReply("no array here", 1).ok());
  const std::string merged = Batcher::MergedPrompt({"first", "second"});
  CHECK(absl::StrContains(merged, "Request 1:\nfirst\n"));
  CHECK(absl::StrContains(merged, "Request 2:\nsecond\n"));
  CHECK(absl::StrContains(Batcher::MergedSystem("You are a guard.", 2), "JSON array of exactly 2 strings"));
}

TEST_CASE("without a provider tiers 3 and 4 answer from the template and say so", "[unit]") {
  ManualClock clock;
  prometheus::Registry registry;
  DecisionEngine engine(nullptr, Options(clock), registry);
  CHECK_FALSE(engine.has_provider());
  const Decision d = engine.Decide(Request("k", At(1.0)));
  CHECK(d.tier == v1::TIER_TEMPLATE);
  CHECK(d.template_fallback);
  CHECK(d.text == "template answer");
  CHECK(absl::StrContains(d.why, "no LLM provider"));
  CHECK(d.llm_calls == 0);
  // Templates are not cached: a provider added later answers for real.
  CHECK(engine.Decide(Request("k", At(1.0))).tier == v1::TIER_TEMPLATE);
  DecisionRequest no_template = Request("k2");
  no_template.template_answer = nullptr;
  CHECK(engine.Decide(no_template).text.empty());
  CHECK(MetricValue(registry, "aiworld_decision_template_fallbacks_total", {{"reason", "no_provider"}}) == 3);
  CHECK(MetricValue(registry, "aiworld_decision_provider_configured", {}) == 0);
  CHECK(MetricValue(registry, "aiworld_decisions_total", {{"type", "npc_dialogue"}, {"tier", "template"}}) == 3);
  CHECK(engine.Stats().template_fallbacks == 3);
}

TEST_CASE("a provider error answers from the template", "[unit]") {
  FakeLlmServer server;
  ManualClock clock;
  SECTION("500 on a single call") {
    server.SetDefault(FakeReply::ServerError());
    prometheus::Registry registry;
    DecisionEngineOptions o = Options(clock, Mode::kQuality);
    DecisionEngine engine(Provider(server), o, registry);
    const Decision d = engine.Decide(Request("a"));
    CHECK(d.tier == v1::TIER_TEMPLATE);
    CHECK(d.template_fallback);
    CHECK(absl::StrContains(d.why, "UNAVAILABLE"));
    CHECK(d.llm_calls == 1);
    CHECK(MetricValue(registry, "aiworld_decision_template_fallbacks_total", {{"reason", "provider_error"}}) == 1);
  }
  SECTION("429 on a batch") {
    server.SetDefault(FakeReply::RateLimited(30));
    prometheus::Registry registry;
    DecisionEngineOptions o = Options(clock);
    o.batch.max_batch = 2;
    DecisionEngine engine(Provider(server), o, registry);
    auto a = std::async(std::launch::async, [&] { return engine.Decide(Request("a")); });
    auto b = std::async(std::launch::async, [&] { return engine.Decide(Request("b")); });
    for (const Decision& d : {a.get(), b.get()}) {
      CHECK(d.tier == v1::TIER_TEMPLATE);
      CHECK(absl::StrContains(d.why, "RESOURCE_EXHAUSTED"));
    }
    CHECK(server.request_count() == 1);  // no single-call storm after a failed batch
  }
}

TEST_CASE("modes change the tier choice", "[unit]") {
  ManualClock clock;

  SECTION("aggressive accepts a similarity of 0.82 that balanced and quality refuse") {
    for (Mode mode : {Mode::kAggressive, Mode::kBalanced, Mode::kQuality}) {
      prometheus::Registry registry;
      DecisionEngine engine(nullptr, Options(clock, mode), registry);
      engine.cache().Put("npc_dialogue", "seen", At(1.0), "cached line");
      const Decision d = engine.Decide(Request("new", At(0.82)));
      CHECK(d.tier == (mode == Mode::kAggressive ? v1::TIER_CACHE : v1::TIER_TEMPLATE));
    }
  }
  SECTION("quality refuses 0.90 that balanced accepts") {
    for (Mode mode : {Mode::kBalanced, Mode::kQuality}) {
      prometheus::Registry registry;
      DecisionEngine engine(nullptr, Options(clock, mode), registry);
      engine.cache().Put("npc_dialogue", "seen", At(1.0), "cached line");
      CHECK(engine.Decide(Request("new", At(0.90))).tier ==
            (mode == Mode::kBalanced ? v1::TIER_CACHE : v1::TIER_TEMPLATE));
    }
  }
  SECTION("a configured threshold overrides the mode") {
    prometheus::Registry registry;
    DecisionEngineOptions o = Options(clock, Mode::kBalanced);
    o.similarity_threshold = 0.95;
    DecisionEngine engine(nullptr, o, registry);
    engine.cache().Put("npc_dialogue", "seen", At(1.0), "cached line");
    CHECK(engine.Decide(Request("new", At(0.90))).tier == v1::TIER_TEMPLATE);
  }
  SECTION("complexity 0.5 uses the cache in balanced but not in quality") {
    FakeLlmServer server;
    server.SetDefault(FakeReply::OpenAiOk("fresh", 10, 10));
    for (Mode mode : {Mode::kBalanced, Mode::kQuality}) {
      prometheus::Registry registry;
      DecisionEngineOptions o = Options(clock, mode);
      o.batching = false;
      DecisionEngine engine(Provider(server), o, registry);
      engine.cache().Put("npc_dialogue", "k", {}, "cached line");
      DecisionRequest r = Request("k");
      r.complexity = 0.5;
      const Decision d = engine.Decide(r);
      CHECK(d.tier == (mode == Mode::kBalanced ? v1::TIER_CACHE : v1::TIER_SINGLE));
    }
    CHECK(server.request_count() == 1);
  }
  SECTION("quality makes single calls where balanced batches") {
    FakeLlmServer server;
    server.Enqueue(FakeReply::OpenAiOk(R"(["b1","b2"])", 10, 10));
    server.SetDefault(FakeReply::OpenAiOk("single", 10, 10));
    for (Mode mode : {Mode::kBalanced, Mode::kQuality}) {
      prometheus::Registry registry;
      DecisionEngineOptions o = Options(clock, mode);
      o.batch.max_batch = 2;
      DecisionEngine engine(Provider(server), o, registry);
      auto a = std::async(std::launch::async, [&] { return engine.Decide(Request("qa")); });
      auto b = std::async(std::launch::async, [&] { return engine.Decide(Request("qb")); });
      const Decision da = a.get(), db = b.get();
      const auto expected = mode == Mode::kBalanced ? v1::TIER_BATCH : v1::TIER_SINGLE;
      CHECK(da.tier == expected);
      CHECK(db.tier == expected);
    }
    CHECK(server.request_count() == 3);  // one batch, then two single calls
    CHECK_FALSE(absl::StrContains(UserContent(server.requests().back()), "JSON array"));
  }
  SECTION("aggressive answers from templates while the budget is tight, balanced still calls") {
    FakeLlmServer server;
    server.SetDefault(FakeReply::OpenAiOk("paid", 10, 10));
    for (Mode mode : {Mode::kAggressive, Mode::kBalanced}) {
      prometheus::Registry registry;
      DecisionEngineOptions o = Options(clock, mode);
      o.batching = false;
      o.budget_tight = [] { return true; };
      DecisionEngine engine(Provider(server), o, registry);
      const Decision d = engine.Decide(Request("b"));
      CHECK(d.tier == (mode == Mode::kAggressive ? v1::TIER_TEMPLATE : v1::TIER_SINGLE));
      if (mode == Mode::kAggressive) CHECK(absl::StrContains(d.why, "budget"));
    }
    CHECK(server.request_count() == 1);
  }
}

TEST_CASE("Stats counts decisions, LLM calls avoided and cost per tier", "[unit]") {
  FakeLlmServer server;
  server.SetDefault(FakeReply::OpenAiOk("llm", 1000, 1000));
  ManualClock clock;
  prometheus::Registry registry;
  DecisionEngineOptions o = Options(clock);
  o.batching = false;
  DecisionEngine engine(Provider(server), o, registry);

  DecisionRequest rule = Request("r");
  rule.rules = [] { return std::optional<std::string>("rule"); };
  engine.Decide(rule);
  engine.Decide(rule);
  engine.Decide(Request("s"));  // single
  engine.Decide(Request("s"));  // cache
  engine.Decide(Request("s"));  // cache
  server.SetDefault(FakeReply::ServerError());
  engine.Decide(Request("t"));  // template after a failed call

  const auto s = engine.Stats();
  CHECK(s.decisions == 6);
  CHECK(s.tier(v1::TIER_RULES).count == 2);
  CHECK(s.tier(v1::TIER_RULES).avoided_llm_calls == 2);
  CHECK(s.tier(v1::TIER_CACHE).count == 2);
  CHECK(s.tier(v1::TIER_CACHE).avoided_llm_calls == 2);
  CHECK(s.tier(v1::TIER_SINGLE).count == 1);
  CHECK(s.tier(v1::TIER_SINGLE).cost_micros == 750);
  CHECK(s.tier(v1::TIER_SINGLE).avoided_llm_calls == 0);
  CHECK(s.tier(v1::TIER_TEMPLATE).count == 1);
  CHECK(s.tier(v1::TIER_TEMPLATE).llm_calls == 1);
  CHECK(s.tier(v1::TIER_BATCH).count == 0);
  CHECK(s.llm_calls == 2);
  CHECK(s.avoided_llm_calls == 4);
  CHECK(s.cost_micros == 750);
  CHECK(s.template_fallbacks == 1);
  CHECK(MetricValue(registry, "aiworld_decisions_total", {{"type", "npc_dialogue"}, {"tier", "cache"}}) == 2);
  CHECK(MetricValue(registry, "aiworld_decision_seconds", {{"tier", "rules"}}) == 2);
  CHECK(MetricValue(registry, "aiworld_decision_provider_configured", {}) == 1);
}
