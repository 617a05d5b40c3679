#include "services/progression/social/social_book.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "runtime/proto_time.h"

namespace aiworld::progression {
namespace {

template <typename Message>
std::vector<Message> ParseAll(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::vector<Message> out;
  for (const auto& [key, value] : rows) {
    Message m;
    if (m.ParseFromString(value)) out.push_back(std::move(m));
  }
  return out;
}

template <typename Message>
std::optional<Message> Parse(const std::optional<std::string>& bytes) {
  Message m;
  if (!bytes.has_value() || !m.ParseFromString(*bytes)) return std::nullopt;
  return m;
}

}  // namespace

std::string SocialBook::NextNumber(const std::string& server, const std::string& kind) {
  const std::string key = absl::StrCat("n/", server, "/", kind);
  uint32_t n = 0;
  if (std::optional<std::string> had = state_.Get(key)) (void)absl::SimpleAtoi(*had, &n);
  state_.Put(key, std::to_string(n + 1));
  return std::to_string(n + 1);
}

std::string SocialBook::NextEventId(const std::string& server) { return "social_" + NextNumber(server, "event"); }
std::string SocialBook::NextTaskId(const std::string& server) { return "gtask_" + NextNumber(server, "task"); }

void SocialBook::PutEvent(const v1::SocialEvent& event) {
  state_.Put(absl::StrCat("e/", event.server_id(), "/", event.event_id()), event.SerializeAsString());
  const std::string active = absl::StrCat("ae/", event.server_id(), "/", event.event_id());
  if (event.status() == v1::CONTENT_STATUS_ACTIVE) {
    state_.Put(active, "");
  } else {
    state_.Erase(active);
  }
}

std::optional<v1::SocialEvent> SocialBook::GetEvent(const std::string& server, const std::string& event_id) const {
  return Parse<v1::SocialEvent>(state_.Get(absl::StrCat("e/", server, "/", event_id)));
}

std::vector<v1::SocialEvent> SocialBook::Events(const std::string& server) const {
  return ParseAll<v1::SocialEvent>(state_.Scan(absl::StrCat("e/", server, "/")));
}

std::vector<v1::SocialEvent> SocialBook::ActiveEvents(const std::string& server) const {
  const std::string prefix = absl::StrCat("ae/", server, "/");
  std::vector<v1::SocialEvent> out;
  for (const auto& [key, value] : state_.Scan(prefix)) {
    std::optional<v1::SocialEvent> e = GetEvent(server, key.substr(prefix.size()));
    if (e.has_value() && e->status() == v1::CONTENT_STATUS_ACTIVE) out.push_back(*std::move(e));
  }
  return out;
}

bool SocialBook::AddParticipant(const std::string& server, const std::string& event_id, uint32_t char_id) {
  const std::string key = absl::StrCat("ep/", server, "/", event_id, "/", char_id);
  if (state_.Get(key).has_value()) return false;
  state_.Put(key, "0");
  return true;
}

std::vector<uint32_t> SocialBook::UnpaidParticipants(const std::string& server, const std::string& event_id) const {
  const std::string prefix = absl::StrCat("ep/", server, "/", event_id, "/");
  std::vector<uint32_t> out;
  for (const auto& [key, value] : state_.Scan(prefix)) {
    uint32_t id = 0;
    if (value == "0" && absl::SimpleAtoi(key.substr(prefix.size()), &id)) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void SocialBook::MarkPaid(const std::string& server, const std::string& event_id, uint32_t char_id) {
  state_.Put(absl::StrCat("ep/", server, "/", event_id, "/", char_id), "1");
}

void SocialBook::PutTask(const v1::GuildTask& task) {
  state_.Put(absl::StrCat("t/", task.server_id(), "/", task.task_id()), task.SerializeAsString());
  const std::string active = absl::StrCat("at/", task.server_id(), "/", task.task_id());
  if (task.status() == v1::CONTENT_STATUS_ACTIVE) {
    state_.Put(active, "");
  } else {
    state_.Erase(active);
  }
}

std::optional<v1::GuildTask> SocialBook::GetTask(const std::string& server, const std::string& task_id) const {
  return Parse<v1::GuildTask>(state_.Get(absl::StrCat("t/", server, "/", task_id)));
}

std::vector<v1::GuildTask> SocialBook::Tasks(const std::string& server) const {
  return ParseAll<v1::GuildTask>(state_.Scan(absl::StrCat("t/", server, "/")));
}

std::vector<v1::GuildTask> SocialBook::ActiveTasks(const std::string& server) const {
  const std::string prefix = absl::StrCat("at/", server, "/");
  std::vector<v1::GuildTask> out;
  for (const auto& [key, value] : state_.Scan(prefix)) {
    std::optional<v1::GuildTask> t = GetTask(server, key.substr(prefix.size()));
    if (t.has_value() && t->status() == v1::CONTENT_STATUS_ACTIVE) out.push_back(*std::move(t));
  }
  return out;
}

void SocialBook::AddContribution(const std::string& server, const std::string& task_id, uint32_t char_id, uint32_t by) {
  const std::string key = absl::StrCat("tp/", server, "/", task_id, "/", char_id);
  uint32_t n = 0;
  if (std::optional<std::string> had = state_.Get(key)) (void)absl::SimpleAtoi(*had, &n);
  state_.Put(key, std::to_string(n + by));
}

std::vector<Contributor> SocialBook::Contributors(const std::string& server, const std::string& task_id, size_t limit) const {
  const std::string prefix = absl::StrCat("tp/", server, "/", task_id, "/");
  std::vector<Contributor> out;
  for (const auto& [key, value] : state_.Scan(prefix)) {
    Contributor c;
    if (!absl::SimpleAtoi(key.substr(prefix.size()), &c.char_id) || !absl::SimpleAtoi(value, &c.contribution)) continue;
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const Contributor& a, const Contributor& b) {
    if (a.contribution != b.contribution) return a.contribution > b.contribution;
    return a.char_id < b.char_id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::set<std::string> SocialBook::ExploredMaps(const std::string& server, const std::string& task_id) const {
  std::optional<std::string> text = state_.Get(absl::StrCat("tx/", server, "/", task_id));
  if (!text.has_value()) return {};
  std::vector<std::string> maps = absl::StrSplit(*text, ',', absl::SkipEmpty());
  return {maps.begin(), maps.end()};
}

void SocialBook::PutExploredMaps(const std::string& server, const std::string& task_id, const std::set<std::string>& maps) {
  state_.Put(absl::StrCat("tx/", server, "/", task_id), absl::StrJoin(maps, ","));
}

void SocialBook::ErasePrefix(const std::string& prefix) {
  for (const auto& [key, value] : state_.Scan(prefix)) state_.Erase(key);
}

size_t SocialBook::PruneHistory(const std::string& server, absl::Time before) {
  size_t removed = 0;
  for (const v1::SocialEvent& e : Events(server)) {
    if (e.status() == v1::CONTENT_STATUS_ACTIVE || FromProto(e.starts_at()) >= before) continue;
    ErasePrefix(absl::StrCat("ep/", server, "/", e.event_id(), "/"));
    state_.Erase(absl::StrCat("e/", server, "/", e.event_id()));
    ++removed;
  }
  for (const v1::GuildTask& t : Tasks(server)) {
    if (t.status() == v1::CONTENT_STATUS_ACTIVE || FromProto(t.created_at()) >= before) continue;
    ErasePrefix(absl::StrCat("tp/", server, "/", t.task_id(), "/"));
    state_.Erase(absl::StrCat("tx/", server, "/", t.task_id()));
    state_.Erase(absl::StrCat("t/", server, "/", t.task_id()));
    ++removed;
  }
  return removed;
}

uint64_t SocialBook::EraseCharacters(const std::vector<uint32_t>& char_ids) {
  std::set<std::string> ids;
  for (uint32_t id : char_ids) ids.insert(std::to_string(id));
  uint64_t removed = 0;
  for (const char* prefix : {"ep/", "tp/"}) {
    for (const auto& [key, value] : state_.Scan(prefix)) {
      const size_t slash = key.rfind('/');
      if (slash == std::string::npos || !ids.contains(key.substr(slash + 1))) continue;
      state_.Erase(key);
      ++removed;
    }
  }
  return removed;
}

}  // namespace aiworld::progression
