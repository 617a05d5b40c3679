#pragma once
// How provider failures are expressed as absl::Status, and what the failover chain does with them.
//
//   HTTP 400, 422         INVALID_ARGUMENT     the request's fault: no retry, no failover
//   HTTP 401              UNAUTHENTICATED      a dead key on that provider: no retry, failover
//   HTTP 403              PERMISSION_DENIED    no retry, failover
//   HTTP 404              NOT_FOUND            wrong model or base URL on that provider: no retry, failover
//   HTTP 408, timeout     DEADLINE_EXCEEDED    retry, then failover
//   HTTP 429              RESOURCE_EXHAUSTED   retry (after Retry-After when given), then failover
//   HTTP 5xx, transport   UNAVAILABLE          retry, then failover
//   bad JSON / no text    INTERNAL             the provider misbehaves: no retry, failover
//   other HTTP statuses   UNKNOWN              no retry, failover
// The HTTP status and Retry-After travel as status payloads.
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/agentkit/llm/http_client.h"

namespace aiworld::llm {

// The error for a non-2xx response: "<provider>: HTTP <code>: <start of body>", secret masked.
absl::Status HttpError(absl::string_view provider, const HttpResponse& response, absl::string_view secret);

// A transport error from HttpPost, prefixed with the provider and with secret masked.
absl::Status TransportError(absl::string_view provider, const absl::Status& status, absl::string_view secret);

std::optional<int> HttpStatusOf(const absl::Status& status);
std::optional<absl::Duration> RetryAfterOf(const absl::Status& status);

bool IsRetryable(const absl::Status& status);
bool ShouldFailOver(const absl::Status& status);

}  // namespace aiworld::llm
