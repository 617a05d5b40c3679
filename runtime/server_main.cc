#include "runtime/server_main.h"

#include <cstdio>
#include <optional>

#include "absl/strings/str_cat.h"
#include "runtime/log.h"
#include "runtime/migrations.h"
#include "runtime/migrator.h"
#include "runtime/service_host.h"
#include "runtime/signals.h"
#include "runtime/version.h"

namespace aiworld {

std::vector<FlagSpec> LoggingFlags() {
  return {
      {"log-format", "AIWORLD_LOG_FORMAT", "auto", "log line format: json, text, or auto (text on a terminal)"},
      {"log-level", "AIWORLD_LOG_LEVEL", "info", "lowest level logged: debug, info, warn, error"},
  };
}

std::vector<FlagSpec> CommonServerFlags(int default_grpc_port, int default_metrics_port) {
  using T = FlagSpec::Type;
  std::vector<FlagSpec> flags = {
      {"grpc-addr", "AIWORLD_GRPC_ADDR", absl::StrCat("0.0.0.0:", default_grpc_port),
       "gRPC listen address (port 0 picks a free port)", T::kHostPort},
      {"metrics-addr", "AIWORLD_METRICS_ADDR", absl::StrCat("0.0.0.0:", default_metrics_port),
       "Prometheus /metrics listen address (port 0 picks a free port)", T::kHostPort},
      {"database-url", "AIWORLD_DATABASE_URL", "",
       "PostgreSQL URL, e.g. postgresql://user:password@host:5432/aiworld (required)", T::kString,
       FlagSpec::Sensitivity::kUrlCredentials},
      {"database-pool-size", "AIWORLD_DATABASE_POOL_SIZE", "8", "most database connections held at once", T::kInt},
      {"readiness-interval", "AIWORLD_READINESS_INTERVAL", "1s", "how often the database is probed for readiness",
       T::kDuration},
      {"startup-timeout", "AIWORLD_STARTUP_TIMEOUT", "60s",
       "how long to wait for the database at start before giving up", T::kDuration},
      {"drain-delay", "AIWORLD_DRAIN_DELAY", "0s",
       "on SIGTERM, report NOT_SERVING this long before refusing new calls (let load balancers notice)",
       T::kDuration},
      {"shutdown-grace", "AIWORLD_SHUTDOWN_GRACE", "10s", "on SIGTERM, time in-flight calls get to finish",
       T::kDuration},
  };
  for (FlagSpec& f : LoggingFlags()) flags.push_back(std::move(f));
  return flags;
}

std::optional<Config> ParseProgramFlags(const ProgramInfo& info, const std::string& component,
                                        std::vector<FlagSpec> flags, int argc, char** argv, int* exit_code) {
  std::vector<std::string> args(argv + 1, argv + argc);
  absl::StatusOr<Config> config = Config::Parse(info, std::move(flags), args, Config::ProcessEnvironment());
  if (!config.ok()) {
    std::fprintf(stderr, "%s: %s\n", info.binary.c_str(), std::string(config.status().message()).c_str());
    *exit_code = 2;
    return std::nullopt;
  }
  if (config->help_requested()) {
    std::fputs(config->HelpText().c_str(), stdout);
    *exit_code = 0;
    return std::nullopt;
  }
  if (config->version_requested()) {
    std::printf("%s %s (commit %s)\n", info.binary.c_str(), kVersion, kGitCommit);
    *exit_code = 0;
    return std::nullopt;
  }
  log::Format format;
  log::Level level;
  if (!log::ParseFormat(config->Get("log-format"), &format)) {
    std::fprintf(stderr, "%s: invalid value for --log-format: \"%s\" is not json, text or auto\n",
                 info.binary.c_str(), config->Get("log-format").c_str());
    *exit_code = 2;
    return std::nullopt;
  }
  if (!log::ParseLevel(config->Get("log-level"), &level)) {
    std::fprintf(stderr, "%s: invalid value for --log-level: \"%s\" is not debug, info, warn or error\n",
                 info.binary.c_str(), config->Get("log-level").c_str());
    *exit_code = 2;
    return std::nullopt;
  }
  log::Configure(component, format, level);
  return *std::move(config);
}

void LogConfiguration(const Config& config) {
  std::vector<log::Field> fields;
  for (const auto& [name, value] : config.MaskedSummary()) fields.emplace_back(name, value);
  log::Write(log::Level::kInfo, "configuration", fields);
}

namespace {

// Waits for the database and checks that its schema is new enough. Retries only while the
// database is unreachable; an old schema is final.
absl::Status WaitForSchema(PgPool& pool, absl::Duration timeout) {
  const int needed = RequiredSchemaVersion();
  const absl::Time deadline = absl::Now() + timeout;
  absl::Time next_report = absl::InfinitePast();
  while (true) {
    absl::Status s = pool.Run([needed](pqxx::connection& c) { return RequireSchemaVersion(c, needed); });
    if (s.ok() || s.code() != absl::StatusCode::kUnavailable) return s;
    if (absl::Now() >= deadline) {
      return absl::UnavailableError(absl::StrCat("database not reachable within ", absl::FormatDuration(timeout),
                                                 ": ", s.message()));
    }
    if (absl::Now() >= next_report) {
      log::Warn("waiting for the database", {{"error", s}, {"gives_up_in", deadline - absl::Now()}});
      next_report = absl::Now() + absl::Seconds(5);
    }
    absl::SleepFor(absl::Milliseconds(500));
  }
}

}  // namespace

int RunServerProgram(const ServerProgram& program, int argc, char** argv, const ServiceFactory& make_services) {
  BlockShutdownSignals();
  std::vector<FlagSpec> flags = CommonServerFlags(program.default_grpc_port, program.default_metrics_port);
  if (program.tls_flags) {
    flags.push_back({"tls-cert", "AIWORLD_TLS_CERT", "", "PEM certificate chain file: serve gRPC over TLS (with --tls-key)"});
    flags.push_back({"tls-key", "AIWORLD_TLS_KEY", "", "PEM private key file for --tls-cert"});
  }
  for (const FlagSpec& f : program.extra_flags) flags.push_back(f);
  int exit_code = 0;
  std::optional<Config> config = ParseProgramFlags(program.info, program.component, flags, argc, argv, &exit_code);
  if (!config.has_value()) return exit_code;

  log::Info("starting", {{"version", kVersion}, {"commit", kGitCommit}, {"schema_version_needed", RequiredSchemaVersion()}});
  LogConfiguration(*config);
  if (config->Get("database-url").empty()) {
    log::Error("--database-url (AIWORLD_DATABASE_URL) is required");
    return 2;
  }

  PgPool pool(config->Get("database-url"),
              PgPool::Options{.max_connections = static_cast<int>(config->GetInt("database-pool-size"))});
  if (absl::Status s = WaitForSchema(pool, config->GetDuration("startup-timeout")); !s.ok()) {
    log::Error("refusing to start", {{"error", s}});
    return 1;
  }

  ServiceHost host(HostOptions{
      .component = program.component,
      .grpc_addr = config->Get("grpc-addr"),
      .metrics_addr = config->Get("metrics-addr"),
      .shutdown_grace = config->GetDuration("shutdown-grace"),
      .drain_delay = config->GetDuration("drain-delay"),
      .readiness_interval = config->GetDuration("readiness-interval"),
      .tls_cert_file = program.tls_flags ? config->Get("tls-cert") : "",
      .tls_key_file = program.tls_flags ? config->Get("tls-key") : "",
      .max_receive_message_bytes = program.max_receive_message_bytes,
  });
  ServerEnvironment env{*config, pool, SystemClock::Instance(), ProcessRandom(), host.registry()};
  absl::StatusOr<ServerParts> parts = make_services(env);
  if (!parts.ok()) {
    log::Error("cannot build services", {{"error", parts.status()}});
    return 1;
  }
  for (ServiceRegistration& s : parts->services) host.AddService(std::move(s.service), std::move(s.full_name));
  host.SetReadinessProbe([&pool] { return pool.Ping(); });
  if (absl::Status s = host.Start(); !s.ok()) {
    log::Error("cannot serve", {{"error", s}});
    return 1;
  }
  std::string names;
  for (const std::string& n : host.service_names()) absl::StrAppend(&names, names.empty() ? "" : ",", n);
  for (const auto& work : parts->background) work->Start();
  log::Info("serving", {{"grpc_port", host.grpc_port()}, {"metrics_port", host.metrics_port()}, {"services", names}});

  const int sig = WaitForShutdownSignal();
  log::Info("shutdown requested", {{"signal", sig}});
  host.Shutdown();
  for (const auto& work : parts->background) work->Stop();
  log::Info("stopped");
  return 0;
}

}  // namespace aiworld
