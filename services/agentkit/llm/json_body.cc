#include "services/agentkit/llm/json_body.h"

#include <google/protobuf/util/json_util.h>

#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"

namespace aiworld::llm {

using google::protobuf::ListValue;
using google::protobuf::Struct;
using google::protobuf::Value;

absl::StatusOr<Struct> ParseJsonObject(absl::string_view provider, absl::string_view body) {
  Struct object;
  const auto status = google::protobuf::util::JsonStringToMessage(std::string(body), &object);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat(provider, ": malformed JSON reply (", body.size(), " bytes)"));
  }
  return object;
}

const Value* Field(const Struct& object, const std::string& key) {
  const auto it = object.fields().find(key);
  return it == object.fields().end() ? nullptr : &it->second;
}

const Struct* ObjectField(const Struct& object, const std::string& key) {
  const Value* v = Field(object, key);
  return v != nullptr && v->has_struct_value() ? &v->struct_value() : nullptr;
}

const ListValue* ListField(const Struct& object, const std::string& key) {
  const Value* v = Field(object, key);
  return v != nullptr && v->has_list_value() ? &v->list_value() : nullptr;
}

std::optional<std::string> StringField(const Struct& object, const std::string& key) {
  const Value* v = Field(object, key);
  if (v == nullptr || v->kind_case() != Value::kStringValue) return std::nullopt;
  return v->string_value();
}

std::optional<int> CountField(const Struct& object, const std::string& key) {
  const Value* v = Field(object, key);
  if (v == nullptr || v->kind_case() != Value::kNumberValue) return std::nullopt;
  const double d = v->number_value();
  if (!std::isfinite(d) || d < 0 || d > std::numeric_limits<int>::max() || d != std::floor(d)) {
    return std::nullopt;
  }
  return static_cast<int>(d);
}

std::string JsonNumber(double value) {
  if (!std::isfinite(value)) return "0";
  return absl::StrCat(value);
}

LlmResponse ResponseFromReply(const ProviderConfig& config, const google::protobuf::Struct& reply, std::string text,
                              const std::string& input_tokens_field, const std::string& output_tokens_field,
                              absl::Time start) {
  LlmResponse response;
  response.text = std::move(text);
  if (const google::protobuf::Struct* usage = ObjectField(reply, "usage")) {
    response.input_tokens = CountField(*usage, input_tokens_field).value_or(0);
    response.output_tokens = CountField(*usage, output_tokens_field).value_or(0);
  }
  response.provider = config.name;
  const std::optional<std::string> model = StringField(reply, "model");
  response.model = model && !model->empty() ? *model : config.model;
  response.cost_micros = PriceCall(config, response.model, response.input_tokens, response.output_tokens);
  response.latency = ClockOf(config).Now() - start;
  return response;
}

}  // namespace aiworld::llm
