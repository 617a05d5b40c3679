// aiworld-sim: the game-server simulator. For now it checks that the gateway it would stream to is
// SERVING; the simulated world (players, maps, kills, trades) is built on the bridge library.
#include <grpcpp/grpcpp.h>

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "runtime/log.h"
#include "runtime/server_main.h"

int main(int argc, char** argv) {
  using T = aiworld::FlagSpec::Type;
  std::vector<aiworld::FlagSpec> flags = {
      {"gateway-addr", "AIWORLD_GATEWAY_ADDR", "127.0.0.1:50051", "address of the gateway to stream to", T::kHostPort},
      {"wait", "", "10s", "how long to wait for the gateway to report SERVING", T::kDuration},
  };
  for (auto& f : aiworld::LoggingFlags()) flags.push_back(std::move(f));
  const aiworld::ProgramInfo info{
      "aiworld-sim",
      "A Ragnarok Online game-server simulator that streams events to the gateway through the bridge library\n"
      "and executes the actions it gets back. This version checks that the gateway is SERVING and exits.",
      "Exit status: 0 when the gateway is SERVING, 1 when it is not within --wait, 2 on a bad flag."};
  int exit_code = 0;
  std::optional<aiworld::Config> config = aiworld::ParseProgramFlags(info, "sim", flags, argc, argv, &exit_code);
  if (!config.has_value()) return exit_code;

  const std::string addr = config->Get("gateway-addr");
  auto stub = grpc::health::v1::Health::NewStub(grpc::CreateChannel(addr, grpc::InsecureChannelCredentials()));
  const absl::Time deadline = absl::Now() + config->GetDuration("wait");
  std::string last = "no answer";
  while (absl::Now() < deadline) {
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse resp;
    grpc::Status s = stub->Check(&ctx, req, &resp);
    if (s.ok() && resp.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      aiworld::log::Info("gateway is SERVING", {{"gateway", addr}});
      return 0;
    }
    last = s.ok() ? grpc::health::v1::HealthCheckResponse::ServingStatus_Name(resp.status()) : s.error_message();
    absl::SleepFor(absl::Milliseconds(500));
  }
  aiworld::log::Error("gateway not SERVING", {{"gateway", addr}, {"last", last}});
  return 1;
}
