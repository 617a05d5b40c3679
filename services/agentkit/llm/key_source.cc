#include "services/agentkit/llm/key_source.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace aiworld::llm {

absl::StatusOr<std::string> ResolveKey(absl::string_view source) {
  if (source.empty()) return std::string();
  if (absl::StartsWith(source, "env:")) {
    const std::string name(source.substr(4));
    const char* value = name.empty() ? nullptr : std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') {
      return absl::NotFoundError(absl::StrCat("key source: environment variable '", name, "' is not set"));
    }
    return std::string(absl::StripAsciiWhitespace(value));
  }
  if (absl::StartsWith(source, "file:")) {
    const std::string path(source.substr(5));
    std::ifstream in(path, std::ios::binary);
    if (!in) return absl::NotFoundError(absl::StrCat("key source: cannot read secret file '", path, "'"));
    std::ostringstream content;
    content << in.rdbuf();
    std::string key(absl::StripAsciiWhitespace(content.str()));
    if (key.empty()) return absl::NotFoundError(absl::StrCat("key source: secret file '", path, "' is empty"));
    return key;
  }
  // Never echo the value: a raw key pasted where a source belongs must not reach a log.
  return absl::InvalidArgumentError("key source must be 'env:NAME' or 'file:/path' (value not shown)");
}

std::string MaskSecret(absl::string_view text, absl::string_view secret) {
  if (secret.empty()) return std::string(text);
  return absl::StrReplaceAll(text, {{secret, "***"}});
}

}  // namespace aiworld::llm
