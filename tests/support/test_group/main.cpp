// aiworld-test-group: the scripted agent group as a process, for end-to-end and chaos tests.
//   aiworld-test-group --group=core --grpc-addr=127.0.0.1:0 [--subscribe=23,26] [--delay=10ms]
//                      [--jobs=NAME:SPEC,...]
// Prints "serving grpc_port=N", one "handled ..." line per HandleEvents call and one "job_call ..."
// line per RunJob call (as it arrives) on stdout.
#include <unistd.h>

#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "runtime/config.h"
#include "runtime/proto_time.h"
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
       {"delay", "", "0s", "time each HandleEvents or RunJob call takes", T::kDuration},
       {"jobs", "", "",
        "jobs the scripted agent declares, NAME:SPEC,... with SPEC an interval (15m, or 3h/30m with jitter) or"
        " daily@HH:MM"}},
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
  std::vector<aiworld::v1::JobSpec> jobs;
  for (absl::string_view item : absl::StrSplit(config->Get("jobs"), ',', absl::SkipEmpty())) {
    std::vector<std::string> parts = absl::StrSplit(item, absl::MaxSplits(':', 1));
    aiworld::v1::JobSpec job;
    bool ok = parts.size() == 2 && !parts[0].empty();
    if (ok) {
      job.set_name(parts[0]);
      *job.mutable_timeout() = aiworld::ToProto(absl::Seconds(10));
      const std::string& spec = parts[1];
      if (spec.rfind("daily@", 0) == 0) {
        int hour = -1, minute = -1;
        std::vector<std::string> hm = absl::StrSplit(spec.substr(6), ':');
        ok = hm.size() == 2 && absl::SimpleAtoi(hm[0], &hour) && absl::SimpleAtoi(hm[1], &minute) && hour >= 0 &&
             minute >= 0;
        job.mutable_schedule()->mutable_daily()->set_hour(static_cast<uint32_t>(hour));
        job.mutable_schedule()->mutable_daily()->set_minute(static_cast<uint32_t>(minute));
      } else {
        std::vector<std::string> ej = absl::StrSplit(spec, absl::MaxSplits('/', 1));
        absl::Duration every, jitter;
        ok = absl::ParseDuration(ej[0], &every) && (ej.size() == 1 || absl::ParseDuration(ej[1], &jitter));
        *job.mutable_schedule()->mutable_interval()->mutable_every() = aiworld::ToProto(every);
        if (ej.size() == 2) *job.mutable_schedule()->mutable_interval()->mutable_jitter() = aiworld::ToProto(jitter);
      }
    }
    if (!ok) {
      std::fprintf(stderr, "aiworld-test-group: --jobs: \"%s\" is not NAME:15m, NAME:3h/30m or NAME:daily@HH:MM\n",
                   std::string(item).c_str());
      return 2;
    }
    jobs.push_back(std::move(job));
  }
  char host[128] = {};
  gethostname(host, sizeof host - 1);
  const std::string instance = std::string(host) + ":" + std::to_string(getpid());
  aiworld::HostOptions options;
  options.component = "test-group";
  options.grpc_addr = config->Get("grpc-addr");
  options.metrics_addr = "127.0.0.1:0";
  aiworld::ServiceHost host_server(options);
  auto service = std::make_shared<aiworld::testing::ScriptedGroupService>(config->Get("group"), kinds, instance,
                                                                         config->GetDuration("delay"));
  service->DeclareJobs(std::move(jobs));
  host_server.AddService(service, aiworld::v1::AgentGroup::service_full_name());
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
