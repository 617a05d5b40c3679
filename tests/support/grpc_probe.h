#pragma once
// Real gRPC and HTTP clients for end-to-end checks.
#include <string>

#include "absl/time/time.h"

namespace aiworld::testing {

// grpc.health.v1.Health/Check: "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN", or the RPC error.
std::string HealthStatus(const std::string& addr, const std::string& service = "");
// Polls until HealthStatus equals want; true if it did within timeout.
bool WaitForHealth(const std::string& addr, const std::string& service, const std::string& want, absl::Duration timeout);
// Body of an HTTP GET (empty on failure).
std::string HttpGet(const std::string& url);

}  // namespace aiworld::testing
