#include <catch2/catch.hpp>

#include "tests/support/grpc_probe.h"
#include "tests/support/postgres.h"
#include "tests/support/server_process.h"

using aiworld::testing::HealthStatus;
using aiworld::testing::WaitForHealth;

TEST_CASE("stopping PostgreSQL flips readiness to NOT_SERVING and starting it flips it back with no restart", "[chaos]") {
  aiworld::testing::PgCluster cluster;
  aiworld::testing::MigrateDatabase(cluster.url());
  auto gateway = aiworld::testing::StartServer("aiworld-gateway", cluster.url());
  auto core = aiworld::testing::StartServer("aiworld-core", cluster.url());
  const pid_t gateway_pid = gateway.process->pid();
  const pid_t core_pid = core.process->pid();
  REQUIRE(HealthStatus(gateway.grpc_addr(), "") == "SERVING");
  REQUIRE(HealthStatus(core.grpc_addr(), "aiworld.v1.Core") == "SERVING");

  for (int round = 1; round <= 2; ++round) {
    INFO("outage " << round);
    cluster.Stop();
    CHECK(WaitForHealth(gateway.grpc_addr(), "", "NOT_SERVING", absl::Seconds(10)));
    CHECK(WaitForHealth(core.grpc_addr(), "aiworld.v1.Core", "NOT_SERVING", absl::Seconds(10)));
    CHECK(HealthStatus(core.grpc_addr(), "aiworld.v1.AgentGroup") == "NOT_SERVING");
    INFO("liveness stays SERVING through a database outage, so Kubernetes does not restart the pods");
    CHECK(HealthStatus(gateway.grpc_addr(), "liveness") == "SERVING");
    CHECK(HealthStatus(core.grpc_addr(), "liveness") == "SERVING");
    CHECK_THAT(aiworld::testing::HttpGet(core.metrics_url()), Catch::Contains("aiworld_ready{component=\"core\"} 0"));

    cluster.Start();
    CHECK(WaitForHealth(gateway.grpc_addr(), "", "SERVING", absl::Seconds(15)));
    CHECK(WaitForHealth(core.grpc_addr(), "aiworld.v1.Core", "SERVING", absl::Seconds(15)));
    CHECK_THAT(aiworld::testing::HttpGet(core.metrics_url()), Catch::Contains("aiworld_ready{component=\"core\"} 1"));
  }
  // Same processes throughout: nothing was restarted.
  CHECK(gateway.process->running());
  CHECK(core.process->running());
  CHECK(gateway.process->pid() == gateway_pid);
  CHECK(core.process->pid() == core_pid);
  INFO(core.process->Output());
  CHECK_THAT(core.process->Output(), Catch::Contains("not ready: database unreachable"));
}
