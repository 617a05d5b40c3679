#include "services/core/dialogue/dialogue_agent.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/dialogue/dialogue_reply.h"
#include "services/core/memory/list_index.h"
#include "services/core/memory/npc_key.h"

namespace aiworld::core {
namespace {
bool IsTypedText(const v1::NpcInteraction& i) {
  return (i.kind() == v1::NPC_INTERACTION_KIND_TEXT_INPUT || i.kind() == v1::NPC_INTERACTION_KIND_WHISPER) && !i.text().empty();
}
}  // namespace

absl::Status DialogueAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                         std::vector<v1::Action>* actions) {
  std::map<uint32_t, Standing> standings;  // one lookup per character and batch
  for (const v1::RoutedEvent* routed : events) {
    const v1::GameEvent& e = routed->event();
    if (!e.has_npc_interaction() || e.char_id() == 0) continue;
    const v1::NpcInteraction& i = e.npc_interaction();
    if (!IsTypedText(i)) continue;
    DialogueLine line;
    line.server_id = ctx.server_id;
    line.npc = NpcRefOf(i.npc_tag(), i.npc_exname());
    if (!ValidateNpcRef(line.npc, "npc").ok()) continue;
    line.npc_name = i.npc_name();
    line.char_id = e.char_id();
    line.account_id = e.account_id();
    line.char_name = e.char_name();
    line.text = i.text();
    line.map = e.map();
    line.base_level = e.base_level();
    line.job_id = e.job_id();
    line.at = e.has_occurred_at() ? FromProto(e.occurred_at()) : ctx.now;
    auto found = standings.find(e.char_id());
    if (found == standings.end()) found = standings.emplace(e.char_id(), standing_->Lookup(ctx.server_id, e.char_id())).first;

    absl::StatusOr<DialogueReply> reply = Converse(ctx, found->second, line);
    if (!reply.ok()) continue;  // over the rate limit: no answer

    v1::Action a;
    a.set_idempotency_key(absl::StrCat("dialogue/", ctx.batch_sequence, "/", routed->index()));
    a.set_priority(v1::PRIORITY_HIGH);
    a.mutable_target()->set_char_id(e.char_id());
    a.mutable_target()->set_map(e.map());
    a.mutable_origin()->set_tier(reply->decision.tier);
    *a.mutable_origin()->mutable_decision_latency() = ToProto(reply->decision.latency);
    a.mutable_origin()->set_llm_cost_micros(reply->decision.cost_micros);
    a.mutable_origin()->set_llm_provider(reply->decision.provider.substr(0, 32));
    *a.mutable_cause()->add_events() = agentkit::EventRefOf(ctx, *routed);
    a.mutable_cause()->set_summary(absl::StrCat("reply to ", TopicName(reply->topic), " from char ", e.char_id()));
    v1::NpcSay* say = a.mutable_npc_say();
    *say->mutable_npc() = line.npc;
    say->set_char_id(e.char_id());
    say->set_text(reply->text);
    if (reply->emotion.has_value()) say->set_emotion(*reply->emotion);
    say->set_mode(i.kind() == v1::NPC_INTERACTION_KIND_TEXT_INPUT ? v1::NPC_SAY_MODE_DIALOG : v1::NPC_SAY_MODE_OVERHEAD);
    actions->push_back(std::move(a));
  }
  return absl::OkStatus();
}

std::vector<uint32_t> DialogueAgent::CharactersOf(agentkit::StateStore& state, uint32_t account_id) {
  return PlayerKeyIndex(state).CharactersOf(account_id);
}

uint64_t DialogueAgent::ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) {
  return PlayerKeyIndex(state).Erase(account_id, char_ids);
}

}  // namespace aiworld::core
