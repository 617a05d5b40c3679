#pragma once
// Core.ListQuests and Core.GetQuest over the Quest agent's state. Bad input is INVALID_ARGUMENT
// naming the field; an unknown quest is NOT_FOUND. Pages are newest first; the page token is the
// decimal offset of the next page.
#include "absl/status/statusor.h"
#include "aiworld/v1/core.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::core {

absl::StatusOr<v1::ListQuestsResponse> ListQuests(agentkit::StateStore& quest_state, const v1::ListQuestsRequest& request);
absl::StatusOr<v1::GetQuestResponse> GetQuest(agentkit::StateStore& quest_state, const v1::GetQuestRequest& request);

// Shared checks: server_id 1..32 bytes of [a-z0-9_-]; paging (page_size <= 200, token a
// non-negative decimal); both name the field in the error.
absl::Status CheckServerId(const std::string& server_id, const std::string& field = "server_id");
absl::StatusOr<size_t> PageOffset(const v1::Pagination& page, const std::string& field = "page");
size_t PageSize(const v1::Pagination& page);

}  // namespace aiworld::core
