#include "services/progression/faction/progression_actions.h"

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"

namespace aiworld::progression {
namespace {

v1::Action NewAction(std::string key, v1::Priority priority) {
  v1::Action a;
  a.set_idempotency_key(std::move(key));
  a.set_priority(priority);
  a.mutable_origin()->set_tier(v1::TIER_RULES);
  return a;
}

}  // namespace

std::string BatchKey(const agentkit::AgentContext& ctx, const std::string& rest) {
  return absl::StrCat("progression/", ctx.agent, "/b", ctx.batch_sequence, "/", rest);
}

std::string JobKey(const agentkit::AgentContext& ctx, const std::string& job, const std::string& rest) {
  return absl::StrCat("progression/", ctx.agent, "/", job, "@", absl::ToUnixSeconds(ctx.now), "/", rest);
}

void CauseByEvent(const agentkit::AgentContext& ctx, const v1::RoutedEvent& event, v1::Action& action) {
  *action.mutable_cause()->add_events() = agentkit::EventRefOf(ctx, event);
}

void CauseByJob(const agentkit::AgentContext& ctx, const std::string& job, v1::Action& action) {
  action.mutable_cause()->mutable_job()->set_job(job);
  *action.mutable_cause()->mutable_job()->mutable_slot() = ToProto(ctx.now);
}

v1::Action IntVariable(std::string key, uint32_t char_id, const std::string& name, int64_t value) {
  v1::Action a = NewAction(std::move(key), v1::PRIORITY_NORMAL);
  a.mutable_target()->set_char_id(char_id);
  v1::SetCharVariable* v = a.mutable_set_char_variable();
  v->set_char_id(char_id);
  v->set_name(name);
  v->set_int_value(value);
  return a;
}

v1::Action StringVariable(const agentkit::AgentContext& ctx, std::string key, uint32_t char_id, const std::string& name,
                          const std::string& text, const std::string& fallback) {
  v1::Action a = NewAction(std::move(key), v1::PRIORITY_NORMAL);
  a.mutable_target()->set_char_id(char_id);
  v1::SetCharVariable* v = a.mutable_set_char_variable();
  v->set_char_id(char_id);
  v->set_name(name);
  // An empty string clears the variable; it needs no filtering.
  v->set_string_value(text.empty() ? "" : core::CleanText(ctx, agentkit::TextKind::kDialogue, text, fallback, 64));
  return a;
}

v1::Action TellPlayer(const agentkit::AgentContext& ctx, std::string key, uint32_t char_id, const std::string& text,
                      const std::string& fallback) {
  v1::Action a = NewAction(std::move(key), v1::PRIORITY_NORMAL);
  a.mutable_target()->set_char_id(char_id);
  v1::Broadcast* b = a.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_PLAYER);
  b->set_char_id(char_id);
  b->set_style(v1::BROADCAST_STYLE_YELLOW);
  b->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast, text, fallback, 255));
  return a;
}

v1::Action TellServer(const agentkit::AgentContext& ctx, std::string key, const std::string& text, const std::string& fallback,
                      std::optional<uint32_t> color_rgb) {
  v1::Action a = NewAction(std::move(key), v1::PRIORITY_HIGH);
  v1::Broadcast* b = a.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(v1::BROADCAST_STYLE_YELLOW);
  if (color_rgb.has_value()) b->set_color_rgb(*color_rgb);
  b->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast, text, fallback, 255));
  return a;
}

int64_t GameDay(absl::Time now) {
  const int64_t seconds = absl::ToUnixSeconds(now);
  return seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
}

}  // namespace aiworld::progression
