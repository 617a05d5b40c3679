#pragma once
// Starts a real process (one of our binaries, pg_ctl, buf) with its output captured in a file, so
// end-to-end tests can wait for log lines, send signals and check exit codes.
#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace aiworld::testing {

class ChildProcess {
 public:
  // env entries are added to (or override) the test's own environment.
  ChildProcess(std::string program, std::vector<std::string> args, std::map<std::string, std::string> env = {});
  ~ChildProcess();  // SIGKILLs a process still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // stdout and stderr together.
  std::string Output() const;
  // Waits until the output contains text; returns false on timeout or if the process exits first.
  bool WaitForOutput(const std::string& text, absl::Duration timeout);
  void Signal(int sig);
  // Exit code (128+signal when killed by one), or nullopt on timeout.
  std::optional<int> WaitExit(absl::Duration timeout);
  bool running();

 private:
  pid_t pid_ = -1;
  std::string output_path_;
  std::optional<int> exit_code_;
};

// Runs a command to completion; returns its exit code and output.
struct RunResult {
  int exit_code = -1;
  std::string output;
};
RunResult Run(const std::string& program, const std::vector<std::string>& args,
              const std::map<std::string, std::string>& env = {}, absl::Duration timeout = absl::Seconds(60));

// Path of one of our binaries in build/bin.
std::string BinaryPath(const std::string& name);
// Path of the buf CLI installed by ./aiworld setup (AIWORLD_BUF overrides).
std::string BufPath();
// Extracts an integer field from the first JSON log line containing `message`, e.g. grpc_port.
std::optional<int> LogIntField(const std::string& output, const std::string& message, const std::string& field);

}  // namespace aiworld::testing
