#include <catch2/catch.hpp>
#include <cstdlib>

#include "services/agentkit/llm/provider_spec.h"

using aiworld::llm::ParseProviderSpecs;

TEST_CASE("provider specs parse in failover order with defaults", "[unit]") {
  auto specs = ParseProviderSpecs(
      "kind=openai,name=deepseek,url=https://api.deepseek.com/v1,model=deepseek-chat,key=env:DEEPSEEK_API_KEY;"
      " kind=anthropic, url=https://api.anthropic.com, model=claude-3-haiku, timeout=20s");
  REQUIRE(specs.ok());
  REQUIRE(specs->size() == 2);
  CHECK((*specs)[0].config.name == "deepseek");
  CHECK((*specs)[0].key_source == "env:DEEPSEEK_API_KEY");
  CHECK((*specs)[1].kind == "anthropic");
  CHECK((*specs)[1].config.name == "anthropic");
  CHECK((*specs)[1].config.timeout == absl::Seconds(20));
  CHECK(ParseProviderSpecs("")->empty());
}

TEST_CASE("bad provider specs name the entry and the key", "[unit]") {
  const struct {
    const char* spec;
    const char* expected;
  } cases[] = {
      {"kind=gemini,url=https://x,model=m", "entry 1: kind"},
      {"kind=openai,model=m", "entry 1: url"},
      {"kind=openai,url=https://x", "entry 1: model"},
      {"kind=openai,url=https://x,model=m;kind=openai,url=ftp://x,model=m", "entry 2: url"},
      {"kind=openai,url=https://x,model=m,key=sk-secret", "entry 1: key"},
      {"kind=openai,url=https://x,model=m,colour=red", "unknown key \"colour\""},
      {"kind=openai,url=https://x,model=m,timeout=soon", "entry 1: timeout"},
      {"kind=openai,url", "is not key=value"},
  };
  for (const auto& c : cases) {
    INFO(c.spec);
    auto specs = ParseProviderSpecs(c.spec);
    REQUIRE_FALSE(specs.ok());
    CHECK_THAT(std::string(specs.status().message()), Catch::Contains(c.expected));
    CHECK(std::string(specs.status().message()).find("sk-secret") == std::string::npos);
  }
}

TEST_CASE("a provider gets its key from the environment and says which one is missing", "[unit]") {
  auto specs = ParseProviderSpecs("kind=openai,url=https://x,model=m,key=env:AIWORLD_TEST_MISSING_KEY");
  REQUIRE(specs.ok());
  ::unsetenv("AIWORLD_TEST_MISSING_KEY");
  auto missing = aiworld::llm::MakeProvider(specs->front());
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(std::string(missing.status().message()), Catch::Contains("AIWORLD_TEST_MISSING_KEY"));
  ::setenv("AIWORLD_TEST_MISSING_KEY", "sk-test", 1);
  auto made = aiworld::llm::MakeProvider(specs->front());
  REQUIRE(made.ok());
  CHECK((*made)->name() == "openai");
  ::unsetenv("AIWORLD_TEST_MISSING_KEY");
}
