#pragma once
// One turn of conversation with an NPC, shared by the Dialogue agent (NpcInteraction TEXT_INPUT /
// WHISPER -> NpcSay) and Core.Talk:
//
//   1. the per-player rate limit (rate_limiter.h); over it: RESOURCE_EXHAUSTED, no reply
//   2. the NPC's personality and mood (personality.h), the line's topic (text_cues.h)
//   3. what the NPC remembers of the character: the 5 most relevant memories and the relationship,
//      from the Memory agent's state (ctx.StateOf("memory"); none when it is absent)
//   4. the decision "npc_dialogue" (rules none -> cache -> LLM batch / single -> template): a cache
//      key of NPC, topic, mood, acquaintance, standing and the line's keywords; a feature vector of
//      the personality, the topic and hashed keywords; a prompt; the template reply
//   5. the content filter; a rejected LLM text falls back to the template, a rejected template to a
//      fixed line
//   6. a CONVERSATION memory of the exchange (importance by topic, valence by the player's words)
//
// Only the StateStores and the Standing the caller looked up are touched: no other I/O unless an
// LLM is configured.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/core.pb.h"
#include "services/agentkit/agent.h"
#include "services/core/dialogue/standing_source.h"
#include "services/core/dialogue/text_cues.h"

namespace aiworld::core {

struct DialogueLine {
  std::string server_id;
  v1::NpcRef npc;
  std::string npc_name;  // "" = derived from the exname or tag
  uint32_t char_id = 0;
  uint32_t account_id = 0;  // 0 = unknown
  std::string char_name;
  std::string text;
  std::string map;
  uint32_t base_level = 0;
  uint32_t job_id = 0;
  absl::Time at;  // when the line was said (event time, or the Talk request's now)
};

struct DialogueReply {
  std::string text;
  v1::NpcMood mood = v1::NPC_MOOD_NEUTRAL;
  std::optional<uint32_t> emotion;
  Topic topic = Topic::kTalk;
  std::vector<std::string> suggested_actions;
  bool filtered = false;
  decision::Decision decision;
};

// ctx: state = the Dialogue agent's state, random, and optionally decisions, filter and state_of.
absl::StatusOr<DialogueReply> Converse(const agentkit::AgentContext& ctx, const Standing& standing, const DialogueLine& line);

// The name an NPC goes by when none is given: the exname before '#', or the tag.
std::string DisplayNameOf(const v1::NpcRef& npc);

}  // namespace aiworld::core
