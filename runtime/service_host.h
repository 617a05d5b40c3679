#pragma once
// Hosts gRPC services the way every aiworld server does: server reflection, grpc.health.v1 with a
// status per service name, Prometheus /metrics on its own port with per-RPC metrics, readiness
// from a probe, and a drain on shutdown (NOT_SERVING first, then in-flight RPCs get a deadline).
#include <grpcpp/grpcpp.h>
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "runtime/grpc_metrics.h"
#include "runtime/readiness.h"

namespace aiworld {

// The health name that reports SERVING while the process runs, whatever its database does (until
// the drain on SIGTERM): for liveness probes.
inline constexpr char kLivenessService[] = "liveness";

struct HostOptions {
  std::string component;     // "gateway", "core", ...
  std::string grpc_addr;     // host:port; port 0 picks a free one
  std::string metrics_addr;  // host:port; port 0 picks a free one
  absl::Duration shutdown_grace = absl::Seconds(10);   // in-flight RPCs get this long to finish
  absl::Duration drain_delay = absl::ZeroDuration();   // NOT_SERVING this long before refusing calls
  absl::Duration readiness_interval = absl::Seconds(1);
  std::string tls_cert_file;  // both set: gRPC over TLS
  std::string tls_key_file;
  int max_receive_message_bytes = 0;  // 0: gRPC's default
};

class ServiceHost {
 public:
  explicit ServiceHost(HostOptions options);
  ~ServiceHost();

  // full_name is the proto service name, e.g. "aiworld.v1.Core". Call before Start.
  void AddService(std::shared_ptr<grpc::Service> service, std::string full_name);
  // Readiness probe (e.g. PostgreSQL ping). Without one the host is always ready.
  void SetReadinessProbe(ReadinessMonitor::Probe probe);

  prometheus::Registry& registry() { return *registry_; }
  const std::shared_ptr<prometheus::Registry>& shared_registry() const { return registry_; }

  absl::Status Start();
  int grpc_port() const { return grpc_port_; }
  int metrics_port() const { return metrics_port_; }
  std::vector<std::string> service_names() const;

  // Health NOT_SERVING for every name, wait drain_delay, then stop accepting and give in-flight
  // RPCs shutdown_grace before cancelling them. Idempotent.
  void Shutdown();

 private:
  void SetServing(bool serving);

  HostOptions options_;
  std::shared_ptr<prometheus::Registry> registry_;
  GrpcServerMetrics grpc_metrics_;
  prometheus::Gauge* ready_gauge_ = nullptr;
  std::vector<std::pair<std::shared_ptr<grpc::Service>, std::string>> services_;
  ReadinessMonitor::Probe probe_;
  std::unique_ptr<ReadinessMonitor> readiness_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int grpc_port_ = 0;
  int metrics_port_ = 0;
  absl::Mutex mu_;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace aiworld
