#include "services/progression/social/social_events.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"

namespace aiworld::progression {
namespace {

const char* Hint(Participation p) {
  switch (p) {
    case Participation::kInParty: return "Bring your party";
    case Participation::kChat: return "Show your moves in public chat";
    case Participation::kTrade: return "Trade or vend there";
    default: return "Drop by";
  }
}

struct Town {
  const v1::MapActivity* activity = nullptr;
  const MapInfo* info = nullptr;
};

std::vector<Town> ActiveTowns(const v1::WorldSnapshot* world, const GameCatalogue& catalogue) {
  std::vector<Town> out;
  if (world == nullptr) return out;
  for (const v1::MapActivity& m : world->maps()) {
    const MapInfo* info = catalogue.FindMap(m.map());
    if (info == nullptr || info->kind != MapKind::kTown || (m.players_now() == 0 && m.visits_today() == 0)) continue;
    Town t;
    t.activity = &m;
    t.info = info;
    out.push_back(t);
  }
  std::sort(out.begin(), out.end(), [](const Town& a, const Town& b) {
    if (a.activity->players_now() != b.activity->players_now()) return a.activity->players_now() > b.activity->players_now();
    if (a.activity->visits_today() != b.activity->visits_today()) return a.activity->visits_today() > b.activity->visits_today();
    return a.activity->map() < b.activity->map();
  });
  return out;
}

v1::Action ForCharacter(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::string key, uint32_t char_id) {
  v1::Action a;
  a.set_idempotency_key(std::move(key));
  a.set_priority(v1::PRIORITY_NORMAL);
  a.mutable_origin()->set_tier(v1::TIER_RULES);
  a.mutable_target()->set_char_id(char_id);
  *a.mutable_cause()->add_events() = agentkit::EventRefOf(ctx, e);
  return a;
}

bool HasReward(const v1::RewardBundle& r) { return r.items_size() > 0 || r.zeny() > 0 || r.base_exp() > 0 || r.job_exp() > 0; }

void Pay(const agentkit::AgentContext& ctx, const v1::SocialEvent& event, const SocialEventSpec& spec, uint32_t char_id,
         const v1::RoutedEvent& e, std::vector<v1::Action>* actions) {
  const std::string prefix = absl::StrCat("progression/social/", event.event_id(), "/");
  if (HasReward(event.reward())) {
    v1::Action a = ForCharacter(ctx, e, absl::StrCat(prefix, "reward/", char_id), char_id);
    v1::GiveReward* give = a.mutable_give_reward();
    give->set_char_id(char_id);
    *give->mutable_reward() = event.reward();
    give->set_reason(absl::StrCat("Took part in the ", spec.display));
    give->set_notify(true);
    actions->push_back(std::move(a));
  }
  if (!event.title_reward().empty()) {
    v1::Action a = ForCharacter(ctx, e, absl::StrCat(prefix, "title/", char_id), char_id);
    v1::SetCharVariable* var = a.mutable_set_char_variable();
    var->set_char_id(char_id);
    var->set_name(kTitleVariable);
    var->set_string_value(event.title_reward());
    actions->push_back(std::move(a));
  }
  for (const StatusGrant& s : spec.statuses) {
    v1::Action a = ForCharacter(ctx, e, absl::StrCat(prefix, "buff/", char_id, "/", s.status), char_id);
    v1::ApplyStatus* apply = a.mutable_apply_status();
    apply->set_char_id(char_id);
    apply->set_status(s.status);
    apply->set_value1(s.value);
    *apply->mutable_duration() = ToProto(spec.buff_duration);
    actions->push_back(std::move(a));
  }
}

}  // namespace

void EndSocialEvents(const agentkit::AgentContext& ctx, SocialBook& book) {
  for (v1::SocialEvent& e : book.ActiveEvents(ctx.server_id)) {
    if (ctx.now < FromProto(e.ends_at())) continue;
    e.set_status(e.participants() >= e.min_participants() ? v1::CONTENT_STATUS_COMPLETED : v1::CONTENT_STATUS_EXPIRED);
    book.PutEvent(e);
  }
}

void PlanSocialEvents(const agentkit::AgentContext& ctx, SocialBook& book, const GameCatalogue& catalogue, const std::string& job,
                      std::vector<v1::Action>* actions) {
  const std::vector<Town> towns = ActiveTowns(ctx.world, catalogue);
  if (towns.empty()) return;  // nobody in any town yet: no event today
  std::vector<size_t> order(SocialEventTypes().size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (size_t i = order.size() - 1; i > 0; --i) {
    std::swap(order[i], order[static_cast<size_t>(ctx.random->UniformInt(0, static_cast<int64_t>(i)))]);
  }
  const size_t count = std::min({kDailySocialEvents, towns.size(), order.size()});
  for (size_t i = 0; i < count; ++i) {
    const SocialEventSpec& spec = SocialEventTypes()[order[i]];
    const Town& town = towns[i];
    v1::SocialEvent ev;
    ev.set_event_id(book.NextEventId(ctx.server_id));
    ev.set_server_id(ctx.server_id);
    ev.set_type(spec.type);
    ev.mutable_at()->set_map(town.info->name);
    ev.mutable_at()->set_x(town.info->width / 2);
    ev.mutable_at()->set_y(town.info->height / 2);
    ev.set_min_participants(spec.min_participants);
    ev.set_max_participants(spec.max_participants);
    *ev.mutable_reward() = spec.reward;
    ev.set_title_reward(spec.title);
    for (const v1::StatModifier& m : spec.buff) *ev.add_buff() = m;
    if (spec.buff_duration > absl::ZeroDuration()) *ev.mutable_buff_duration() = ToProto(spec.buff_duration);
    ev.set_status(v1::CONTENT_STATUS_ACTIVE);
    *ev.mutable_starts_at() = ToProto(ctx.now);
    *ev.mutable_ends_at() = ToProto(ctx.now + spec.duration);
    book.PutEvent(ev);

    const std::string prefix = absl::StrCat("progression/social/", ev.event_id(), "/");
    v1::ActionCause cause;
    cause.mutable_job()->set_job(job);
    *cause.mutable_job()->mutable_slot() = ToProto(ctx.now);
    cause.set_summary(absl::StrCat(spec.name, " in ", town.info->name, ", ", town.activity->players_now(), " players there"));

    v1::Action start;
    start.set_idempotency_key(prefix + "start");
    start.set_priority(v1::PRIORITY_NORMAL);
    start.mutable_origin()->set_tier(v1::TIER_RULES);
    start.mutable_target()->set_map(town.info->name);
    *start.mutable_cause() = cause;
    v1::StartWorldEvent* s = start.mutable_start_world_event();
    s->set_event_key(ev.event_id());
    s->set_npc_exname(kSocialEventNpc);
    (*s->mutable_parameters())["type"] = spec.name;
    (*s->mutable_parameters())["map"] = town.info->name;
    (*s->mutable_parameters())["min_participants"] = std::to_string(spec.min_participants);
    (*s->mutable_parameters())["max_participants"] = std::to_string(spec.max_participants);
    if (!spec.title.empty()) (*s->mutable_parameters())["title"] = spec.title;
    *s->mutable_duration() = ToProto(spec.duration);
    actions->push_back(std::move(start));

    const std::string until = absl::FormatTime("%H:%M", ctx.now + spec.duration, absl::UTCTimeZone());
    const std::string fallback =
        absl::StrCat("[Social] A ", spec.display, " begins in ", town.info->name, " until ", until, "! ", Hint(spec.participation), ".");
    decision::DecisionRequest request;
    request.type = "social_event_announcement";
    request.cache_key = absl::StrCat(spec.name, "/", town.info->name);
    request.features = {static_cast<double>(spec.type), static_cast<double>(town.activity->players_now())};
    request.prompt = absl::StrCat("Write one cheerful in-game announcement (at most 200 characters, no quotes) for a ", spec.display,
                                  " social event in the town ", town.info->name, " lasting until ", until, ". ",
                                  Hint(spec.participation), ". Start with [Social].");
    request.template_answer = [fallback] { return fallback; };
    request.complexity = 0.2;
    request.max_tokens = 80;
    const decision::Decision said = ctx.Decide(request);
    v1::Action told;
    told.set_idempotency_key(prefix + "announce");
    told.set_priority(v1::PRIORITY_NORMAL);
    told.mutable_origin()->set_tier(said.tier);
    *told.mutable_cause() = cause;
    v1::Broadcast* b = told.mutable_broadcast();
    b->set_scope(v1::BROADCAST_SCOPE_SERVER);
    b->set_style(v1::BROADCAST_STYLE_BLUE);
    b->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast, said.text, fallback, 255));
    actions->push_back(std::move(told));
  }
}

