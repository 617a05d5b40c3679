// aiworld-gateway: receives event batches from rAthena bridges, fans them out to the agent groups
// and merges their actions into the shared PostgreSQL action queue.
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "gateway/gateway.h"
#include "runtime/server_main.h"

namespace {

using aiworld::FlagSpec;
using T = FlagSpec::Type;

const struct {
  const char* group;
  const char* env;
  int port;
} kGroups[] = {{"core", "AIWORLD_CORE_ADDR", 50052},
               {"procedural", "AIWORLD_PROCEDURAL_ADDR", 50053},
               {"progression", "AIWORLD_PROGRESSION_ADDR", 50054},
               {"economy", "AIWORLD_ECONOMY_ADDR", 50055}};

std::vector<FlagSpec> GatewayFlags() {
  std::vector<FlagSpec> flags;
  for (const auto& g : kGroups) {
    flags.push_back({absl::StrCat(g.group, "-addr"), g.env, absl::StrCat("127.0.0.1:", g.port),
                     absl::StrCat("address of the ", g.group,
                                  " group: host:port, several as ipv4:a:1,b:2, or dns:///name:port (round_robin)")});
  }
  const std::vector<FlagSpec> more = {
      {"admin-token", "AIWORLD_ADMIN_TOKEN", "", "bearer token required by every aiworld.v1.Admin call (empty: Admin disabled)",
       T::kString, FlagSpec::Sensitivity::kSecret},
      {"gateway-id", "AIWORLD_GATEWAY_ID", "", "name of this replica in welcomes and logs (default: host name)"},
      {"action-lease", "AIWORLD_ACTION_LEASE", "30s", "how long a delivered action waits for its result before redelivery", T::kDuration},
      {"max-attempts", "AIWORLD_MAX_ATTEMPTS", "5", "deliveries before an action is dead", T::kInt},
      {"group-deadline", "AIWORLD_GROUP_DEADLINE", "5s", "deadline of each AgentGroup.HandleEvents call", T::kDuration},
      {"group-retry-max", "AIWORLD_GROUP_RETRY_MAX", "30s", "longest wait before a failed group share is tried again", T::kDuration},
      {"events-per-second", "AIWORLD_EVENTS_PER_SECOND", "5000", "per-server event rate limit of this replica", T::kInt},
      {"events-burst", "AIWORLD_EVENTS_BURST", "20000", "events a server may send at once above the rate", T::kInt},
      {"broadcasts-per-minute", "AIWORLD_BROADCASTS_PER_MINUTE", "12", "guard rail: broadcasts per minute, server-wide", T::kInt},
      {"broadcasts-per-minute-map", "AIWORLD_BROADCASTS_PER_MINUTE_MAP", "4", "guard rail: broadcasts per minute on one map", T::kInt},
      {"live-spawns-per-map", "AIWORLD_LIVE_SPAWNS_PER_MAP", "300", "guard rail: spawned monsters alive on one map", T::kInt},
      {"rewards-per-player-hour", "AIWORLD_REWARDS_PER_PLAYER_HOUR", "10", "guard rail: rewards to one character per hour", T::kInt},
      {"game-day-seconds", "AIWORLD_GAME_DAY_SECONDS", "86400",
       "real seconds per game day of the mesh clock, 60..86400 (86400 = real time); shared by all replicas", T::kInt},
      {"scheduler", "AIWORLD_SCHEDULER", "true", "run the groups' scheduled jobs (daily pipeline, intervals) from this replica", T::kBool},
      {"scheduler-tick", "AIWORLD_SCHEDULER_TICK", "1s", "real time between the scheduler's passes over due job slots", T::kDuration},
      {"catch-up-slots", "AIWORLD_CATCH_UP_SLOTS", "3",
       "most due slots of one (job, server) run after downtime: the latest ones (1..100)", T::kInt},
      {"job-lease", "AIWORLD_JOB_LEASE", "11m", "a job slot claimed by a gateway that died is run again after this; each RunJob call ends 5s before it", T::kDuration},
  };
  flags.insert(flags.end(), more.begin(), more.end());
  return flags;
}

aiworld::gateway::GatewayOptions OptionsFrom(const aiworld::Config& config) {
  aiworld::gateway::GatewayOptions o;
  o.database_url = config.Get("database-url");
  o.admin_token = config.Get("admin-token");
  for (const auto& g : kGroups) o.groups.push_back({g.group, config.Get(absl::StrCat(g.group, "-addr"))});
  o.bridge.gateway_id = config.Get("gateway-id");
  if (o.bridge.gateway_id.empty()) {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    o.bridge.gateway_id = host;
  }
  o.jobs.instance = absl::StrCat(o.bridge.gateway_id, ":", getpid());
  o.jobs.lease = config.GetDuration("job-lease");
  o.run_scheduler = config.GetBool("scheduler");
  o.scheduler.instance = o.jobs.instance;
  o.scheduler.tick = config.GetDuration("scheduler-tick");
  o.scheduler.catch_up_slots = static_cast<int>(config.GetInt("catch-up-slots"));
  o.bridge.action_lease = config.GetDuration("action-lease");
  o.queue.max_attempts = static_cast<int>(config.GetInt("max-attempts"));
  o.processor.group_deadline = config.GetDuration("group-deadline");
  o.processor.max_backoff = config.GetDuration("group-retry-max");
  o.events_per_second = static_cast<double>(config.GetInt("events-per-second"));
  o.events_burst = static_cast<double>(config.GetInt("events-burst"));
  o.guard_rails.broadcasts_per_minute_server = static_cast<int>(config.GetInt("broadcasts-per-minute"));
  o.guard_rails.broadcasts_per_minute_map = static_cast<int>(config.GetInt("broadcasts-per-minute-map"));
  o.guard_rails.live_spawned_per_map = static_cast<int>(config.GetInt("live-spawns-per-map"));
  o.guard_rails.rewards_per_player_hour = static_cast<int>(config.GetInt("rewards-per-player-hour"));
  return o;
}

absl::Status CheckSchedulerFlags(const aiworld::Config& config) {
  if (absl::Status s = aiworld::ValidateGameDaySeconds(config.GetInt("game-day-seconds"), "--game-day-seconds"); !s.ok()) {
    return s;
  }
  const int64_t catch_up = config.GetInt("catch-up-slots");
  if (catch_up < 1 || catch_up > 100) return absl::InvalidArgumentError("--catch-up-slots: 1..100");
  if (config.GetDuration("scheduler-tick") < absl::Milliseconds(10)) {
    return absl::InvalidArgumentError("--scheduler-tick: at least 10ms");
  }
  if (config.GetDuration("job-lease") < absl::Seconds(10)) return absl::InvalidArgumentError("--job-lease: at least 10s");
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  const aiworld::ServerProgram program{
      .info = {"aiworld-gateway",
               "The gateway of the AI World mesh: the rAthena bridge's endpoint (aiworld.v1.Bridge), the operators'\n"
               "endpoint (aiworld.v1.Admin), fan-out of events to the four agent groups and the shared action queue.",
               "Bridges authenticate with a per-server key (metadata \"authorization: Bearer aiw_...\"); issue keys with\n"
               "Admin.IssueServerKey. Batches over 4 MiB or 1000 events are refused with INVALID_ARGUMENT."},
      .component = "gateway",
      .default_grpc_port = 50051,
      .default_metrics_port = 9464,
      .extra_flags = GatewayFlags(),
      .tls_flags = true,
      // Larger than the 4 MiB limit so an oversized batch gets INVALID_ARGUMENT naming it, not a transport error.
      .max_receive_message_bytes = 16 * 1024 * 1024,
  };
  return aiworld::RunServerProgram(program, argc, argv, [](aiworld::ServerEnvironment& env) -> absl::StatusOr<aiworld::ServerParts> {
    aiworld::gateway::GatewayOptions options = OptionsFrom(env.config);
    if (absl::Status s = CheckSchedulerFlags(env.config); !s.ok()) return s;
    absl::StatusOr<aiworld::MeshAnchor> mesh = aiworld::gateway::LoadMeshAnchor(
        env.database, env.clock, static_cast<uint32_t>(env.config.GetInt("game-day-seconds")));
    if (!mesh.ok()) return mesh.status();
    auto gateway = std::make_shared<aiworld::gateway::Gateway>(std::move(options), env.database, env.clock, *mesh, env.metrics);
    aiworld::ServerParts parts;
    parts.services = gateway->Services();
    parts.background.push_back(gateway);
    return parts;
  });
}
