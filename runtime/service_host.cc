#include "runtime/service_host.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>

#include <fstream>
#include <sstream>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.pb.h"
#include "runtime/log.h"
#include "runtime/version.h"

namespace aiworld {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(what, ": cannot read ", path));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> TlsCredentials(const std::string& cert_file,
                                                                         const std::string& key_file) {
  if (cert_file.empty() || key_file.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key: give both or neither");
  }
  absl::StatusOr<std::string> cert = ReadFile(cert_file, "--tls-cert");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadFile(key_file, "--tls-key");
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({*key, *cert});
  return grpc::SslServerCredentials(ssl);
}

}  // namespace

ServiceHost::ServiceHost(HostOptions options)
    : options_(std::move(options)),
      registry_(std::make_shared<prometheus::Registry>()),
      grpc_metrics_(*registry_) {
  prometheus::BuildGauge()
      .Name("aiworld_build_info")
      .Help("Always 1; labels carry the component, version and commit.")
      .Register(*registry_)
      .Add({{"component", options_.component}, {"version", kVersion}, {"commit", kGitCommit}})
      .Set(1);
  ready_gauge_ = &prometheus::BuildGauge()
                      .Name("aiworld_ready")
                      .Help("1 while the server reports SERVING (its database is reachable), else 0.")
                      .Register(*registry_)
                      .Add({{"component", options_.component}});
}

ServiceHost::~ServiceHost() { Shutdown(); }

void ServiceHost::AddService(std::shared_ptr<grpc::Service> service, std::string full_name) {
  services_.emplace_back(std::move(service), std::move(full_name));
}

void ServiceHost::SetReadinessProbe(ReadinessMonitor::Probe probe) { probe_ = std::move(probe); }

std::vector<std::string> ServiceHost::service_names() const {
  std::vector<std::string> names;
  for (const auto& [service, name] : services_) names.push_back(name);
  return names;
}

void ServiceHost::SetServing(bool serving) {
  ready_gauge_->Set(serving ? 1 : 0);
  if (server_ == nullptr) return;
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  health->SetServingStatus(serving);  // the overall "" status and every name below
  for (const auto& [service, name] : services_) health->SetServingStatus(name, serving);
  // The process is alive even while its database is not: liveness probes ask this name, so a
  // database outage takes pods out of rotation (readiness) without restarting them.
  health->SetServingStatus(kLivenessService, true);
}

absl::Status ServiceHost::Start() {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  // Referencing the health descriptor links it in, so reflection can describe grpc.health.v1.Health.
  const auto* health_descriptor = grpc::health::v1::HealthCheckRequest::descriptor()->file()->FindServiceByName("Health");
  grpc_metrics_.InitializeService(*health_descriptor);
  for (const auto& [service, name] : services_) {
    const auto* descriptor = pool->FindServiceByName(name);
    if (descriptor == nullptr) return absl::InternalError(absl::StrCat("no descriptor for service ", name));
    grpc_metrics_.InitializeService(*descriptor);
  }

  try {
    exposer_ = std::make_unique<prometheus::Exposer>(options_.metrics_addr);
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", options_.metrics_addr, ": ", e.what()));
  }
  exposer_->RegisterCollectable(registry_);
  const std::vector<int> metrics_ports = exposer_->GetListeningPorts();
  metrics_port_ = metrics_ports.empty() ? 0 : metrics_ports.front();

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // gRPC sets SO_REUSEPORT by default, which lets a second server silently share a taken port.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (!options_.tls_cert_file.empty() || !options_.tls_key_file.empty()) {
    absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> tls = TlsCredentials(options_.tls_cert_file, options_.tls_key_file);
    if (!tls.ok()) return tls.status();
    credentials = *tls;
  }
  if (options_.max_receive_message_bytes > 0) builder.SetMaxReceiveMessageSize(options_.max_receive_message_bytes);
  builder.AddListeningPort(options_.grpc_addr, credentials, &grpc_port_);
  for (const auto& [service, name] : services_) builder.RegisterService(service.get());
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(grpc_metrics_.NewInterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || grpc_port_ == 0) {
    server_.reset();
    return absl::UnavailableError(absl::StrCat("cannot serve gRPC on ", options_.grpc_addr, " (address in use?)"));
  }

  if (probe_) {
    SetServing(false);
    readiness_ = std::make_unique<ReadinessMonitor>(probe_, options_.readiness_interval,
                                                    [this](bool ready) { SetServing(ready); });
    readiness_->Start();
  } else {
    SetServing(true);
  }
  return absl::OkStatus();
}

void ServiceHost::Shutdown() {
  {
    absl::MutexLock lock(&mu_);
    if (shut_down_) return;
    shut_down_ = true;
  }
  if (readiness_) readiness_->Stop();
  if (server_ == nullptr) return;
  ready_gauge_->Set(0);
  // Sets every status to NOT_SERVING and ignores later updates.
  server_->GetHealthCheckService()->Shutdown();
  log::Info("draining: health NOT_SERVING", {{"drain_delay", options_.drain_delay}, {"grace", options_.shutdown_grace}});
  if (options_.drain_delay > absl::ZeroDuration()) absl::SleepFor(options_.drain_delay);
  server_->Shutdown(absl::ToChronoTime(absl::Now() + options_.shutdown_grace));
  server_->Wait();
}

}  // namespace aiworld
