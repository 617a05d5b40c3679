#include "tests/support/server_process.h"

#include <catch2/catch.hpp>

namespace aiworld::testing {

ServerProcess StartServer(const std::string& binary, const std::string& database_url, std::vector<std::string> extra_args) {
  std::vector<std::string> args = {"--grpc-addr=127.0.0.1:0", "--metrics-addr=127.0.0.1:0",
                                   "--database-url=" + database_url, "--log-format=json",
                                   "--readiness-interval=200ms"};
  for (std::string& a : extra_args) args.push_back(std::move(a));
  ServerProcess server;
  server.process = std::make_unique<ChildProcess>(BinaryPath(binary), args);
  const bool serving = server.process->WaitForOutput("\"msg\":\"serving\"", absl::Seconds(30));
  INFO(binary << " output:\n" << server.process->Output());
  REQUIRE(serving);
  server.grpc_port = LogIntField(server.process->Output(), "serving", "grpc_port").value_or(0);
  server.metrics_port = LogIntField(server.process->Output(), "serving", "metrics_port").value_or(0);
  REQUIRE(server.grpc_port > 0);
  REQUIRE(server.metrics_port > 0);
  return server;
}

TestGroupProcess StartTestGroup(const std::string& group, int port, std::vector<std::string> extra_args) {
  std::vector<std::string> args = {"--group=" + group, "--grpc-addr=127.0.0.1:" + std::to_string(port)};
  for (std::string& a : extra_args) args.push_back(std::move(a));
  TestGroupProcess g;
  g.process = std::make_unique<ChildProcess>(AIWORLD_TESTS_DIR "/aiworld-test-group", args);
  const bool serving = g.process->WaitForOutput("serving grpc_port=", absl::Seconds(20));
  INFO("aiworld-test-group output:\n" << g.process->Output());
  REQUIRE(serving);
  const std::string out = g.process->Output();
  g.port = std::stoi(out.substr(out.find("grpc_port=") + 10));
  return g;
}

void MigrateDatabase(const std::string& database_url) {
  RunResult r = Run(BinaryPath("aiworld-migrate"), {"--database-url=" + database_url, "--log-format=json"});
  INFO("aiworld-migrate output:\n" << r.output);
  REQUIRE(r.exit_code == 0);
}

}  // namespace aiworld::testing