bool TakesPart(const SocialEventSpec& spec, const v1::GameEvent& e) {
  if (e.char_id() == 0) return false;
  switch (spec.participation) {
    case Participation::kInParty: return e.party_id() != 0;
    case Participation::kChat: return e.has_chat() && e.chat().channel() == v1::CHAT_CHANNEL_GLOBAL;
    case Participation::kTrade: return e.has_trade() || e.has_vending_sale();
    default: return true;
  }
}

bool JoinSocialEvent(const agentkit::AgentContext& ctx, SocialBook& book, v1::SocialEvent& event, const v1::RoutedEvent& e,
                     std::vector<v1::Action>* actions) {
  const v1::GameEvent& g = e.event();
  const SocialEventSpec& spec = SpecOf(event.type());
  if (g.map() != event.at().map() || ctx.now < FromProto(event.starts_at()) || ctx.now >= FromProto(event.ends_at())) return false;
  if (event.participants() >= event.max_participants() || !TakesPart(spec, g)) return false;
  if (!book.AddParticipant(ctx.server_id, event.event_id(), g.char_id())) return false;
  event.set_participants(event.participants() + 1);
  if (event.participants() >= event.min_participants()) {
    for (uint32_t char_id : book.UnpaidParticipants(ctx.server_id, event.event_id())) {
      Pay(ctx, event, spec, char_id, e, actions);
      book.MarkPaid(ctx.server_id, event.event_id(), char_id);
    }
  }
  return true;
}

}  // namespace aiworld::progression
