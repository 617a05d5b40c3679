#include "services/agentkit/llm/json_exchange.h"

#include "services/agentkit/llm/http_client.h"
#include "services/agentkit/llm/json_body.h"
#include "services/agentkit/llm/provider_error.h"

namespace aiworld::llm {

absl::StatusOr<google::protobuf::Struct> PostForJson(const ProviderConfig& config, const std::string& path,
                                                     std::vector<std::pair<std::string, std::string>> headers,
                                                     std::string body) {
  HttpRequest http;
  http.url = JoinUrl(config.base_url, path);
  http.headers.emplace_back("Content-Type", "application/json");
  for (auto& h : headers) http.headers.push_back(std::move(h));
  http.body = std::move(body);
  http.connect_timeout = config.connect_timeout;
  http.timeout = config.timeout;
  absl::StatusOr<HttpResponse> reply = HttpPost(http);
  if (!reply.ok()) return TransportError(config.name, reply.status(), config.api_key);
  if (reply->status < 200 || reply->status > 299) return HttpError(config.name, *reply, config.api_key);
  return ParseJsonObject(config.name, reply->body);
}

}  // namespace aiworld::llm
