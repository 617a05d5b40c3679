#pragma once
// Starts one of our server binaries as a real process on free loopback ports and reads the ports
// it reports in its "serving" log line.
#include <memory>
#include <string>
#include <vector>

#include "tests/support/child_process.h"

namespace aiworld::testing {

struct ServerProcess {
  std::unique_ptr<ChildProcess> process;
  int grpc_port = 0;
  int metrics_port = 0;
  std::string grpc_addr() const { return "127.0.0.1:" + std::to_string(grpc_port); }
  std::string metrics_url() const { return "http://127.0.0.1:" + std::to_string(metrics_port) + "/metrics"; }
};

// Fails the test (with the process output) unless the server logs "serving" within 30 s.
ServerProcess StartServer(const std::string& binary, const std::string& database_url,
                          std::vector<std::string> extra_args = {});

// A scripted agent group process (tests/support/test_group) on a free port, or on `port`.
struct TestGroupProcess {
  std::unique_ptr<ChildProcess> process;
  int port = 0;
  std::string addr() const { return "127.0.0.1:" + std::to_string(port); }
};
TestGroupProcess StartTestGroup(const std::string& group, int port = 0, std::vector<std::string> extra_args = {});

// Applies the built-in migrations with aiworld-migrate; fails the test if it does not exit 0.
void MigrateDatabase(const std::string& database_url);

}  // namespace aiworld::testing
