#include "services/agentkit/llm/openai_provider.h"

#include <string_view>

#include "absl/strings/str_cat.h"
#include "runtime/json_escape.h"
#include "services/agentkit/llm/json_body.h"
#include "services/agentkit/llm/json_exchange.h"

namespace aiworld::llm {

std::string OpenAiProvider::RequestBody(const LlmRequest& request) const {
  std::string messages;
  auto add = [&messages](std::string_view role, std::string_view content) {
    absl::StrAppend(&messages, messages.empty() ? "" : ",", "{\"role\":", JsonQuote(role),
                    ",\"content\":", JsonQuote(content), "}");
  };
  if (!request.system.empty()) add("system", request.system);
  for (const auto& [role, content] : request.messages) add(role, content);
  return absl::StrCat("{\"model\":", JsonQuote(config_.model), ",\"messages\":[", messages,
                      "],\"max_tokens\":", request.max_tokens,
                      ",\"temperature\":", JsonNumber(request.temperature), ",\"stream\":false}");
}

absl::StatusOr<LlmResponse> OpenAiProvider::Complete(const LlmRequest& request) {
  const absl::Time start = ClockOf(config_).Now();
  std::vector<std::pair<std::string, std::string>> headers;
  if (!config_.api_key.empty()) headers.emplace_back("Authorization", "Bearer " + config_.api_key);
  absl::StatusOr<google::protobuf::Struct> json = PostForJson(config_, "/chat/completions", std::move(headers), RequestBody(request));
  if (!json.ok()) return json.status();
  const google::protobuf::ListValue* choices = ListField(*json, "choices");
  const google::protobuf::Struct* message = nullptr;
  if (choices != nullptr && choices->values_size() > 0 && choices->values(0).has_struct_value()) {
    message = ObjectField(choices->values(0).struct_value(), "message");
  }
  const std::optional<std::string> content = message ? StringField(*message, "content") : std::nullopt;
  if (!content) {
    return absl::InternalError(absl::StrCat(config_.name, ": reply has no choices[0].message.content"));
  }

  return ResponseFromReply(config_, *json, *content, "prompt_tokens", "completion_tokens", start);
}

}  // namespace aiworld::llm
