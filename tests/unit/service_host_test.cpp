#include <catch2/catch.hpp>

#include <atomic>

#include "aiworld/v1/core.grpc.pb.h"
#include "runtime/service_host.h"
#include "tests/support/grpc_probe.h"

using aiworld::testing::HealthStatus;
using aiworld::testing::HttpGet;
using aiworld::testing::WaitForHealth;

namespace {
aiworld::HostOptions LoopbackOptions() {
  aiworld::HostOptions options;
  options.component = "test";
  options.grpc_addr = "127.0.0.1:0";
  options.metrics_addr = "127.0.0.1:0";
  options.shutdown_grace = absl::Seconds(2);
  options.readiness_interval = absl::Milliseconds(50);
  return options;
}
}  // namespace

TEST_CASE("a host serves health per service name, and readiness follows its probe", "[unit]") {
  std::atomic<bool> database_up{true};
  aiworld::ServiceHost host(LoopbackOptions());
  host.AddService(std::make_shared<aiworld::v1::Core::Service>(), aiworld::v1::Core::service_full_name());
  host.SetReadinessProbe([&] { return database_up ? absl::OkStatus() : absl::UnavailableError("down"); });
  REQUIRE(host.Start().ok());
  const std::string addr = "127.0.0.1:" + std::to_string(host.grpc_port());

  CHECK(HealthStatus(addr, "") == "SERVING");
  CHECK(HealthStatus(addr, "aiworld.v1.Core") == "SERVING");
  CHECK_THAT(HealthStatus(addr, "aiworld.v1.Nope"), Catch::StartsWith("rpc error 5"));  // NOT_FOUND

  database_up = false;
  CHECK(WaitForHealth(addr, "aiworld.v1.Core", "NOT_SERVING", absl::Seconds(5)));
  CHECK(HealthStatus(addr, "") == "NOT_SERVING");
  database_up = true;
  CHECK(WaitForHealth(addr, "", "SERVING", absl::Seconds(5)));
  CHECK(HealthStatus(addr, "aiworld.v1.Core") == "SERVING");
  host.Shutdown();
}

TEST_CASE("per-RPC metrics are named and labelled like go-grpc-prometheus", "[unit]") {
  aiworld::ServiceHost host(LoopbackOptions());
  host.AddService(std::make_shared<aiworld::v1::Core::Service>(), aiworld::v1::Core::service_full_name());
  REQUIRE(host.Start().ok());
  const std::string addr = "127.0.0.1:" + std::to_string(host.grpc_port());
  for (int i = 0; i < 3; ++i) REQUIRE(HealthStatus(addr, "") == "SERVING");

  const std::string metrics = HttpGet("http://127.0.0.1:" + std::to_string(host.metrics_port()) + "/metrics");
  INFO(metrics);
  CHECK_THAT(metrics, Catch::Contains(
      "grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Check\",grpc_service=\"grpc.health.v1.Health\",grpc_type=\"unary\"} 3"));
  CHECK_THAT(metrics, Catch::Contains(
      "grpc_server_started_total{grpc_method=\"Check\",grpc_service=\"grpc.health.v1.Health\",grpc_type=\"unary\"} 3"));
  CHECK_THAT(metrics, Catch::Contains("grpc_server_handling_seconds_bucket{grpc_method=\"Check\""));
  CHECK_THAT(metrics, Catch::Contains("grpc_server_msg_received_total{grpc_method=\"Check\""));
  // Series exist for every method from the start, at zero, so alerts work before the first call.
  CHECK_THAT(metrics, Catch::Contains("grpc_service=\"aiworld.v1.Core\""));
  CHECK_THAT(metrics, Catch::Contains("aiworld_build_info{"));
  CHECK_THAT(metrics, Catch::Contains("aiworld_ready{component=\"test\"} 1"));
  host.Shutdown();
}

TEST_CASE("shutdown stops serving and is idempotent", "[unit]") {
  aiworld::ServiceHost host(LoopbackOptions());
  host.AddService(std::make_shared<aiworld::v1::Core::Service>(), aiworld::v1::Core::service_full_name());
  REQUIRE(host.Start().ok());
  const std::string addr = "127.0.0.1:" + std::to_string(host.grpc_port());
  REQUIRE(HealthStatus(addr, "") == "SERVING");
  host.Shutdown();
  CHECK_THAT(HealthStatus(addr, ""), Catch::StartsWith("rpc error 14"));  // UNAVAILABLE: gone
  host.Shutdown();  // idempotent
}

TEST_CASE("a taken port is reported, not ignored", "[unit]") {
  aiworld::ServiceHost first(LoopbackOptions());
  REQUIRE(first.Start().ok());
  auto options = LoopbackOptions();
  options.grpc_addr = "127.0.0.1:" + std::to_string(first.grpc_port());
  aiworld::ServiceHost second(options);
  const absl::Status s = second.Start();
  CHECK_FALSE(s.ok());
  CHECK_THAT(std::string(s.message()), Catch::Contains(options.grpc_addr));
}
