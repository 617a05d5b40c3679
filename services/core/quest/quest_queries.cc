#include "services/core/quest/quest_queries.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/core/quest/quest_book.h"

namespace aiworld::core {

absl::Status CheckServerId(const std::string& server_id, const std::string& field) {
  if (server_id.empty() || server_id.size() > 32) return absl::InvalidArgumentError(field + ": must be 1..32 bytes");
  for (char c : server_id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return absl::InvalidArgumentError(field + ": must be [a-z0-9_-]");
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> PageOffset(const v1::Pagination& page, const std::string& field) {
  if (page.page_size() > 200) return absl::InvalidArgumentError(field + ".page_size: at most 200");
  if (page.page_token().empty()) return 0;
  uint64_t offset = 0;
  if (page.page_token().size() > 20 || !absl::SimpleAtoi(page.page_token(), &offset)) {
    return absl::InvalidArgumentError(field + ".page_token: not a token of this list");
  }
  return static_cast<size_t>(offset);
}

size_t PageSize(const v1::Pagination& page) { return page.page_size() == 0 ? 50 : page.page_size(); }

absl::StatusOr<v1::ListQuestsResponse> ListQuests(agentkit::StateStore& quest_state, const v1::ListQuestsRequest& request) {
  if (absl::Status s = CheckServerId(request.server_id()); !s.ok()) return s;
  if (request.char_id() != 0 && request.char_id() < 150000) return absl::InvalidArgumentError("char_id: must be 0 or >= 150000");
  if (!v1::QuestStatus_IsValid(request.status())) return absl::InvalidArgumentError("status: unknown value");
  if (request.arc_id().size() > 64) return absl::InvalidArgumentError("arc_id: at most 64 bytes");
  absl::StatusOr<size_t> offset = PageOffset(request.page());
  if (!offset.ok()) return offset.status();

  QuestBook book(quest_state);
  std::vector<v1::Quest> quests =
      request.char_id() != 0 ? book.OfCharacter(request.server_id(), request.char_id()) : book.All();
  std::erase_if(quests, [&](const v1::Quest& q) {
    return q.server_id() != request.server_id() ||
           (request.status() != v1::QUEST_STATUS_UNSPECIFIED && q.status() != request.status()) ||
           (!request.arc_id().empty() && q.arc_id() != request.arc_id());
  });
  std::stable_sort(quests.begin(), quests.end(), [](const v1::Quest& a, const v1::Quest& b) {
    const absl::Time ta = FromProto(a.created_at()), tb = FromProto(b.created_at());
    if (ta != tb) return ta > tb;
    return a.quest_key() > b.quest_key();
  });
  v1::ListQuestsResponse response;
  const size_t size = PageSize(request.page());
  for (size_t i = *offset; i < quests.size() && i < *offset + size; ++i) *response.add_quests() = quests[i];
  if (*offset + size < quests.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

absl::StatusOr<v1::GetQuestResponse> GetQuest(agentkit::StateStore& quest_state, const v1::GetQuestRequest& request) {
  if (absl::Status s = CheckServerId(request.server_id()); !s.ok()) return s;
  if (request.quest_key().empty() || request.quest_key().size() > 64) {
    return absl::InvalidArgumentError("quest_key: must be 1..64 bytes");
  }
  std::optional<v1::Quest> quest = QuestBook(quest_state).Get(request.quest_key());
  if (!quest.has_value() || quest->server_id() != request.server_id()) {
    return absl::NotFoundError(absl::StrCat("quest_key: no quest ", request.quest_key(), " on server ", request.server_id()));
  }
  v1::GetQuestResponse response;
  *response.mutable_quest() = *std::move(quest);
  return response;
}

}  // namespace aiworld::core
