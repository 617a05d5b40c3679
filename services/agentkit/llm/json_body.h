#pragma once
// Reading provider JSON replies without trusting them (protobuf's JSON parser into a Struct),
// and the small pieces both providers use to write their requests.
#include <optional>
#include <string>

#include <google/protobuf/struct.pb.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/agentkit/llm/provider.h"
#include "services/agentkit/llm/provider_config.h"

namespace aiworld::llm {

// body must be one JSON object. Malformed or truncated → INTERNAL naming the provider.
absl::StatusOr<google::protobuf::Struct> ParseJsonObject(absl::string_view provider, absl::string_view body);

// Null when the field is missing or of another type.
const google::protobuf::Value* Field(const google::protobuf::Struct& object, const std::string& key);
const google::protobuf::Struct* ObjectField(const google::protobuf::Struct& object, const std::string& key);
const google::protobuf::ListValue* ListField(const google::protobuf::Struct& object, const std::string& key);
std::optional<std::string> StringField(const google::protobuf::Struct& object, const std::string& key);
// A non-negative whole number that fits an int.
std::optional<int> CountField(const google::protobuf::Struct& object, const std::string& key);

// A JSON number for a double, locale-independent.
std::string JsonNumber(double value);

// What both wire formats share once the text is found: token usage under the format's field names
// (absent usage counts 0, as some local servers send none), the answering model (else the
// configured one), the price and the latency since start.
LlmResponse ResponseFromReply(const ProviderConfig& config, const google::protobuf::Struct& reply, std::string text,
                              const std::string& input_tokens_field, const std::string& output_tokens_field,
                              absl::Time start);

}  // namespace aiworld::llm
