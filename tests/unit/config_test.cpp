#include <catch2/catch.hpp>
#include <map>

#include "runtime/config.h"

using aiworld::Config;
using aiworld::FlagSpec;

namespace {

std::vector<FlagSpec> Specs() {
  using T = FlagSpec::Type;
  return {
      {"grpc-addr", "AIWORLD_GRPC_ADDR", "0.0.0.0:50052", "listen address", T::kHostPort},
      {"database-url", "AIWORLD_DATABASE_URL", "", "db", T::kString, FlagSpec::Sensitivity::kUrlCredentials},
      {"api-key", "AIWORLD_API_KEY", "", "key", T::kString, FlagSpec::Sensitivity::kSecret},
      {"pool-size", "AIWORLD_POOL_SIZE", "4", "pool", T::kInt},
      {"grace", "AIWORLD_GRACE", "10s", "grace", T::kDuration},
      {"verbose", "", "false", "verbose", T::kBool},
  };
}

Config::EnvLookup Env(std::map<std::string, std::string> values) {
  return [values](const std::string& k) -> std::optional<std::string> {
    auto it = values.find(k);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

absl::StatusOr<Config> Parse(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  return Config::Parse({"aiworld-test", "a test program", ""}, Specs(), args, Env(env));
}

}  // namespace

TEST_CASE("a flag wins over the environment, which wins over the default", "[unit]") {
  auto c = Parse({"--pool-size=9"}, {{"AIWORLD_POOL_SIZE", "7"}, {"AIWORLD_GRPC_ADDR", "127.0.0.1:1"}});
  REQUIRE(c.ok());
  CHECK(c->GetInt("pool-size") == 9);
  CHECK(c->SourceOf("pool-size") == Config::Source::kFlag);
  CHECK(c->Get("grpc-addr") == "127.0.0.1:1");
  CHECK(c->SourceOf("grpc-addr") == Config::Source::kEnvironment);
  CHECK(c->GetDuration("grace") == absl::Seconds(10));
  CHECK(c->SourceOf("grace") == Config::Source::kDefault);
}

TEST_CASE("flags take a value after = or as the next argument and booleans need none", "[unit]") {
  auto c = Parse({"--grace", "1m30s", "--verbose"});
  REQUIRE(c.ok());
  CHECK(c->GetDuration("grace") == absl::Seconds(90));
  CHECK(c->GetBool("verbose"));
}

TEST_CASE("bad input names the flag and where the value came from", "[unit]") {
  auto unknown = Parse({"--colour=red"});
  REQUIRE_FALSE(unknown.ok());
  CHECK_THAT(std::string(unknown.status().message()), Catch::Contains("unknown flag --colour"));

  auto bad_env = Parse({}, {{"AIWORLD_POOL_SIZE", "many"}});
  REQUIRE_FALSE(bad_env.ok());
  CHECK_THAT(std::string(bad_env.status().message()),
             Catch::Contains("--pool-size") && Catch::Contains("AIWORLD_POOL_SIZE") && Catch::Contains("\"many\""));

  auto bad_addr = Parse({"--grpc-addr=localhost"});
  REQUIRE_FALSE(bad_addr.ok());
  CHECK_THAT(std::string(bad_addr.status().message()), Catch::Contains("--grpc-addr"));

  auto bad_duration = Parse({"--grace=soon"});
  REQUIRE_FALSE(bad_duration.ok());
  CHECK_THAT(std::string(bad_duration.status().message()), Catch::Contains("--grace"));

  auto missing_value = Parse({"--grace"});
  REQUIRE_FALSE(missing_value.ok());
  CHECK_THAT(std::string(missing_value.status().message()), Catch::Contains("--grace needs a value"));

  auto positional = Parse({"serve"});
  REQUIRE_FALSE(positional.ok());
  CHECK_THAT(std::string(positional.status().message()), Catch::Contains("\"serve\""));
}

TEST_CASE("--help and --version are recognised before validation", "[unit]") {
  auto c = Parse({"--help"}, {{"AIWORLD_POOL_SIZE", "many"}});
  REQUIRE(c.ok());
  CHECK(c->help_requested());
  const std::string help = c->HelpText();
  CHECK_THAT(help, Catch::Contains("--grpc-addr=VALUE") && Catch::Contains("env AIWORLD_GRPC_ADDR") &&
                       Catch::Contains("default 0.0.0.0:50052") && Catch::Contains("--version"));
  auto v = Parse({"--version"});
  REQUIRE(v.ok());
  CHECK(v->version_requested());
}

TEST_CASE("the printed configuration masks secrets and passwords in URLs", "[unit]") {
  auto c = Parse({"--database-url=postgresql://aiworld:hunter2@db:5432/aiworld", "--api-key=sk-123"});
  REQUIRE(c.ok());
  std::map<std::string, std::string> summary;
  for (const auto& [k, v] : c->MaskedSummary()) summary[k] = v;
  CHECK(summary["database-url"] == "postgresql://aiworld:****@db:5432/aiworld (flag)");
  CHECK(summary["api-key"] == "**** (flag)");
  CHECK(summary["pool-size"] == "4 (default)");
  for (const auto& [k, v] : summary) {
    CHECK(v.find("hunter2") == std::string::npos);
    CHECK(v.find("sk-123") == std::string::npos);
  }
}

TEST_CASE("URL credential masking covers URI and keyword forms", "[unit]") {
  CHECK(aiworld::MaskUrlCredentials("postgresql://u:p@h/db") == "postgresql://u:****@h/db");
  CHECK(aiworld::MaskUrlCredentials("postgresql://u@h/db") == "postgresql://u@h/db");
  CHECK(aiworld::MaskUrlCredentials("postgresql://h/db?password=x&sslmode=disable") ==
        "postgresql://h/db?password=****&sslmode=disable");
  CHECK(aiworld::MaskUrlCredentials("host=h user=u password='a b' dbname=d") == "host=h user=u password=**** dbname=d");
}

TEST_CASE("host:port validation", "[unit]") {
  CHECK(aiworld::IsValidHostPort("127.0.0.1:50051"));
  CHECK(aiworld::IsValidHostPort("0.0.0.0:0"));
  CHECK(aiworld::IsValidHostPort("[::1]:9464"));
  CHECK(aiworld::IsValidHostPort(":50051"));
  CHECK_FALSE(aiworld::IsValidHostPort("127.0.0.1"));
  CHECK_FALSE(aiworld::IsValidHostPort("127.0.0.1:70000"));
  CHECK_FALSE(aiworld::IsValidHostPort("127.0.0.1:http"));
}
