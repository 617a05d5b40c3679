#include "services/core/quest/quest_agent.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/memory/npc_key.h"
#include "services/core/quest/generated_text.h"
#include "services/core/quest/quest_book.h"
#include "services/core/quest/quest_maker.h"
#include "services/core/quest/quest_rules.h"

namespace aiworld::core {
namespace {

bool IsOpen(const v1::Quest& q) {
  return q.status() == v1::QUEST_STATUS_OFFERED || q.status() == v1::QUEST_STATUS_ACTIVE;
}

v1::Action WithCause(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::string key) {
  v1::Action a;
  a.set_idempotency_key(std::move(key));
  *a.mutable_cause()->add_events() = agentkit::EventRefOf(ctx, e);
  return a;
}

v1::NpcRef RefOf(const v1::NpcInteraction& npc) {
  v1::NpcRef ref;
  if (!npc.npc_tag().empty()) {
    ref.set_tag(npc.npc_tag());
  } else {
    ref.set_exname(npc.npc_exname());
  }
  return ref;
}

void Say(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, const std::string& what, const std::string& text,
         std::vector<v1::Action>* actions) {
  const v1::NpcInteraction& npc = e.event().npc_interaction();
  v1::Action a = WithCause(ctx, e, absl::StrCat("quest/say/", ctx.batch_sequence, "/", e.index(), "/", what));
  a.set_priority(v1::PRIORITY_HIGH);
  a.mutable_target()->set_char_id(e.event().char_id());
  v1::NpcSay* say = a.mutable_npc_say();
  *say->mutable_npc() = RefOf(npc);
  say->set_char_id(e.event().char_id());
  say->set_mode(v1::NPC_SAY_MODE_OVERHEAD);
  say->set_text(CleanText(ctx, agentkit::TextKind::kDialogue, text, "Good luck, adventurer.", 255));
  actions->push_back(std::move(a));
}

void Offer(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, const v1::Quest& quest,
           std::vector<v1::Action>* actions) {
  v1::Action a = WithCause(ctx, e, absl::StrCat("quest/", quest.quest_key(), "/offer/", ctx.batch_sequence, "/", e.index()));
  a.set_priority(v1::PRIORITY_HIGH);
  a.mutable_target()->set_char_id(quest.char_id());
  v1::OfferQuest* offer = a.mutable_offer_quest();
  offer->set_char_id(quest.char_id());
  *offer->mutable_giver() = quest.giver();
  *offer->mutable_generated() = ToGenerated(quest);
  actions->push_back(std::move(a));
}

// Marks the quest completed and rewards it, unless it already was.
void Complete(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, v1::Quest& quest, QuestBook& book,
              std::vector<v1::Action>* actions) {
  if (quest.status() == v1::QUEST_STATUS_COMPLETED) return;
  quest.set_status(v1::QUEST_STATUS_COMPLETED);
  *quest.mutable_completed_at() = ToProto(ctx.now);
  for (int i = 0; i < quest.objectives_size(); ++i) quest.set_objective_progress(i, quest.objectives(i).quantity());
  book.Put(quest);

  const v1::RewardBundle& r = quest.reward();
  if (r.items_size() > 0 || r.zeny() > 0 || r.base_exp() > 0 || r.job_exp() > 0) {
    v1::Action reward = WithCause(ctx, e, absl::StrCat("quest/", quest.quest_key(), "/reward"));
    reward.set_priority(v1::PRIORITY_HIGH);
    reward.mutable_target()->set_char_id(quest.char_id());
    v1::GiveReward* give = reward.mutable_give_reward();
    give->set_char_id(quest.char_id());
    *give->mutable_reward() = r;
    give->set_reason(CutAtWord(CleanText(ctx, agentkit::TextKind::kDialogue, "Quest complete: " + quest.title(),
                                       "Quest complete", 100),
                             100));
    give->set_notify(true);
    actions->push_back(std::move(reward));
  }
  v1::Action told = WithCause(ctx, e, absl::StrCat("quest/", quest.quest_key(), "/done"));
  told.mutable_target()->set_char_id(quest.char_id());
  v1::Broadcast* b = told.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_PLAYER);
  b->set_char_id(quest.char_id());
  b->set_style(v1::BROADCAST_STYLE_BLUE);
  b->set_text(CleanText(ctx, agentkit::TextKind::kBroadcast, "Quest complete: " + quest.title(), "Quest complete!", 255));
  actions->push_back(std::move(told));
}

bool WantsQuest(const v1::NpcInteraction& npc) {
  if (npc.kind() == v1::NPC_INTERACTION_KIND_CLICK) return true;
  return npc.kind() == v1::NPC_INTERACTION_KIND_MENU_CHOICE &&
         absl::StrContains(absl::AsciiStrToLower(npc.menu_option()), "quest");
}

}  // namespace

