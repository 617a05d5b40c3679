#pragma once
// API keys come only from the environment or a secret file, named by a key source:
//   "env:NAME"    the value of environment variable NAME
//   "file:/path"  the content of the file, trailing whitespace removed
//   ""            no key (local servers: Ollama, llama.cpp, vLLM)
// A key is never logged and never put in an error: errors name the variable or the path only.
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace aiworld::llm {

absl::StatusOr<std::string> ResolveKey(absl::string_view source);

// text with every occurrence of secret replaced by "***" (text unchanged when secret is empty).
std::string MaskSecret(absl::string_view text, absl::string_view secret);

}  // namespace aiworld::llm
