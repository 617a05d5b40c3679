#pragma once
// An NPC's Big-Five personality and the mood it gives its replies (reference §3.1 Dialogue):
// agreeableness > 0.7 friendly; else neuroticism > 0.7 anxious; else extraversion > 0.7
// enthusiastic; else openness > 0.7 curious; else conscientiousness > 0.7 professional; else
// neutral. Exactly 0.7 is not above it.
//
// A server NPC has no personality data, so one is derived from its key: each trait a stable hash of
// (server, NPC key, trait) mapped to [0, 1), the same on every replica and every run. An NPC given
// one (a mesh-spawned or story NPC) keeps it in the Dialogue agent's state under
// "persona|<server>|<npc key>".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "aiworld/v1/core.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::core {

struct Personality {
  double openness = 0.5;
  double conscientiousness = 0.5;
  double extraversion = 0.5;
  double agreeableness = 0.5;
  double neuroticism = 0.5;
};

Personality DerivePersonality(std::string_view server_id, std::string_view npc_key);
v1::NpcMood MoodOf(const Personality& p);
// "friendly", "anxious", ...
const char* MoodName(v1::NpcMood mood);
// The rAthena emotion_type shown with a reply: friendly ET_SMILE 18, anxious ET_SWEAT 4,
// enthusiastic ET_BEST 21, curious ET_QUESTION 1, professional ET_OK 33; neutral none.
std::optional<uint32_t> EmotionOf(v1::NpcMood mood);

class PersonalityBook {
 public:
  PersonalityBook(agentkit::StateStore& dialogue_state, std::string server_id)
      : state_(dialogue_state), server_id_(std::move(server_id)) {}
  // The stored personality, else the derived one.
  Personality Of(const v1::NpcRef& npc) const;
  // INVALID_ARGUMENT naming the trait outside 0..1, or the npc.
  absl::Status Set(const v1::NpcRef& npc, const Personality& p);

 private:
  std::string Key(const v1::NpcRef& npc) const;
  agentkit::StateStore& state_;
  const std::string server_id_;
};

}  // namespace aiworld::core
