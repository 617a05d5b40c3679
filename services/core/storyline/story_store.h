#pragma once
// The storyline's state in its StateStore. Arcs are v1::StoryArc messages; the rest is small
// versioned text ("v1|..."), so a value written today is read the same after an upgrade.
//
//   arc/<arc_id>                        v1::StoryArc (all chapters)
//   plan/<arc_id>                       ArcPlan (story_plan.h)
//   active/<server_id>                  arc_id of the server's active arc
//   seq/<server_id>                     last arc number of the server
//   story_quest_id                      last story quest id (8000..8999, then wraps)
//   part/<arc_id>/<char_id>             Participant
//   choice/<arc_id>/<chapter>/<choice_id>  v1::RecordChoiceRequest as recorded
//   deployed/<arc_id>/<chapter>         "1" once the chapter's NPCs and boss were spawned
//   heroweek/<arc_id>/<yyyy-mm-dd>      "1" once that week's heroes were rewarded
//   tpl/<quest_key>                     v1::Quest: the template of a chapter's story quest
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/core.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::core {

inline constexpr int64_t kStoryQuestIdFirst = 8000;
inline constexpr int64_t kStoryQuestIdLast = 8999;

struct Participant {
  uint32_t char_id = 0;
  std::string char_name;
  uint32_t chapters_mask = 0;  // bit N-1 set: chapter N completed
  uint32_t quests_completed = 0;
  double contribution_score = 0;
  uint32_t choices_made = 0;
  int64_t last_unix = 0;

  uint32_t chapters_completed() const;
  bool Completed(uint32_t chapter) const { return chapter >= 1 && chapter <= 32 && (chapters_mask >> (chapter - 1)) & 1U; }
  void MarkCompleted(uint32_t chapter) {
    if (chapter >= 1 && chapter <= 32) chapters_mask |= 1U << (chapter - 1);
  }
  std::string Encode() const;
  static std::optional<Participant> Decode(const std::string& text);
  v1::StoryParticipation ToProto(const std::string& arc_id, bool hero) const;
};

class StoryStore {
 public:
  explicit StoryStore(agentkit::StateStore& state) : state_(state) {}

  std::optional<v1::StoryArc> Arc(const std::string& arc_id) const;
  void PutArc(const v1::StoryArc& arc);
  std::vector<v1::StoryArc> Arcs(const std::string& server_id) const;
  std::optional<std::string> ActiveArcId(const std::string& server_id) const;
  void SetActive(const std::string& server_id, const std::string& arc_id);
  void ClearActive(const std::string& server_id);
  uint64_t NextArcNumber(const std::string& server_id);
  int64_t NextStoryQuestId();

  std::optional<std::string> Plan(const std::string& arc_id) const;
  void PutPlan(const std::string& arc_id, const std::string& plan);

  std::optional<Participant> GetParticipant(const std::string& arc_id, uint32_t char_id) const;
  void PutParticipant(const std::string& arc_id, const Participant& p);
  std::vector<Participant> Participants(const std::string& arc_id) const;

  // False when choice_id was already recorded for the arc and chapter.
  bool AddChoice(const v1::RecordChoiceRequest& choice);
  std::vector<v1::RecordChoiceRequest> Choices(const std::string& arc_id, uint32_t chapter) const;

  bool Flag(const std::string& key) const { return state_.Get(key).has_value(); }
  void SetFlag(const std::string& key) { state_.Put(key, "1"); }

  std::optional<v1::Quest> QuestTemplate(const std::string& quest_key) const;
  void PutQuestTemplate(const v1::Quest& quest);

  // Removes the participations and choices of these characters and their places among heroes;
  // returns the entries removed.
  uint64_t EraseCharacters(const std::vector<uint32_t>& char_ids);

 private:
  agentkit::StateStore& state_;
};

}  // namespace aiworld::core
