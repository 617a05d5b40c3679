// aiworld-gateway: receives event batches from rAthena bridges, fans them out to the agent groups
// and merges their actions into the shared PostgreSQL action queue.
#include "aiworld/v1/admin.grpc.pb.h"
#include "aiworld/v1/bridge.grpc.pb.h"
#include "runtime/server_main.h"

namespace {

std::vector<aiworld::FlagSpec> GroupAddressFlags() {
  const char* help = "address of the %s group: host:port, several as ipv4:a:1,b:2, or dns:///name:port (round_robin)";
  std::vector<aiworld::FlagSpec> flags;
  const struct {
    const char* group;
    const char* env;
    int port;
  } groups[] = {{"core", "AIWORLD_CORE_ADDR", 50052},
                {"procedural", "AIWORLD_PROCEDURAL_ADDR", 50053},
                {"progression", "AIWORLD_PROGRESSION_ADDR", 50054},
                {"economy", "AIWORLD_ECONOMY_ADDR", 50055}};
  for (const auto& g : groups) {
    char text[160];
    std::snprintf(text, sizeof text, help, g.group);
    flags.push_back({std::string(g.group) + "-addr", g.env, "127.0.0.1:" + std::to_string(g.port), text});
  }
  return flags;
}

}  // namespace

int main(int argc, char** argv) {
  const aiworld::ServerProgram program{
      .info = {"aiworld-gateway",
               "The gateway of the AI World mesh: the rAthena bridge's endpoint (aiworld.v1.Bridge), the operators'\n"
               "endpoint (aiworld.v1.Admin), fan-out of events to the four agent groups and the shared action queue.",
               ""},
      .component = "gateway",
      .default_grpc_port = 50051,
      .default_metrics_port = 9464,
      .extra_flags = GroupAddressFlags(),
  };
  return aiworld::RunServerProgram(program, argc, argv, [](aiworld::ServerEnvironment&) {
    return absl::StatusOr<std::vector<aiworld::ServiceRegistration>>(std::vector<aiworld::ServiceRegistration>{
        {std::make_shared<aiworld::v1::Bridge::Service>(), aiworld::v1::Bridge::service_full_name()},
        {std::make_shared<aiworld::v1::Admin::Service>(), aiworld::v1::Admin::service_full_name()},
    });
  });
}
