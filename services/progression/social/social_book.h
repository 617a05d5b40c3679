#pragma once
// Where the Social agent keeps its social events and guild tasks (keys; server ids never contain '/'):
//   e/<server>/<event_id>            a social event (v1::SocialEvent, serialized)
//   ae/<server>/<event_id>           present while the event is ACTIVE
//   ep/<server>/<event_id>/<char>    a participant: "0" waiting for the minimum, "1" rewarded
//   t/<server>/<task_id>             a guild task (v1::GuildTask, serialized)
//   at/<server>/<task_id>            present while the task is ACTIVE
//   tp/<server>/<task_id>/<char>     a member's contribution (decimal)
//   tx/<server>/<task_id>            exploration: the maps counted, comma-separated
//   n/<server>/event, n/<server>/task  the last numbers handed out
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/progression.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::progression {

struct Contributor {
  uint32_t char_id = 0;
  uint32_t contribution = 0;
};

class SocialBook {
 public:
  explicit SocialBook(agentkit::StateStore& state) : state_(state) {}

  std::string NextEventId(const std::string& server);  // "social_<n>"
  std::string NextTaskId(const std::string& server);   // "gtask_<n>"

  void PutEvent(const v1::SocialEvent& event);
  std::optional<v1::SocialEvent> GetEvent(const std::string& server, const std::string& event_id) const;
  std::vector<v1::SocialEvent> Events(const std::string& server) const;
  std::vector<v1::SocialEvent> ActiveEvents(const std::string& server) const;  // status ACTIVE
  // Adds a participant not yet paid; false when the character already takes part.
  bool AddParticipant(const std::string& server, const std::string& event_id, uint32_t char_id);
  std::vector<uint32_t> UnpaidParticipants(const std::string& server, const std::string& event_id) const;
  void MarkPaid(const std::string& server, const std::string& event_id, uint32_t char_id);

  void PutTask(const v1::GuildTask& task);
  std::optional<v1::GuildTask> GetTask(const std::string& server, const std::string& task_id) const;
  std::vector<v1::GuildTask> Tasks(const std::string& server) const;
  std::vector<v1::GuildTask> ActiveTasks(const std::string& server) const;  // status ACTIVE
  void AddContribution(const std::string& server, const std::string& task_id, uint32_t char_id, uint32_t by);
  // By contribution (largest first, then the lower char id), at most `limit`.
  std::vector<Contributor> Contributors(const std::string& server, const std::string& task_id, size_t limit) const;
  std::set<std::string> ExploredMaps(const std::string& server, const std::string& task_id) const;
  void PutExploredMaps(const std::string& server, const std::string& task_id, const std::set<std::string>& maps);

  // Removes events and tasks that are no longer active and began before `before`, with their
  // participants; returns how many were removed.
  size_t PruneHistory(const std::string& server, absl::Time before);
  uint64_t EraseCharacters(const std::vector<uint32_t>& char_ids);

 private:
  std::string NextNumber(const std::string& server, const std::string& kind);
  void ErasePrefix(const std::string& prefix);

  agentkit::StateStore& state_;
};

}  // namespace aiworld::progression
