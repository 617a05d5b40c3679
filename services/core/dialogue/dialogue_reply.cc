#include "services/core/dialogue/dialogue_reply.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "runtime/random.h"
#include "services/agentkit/content_filter.h"
#include "services/core/dialogue/personality.h"
#include "services/core/dialogue/rate_limiter.h"
#include "services/core/dialogue/reply_templates.h"
#include "services/core/memory/keywords.h"
#include "services/core/memory/memory_book.h"
#include "services/core/memory/npc_key.h"

namespace aiworld::core {
namespace {
constexpr char kDecisionType[] = "npc_dialogue";
constexpr char kFallbackLine[] = "Hmm... let me think about that.";
constexpr size_t kKeywordBuckets = 16;

const char* Acquaintance(const std::optional<v1::Relationship>& rel) {
  if (!rel.has_value()) return "stranger";
  if (rel->affinity() > 0.3) return "liked";
  if (rel->affinity() < -0.3) return "disliked";
  return "known";
}

std::vector<double> Features(const Personality& p, Topic topic, const std::vector<std::string>& keywords) {
  std::vector<double> f = {p.openness, p.conscientiousness, p.extraversion, p.agreeableness, p.neuroticism,
                           topic == Topic::kTalk ? 1.0 : 0.0, topic == Topic::kTrade ? 1.0 : 0.0,
                           topic == Topic::kQuest ? 1.0 : 0.0};
  // The words weigh most: a similar reply is one to a similar line.
  std::vector<double> buckets(kKeywordBuckets, 0.0);
  for (const std::string& w : keywords) buckets[StableSeed({w}) % kKeywordBuckets] += 1.0;
  double norm = 0;
  for (double b : buckets) norm += b * b;
  norm = std::sqrt(norm);
  for (double b : buckets) f.push_back(norm > 0 ? 2.0 * b / norm : 0.0);
  return f;
}

std::string Prompt(const DialogueLine& line, const std::string& npc_name, const Personality& p, v1::NpcMood mood,
                   Topic topic, const std::optional<v1::Relationship>& rel, const std::vector<RecalledMemory>& recalled,
                   const Standing& standing) {
  std::vector<v1::Memory> memories;
  for (const RecalledMemory& r : recalled) memories.push_back(r.memory);
  const std::string remembered = SummariseMemories(memories, 600);
  return absl::StrFormat(
      "You are %s. Personality (Big Five, 0..1): openness %.2f, conscientiousness %.2f, extraversion %.2f, "
      "agreeableness %.2f, neuroticism %.2f. Mood: %s.\n"
      "The player is level %d on map %s. Their standing: %s.\n"
      "Relationship: %s.\nWhat you remember of them: %s.\nThe conversation is about: %s.\n"
      "They say: \"%s\"\nReply as %s:",
      npc_name, p.openness, p.conscientiousness, p.extraversion, p.agreeableness, p.neuroticism, MoodName(mood),
      line.base_level, line.map.empty() ? "unknown" : line.map, DescribeStanding(standing),
      rel.has_value() ? absl::StrFormat("affinity %.2f after %d conversations", rel->affinity(), rel->interactions())
                      : std::string("first meeting"),
      remembered.empty() ? "nothing" : remembered, TopicName(topic), line.text, npc_name);
}

std::string Quoted(const std::string& text) { return absl::StrCat("\"", CutUtf8(text, 300), "\""); }
}  // namespace

std::string DisplayNameOf(const v1::NpcRef& npc) {
  if (npc.has_tag()) return npc.tag();
  const std::string& ex = npc.exname();
  const size_t hash = ex.find('#');
  const std::string name = hash == std::string::npos ? ex : ex.substr(0, hash);
  return name.empty() ? "a townsperson" : name;
}

absl::StatusOr<DialogueReply> Converse(const agentkit::AgentContext& ctx, const Standing& standing, const DialogueLine& line) {
  DialogueRateLimiter limiter(*ctx.state, line.server_id);
  if (const RateVerdict v = limiter.Admit(line.char_id, line.account_id, line.at); !v.allowed) {
    return absl::ResourceExhaustedError(absl::StrCat("char_id: ", line.char_id, " is over the dialogue rate limit; retry after ",
                                                     absl::ToInt64Milliseconds(v.retry_after), " ms"));
  }
  const std::string npc_name = line.npc_name.empty() ? DisplayNameOf(line.npc) : line.npc_name;
  const Personality personality = PersonalityBook(*ctx.state, line.server_id).Of(line.npc);

  DialogueReply reply;
  reply.mood = MoodOf(personality);
  reply.emotion = EmotionOf(reply.mood);
  reply.topic = TopicOf(line.text);
  reply.suggested_actions = SuggestedActions(reply.topic);

  agentkit::StateStore* memory_state = ctx.StateOf("memory");
  ReplyContext rc;
  rc.char_name = line.char_name.empty() ? "traveller" : line.char_name;
  rc.mood = reply.mood;
  rc.topic = reply.topic;
  rc.text_keywords = Keywords(line.text);
  rc.standing = standing;
  if (memory_state != nullptr) {
    const MemoryBook book(*memory_state, line.server_id);
    rc.recalled = book.Recall(line.npc, line.char_id, line.text, line.at);
    rc.relationship = book.RelationshipWith(line.npc, line.char_id);
  }

  decision::DecisionRequest request;
  request.type = kDecisionType;
  request.cache_key = absl::StrCat(kDecisionType, "|", line.server_id, "|", NpcKey(line.npc), "|", TopicName(reply.topic), "|",
                                   MoodName(reply.mood), "|", Acquaintance(rc.relationship), "|",
                                   standing.known ? standing.influence_tier : 99, "|", absl::StrJoin(rc.text_keywords, " "));
  request.features = Features(personality, reply.topic, rc.text_keywords);
  request.system = absl::StrCat(
      "You are a non-player character in the MMORPG Ragnarok Online. Stay in character. Answer in one or two short "
      "sentences, under 200 characters, plain text without colour codes or markup. Do not use the player's name.");
  request.prompt = Prompt(line, npc_name, personality, reply.mood, reply.topic, rc.relationship, rc.recalled, standing);
  request.template_answer = [&] { return TemplateReply(rc, *ctx.random); };
  request.temperature = 0.8;  // the reference's dialogue temperature
  request.max_tokens = 120;
  reply.decision = ctx.Decide(std::move(request));

  const agentkit::ContentFilter fallback_filter = agentkit::ContentFilter::Default();
  const agentkit::ContentFilter& filter = ctx.filter != nullptr ? *ctx.filter : fallback_filter;
  absl::StatusOr<std::string> clean = filter.Clean(agentkit::TextKind::kDialogue, reply.decision.text);
  if (clean.ok()) {
    reply.text = *clean;
    reply.filtered = *clean != reply.decision.text;
  } else {
    reply.filtered = true;
    absl::StatusOr<std::string> templated = reply.decision.tier == v1::TIER_TEMPLATE
                                                ? clean
                                                : filter.Clean(agentkit::TextKind::kDialogue, TemplateReply(rc, *ctx.random));
    reply.text = templated.ok() ? *templated : kFallbackLine;
  }

  if (memory_state != nullptr) {
    NewMemory m;
    m.kind = v1::MEMORY_KIND_CONVERSATION;
    m.content = absl::StrCat(rc.char_name, " said ", Quoted(line.text), "; I replied ", Quoted(reply.text));
    m.importance = ImportanceOf(reply.topic);
    m.valence = ValenceOf(line.text);
    m.map = line.map.size() <= 11 ? line.map : "";
    // Already validated by the callers; a failure only loses this memory, never the reply.
    (void)MemoryBook(*memory_state, line.server_id).Record(line.npc, line.char_id, line.account_id, m, line.at);
  }
  return reply;
}

}  // namespace aiworld::core
