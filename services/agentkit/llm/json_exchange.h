#pragma once
// One JSON request/response exchange with a provider: POST to base_url + path with the provider's
// headers, HTTP and transport errors mapped to statuses (the key masked), the reply parsed as a
// JSON object. Both wire formats use it.
#include <google/protobuf/struct.pb.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/agentkit/llm/provider_config.h"

namespace aiworld::llm {

absl::StatusOr<google::protobuf::Struct> PostForJson(const ProviderConfig& config, const std::string& path,
                                                     std::vector<std::pair<std::string, std::string>> headers,
                                                     std::string body);

}  // namespace aiworld::llm
