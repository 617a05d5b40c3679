// The LLM provider layer against a local HTTP server speaking each provider's wire format.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "runtime/clock.h"
#include "runtime/random.h"
#include "services/agentkit/llm/anthropic_provider.h"
#include "services/agentkit/llm/failover.h"
#include "services/agentkit/llm/key_source.h"
#include "services/agentkit/llm/openai_provider.h"
#include "services/agentkit/llm/pricing.h"
#include "services/agentkit/llm/provider_error.h"
#include "tests/support/fake_llm_server.h"

namespace {

using aiworld::llm::AnthropicProvider;
using aiworld::llm::CircuitBreaker;
using aiworld::llm::FailoverChain;
using aiworld::llm::FailoverOptions;
using aiworld::llm::LlmProvider;
using aiworld::llm::LlmRequest;
using aiworld::llm::OpenAiProvider;
using aiworld::llm::ProviderConfig;
using aiworld::testing::FakeLlmServer;
using aiworld::testing::FakeReply;

constexpr char kKey[] = "sk-test-SECRET-0123456789";

ProviderConfig Config(const FakeLlmServer& server, const std::string& name, const std::string& model,
                      const std::string& path_prefix) {
  ProviderConfig c;
  c.name = name;
  c.base_url = server.base_url() + path_prefix;
  c.model = model;
  c.api_key = kKey;
  c.connect_timeout = absl::Seconds(2);
  c.timeout = absl::Seconds(10);
  return c;
}

std::unique_ptr<LlmProvider> OpenAi(const FakeLlmServer& server, const std::string& name = "openai",
                                    const std::string& model = "gpt-4o-mini") {
  return std::make_unique<OpenAiProvider>(Config(server, name, model, "/v1"));
}

std::unique_ptr<LlmProvider> Anthropic(const FakeLlmServer& server) {
  return std::make_unique<AnthropicProvider>(Config(server, "anthropic", "claude-3-haiku-20240307", ""));
}

LlmRequest Request() {
  LlmRequest r;
  r.system = "You are a Prontera guard.";
  r.messages = {{"user", "Where is the \"Kafra\"?"}, {"assistant", "North."}, {"user", "Thanks"}};
  r.max_tokens = 64;
  r.temperature = 0.25;
  r.request_type = "dialogue";
  return r;
}

google::protobuf::Struct ParseBody(const std::string& body) {
  google::protobuf::Struct s;
  REQUIRE(google::protobuf::util::JsonStringToMessage(body, &s).ok());
  return s;
}

const google::protobuf::Value& At(const google::protobuf::Struct& s, const std::string& key) {
  REQUIRE(s.fields().count(key) == 1);
  return s.fields().at(key);
}

// A chain over the given providers with a manual clock, a seeded random source and a sleep that
// only records what it was asked to wait.
struct Chain {
  aiworld::ManualClock clock{absl::FromUnixSeconds(1'700'000'000)};
  aiworld::SeededRandom random{42};
  std::vector<absl::Duration> sleeps;
  std::unique_ptr<FailoverChain> chain;

  explicit Chain(std::vector<std::unique_ptr<LlmProvider>> providers, int max_retries = 2,
                 int failure_threshold = 5) {
    FailoverOptions o;
    o.retry.max_retries = max_retries;
    o.breaker.failure_threshold = failure_threshold;
    o.breaker.open_duration = absl::Seconds(30);
    o.clock = &clock;
    o.random = &random;
    o.sleep = [this](absl::Duration d) { sleeps.push_back(d); };
    chain = std::make_unique<FailoverChain>(std::move(providers), std::move(o));
  }
};

std::vector<std::unique_ptr<LlmProvider>> Providers(std::unique_ptr<LlmProvider> a,
                                                    std::unique_ptr<LlmProvider> b = nullptr) {
  std::vector<std::unique_ptr<LlmProvider>> v;
  v.push_back(std::move(a));
  if (b) v.push_back(std::move(b));
  return v;
}

}  // namespace

TEST_CASE("the OpenAI-compatible provider sends a chat completions request and parses the reply", "[unit]") {
  FakeLlmServer server;
  server.Enqueue(FakeReply::OpenAiOk("Go north to the fountain.", 1000, 500, "deepseek-chat"));
  auto provider = OpenAi(server, "deepseek", "deepseek-chat");

  auto reply = provider->Complete(Request());
  REQUIRE(reply.ok());
  CHECK(reply->text == "Go north to the fountain.");
  CHECK(reply->input_tokens == 1000);
  CHECK(reply->output_tokens == 500);
  CHECK(reply->provider == "deepseek");
  CHECK(reply->model == "deepseek-chat");
  CHECK(reply->cost_micros == 280);  // 1000 × $0.14/1M + 500 × $0.28/1M
  CHECK(reply->latency >= absl::ZeroDuration());

  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  const auto& req = requests[0];
  CHECK(req.method == "POST");
  CHECK(req.path == "/v1/chat/completions");
  CHECK(req.headers.at("authorization") == std::string("Bearer ") + kKey);
  CHECK(req.headers.at("content-type") == "application/json");
  CHECK(req.headers.count("x-api-key") == 0);
  const auto body = ParseBody(req.body);
  CHECK(At(body, "model").string_value() == "deepseek-chat");
  CHECK(At(body, "max_tokens").number_value() == 64);
  CHECK(At(body, "temperature").number_value() == 0.25);
  const auto& messages = At(body, "messages").list_value();
  REQUIRE(messages.values_size() == 4);
  CHECK(messages.values(0).struct_value().fields().at("role").string_value() == "system");
  CHECK(messages.values(0).struct_value().fields().at("content").string_value() == "You are a Prontera guard.");
  CHECK(messages.values(1).struct_value().fields().at("role").string_value() == "user");
  CHECK(messages.values(1).struct_value().fields().at("content").string_value() == "Where is the \"Kafra\"?");
  CHECK(messages.values(2).struct_value().fields().at("role").string_value() == "assistant");
  CHECK(messages.values(3).struct_value().fields().at("content").string_value() == "Thanks");
}

TEST_CASE("the Anthropic provider sends a messages request and parses the reply", "[unit]") {
  FakeLlmServer server;
  server.Enqueue(FakeReply::Json(200, R"({"id":"msg_1","type":"message","role":"assistant",
      "model":"claude-3-haiku-20240307","content":[{"type":"text","text":"Head "},
      {"type":"tool_use","id":"t","name":"x","input":{}},{"type":"text","text":"north."}],
      "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":2000,"output_tokens":400}})"));
  auto provider = Anthropic(server);
  LlmRequest request = Request();
  request.messages.insert(request.messages.begin(), {"system", "Stay in character."});

