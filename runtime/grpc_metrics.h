#pragma once
// Per-RPC Prometheus metrics through a server interceptor, named and labelled as
// go-grpc-prometheus does, so existing dashboards and alerts work unchanged:
//   grpc_server_started_total, grpc_server_handled_total{grpc_code},
//   grpc_server_msg_received_total, grpc_server_msg_sent_total,
//   grpc_server_handling_seconds (histogram), with grpc_type, grpc_service, grpc_method.
#include <grpcpp/support/server_interceptor.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <memory>
#include <string>

#include "absl/container/node_hash_map.h"
#include "absl/synchronization/mutex.h"

namespace google::protobuf {
class ServiceDescriptor;
}

namespace aiworld {

class GrpcServerMetrics {
 public:
  struct MethodMetrics {
    prometheus::Counter* started = nullptr;
    prometheus::Counter* received = nullptr;
    prometheus::Counter* sent = nullptr;
    prometheus::Histogram* handling = nullptr;
    std::array<prometheus::Counter*, 17> handled{};  // indexed by grpc::StatusCode
  };

  explicit GrpcServerMetrics(prometheus::Registry& registry);

  // Creates every series of every method up front (all codes at zero), as
  // go-grpc-prometheus's InitializeMetrics does, so rates and alerts work from the first scrape.
  void InitializeService(const google::protobuf::ServiceDescriptor& service);

  // Series of one RPC by its full path "/package.Service/Method".
  MethodMetrics& ForMethod(const std::string& path, grpc::experimental::ServerRpcInfo::Type type);

  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewInterceptorFactory();

  // go-grpc-prometheus's spelling of a status code, e.g. "OK", "InvalidArgument".
  static const char* CodeName(int code);

 private:
  MethodMetrics& Create(const std::string& path, const std::string& type) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  prometheus::Family<prometheus::Counter>& started_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Counter>& received_;
  prometheus::Family<prometheus::Counter>& sent_;
  prometheus::Family<prometheus::Histogram>& handling_;
  absl::Mutex mu_;
  absl::node_hash_map<std::string, MethodMetrics> methods_ ABSL_GUARDED_BY(mu_);
};

}  // namespace aiworld
