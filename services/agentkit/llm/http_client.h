#pragma once
// A thin blocking HTTP POST over libcurl (one easy handle per call, so calls may run in parallel).
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace aiworld::llm {

struct HttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // sent as given
  std::string body;
  absl::Duration connect_timeout = absl::Seconds(5);
  absl::Duration timeout = absl::Seconds(60);  // whole call, connect included
  size_t max_response_bytes = 8 << 20;
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, values trimmed
  std::string body;
  // The last header of that name (case-insensitive), if any.
  std::optional<std::string> Header(absl::string_view name) const;
};

// Any HTTP status is a response, not an error. Transport failures: timeout → DEADLINE_EXCEEDED,
// anything else (refused, reset, short body, oversize body) → UNAVAILABLE.
absl::StatusOr<HttpResponse> HttpPost(const HttpRequest& request);

}  // namespace aiworld::llm
