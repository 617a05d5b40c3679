// aiworld-test-group: the scripted agent group as a process, for end-to-end and chaos tests.
//   aiworld-test-group --group=core --grpc-addr=127.0.0.1:0 [--subscribe=23,26] [--delay=10ms]
// Prints "serving grpc_port=N" and one "handled ..." line per HandleEvents call on stdout.
#include <unistd.h>

#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "runtime/config.h"
#include "runtime/service_host.h"
#include "runtime/signals.h"
#include "tests/support/scripted_group.h"

int main(int argc, char** argv) {
  aiworld::BlockShutdownSignals();
  using T = aiworld::FlagSpec::Type;
  auto config = aiworld::Config::Parse(
      {"aiworld-test-group", "A scripted agent group for tests.", ""},
      {{"group", "", "core", "group name"},
       {"grpc-addr", "", "127.0.0.1:0", "listen address", T::kHostPort},
       {"subscribe", "", "20,23,26", "event kinds (EventKind numbers) the scripted agent subscribes to"},
       {"delay", "", "0s", "time each HandleEvents call takes", T::kDuration}},
      std::vector<std::string>(argv + 1, argv + argc), nullptr);
  if (!config.ok()) {
    std::fprintf(stderr, "aiworld-test-group: %s\n", std::string(config.status().message()).c_str());
    return 2;
  }
  if (config->help_requested()) {
    std::fputs(config->HelpText().c_str(), stdout);
    return 0;
  }
  std::set<int> kinds;
  for (absl::string_view k : absl::StrSplit(config->Get("subscribe"), ',', absl::SkipEmpty())) {
    int v;
    if (absl::SimpleAtoi(k, &v)) kinds.insert(v);
  }
  char host[128] = {};
  gethostname(host, sizeof host - 1);
  const std::string instance = std::string(host) + ":" + std::to_string(getpid());
  aiworld::HostOptions options;
  options.component = "test-group";
  options.grpc_addr = config->Get("grpc-addr");
  options.metrics_addr = "127.0.0.1:0";
  aiworld::ServiceHost host_server(options);
  host_server.AddService(std::make_shared<aiworld::testing::ScriptedGroupService>(config->Get("group"), kinds, instance,
                                                                                   config->GetDuration("delay")),
                         aiworld::v1::AgentGroup::service_full_name());
  if (absl::Status s = host_server.Start(); !s.ok()) {
    std::fprintf(stderr, "aiworld-test-group: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  std::printf("serving grpc_port=%d\n", host_server.grpc_port());
  std::fflush(stdout);
  aiworld::WaitForShutdownSignal();
  host_server.Shutdown();
  return 0;
}