  auto reply = provider->Complete(request);
  REQUIRE(reply.ok());
  CHECK(reply->text == "Head north.");
  CHECK(reply->input_tokens == 2000);
  CHECK(reply->output_tokens == 400);
  CHECK(reply->provider == "anthropic");
  CHECK(reply->model == "claude-3-haiku-20240307");
  CHECK(reply->cost_micros == 1000);  // 2000 × $0.25/1M + 400 × $1.25/1M

  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  const auto& req = requests[0];
  CHECK(req.method == "POST");
  CHECK(req.path == "/v1/messages");
  CHECK(req.headers.at("x-api-key") == kKey);
  CHECK(req.headers.at("anthropic-version") == "2023-06-01");
  CHECK(req.headers.at("content-type") == "application/json");
  CHECK(req.headers.count("authorization") == 0);
  const auto body = ParseBody(req.body);
  CHECK(At(body, "model").string_value() == "claude-3-haiku-20240307");
  CHECK(At(body, "max_tokens").number_value() == 64);
  CHECK(At(body, "system").string_value() == "You are a Prontera guard.\n\nStay in character.");
  const auto& messages = At(body, "messages").list_value();
  REQUIRE(messages.values_size() == 3);  // the system turn moved to "system"
  CHECK(messages.values(0).struct_value().fields().at("role").string_value() == "user");
  CHECK(messages.values(1).struct_value().fields().at("role").string_value() == "assistant");
  CHECK(messages.values(2).struct_value().fields().at("content").string_value() == "Thanks");
}

TEST_CASE("malformed and truncated replies are clear errors and never crash", "[unit]") {
  FakeLlmServer server;
  auto openai = OpenAi(server);
  auto anthropic = Anthropic(server);
  const std::string cut_openai = FakeReply::OpenAiOk("hello", 1, 1).body.substr(0, 80);
  const std::string cut_anthropic = FakeReply::AnthropicOk("hello", 1, 1).body.substr(0, 80);

  struct Case {
    FakeReply reply;
    LlmProvider* provider;
    absl::StatusCode code;
  };
  const std::vector<Case> cases = {
      {FakeReply::Json(200, "{not json"), openai.get(), absl::StatusCode::kInternal},
      {FakeReply::Json(200, ""), openai.get(), absl::StatusCode::kInternal},
      {FakeReply::Json(200, "[1,2]"), openai.get(), absl::StatusCode::kInternal},
      {FakeReply::Json(200, cut_openai), openai.get(), absl::StatusCode::kInternal},
      {FakeReply::Json(200, R"({"choices":[]})"), openai.get(), absl::StatusCode::kInternal},
      {FakeReply::Json(200, R"({"choices":[{"message":{"content":null}}]})"), openai.get(), absl::StatusCode::kInternal},
      {FakeReply::Truncated(FakeReply::OpenAiOk("hello", 1, 1).body), openai.get(), absl::StatusCode::kUnavailable},
      {FakeReply::Json(200, "{\"content\":"), anthropic.get(), absl::StatusCode::kInternal},
      {FakeReply::Json(200, cut_anthropic), anthropic.get(), absl::StatusCode::kInternal},
      {FakeReply::Json(200, R"({"content":[{"type":"tool_use"}]})"), anthropic.get(), absl::StatusCode::kInternal},
      {FakeReply::Truncated(FakeReply::AnthropicOk("hello", 1, 1).body), anthropic.get(), absl::StatusCode::kUnavailable},
  };
  for (const Case& c : cases) {
    server.Enqueue(c.reply);
    auto reply = c.provider->Complete(Request());
    INFO("reply body: " << c.reply.body);
    REQUIRE_FALSE(reply.ok());
    CHECK(reply.status().code() == c.code);
    CHECK(std::string(reply.status().message()).find(c.provider->name()) == 0);
  }
}

TEST_CASE("HTTP errors map to status codes and never show the key", "[unit]") {
  FakeLlmServer server;
  auto provider = OpenAi(server);

  server.Enqueue(FakeReply::Json(401, std::string(R"({"error":{"message":"Incorrect API key provided: )") + kKey + "\"}}"));
  auto unauthorized = provider->Complete(Request());
  REQUIRE_FALSE(unauthorized.ok());
  CHECK(unauthorized.status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(aiworld::llm::HttpStatusOf(unauthorized.status()) == 401);
  const std::string text(unauthorized.status().message());
  CHECK(text.find(kKey) == std::string::npos);
  CHECK(text.find("***") != std::string::npos);

  server.Enqueue(FakeReply::RateLimited(7));
  auto limited = provider->Complete(Request());
  CHECK(limited.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(aiworld::llm::RetryAfterOf(limited.status()) == absl::Seconds(7));

  server.Enqueue(FakeReply::ServerError());
  CHECK(provider->Complete(Request()).status().code() == absl::StatusCode::kUnavailable);
  server.Enqueue(FakeReply::Json(400, R"({"error":{"message":"bad"}})"));
  CHECK(provider->Complete(Request()).status().code() == absl::StatusCode::kInvalidArgument);
  server.Enqueue(FakeReply::Json(403, "{}"));
  CHECK(provider->Complete(Request()).status().code() == absl::StatusCode::kPermissionDenied);
  server.Enqueue(FakeReply::Json(404, R"({"error":{"message":"model not found"}})"));
  CHECK(provider->Complete(Request()).status().code() == absl::StatusCode::kNotFound);

  // Nothing listens on a port just released: a transport error.
  int closed_port = 0;
  { FakeLlmServer gone; closed_port = gone.port(); }
  ProviderConfig nowhere = Config(server, "openai", "gpt-4o-mini", "");
  nowhere.base_url = "http://127.0.0.1:" + std::to_string(closed_port) + "/v1";
  CHECK(OpenAiProvider(nowhere).Complete(Request()).status().code() == absl::StatusCode::kUnavailable);
}

TEST_CASE("a reply slower than the client timeout is DEADLINE_EXCEEDED", "[unit]") {
  FakeLlmServer server;
  server.Enqueue(FakeReply::Hang());
  ProviderConfig config = Config(server, "openai", "gpt-4o-mini", "/v1");
  config.timeout = absl::Milliseconds(300);
  auto reply = OpenAiProvider(config).Complete(Request());
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.status().code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(aiworld::llm::IsRetryable(reply.status()));
}

TEST_CASE("the chain retries a 429 after exactly the Retry-After it was given", "[unit]") {
  FakeLlmServer server;
  server.Enqueue(FakeReply::RateLimited(3));
  server.Enqueue(FakeReply::OpenAiOk("ok", 10, 2));
  Chain c(Providers(OpenAi(server)));
  auto reply = c.chain->Complete(Request());
  REQUIRE(reply.ok());
  CHECK(reply->provider == "openai");
  CHECK(server.request_count() == 2);
  REQUIRE(c.sleeps.size() == 1);
  CHECK(c.sleeps[0] == absl::Seconds(3));
}

TEST_CASE("the chain retries a 500 with exponential backoff and jitter", "[unit]") {
  FakeLlmServer server;
  server.Enqueue(FakeReply::ServerError());
  server.Enqueue(FakeReply::ServerError());
  server.Enqueue(FakeReply::OpenAiOk("third time", 10, 2));
  Chain c(Providers(OpenAi(server)));
  auto reply = c.chain->Complete(Request());
  REQUIRE(reply.ok());
  CHECK(reply->text == "third time");
  CHECK(server.request_count() == 3);
  REQUIRE(c.sleeps.size() == 2);
  // initial 1 s × 2^n, jitter 0.5: the n-th wait lies in (0.5, 1] × 2^n seconds.
  CHECK(c.sleeps[0] > absl::Milliseconds(500));
  CHECK(c.sleeps[0] <= absl::Seconds(1));
  CHECK(c.sleeps[1] > absl::Seconds(1));
  CHECK(c.sleeps[1] <= absl::Seconds(2));
}

TEST_CASE("the chain retries a timeout", "[unit]") {
  FakeLlmServer server;
  server.Enqueue(FakeReply::Hang());
  server.Enqueue(FakeReply::OpenAiOk("after the hang", 10, 2));
  ProviderConfig config = Config(server, "openai", "gpt-4o-mini", "/v1");
  config.timeout = absl::Milliseconds(300);
  Chain c(Providers(std::make_unique<OpenAiProvider>(config)));
  auto reply = c.chain->Complete(Request());
  REQUIRE(reply.ok());
  CHECK(reply->text == "after the hang");
  CHECK(server.request_count() == 2);
  CHECK(c.sleeps.size() == 1);
}

TEST_CASE("the chain neither retries nor fails over a 400", "[unit]") {
  FakeLlmServer first;
  FakeLlmServer second;
  first.SetDefault(FakeReply::Json(400, R"({"error":{"message":"max_tokens too large"}})"));
  second.SetDefault(FakeReply::OpenAiOk("never", 1, 1));
  Chain c(Providers(OpenAi(first), OpenAi(second, "groq", "llama-3.1-70b-versatile")));
  auto reply = c.chain->Complete(Request());
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(first.request_count() == 1);
  CHECK(second.request_count() == 0);
  CHECK(c.sleeps.empty());
  CHECK(c.chain->breaker_state(0) == CircuitBreaker::State::kClosed);
}

TEST_CASE("the chain fails over to the second provider when the first keeps failing", "[unit]") {
  FakeLlmServer first;
  FakeLlmServer second;
  first.SetDefault(FakeReply::ServerError());
  second.SetDefault(FakeReply::AnthropicOk("from the backup", 20, 5));
  Chain c(Providers(OpenAi(first), Anthropic(second)));
  CHECK(c.chain->name() == "failover[openai,anthropic]");
  auto reply = c.chain->Complete(Request());
  REQUIRE(reply.ok());
  CHECK(reply->provider == "anthropic");
  CHECK(reply->text == "from the backup");
  CHECK(first.request_count() == 3);  // 1 + max_retries
  CHECK(second.request_count() == 1);
  CHECK(c.sleeps.size() == 2);
}

TEST_CASE("a 401 fails over at once without retries", "[unit]") {
  FakeLlmServer first;
  FakeLlmServer second;
  first.SetDefault(FakeReply::Json(401, R"({"error":{"message":"invalid key"}})"));
  second.SetDefault(FakeReply::OpenAiOk("backup", 1, 1, "deepseek-chat"));
  Chain c(Providers(OpenAi(first), OpenAi(second, "deepseek", "deepseek-chat")));
  auto reply = c.chain->Complete(Request());
  REQUIRE(reply.ok());
  CHECK(reply->provider == "deepseek");
  CHECK(first.request_count() == 1);
  CHECK(c.sleeps.empty());
}

TEST_CASE("a Retry-After longer than the cap moves on without waiting", "[unit]") {
  FakeLlmServer first;
  FakeLlmServer second;
  first.SetDefault(FakeReply::RateLimited(3600));
  second.SetDefault(FakeReply::OpenAiOk("backup", 1, 1));
  Chain c(Providers(OpenAi(first), OpenAi(second, "xai", "grok-beta")));
  auto reply = c.chain->Complete(Request());
  REQUIRE(reply.ok());
  CHECK(reply->provider == "xai");
  CHECK(first.request_count() == 1);
  CHECK(c.sleeps.empty());
}

TEST_CASE("the breaker opens after N failures and half-opens once the clock passes the open time", "[unit]") {
  FakeLlmServer first;
  FakeLlmServer second;
  first.SetDefault(FakeReply::ServerError());
  second.SetDefault(FakeReply::OpenAiOk("backup", 1, 1));
  Chain c(Providers(OpenAi(first), OpenAi(second, "groq", "llama-3.1-70b-versatile")), /*max_retries=*/1,
          /*failure_threshold=*/2);
  auto call = [&c] {
    auto reply = c.chain->Complete(Request());
    REQUIRE(reply.ok());
    return reply->provider;
  };

  CHECK(call() == "groq");
  CHECK(first.request_count() == 2);
  CHECK(c.chain->breaker_state(0) == CircuitBreaker::State::kClosed);
  CHECK(call() == "groq");  // second consecutive failure: open
  CHECK(first.request_count() == 4);
  CHECK(c.chain->breaker_state(0) == CircuitBreaker::State::kOpen);

  CHECK(call() == "groq");  // skipped: no request reaches the first provider
  c.clock.Advance(absl::Seconds(29));
  CHECK(call() == "groq");
  CHECK(first.request_count() == 4);

  c.clock.Advance(absl::Seconds(1));  // open time over: one probe, no retries
  CHECK(call() == "groq");
  CHECK(first.request_count() == 5);
  CHECK(c.chain->breaker_state(0) == CircuitBreaker::State::kOpen);  // the probe failed
  CHECK(call() == "groq");
  CHECK(first.request_count() == 5);

  first.SetDefault(FakeReply::OpenAiOk("primary is back", 1, 1));
  c.clock.Advance(absl::Seconds(30));
  CHECK(call() == "openai");
  CHECK(first.request_count() == 6);
  CHECK(c.chain->breaker_state(0) == CircuitBreaker::State::kClosed);
}

TEST_CASE("the half-open breaker lets a single probe through", "[unit]") {
  aiworld::ManualClock clock;
  CircuitBreaker breaker({/*failure_threshold=*/1, /*open_duration=*/absl::Seconds(10)}, clock);
  CHECK(breaker.Acquire() == CircuitBreaker::Admit::kCall);
  breaker.RecordFailure();
  CHECK(breaker.Acquire() == CircuitBreaker::Admit::kRefuse);
  clock.Advance(absl::Seconds(10));
  CHECK(breaker.Acquire() == CircuitBreaker::Admit::kProbe);
  CHECK(breaker.state() == CircuitBreaker::State::kHalfOpen);
  CHECK(breaker.Acquire() == CircuitBreaker::Admit::kRefuse);  // probe still in flight
  breaker.RecordSuccess();
  CHECK(breaker.Acquire() == CircuitBreaker::Admit::kCall);
}

TEST_CASE("when every provider fails the chain says UNAVAILABLE naming each", "[unit]") {
  FakeLlmServer first;
  FakeLlmServer second;
  first.SetDefault(FakeReply::Json(403, "{}"));
  second.SetDefault(FakeReply::Json(200, "{broken"));
  Chain c(Providers(OpenAi(first), Anthropic(second)));
  auto reply = c.chain->Complete(Request());
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.status().code() == absl::StatusCode::kUnavailable);
  const std::string text(reply.status().message());
  CHECK(text.find("openai: HTTP 403") != std::string::npos);
  CHECK(text.find("anthropic: malformed JSON") != std::string::npos);
  CHECK(second.request_count() == 1);  // malformed JSON is not retried

  Chain empty({});
  CHECK(empty.chain->Complete(Request()).status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("prices come from the built-in table or config overrides and cost is tokens in times price in plus tokens out times price out", "[unit]") {
  using aiworld::llm::CostMicros;
  using aiworld::llm::PricingTable;
  const PricingTable t = PricingTable::BuiltIn();
  CHECK(t.Find("deepseek", "deepseek-chat")->input_micros_per_mtok == 140'000);
  CHECK(t.Find("deepseek", "deepseek-chat")->output_micros_per_mtok == 280'000);
  CHECK(t.Find("openai", "gpt-4")->input_micros_per_mtok == 30'000'000);
  CHECK(t.Find("openai", "gpt-4-turbo-2024-04-09")->input_micros_per_mtok == 10'000'000);
  CHECK(t.Find("openai", "gpt-4o-mini-2024-07-18")->input_micros_per_mtok == 150'000);
  CHECK(t.Find("anthropic", "claude-3-5-sonnet-20241022")->output_micros_per_mtok == 15'000'000);
  CHECK(t.Find("groq", "llama-3.1-70b-versatile")->input_micros_per_mtok == 590'000);
  CHECK(t.Find("xai", "grok-beta")->input_micros_per_mtok == 5'000'000);
  CHECK(t.Find("ollama", "llama3")->input_micros_per_mtok == 0);
  CHECK_FALSE(t.Find("openai", "unknown-model").has_value());

  CHECK(CostMicros({1'000'000, 2'000'000}, 1000, 500) == 2000);
  CHECK(CostMicros({140'000, 280'000}, 4, 0) == 1);  // 0.56 µ$ rounds to 1
  CHECK(CostMicros({140'000, 280'000}, 1, 0) == 0);
  CHECK(CostMicros({60'000'000, 60'000'000}, 2'000'000'000, 2'000'000'000) == 240'000'000'000);

  PricingTable custom = PricingTable::BuiltIn();
  REQUIRE(custom.ApplyOverrides("deepseek/deepseek-chat=1:2, mylab/*=0.5:0.5").ok());
  CHECK(custom.Find("deepseek", "deepseek-chat")->output_micros_per_mtok == 2'000'000);
  CHECK(custom.Find("mylab", "anything")->input_micros_per_mtok == 500'000);
  CHECK_FALSE(custom.ApplyOverrides("deepseek/deepseek-chat=3:4,broken").ok());
  CHECK(custom.Find("deepseek", "deepseek-chat")->input_micros_per_mtok == 1'000'000);  // all or nothing

  // A provider prices its replies from the configured table.
  FakeLlmServer server;
  server.Enqueue(FakeReply::OpenAiOk("priced", 1000, 500, "deepseek-chat"));
  ProviderConfig config = Config(server, "deepseek", "deepseek-chat", "/v1");
  config.pricing = std::make_shared<const PricingTable>(custom);
  auto reply = OpenAiProvider(config).Complete(Request());
  REQUIRE(reply.ok());
  CHECK(reply->cost_micros == 2000);
}

TEST_CASE("keys come from env or secret files and are never echoed", "[unit]") {
  using aiworld::llm::ResolveKey;
  ::setenv("AIWORLD_TEST_LLM_KEY", "sk-env-value", 1);
  CHECK(*ResolveKey("env:AIWORLD_TEST_LLM_KEY") == "sk-env-value");
  ::unsetenv("AIWORLD_TEST_LLM_MISSING");
  auto missing = ResolveKey("env:AIWORLD_TEST_LLM_MISSING");
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK(std::string(missing.status().message()).find("AIWORLD_TEST_LLM_MISSING") != std::string::npos);

  const std::string path = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
                           "/aiworld_llm_key_test_" + std::to_string(::getpid());
  { std::ofstream(path) << "sk-file-value\n"; }
  CHECK(*ResolveKey("file:" + path) == "sk-file-value");
  std::remove(path.c_str());
  CHECK(ResolveKey("file:" + path).status().code() == absl::StatusCode::kNotFound);

  CHECK(*ResolveKey("") == "");
  auto raw = ResolveKey("sk-pasted-raw-key");
  CHECK(raw.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(raw.status().message()).find("sk-pasted-raw-key") == std::string::npos);
  CHECK(aiworld::llm::MaskSecret("key sk-1 and sk-1", "sk-1") == "key *** and ***");
}
