#pragma once
// Admin.GetLlmUsage from the groups' reports: usage rows of the same day, provider and model added
// up (oldest first), budgets and provider health listed per group, decisions per agent and tier
// listed and totalled per tier.
#include <vector>

#include "aiworld/v1/admin.pb.h"
#include "aiworld/v1/llm_usage.pb.h"

namespace aiworld::gateway {

void MergeLlmUsage(const std::vector<v1::ReportLlmUsageResponse>& reports, v1::GetLlmUsageResponse* out);

}  // namespace aiworld::gateway
