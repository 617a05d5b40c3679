#include "services/progression/karma/karma_agent.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/progression/faction/progression_actions.h"
#include "services/progression/karma/karma_book.h"

namespace aiworld::progression {
namespace {

struct Touched {
  CharKarma before;
  CharKarma now;
  const v1::RoutedEvent* last = nullptr;
};

struct Deed {
  uint32_t char_id = 0;
  uint32_t account_id = 0;
  KarmaAction action = KarmaAction::kPvpDuel;
};

std::string EffectsText(v1::KarmaAlignment alignment) {
  std::vector<std::string> parts;
  for (const v1::StatModifier& m : KarmaEffects(alignment)) {
    parts.push_back(absl::StrCat(m.stat() == "day_length" ? "days last" : "healing is", " x", m.multiplier()));
  }
  return parts.empty() ? "the world is in balance" : absl::StrJoin(parts, ", ");
}

std::optional<uint32_t> AlignmentColor(v1::KarmaAlignment alignment) {
  switch (alignment) {
    case v1::KARMA_ALIGNMENT_VERY_GOOD:
    case v1::KARMA_ALIGNMENT_GOOD: return 0xFFD700;
    case v1::KARMA_ALIGNMENT_EVIL:
    case v1::KARMA_ALIGNMENT_VERY_EVIL: return 0xAA0000;
    default: return std::nullopt;
  }
}

// Folds the pending karma in (and decays it for the daily job); a server broadcast when the
// alignment band changes.
void Advance(agentkit::AgentContext& ctx, const std::string& job, bool decay, std::vector<v1::Action>* actions) {
  KarmaBook book(*ctx.state);
  const GlobalKarma before = book.Global(ctx.server_id);
  GlobalKarma g = before;
  int32_t karma = ClampKarma(static_cast<int64_t>(g.karma) + g.pending);
  g.pending = 0;
  if (decay) karma = DecayedKarma(karma);
  if (karma != g.karma) g.updated_unix = absl::ToUnixSeconds(ctx.now);
  g.karma = karma;
  const v1::KarmaAlignment alignment = KarmaAlignmentOf(karma);
  if (alignment != g.announced) {
    v1::Action a = TellServer(ctx, JobKey(ctx, job, "alignment"),
                              absl::StrCat("[Karma] The world's karma turns ", KarmaAlignmentName(alignment), ": ",
                                           EffectsText(alignment), "."),
                              "[Karma] The world's karma has shifted.", AlignmentColor(alignment));
    CauseByJob(ctx, job, a);
    a.mutable_cause()->set_summary(absl::StrCat("global karma ", karma, ", was ", KarmaAlignmentName(g.announced)));
    actions->push_back(std::move(a));
    g.announced = alignment;
  }
  if (EncodeGlobalKarma(g) != EncodeGlobalKarma(before)) book.PutGlobal(ctx.server_id, g);
}

}  // namespace

std::vector<v1::EventKind> KarmaAgent::subscriptions() const {
  return {v1::EVENT_KIND_MONSTER_KILLED, v1::EVENT_KIND_QUEST_COMPLETED, v1::EVENT_KIND_PLAYER_DIED, v1::EVENT_KIND_CUSTOM};
}

std::vector<v1::JobSpec> KarmaAgent::jobs() const {
  v1::JobSpec update;
  update.set_name(kJobKarmaUpdate);
  update.set_description("fold the last 15 minutes of karma into the world's karma; announce a change of alignment");
  update.mutable_schedule()->mutable_interval()->mutable_every()->set_seconds(900);
  update.mutable_timeout()->set_seconds(60);
  v1::JobSpec decay;
  decay.set_name(kJobKarmaDecay);
  decay.set_description("the world's karma decays by 1 %");
  decay.mutable_schedule()->mutable_daily()->set_hour(3);
  decay.mutable_timeout()->set_seconds(60);
  return {update, decay};
}

std::vector<v1::ActionKind> KarmaAgent::emitted_actions() const {
  return {v1::ACTION_KIND_SET_CHAR_VARIABLE, v1::ACTION_KIND_BROADCAST};
}

absl::Status KarmaAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                      std::vector<v1::Action>* actions) {
  KarmaBook book(*ctx.state);
  std::map<uint32_t, Touched> touched;
  auto current = [&](uint32_t char_id) {
    if (auto it = touched.find(char_id); it != touched.end()) return it->second.now;
    return book.FindChar(ctx.server_id, char_id).value_or(CharKarma{});
  };
  GlobalKarma global = book.Global(ctx.server_id);
  bool global_changed = false;
  for (const v1::RoutedEvent* e : events) {
    const v1::GameEvent& ev = e->event();
    Deed deed;
    if (ev.has_player_died()) {
      const v1::PlayerDied& died = ev.player_died();
      if (died.killer_kind() != v1::KILLER_KIND_PLAYER || died.killer_char_id() == 0 || died.killer_char_id() == ev.char_id()) continue;
      deed.char_id = died.killer_char_id();
      deed.account_id = died.killer_account_id();
      deed.action = current(ev.char_id()).karma <= -3000 ? KarmaAction::kSavePlayer : KarmaAction::kPvpDuel;
    } else {
      const std::optional<KarmaAction> action = deeds_.Of(ev);
      if (!action.has_value() || ev.char_id() == 0) continue;
      deed.char_id = ev.char_id();
      deed.account_id = ev.account_id();
      deed.action = *action;
    }
    const int32_t value = KarmaValue(deed.action);
    if (value == 0) continue;  // trade_normal and pvp_duel change nothing
    auto it = touched.find(deed.char_id);
    if (it == touched.end()) {
      const CharKarma stored = current(deed.char_id);
      it = touched.emplace(deed.char_id, Touched{stored, stored, nullptr}).first;
    }
    Touched& t = it->second;
    if (deed.account_id != 0) t.now.account_id = deed.account_id;
    t.now.karma = ClampKarma(static_cast<int64_t>(t.now.karma) + value);
    ++(value > 0 ? t.now.good_actions : t.now.evil_actions);
    t.last = e;
    global.pending += GlobalImpact(value);
    global_changed = true;
  }
  for (const auto& [char_id, t] : touched) {
    book.PutChar(ctx.server_id, char_id, t.now);
    if (t.now.karma == t.before.karma) continue;  // held at a bound
    auto push = [&](v1::Action a) {
      CauseByEvent(ctx, *t.last, a);
      actions->push_back(std::move(a));
    };
    push(IntVariable(BatchKey(ctx, absl::StrCat(char_id, "/karma")), char_id, "aiw_karma", t.now.karma));
    const v1::KarmaAlignment before = KarmaAlignmentOf(t.before.karma);
    const v1::KarmaAlignment after = KarmaAlignmentOf(t.now.karma);
    if (before == after) continue;
    push(IntVariable(BatchKey(ctx, absl::StrCat(char_id, "/align")), char_id, "aiw_karma_align", static_cast<int64_t>(after)));
    push(TellPlayer(ctx, BatchKey(ctx, absl::StrCat(char_id, "/told")), char_id,
                    absl::StrCat("Your deeds have made you ", KarmaAlignmentName(after), " (karma ", t.now.karma, ")."),
                    "Your karma has shifted."));
  }
  if (global_changed) book.PutGlobal(ctx.server_id, global);
  return absl::OkStatus();
}

absl::Status KarmaAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job == kJobKarmaUpdate) {
    Advance(ctx, job, false, actions);
    return absl::OkStatus();
  }
  if (job == kJobKarmaDecay) {
    Advance(ctx, job, true, actions);
    return absl::OkStatus();
  }
  return Agent::RunJob(ctx, job, actions);
}

std::vector<uint32_t> KarmaAgent::CharactersOf(agentkit::StateStore& state, uint32_t account_id) {
  return KarmaBook(state).CharactersOf(account_id);
}

uint64_t KarmaAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  return KarmaBook(state).EraseCharacters(char_ids);
}

}  // namespace aiworld::progression
