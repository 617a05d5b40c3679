#include "services/agentkit/llm/provider_spec.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/agentkit/llm/anthropic_provider.h"
#include "services/agentkit/llm/key_source.h"
#include "services/agentkit/llm/openai_provider.h"

namespace aiworld::llm {

absl::StatusOr<std::vector<ProviderSpec>> ParseProviderSpecs(const std::string& text) {
  std::vector<ProviderSpec> specs;
  int entry = 0;
  for (absl::string_view raw : absl::StrSplit(text, ';', absl::SkipWhitespace())) {
    ++entry;
    const std::string where = absl::StrCat("--llm-providers entry ", entry, ": ");
    ProviderSpec spec;
    for (absl::string_view pair : absl::StrSplit(raw, ',', absl::SkipWhitespace())) {
      const size_t eq = pair.find('=');
      if (eq == absl::string_view::npos) return absl::InvalidArgumentError(absl::StrCat(where, "\"", pair, "\" is not key=value"));
      const std::string key(absl::StripAsciiWhitespace(pair.substr(0, eq)));
      const std::string value(absl::StripAsciiWhitespace(pair.substr(eq + 1)));
      if (key == "kind") spec.kind = value;
      else if (key == "name") spec.config.name = value;
      else if (key == "url") spec.config.base_url = value;
      else if (key == "model") spec.config.model = value;
      else if (key == "key") spec.key_source = value;
      else if (key == "timeout") {
        if (!absl::ParseDuration(value, &spec.config.timeout) || spec.config.timeout <= absl::ZeroDuration()) {
          return absl::InvalidArgumentError(absl::StrCat(where, "timeout: \"", value, "\" is not a duration like 30s"));
        }
      } else {
        return absl::InvalidArgumentError(absl::StrCat(where, "unknown key \"", key, "\" (kind, name, url, model, key, timeout)"));
      }
    }
    if (spec.kind != "openai" && spec.kind != "anthropic") {
      return absl::InvalidArgumentError(absl::StrCat(where, "kind: must be openai or anthropic, got \"", spec.kind, "\""));
    }
    if (spec.config.base_url.rfind("http://", 0) != 0 && spec.config.base_url.rfind("https://", 0) != 0) {
      return absl::InvalidArgumentError(absl::StrCat(where, "url: required, http:// or https://"));
    }
    if (spec.config.model.empty()) return absl::InvalidArgumentError(absl::StrCat(where, "model: required"));
    if (spec.config.name.empty()) spec.config.name = spec.kind;
    if (!spec.key_source.empty() && spec.key_source.rfind("env:", 0) != 0 && spec.key_source.rfind("file:", 0) != 0) {
      return absl::InvalidArgumentError(absl::StrCat(where, "key: must be env:NAME or file:PATH (keys never go in flags)"));
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

absl::StatusOr<std::unique_ptr<LlmProvider>> MakeProvider(const ProviderSpec& spec) {
  ProviderConfig config = spec.config;
  if (!spec.key_source.empty()) {
    absl::StatusOr<std::string> key = ResolveKey(spec.key_source);
    if (!key.ok()) return absl::Status(key.status().code(), absl::StrCat(spec.config.name, ": ", key.status().message()));
    config.api_key = *std::move(key);
  }
  if (spec.kind == "anthropic") return std::unique_ptr<LlmProvider>(std::make_unique<AnthropicProvider>(std::move(config)));
  return std::unique_ptr<LlmProvider>(std::make_unique<OpenAiProvider>(std::move(config)));
}

}  // namespace aiworld::llm