std::vector<v1::EventKind> QuestAgent::subscriptions() const {
  return {v1::EVENT_KIND_NPC_INTERACTION, v1::EVENT_KIND_QUEST_ACCEPTED, v1::EVENT_KIND_QUEST_COMPLETED,
          v1::EVENT_KIND_MONSTER_KILLED,  v1::EVENT_KIND_ITEM_PICKED_UP, v1::EVENT_KIND_MAP_CHANGE};
}

std::vector<v1::ActionKind> QuestAgent::emitted_actions() const {
  return {v1::ACTION_KIND_OFFER_QUEST, v1::ACTION_KIND_NPC_SAY, v1::ACTION_KIND_GIVE_REWARD, v1::ACTION_KIND_BROADCAST};
}

absl::Status QuestAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                      std::vector<v1::Action>* actions) {
  for (const v1::RoutedEvent* e : events) {
    switch (e->event().payload_case()) {
      case v1::GameEvent::kNpcInteraction: OnInteraction(ctx, *e, actions); break;
      case v1::GameEvent::kQuestAccepted: OnAccepted(ctx, *e); break;
      case v1::GameEvent::kQuestCompleted: OnCompleted(ctx, *e, actions); break;
      case v1::GameEvent::kMonsterKilled:
      case v1::GameEvent::kItemPickedUp:
      case v1::GameEvent::kMapChange: OnProgress(ctx, *e, actions); break;
      default: break;
    }
  }
  return absl::OkStatus();
}

void QuestAgent::OnInteraction(agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::vector<v1::Action>* actions) {
  const v1::GameEvent& ev = e.event();
  const v1::NpcInteraction& npc = ev.npc_interaction();
  if (ev.char_id() == 0 || !WantsQuest(npc) || absl::StartsWith(npc.npc_tag(), "story_")) return;
  QuestBook book(*ctx.state);
  std::vector<v1::Quest> quests = book.OfCharacter(ctx.server_id, ev.char_id());

  // Reporting back: TALK objectives on this NPC.
  bool reported = false;
  for (v1::Quest& q : quests) {
    if (q.status() != v1::QUEST_STATUS_ACTIVE || !ApplyTalk(q, npc.npc_exname(), npc.npc_tag())) continue;
    reported = true;
    if (ObjectivesDone(q)) {
      Say(ctx, e, "thanks/" + q.quest_key(), "Well done. As promised, here is your reward.", actions);
      Complete(ctx, e, q, book, actions);
    } else {
      book.Put(q);
    }
  }
  if (reported) return;

  const std::optional<NpcClass> cls = NpcClassOfSprite(catalogue_, npc.npc_sprite());
  if (!cls.has_value()) return;
  const v1::NpcRef giver = RefOf(npc);
  int open = 0;
  for (v1::Quest& q : quests) {
    if (q.status() == v1::QUEST_STATUS_OFFERED && ctx.now - FromProto(q.created_at()) > kOfferLifetime) {
      q.set_status(v1::QUEST_STATUS_EXPIRED);
      book.Put(q);
      continue;
    }
    if (!IsOpen(q)) continue;
    ++open;
    if (q.giver().SerializeAsString() != giver.SerializeAsString()) continue;
    if (q.status() == v1::QUEST_STATUS_OFFERED) {
      Offer(ctx, e, q, actions);
      return;
    }
    const v1::QuestObjective* next = NextObjective(q);
    Say(ctx, e, "remind", absl::StrCat("Still working on \"", q.title(), "\"? ", next != nullptr ? next->description() : "", "."),
        actions);
    return;
  }
  if (open >= kMaxOpenQuestsPerCharacter) {
    Say(ctx, e, "busy", "You already carry enough tasks. Finish some of them first, then come back to me.", actions);
    return;
  }

  QuestGiver g;
  g.ref = giver;
  g.name = npc.npc_name();
  g.map = ev.map();
  g.npc_class = *cls;
  // The same personality the NPC talks with (the Dialogue agent keeps the ones given to NPCs).
  agentkit::StateStore* dialogue_state = ctx.StateOf("dialogue");
  g.personality = dialogue_state != nullptr ? PersonalityBook(*dialogue_state, ctx.server_id).Of(giver)
                                            : DerivePersonality(ctx.server_id, NpcKey(giver));
  QuestFor who;
  who.char_id = ev.char_id();
  who.char_name = ev.char_name();
  who.level = std::max<uint32_t>(ev.base_level(), 1);
  v1::Quest quest = MakeQuest(ctx, QuestBook::QuestKeyOf(book.NextQuestId()), g, who, catalogue_);
  book.Put(quest);
  book.RememberAccount(ev.account_id(), ev.char_id());
  Offer(ctx, e, quest, actions);
  Say(ctx, e, "offer", quest.title() + ": " + quest.description(), actions);
}

