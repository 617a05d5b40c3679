#pragma once
// Text a player will read (quest titles and descriptions, arc names, chapter text): asked of the
// decision engine as two labelled parts, "Title: ..." and "Text: ...", with a template answer in
// the same shape, then cleaned by the context's content filter. A part the model left out or the
// filter refused falls back to the template's part, so a reply always reads well.
#include <cstddef>
#include <string>

#include "aiworld/v1/common.pb.h"
#include "services/agentkit/agent.h"

namespace aiworld::core {

struct TitledTextRequest {
  std::string type;        // decision type, e.g. "quest_text", "story_arc", "story_chapter"
  std::string cache_key;   // exact-match cache key; empty: none
  std::string prompt;      // facts for the model; the reply format is appended
  std::string template_title;
  std::string template_text;
  size_t title_max_bytes = 60;
  size_t text_max_bytes = 2000;
  double complexity = 0.3;
};

struct TitledText {
  std::string title;
  std::string text;
  v1::Tier tier = v1::TIER_TEMPLATE;
};

TitledText DecideTitledText(const agentkit::AgentContext& ctx, const TitledTextRequest& request);

// Cleans one text through the context's filter (the default filter when the context has none);
// on refusal returns `fallback` cleaned the same way (or cut as it is if even that is refused).
std::string CleanText(const agentkit::AgentContext& ctx, agentkit::TextKind kind, const std::string& text,
                      const std::string& fallback, size_t max_bytes);

// `text` cut to at most max_bytes at a UTF-8 character boundary, preferring the last space.
std::string CutAtWord(const std::string& text, size_t max_bytes);

}  // namespace aiworld::core
