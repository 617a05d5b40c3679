#include <signal.h>

#include <catch2/catch.hpp>

#include "tests/support/grpc_probe.h"
#include "tests/support/postgres.h"
#include "tests/support/server_process.h"

using aiworld::testing::BufPath;
using aiworld::testing::HealthStatus;
using aiworld::testing::Run;
using aiworld::testing::ServerProcess;
using aiworld::testing::StartServer;

namespace {

struct Expected {
  std::string binary;
  std::vector<std::string> services;
};

const std::vector<Expected> kMesh = {
    {"aiworld-gateway", {"aiworld.v1.Bridge", "aiworld.v1.Admin"}},
    {"aiworld-core", {"aiworld.v1.AgentGroup", "aiworld.v1.Core"}},
    {"aiworld-procedural", {"aiworld.v1.AgentGroup", "aiworld.v1.Procedural"}},
    {"aiworld-progression", {"aiworld.v1.AgentGroup", "aiworld.v1.Progression"}},
    {"aiworld-economy", {"aiworld.v1.AgentGroup", "aiworld.v1.Economy"}},
};

std::string Buf(const std::vector<std::string>& args, int* exit_code) {
  std::vector<std::string> all = {"curl", "--protocol", "grpc", "--http2-prior-knowledge"};
  all.insert(all.end(), args.begin(), args.end());
  auto r = Run(BufPath(), all);
  *exit_code = r.exit_code;
  return r.output;
}

// A password the test server ignores (trust auth) but the logs must never show.
std::string WithPassword(const std::string& url) {
  return "postgresql://postgres:s3cret-pass@" + url.substr(url.find("://") + 3 + std::string("postgres@").size());
}

}  // namespace

TEST_CASE("all five servers serve health, reflection and metrics", "[e2e]") {
  aiworld::testing::TestDatabase db;
  aiworld::testing::MigrateDatabase(db.url());
  std::vector<ServerProcess> servers;
  for (const Expected& e : kMesh) servers.push_back(StartServer(e.binary, WithPassword(db.url())));

  for (size_t i = 0; i < kMesh.size(); ++i) {
    const Expected& e = kMesh[i];
    const ServerProcess& s = servers[i];
    INFO(e.binary << " at " << s.grpc_addr());
    CHECK(HealthStatus(s.grpc_addr(), "") == "SERVING");
    for (const std::string& service : e.services) CHECK(HealthStatus(s.grpc_addr(), service) == "SERVING");

    int code = -1;
    const std::string listed = Buf({"--list-services", "http://" + s.grpc_addr()}, &code);
    INFO("buf curl --list-services printed:\n" << listed);
    CHECK(code == 0);
    for (const std::string& service : e.services) CHECK_THAT(listed, Catch::Contains(service));
    CHECK_THAT(listed, Catch::Contains("grpc.health.v1.Health") &&
                           Catch::Contains("grpc.reflection.v1alpha.ServerReflection"));

    // Health through reflection works only if the health descriptor is linked in.
    const std::string health = Buf({"-d", "{\"service\":\"\"}", "http://" + s.grpc_addr() + "/grpc.health.v1.Health/Check"}, &code);
    CHECK(code == 0);
    CHECK_THAT(health, Catch::Contains("\"SERVING\""));

    const std::string metrics = aiworld::testing::HttpGet(s.metrics_url());
    CHECK_THAT(metrics, Catch::Contains("grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Check\""));
    CHECK_THAT(metrics, Catch::Contains("aiworld_ready{component="));

    const std::string output = s.process->Output();
    CHECK_THAT(output, Catch::Contains("\"msg\":\"configuration\"") && Catch::Contains(":****@"));
    CHECK(output.find("s3cret-pass") == std::string::npos);
  }
}

TEST_CASE("AgentGroup.Describe names the group and bad requests name the field", "[e2e]") {
  aiworld::testing::TestDatabase db;
  aiworld::testing::MigrateDatabase(db.url());
  ServerProcess economy = StartServer("aiworld-economy", db.url());
  int code = -1;
  const std::string described = Buf({"-d", "{}", "http://" + economy.grpc_addr() + "/aiworld.v1.AgentGroup/Describe"}, &code);
  INFO(described);
  CHECK(code == 0);
  CHECK_THAT(described, Catch::Contains("\"group\": \"economy\"") && Catch::Contains("\"version\": \"" AIWORLD_EXPECTED_VERSION "\""));
  CHECK_THAT(described, Catch::Contains("\"kind\": \"AGENT_GROUP_KIND_ECONOMY\"") &&
                            Catch::Contains("\"instance\":") && Catch::Contains("\"startedAt\":"));

  const std::string bad_job = Buf({"-d", "{}", "http://" + economy.grpc_addr() + "/aiworld.v1.AgentGroup/RunJob"}, &code);
  CHECK(code == 3 * 8);  // buf exits with the gRPC code times 8: INVALID_ARGUMENT, naming the field
  CHECK_THAT(bad_job, Catch::Contains("job: required"));
  const std::string no_server = Buf({"-d", "{}", "http://" + economy.grpc_addr() + "/aiworld.v1.Economy/GetMarketReport"}, &code);
  CHECK(code == 3 * 8);
  CHECK_THAT(no_server, Catch::Contains("server_id"));
}

TEST_CASE("SIGTERM drains: NOT_SERVING, then a clean exit", "[e2e]") {
  aiworld::testing::TestDatabase db;
  aiworld::testing::MigrateDatabase(db.url());
  ServerProcess gateway = StartServer("aiworld-gateway", db.url(), {"--drain-delay=1s", "--shutdown-grace=2s"});
  REQUIRE(HealthStatus(gateway.grpc_addr(), "") == "SERVING");
  gateway.process->Signal(SIGTERM);
  REQUIRE(gateway.process->WaitForOutput("\"msg\":\"draining: health NOT_SERVING\"", absl::Seconds(5)));
  // During the drain delay the server still answers, and says NOT_SERVING.
  CHECK(HealthStatus(gateway.grpc_addr(), "") == "NOT_SERVING");
  const auto code = gateway.process->WaitExit(absl::Seconds(15));
  INFO(gateway.process->Output());
  CHECK(code == 0);
  CHECK_THAT(gateway.process->Output(), Catch::Contains("\"msg\":\"stopped\""));
}

TEST_CASE("a group configured with LLM providers serves and a bad provider spec stops it naming the entry", "[e2e]") {
  aiworld::testing::TestDatabase db;
  aiworld::testing::MigrateDatabase(db.url());
  // Nothing listens at this URL: configuring providers makes no call.
  ServerProcess core = StartServer("aiworld-core", db.url(),
                                   {"--llm-providers=kind=openai,name=local,url=http://127.0.0.1:1/v1,model=tiny",
                                    "--llm-mode=aggressive", "--llm-daily-budget-usd=2.5"});
  CHECK(HealthStatus(core.grpc_addr(), "aiworld.v1.AgentGroup") == "SERVING");
  CHECK_THAT(core.process->Output(), Catch::Contains("LLM providers configured"));
  auto bad = Run(aiworld::testing::BinaryPath("aiworld-procedural"),
                 {"--database-url=" + db.url(), "--grpc-addr=127.0.0.1:0", "--metrics-addr=127.0.0.1:0", "--log-format=json",
                  "--llm-providers=kind=openai,url=https://x,model=m;kind=gemini,url=https://y,model=n"});
  INFO(bad.output);
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.output, Catch::Contains("--llm-providers entry 2: kind"));
}
