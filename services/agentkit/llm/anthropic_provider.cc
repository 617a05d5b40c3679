#include "services/agentkit/llm/anthropic_provider.h"

#include <string_view>

#include "absl/strings/str_cat.h"
#include "runtime/json_escape.h"
#include "services/agentkit/llm/json_body.h"
#include "services/agentkit/llm/json_exchange.h"

namespace aiworld::llm {

std::string AnthropicProvider::RequestBody(const LlmRequest& request) const {
  std::string system = request.system;
  std::string messages;
  for (const auto& [role, content] : request.messages) {
    if (role == "system") {
      absl::StrAppend(&system, system.empty() ? "" : "\n\n", content);
      continue;
    }
    absl::StrAppend(&messages, messages.empty() ? "" : ",", "{\"role\":", JsonQuote(role),
                    ",\"content\":", JsonQuote(content), "}");
  }
  std::string body = absl::StrCat("{\"model\":", JsonQuote(config_.model), ",\"max_tokens\":", request.max_tokens,
                                  ",\"temperature\":", JsonNumber(request.temperature));
  if (!system.empty()) absl::StrAppend(&body, ",\"system\":", JsonQuote(system));
  absl::StrAppend(&body, ",\"messages\":[", messages, "]}");
  return body;
}

absl::StatusOr<LlmResponse> AnthropicProvider::Complete(const LlmRequest& request) {
  const absl::Time start = ClockOf(config_).Now();
  std::vector<std::pair<std::string, std::string>> headers = {{"anthropic-version", kApiVersion}};
  if (!config_.api_key.empty()) headers.emplace_back("x-api-key", config_.api_key);
  absl::StatusOr<google::protobuf::Struct> json = PostForJson(config_, "/v1/messages", std::move(headers), RequestBody(request));
  if (!json.ok()) return json.status();
  const google::protobuf::ListValue* content = ListField(*json, "content");
  std::string text;
  bool any_text = false;
  if (content != nullptr) {
    for (const google::protobuf::Value& block : content->values()) {
      if (!block.has_struct_value() || StringField(block.struct_value(), "type") != "text") continue;
      if (const auto part = StringField(block.struct_value(), "text")) {
        text += *part;
        any_text = true;
      }
    }
  }
  if (!any_text) return absl::InternalError(absl::StrCat(config_.name, ": reply has no content[].text"));

  return ResponseFromReply(config_, *json, std::move(text), "input_tokens", "output_tokens", start);
}

}  // namespace aiworld::llm
