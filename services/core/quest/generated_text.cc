#include "services/core/quest/generated_text.h"

#include <optional>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace aiworld::core {
namespace {

const agentkit::ContentFilter& FilterOf(const agentkit::AgentContext& ctx) {
  static const agentkit::ContentFilter kDefault = agentkit::ContentFilter::Default();
  return ctx.filter != nullptr ? *ctx.filter : kDefault;
}

// The value after "<label>:" on its line; for the last label, everything after it.
std::optional<std::string> Part(const std::string& reply, std::string_view label, bool rest) {
  const std::string needle = std::string(label) + ":";
  size_t at = 0;
  while (true) {
    at = reply.find(needle, at);
    if (at == std::string::npos) return std::nullopt;
    if (at == 0 || reply[at - 1] == '\n') break;
    at += needle.size();
  }
  const size_t start = at + needle.size();
  const size_t end = rest ? reply.size() : reply.find('\n', start);
  std::string value(absl::StripAsciiWhitespace(reply.substr(start, end == std::string::npos ? std::string::npos : end - start)));
  if (value.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::string CutAtWord(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  const size_t space = text.rfind(' ', cut);
  if (space != std::string::npos && space > max_bytes / 2) cut = space;
  return std::string(absl::StripTrailingAsciiWhitespace(text.substr(0, cut)));
}

std::string CleanText(const agentkit::AgentContext& ctx, agentkit::TextKind kind, const std::string& text,
                      const std::string& fallback, size_t max_bytes) {
  const agentkit::ContentFilter& filter = FilterOf(ctx);
  if (auto cleaned = filter.Clean(kind, text); cleaned.ok() && !cleaned->empty()) return CutAtWord(*cleaned, max_bytes);
  if (auto cleaned = filter.Clean(kind, fallback); cleaned.ok() && !cleaned->empty()) return CutAtWord(*cleaned, max_bytes);
  return CutAtWord(fallback, max_bytes);
}

TitledText DecideTitledText(const agentkit::AgentContext& ctx, const TitledTextRequest& request) {
  decision::DecisionRequest d;
  d.type = request.type;
  d.cache_key = request.cache_key;
  d.prompt = request.prompt +
             "\nAnswer in exactly this form, nothing else:\nTitle: <one line>\nText: <the text, plain prose, no markup>";
  d.system = "You write short, vivid fantasy text for a Ragnarok Online server. Never write code or script.";
  d.complexity = request.complexity;
  d.max_tokens = 600;
  d.temperature = 0.8;
  const std::string template_reply = "Title: " + request.template_title + "\nText: " + request.template_text;
  d.template_answer = [template_reply] { return template_reply; };
  const decision::Decision decided = ctx.Decide(std::move(d));

  TitledText out;
  out.tier = decided.tier == v1::TIER_UNSPECIFIED ? v1::TIER_TEMPLATE : decided.tier;
  const std::string title = Part(decided.text, "Title", false).value_or(request.template_title);
  const std::string text = Part(decided.text, "Text", true).value_or(request.template_text);
  const agentkit::TextKind title_kind =
      request.title_max_bytes <= 255 ? agentkit::TextKind::kDialogue : agentkit::TextKind::kArcText;
  const agentkit::TextKind text_kind =
      request.text_max_bytes <= 255 ? agentkit::TextKind::kDialogue : agentkit::TextKind::kArcText;
  out.title = CleanText(ctx, title_kind, title, request.template_title, request.title_max_bytes);
  out.text = CleanText(ctx, text_kind, text, request.template_text, request.text_max_bytes);
  return out;
}

}  // namespace aiworld::core
