#pragma once
// The template reply of an NPC (the decision engine's answer without an LLM): a greeting by mood and
// acquaintance, a line recalling what the NPC remembers of the character, a remark on the
// character's standing, and an answer to the topic (talk, trade, quest) in the NPC's mood — several
// variants of each, picked by the seeded random source. Optional parts are dropped first when the
// whole would exceed 255 bytes.
#include <optional>
#include <string>
#include <vector>

#include "aiworld/v1/core.pb.h"
#include "runtime/random.h"
#include "services/core/dialogue/standing_source.h"
#include "services/core/dialogue/text_cues.h"
#include "services/core/memory/memory_book.h"

namespace aiworld::core {

struct ReplyContext {
  std::string char_name;
  v1::NpcMood mood = v1::NPC_MOOD_NEUTRAL;
  Topic topic = Topic::kTalk;
  std::optional<v1::Relationship> relationship;  // none: they never met
  std::vector<RecalledMemory> recalled;          // best first
  std::vector<std::string> text_keywords;        // of the player's line
  Standing standing;
};

std::string TemplateReply(const ReplyContext& context, RandomSource& random);

// The parts, for tests: "" when a part has nothing to say.
std::string GreetingPart(const ReplyContext& context, RandomSource& random);
std::string RecallPart(const ReplyContext& context, RandomSource& random);
std::string StandingPart(const ReplyContext& context, RandomSource& random);
std::string TopicPart(const ReplyContext& context, RandomSource& random);

}  // namespace aiworld::core
