#include "runtime/grpc_metrics.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/support/interceptor.h>
#include <grpcpp/support/status.h>

#include <chrono>

#include "absl/strings/str_cat.h"

namespace aiworld {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::ServerRpcInfo;

const char* TypeName(ServerRpcInfo::Type type) {
  switch (type) {
    case ServerRpcInfo::Type::UNARY: return "unary";
    case ServerRpcInfo::Type::CLIENT_STREAMING: return "client_stream";
    case ServerRpcInfo::Type::SERVER_STREAMING: return "server_stream";
    case ServerRpcInfo::Type::BIDI_STREAMING: return "bidi_stream";
  }
  return "unary";
}

class MetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit MetricsInterceptor(GrpcServerMetrics::MethodMetrics& metrics)
      : metrics_(metrics), start_(std::chrono::steady_clock::now()) {
    metrics_.started->Increment();
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() != nullptr) {
      metrics_.received->Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      metrics_.sent->Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const int code = static_cast<int>(methods->GetSendStatus().error_code());
      metrics_.handled[code >= 0 && code < 17 ? code : 2]->Increment();
      metrics_.handling->Observe(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
    }
    methods->Proceed();
  }

 private:
  GrpcServerMetrics::MethodMetrics& metrics_;
  const std::chrono::steady_clock::time_point start_;
};

class MetricsInterceptorFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(GrpcServerMetrics& metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(ServerRpcInfo* info) override {
    return new MetricsInterceptor(metrics_.ForMethod(info->method(), info->type()));
  }

 private:
  GrpcServerMetrics& metrics_;
};

}  // namespace

const char* GrpcServerMetrics::CodeName(int code) {
  static const char* const kNames[17] = {
      "OK",           "Canceled",         "Unknown",          "InvalidArgument", "DeadlineExceeded",
      "NotFound",     "AlreadyExists",    "PermissionDenied", "ResourceExhausted",
      "FailedPrecondition", "Aborted",    "OutOfRange",       "Unimplemented",   "Internal",
      "Unavailable",  "DataLoss",         "Unauthenticated"};
  return code >= 0 && code < 17 ? kNames[code] : "Unknown";
}

GrpcServerMetrics::GrpcServerMetrics(prometheus::Registry& registry)
    : started_(prometheus::BuildCounter()
                   .Name("grpc_server_started_total")
                   .Help("Total number of RPCs started on the server.")
                   .Register(registry)),
      handled_(prometheus::BuildCounter()
                   .Name("grpc_server_handled_total")
                   .Help("Total number of RPCs completed on the server, regardless of success or failure.")
                   .Register(registry)),
      received_(prometheus::BuildCounter()
                    .Name("grpc_server_msg_received_total")
                    .Help("Total number of RPC stream messages received on the server.")
                    .Register(registry)),
      sent_(prometheus::BuildCounter()
                .Name("grpc_server_msg_sent_total")
                .Help("Total number of gRPC stream messages sent by the server.")
                .Register(registry)),
      handling_(prometheus::BuildHistogram()
                    .Name("grpc_server_handling_seconds")
                    .Help("Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.")
                    .Register(registry)) {}

GrpcServerMetrics::MethodMetrics& GrpcServerMetrics::Create(const std::string& path, const std::string& type) {
  // path is "/package.Service/Method"
  const size_t slash = path.rfind('/');
  const std::string service = slash == std::string::npos || slash == 0 ? path : path.substr(1, slash - 1);
  const std::string method = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::map<std::string, std::string> labels = {
      {"grpc_type", type}, {"grpc_service", service}, {"grpc_method", method}};
  MethodMetrics& m = methods_[path];
  m.started = &started_.Add(labels);
  m.received = &received_.Add(labels);
  m.sent = &sent_.Add(labels);
  // prometheus.DefBuckets, as go-grpc-prometheus uses.
  m.handling = &handling_.Add(labels, prometheus::Histogram::BucketBoundaries{
                                          0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10});
  for (int code = 0; code < 17; ++code) {
    auto with_code = labels;
    with_code["grpc_code"] = CodeName(code);
    m.handled[code] = &handled_.Add(with_code);
  }
  return m;
}

GrpcServerMetrics::MethodMetrics& GrpcServerMetrics::ForMethod(const std::string& path, ServerRpcInfo::Type type) {
  absl::MutexLock lock(&mu_);
  if (auto it = methods_.find(path); it != methods_.end()) return it->second;
  return Create(path, TypeName(type));
}

void GrpcServerMetrics::InitializeService(const google::protobuf::ServiceDescriptor& service) {
  absl::MutexLock lock(&mu_);
  for (int i = 0; i < service.method_count(); ++i) {
    const auto* m = service.method(i);
    const std::string path = absl::StrCat("/", service.full_name(), "/", m->name());
    if (methods_.contains(path)) continue;
    const char* type = m->client_streaming() ? (m->server_streaming() ? "bidi_stream" : "client_stream")
                                             : (m->server_streaming() ? "server_stream" : "unary");
    Create(path, type);
  }
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> GrpcServerMetrics::NewInterceptorFactory() {
  return std::make_unique<MetricsInterceptorFactory>(*this);
}

}  // namespace aiworld
