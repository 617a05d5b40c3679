#pragma once
// The start-up sequence every aiworld server shares, so each main.cpp only says which services it
// serves: flags and AIWORLD_* environment, --help/--version, logging, the configuration printed
// with secrets masked, the database pool, the schema-version check, serving, and the drain on
// SIGTERM/SIGINT.
#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/clock.h"
#include "runtime/config.h"
#include "runtime/pg_pool.h"
#include "runtime/random.h"

namespace prometheus {
class Registry;
}

namespace aiworld {

struct ServerProgram {
  ProgramInfo info;
  std::string component;  // "gateway", "core", ...
  int default_grpc_port = 0;
  int default_metrics_port = 0;
  std::vector<FlagSpec> extra_flags;
  bool tls_flags = false;            // adds --tls-cert / --tls-key for the gRPC port
  int max_receive_message_bytes = 0;  // 0: gRPC's default (4 MiB)
};

// Work a server runs beside its RPCs (queue sweepers, workers): started once serving, stopped
// after the drain.
class BackgroundWork {
 public:
  virtual ~BackgroundWork() = default;
  virtual void Start() = 0;
  virtual void Stop() = 0;
};

// What a server's wiring gets to build its services with.
struct ServerEnvironment {
  const Config& config;
  PgPool& database;
  Clock& clock;
  RandomSource& random;
  prometheus::Registry& metrics;
};

struct ServiceRegistration {
  std::shared_ptr<grpc::Service> service;
  std::string full_name;  // e.g. "aiworld.v1.Core"
};

struct ServerParts {
  std::vector<ServiceRegistration> services;
  std::vector<std::shared_ptr<BackgroundWork>> background;
};

using ServiceFactory = std::function<absl::StatusOr<ServerParts>(ServerEnvironment&)>;

// The flags every server has: --grpc-addr, --metrics-addr, --database-url, logging, timing.
std::vector<FlagSpec> CommonServerFlags(int default_grpc_port, int default_metrics_port);
// Flags shared by every program: --log-format, --log-level.
std::vector<FlagSpec> LoggingFlags();

// Parses flags; on --help/--version prints and returns 0 in *exit_code; on a bad flag prints the
// error and returns 2. Returns the config when the program should run. Also configures logging.
std::optional<Config> ParseProgramFlags(const ProgramInfo& info, const std::string& component,
                                        std::vector<FlagSpec> flags, int argc, char** argv, int* exit_code);

// Logs "config" with every flag's masked value and source.
void LogConfiguration(const Config& config);

int RunServerProgram(const ServerProgram& program, int argc, char** argv, const ServiceFactory& make_services);

}  // namespace aiworld
