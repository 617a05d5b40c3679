#include "services/agentkit/llm/provider_error.h"

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/agentkit/llm/key_source.h"

namespace aiworld::llm {
namespace {

constexpr char kHttpStatusUrl[] = "type.aiworld.dev/llm.http_status";
constexpr char kRetryAfterUrl[] = "type.aiworld.dev/llm.retry_after_ms";
constexpr size_t kBodySnippet = 200;

absl::StatusCode CodeFor(int http) {
  if (http == 400 || http == 422) return absl::StatusCode::kInvalidArgument;
  if (http == 401) return absl::StatusCode::kUnauthenticated;
  if (http == 403) return absl::StatusCode::kPermissionDenied;
  if (http == 404) return absl::StatusCode::kNotFound;
  if (http == 408) return absl::StatusCode::kDeadlineExceeded;
  if (http == 429) return absl::StatusCode::kResourceExhausted;
  if (http >= 500 && http <= 599) return absl::StatusCode::kUnavailable;
  return absl::StatusCode::kUnknown;
}

// Retry-After in seconds ("2", "1.5"); the HTTP-date form is ignored.
std::optional<absl::Duration> ParseRetryAfter(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  double seconds = 0;
  if (!absl::SimpleAtod(absl::StripAsciiWhitespace(*value), &seconds) || !(seconds >= 0) || seconds > 86400) {
    return std::nullopt;
  }
  return absl::Milliseconds(static_cast<int64_t>(seconds * 1000));
}

std::optional<int64_t> IntPayload(const absl::Status& status, absl::string_view url) {
  const auto payload = status.GetPayload(url);
  int64_t value = 0;
  if (!payload || !absl::SimpleAtoi(std::string(*payload), &value)) return std::nullopt;
  return value;
}

}  // namespace

absl::Status HttpError(absl::string_view provider, const HttpResponse& response, absl::string_view secret) {
  std::string body = MaskSecret(response.body, secret);
  if (body.size() > kBodySnippet) body = absl::StrCat(body.substr(0, kBodySnippet), "...");
  absl::Status status(CodeFor(response.status),
                      absl::StrCat(provider, ": HTTP ", response.status, ": ", body));
  status.SetPayload(kHttpStatusUrl, absl::Cord(absl::StrCat(response.status)));
  if (const auto retry_after = ParseRetryAfter(response.Header("retry-after"))) {
    status.SetPayload(kRetryAfterUrl, absl::Cord(absl::StrCat(absl::ToInt64Milliseconds(*retry_after))));
  }
  return status;
}

absl::Status TransportError(absl::string_view provider, const absl::Status& status, absl::string_view secret) {
  return absl::Status(status.code(), MaskSecret(absl::StrCat(provider, ": ", status.message()), secret));
}

std::optional<int> HttpStatusOf(const absl::Status& status) {
  const auto value = IntPayload(status, kHttpStatusUrl);
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

std::optional<absl::Duration> RetryAfterOf(const absl::Status& status) {
  const auto value = IntPayload(status, kRetryAfterUrl);
  if (!value) return std::nullopt;
  return absl::Milliseconds(*value);
}

bool IsRetryable(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return true;
    default:
      return false;
  }
}

bool ShouldFailOver(const absl::Status& status) {
  return !status.ok() && status.code() != absl::StatusCode::kInvalidArgument;
}

}  // namespace aiworld::llm