void QuestAgent::OnAccepted(agentkit::AgentContext& ctx, const v1::RoutedEvent& e) {
  const v1::QuestAccepted& accepted = e.event().quest_accepted();
  const std::string key = QuestBook::KeyFromEvent(accepted.quest_id(), accepted.mesh_quest_key());
  if (key.empty()) return;
  QuestBook book(*ctx.state);
  std::optional<v1::Quest> quest = book.Get(key);
  if (!quest.has_value() || quest->server_id() != ctx.server_id || quest->char_id() != e.event().char_id()) return;
  if (quest->status() != v1::QUEST_STATUS_OFFERED) return;
  quest->set_status(v1::QUEST_STATUS_ACTIVE);
  *quest->mutable_accepted_at() = ToProto(ctx.now);
  book.Put(*quest);
}

void QuestAgent::OnCompleted(agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::vector<v1::Action>* actions) {
  const v1::QuestCompleted& completed = e.event().quest_completed();
  const std::string key = QuestBook::KeyFromEvent(completed.quest_id(), completed.mesh_quest_key());
  if (key.empty()) return;
  QuestBook book(*ctx.state);
  std::optional<v1::Quest> quest = book.Get(key);
  if (!quest.has_value() || quest->server_id() != ctx.server_id || quest->char_id() != e.event().char_id()) return;
  if (!IsOpen(*quest)) return;
  Complete(ctx, e, *quest, book, actions);
}

void QuestAgent::OnProgress(agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::vector<v1::Action>* actions) {
  const v1::GameEvent& ev = e.event();
  std::set<uint32_t> chars;
  if (ev.char_id() != 0) chars.insert(ev.char_id());
  if (ev.has_monster_killed()) {
    for (uint32_t member : ev.monster_killed().party_member_char_ids()) chars.insert(member);
  }
  QuestBook book(*ctx.state);
  for (uint32_t char_id : chars) {
    for (v1::Quest& q : book.OfCharacter(ctx.server_id, char_id)) {
      if (q.status() != v1::QUEST_STATUS_ACTIVE) continue;
      bool changed = false;
      if (ev.has_monster_killed()) changed = ApplyKill(q, ev.monster_killed().mob_id(), ev.map());
      if (ev.has_item_picked_up()) changed = ApplyPickup(q, ev.item_picked_up().item().item_id(), ev.item_picked_up().item().amount());
      if (ev.has_map_change()) changed = ApplyVisit(q, ev.map());
      if (!changed) continue;
      if (ObjectivesDone(q)) {
        Complete(ctx, e, q, book, actions);
      } else {
        book.Put(q);
      }
    }
  }
}

std::vector<uint32_t> QuestAgent::CharactersOf(agentkit::StateStore& state, uint32_t account_id) {
  return QuestBook(state).CharactersOf(account_id, {});
}

uint64_t QuestAgent::ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) {
  QuestBook book(state);
  return book.EraseCharacters(book.CharactersOf(account_id, char_ids));
}

}  // namespace aiworld::core
