#include "services/progression/reputation/reputation_agent.h"

#include <functional>
#include <map>

#include "absl/strings/str_cat.h"
#include "services/progression/faction/progression_actions.h"
#include "services/progression/reputation/reputation_book.h"
#include "services/progression/reputation/reputation_gains.h"

namespace aiworld::progression {
namespace {

struct Touched {
  CharInfluence influence;
  const v1::RoutedEvent* last = nullptr;
};

// Brings the told tier in line with the influence; the actions for a change. `key` makes an
// idempotency key of a suffix, `cause` fills an action's cause.
bool SettleTier(const agentkit::AgentContext& ctx, uint32_t char_id, CharInfluence& c,
                const std::function<std::string(const std::string&)>& key, const std::function<void(v1::Action&)>& cause,
                std::vector<v1::Action>* actions) {
  const uint32_t tier = InfluenceTierOf(c.hundredths());
  if (tier == c.tier) return false;
  auto push = [&](v1::Action a) {
    cause(a);
    actions->push_back(std::move(a));
  };
  const ReputationBenefits benefits = BenefitsAt(tier);
  const std::string who = absl::StrCat(char_id, "/");
  push(IntVariable(key(who + "tier"), char_id, "aiw_rep_tier", tier));
  push(StringVariable(ctx, key(who + "title"), char_id, "aiw_rep_title", benefits.title, InfluenceTierName(tier)));
  if (tier > c.best_tier) {
    for (uint32_t t = c.best_tier + 1; t <= tier; ++t) {
      const uint32_t item = HeadgearOfTier(t);
      if (item == 0) continue;
      v1::Action give;
      // Keyed by character and tier alone: a tier's headgear is given once, whatever job or batch.
      give.set_idempotency_key(absl::StrCat("progression/reputation/", char_id, "/tier", t, "/headgear"));
      give.set_priority(v1::PRIORITY_HIGH);
      give.mutable_origin()->set_tier(v1::TIER_RULES);
      give.mutable_target()->set_char_id(char_id);
      v1::GiveReward* g = give.mutable_give_reward();
      g->set_char_id(char_id);
      v1::ItemStack* stack = g->mutable_reward()->add_items();
      stack->set_item_id(item);
      stack->set_amount(1);
      g->set_reason(absl::StrCat("Influence tier ", t, ": ", InfluenceTierName(t)));
      g->set_notify(true);
      push(std::move(give));
    }
    push(TellPlayer(ctx, key(who + "told"), char_id,
                    absl::StrCat("Your influence grows: you are now ", InfluenceTierName(tier), " (tier ", tier, "), title ",
                                 benefits.title, ", ", benefits.shop, " shop unlocked."),
                    absl::StrCat("Your influence grows: you are now ", InfluenceTierName(tier), ".")));
    c.best_tier = tier;
  }
  c.tier = tier;
  return true;
}

}  // namespace

std::vector<v1::EventKind> ReputationAgent::subscriptions() const {
  return {v1::EVENT_KIND_LOGIN,           v1::EVENT_KIND_MAP_CHANGE,      v1::EVENT_KIND_MONSTER_KILLED,
          v1::EVENT_KIND_NPC_INTERACTION, v1::EVENT_KIND_QUEST_COMPLETED, v1::EVENT_KIND_CUSTOM};
}

std::vector<v1::JobSpec> ReputationAgent::jobs() const {
  v1::JobSpec j;
  j.set_name(kJobReputationTiers);
  j.set_description("re-derive every character's influence tier from its total influence (the hourly tier fix)");
  j.mutable_schedule()->mutable_interval()->mutable_every()->set_seconds(3600);
  j.mutable_timeout()->set_seconds(120);
  return {j};
}

std::vector<v1::ActionKind> ReputationAgent::emitted_actions() const {
  return {v1::ACTION_KIND_SET_CHAR_VARIABLE, v1::ACTION_KIND_BROADCAST, v1::ACTION_KIND_GIVE_REWARD};
}

absl::Status ReputationAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                           std::vector<v1::Action>* actions) {
  ReputationBook book(*ctx.state);
  const int64_t day = GameDay(ctx.now);
  std::map<uint32_t, Touched> touched;
  auto load = [&](uint32_t char_id) -> Touched& {
    auto it = touched.find(char_id);
    if (it == touched.end()) it = touched.emplace(char_id, Touched{book.Find(ctx.server_id, char_id).value_or(CharInfluence{}), nullptr}).first;
    return it->second;
  };
  for (const v1::RoutedEvent* e : events) {
    const v1::GameEvent& ev = e->event();
    std::vector<ReputationGain> gains = GainsOf(ev, catalogue_);
    const bool arrived = (ev.has_login() && !ev.login().autotrade()) || ev.has_map_change();  // a restored vendor explores nothing
    if (arrived && ev.char_id() != 0 && !ev.map().empty() &&
        !book.Visited(ctx.server_id, ev.char_id(), ev.map())) {
      if (std::optional<uint32_t> gain = FirstVisitGain(catalogue_, ev.map())) {
        book.MarkVisited(ctx.server_id, ev.char_id(), ev.map());
        gains.push_back({ev.char_id(), ReputationKind::kExplorer, *gain});
      }
    }
    for (const ReputationGain& g : gains) {
      Touched& t = load(g.char_id);
      t.influence.Gain(day, g.kind, g.amount);
      t.last = e;
      if (g.char_id == ev.char_id()) {
        if (!ev.char_name().empty()) t.influence.name = ev.char_name();
        if (ev.account_id() != 0) t.influence.account_id = ev.account_id();
      }
    }
  }
  for (auto& [char_id, t] : touched) {
    const v1::RoutedEvent* cause = t.last;
    SettleTier(
        ctx, char_id, t.influence, [&](const std::string& rest) { return BatchKey(ctx, rest); },
        [&](v1::Action& a) { CauseByEvent(ctx, *cause, a); }, actions);
    book.Put(ctx.server_id, char_id, t.influence);
  }
  return absl::OkStatus();
}

absl::Status ReputationAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job != kJobReputationTiers) return Agent::RunJob(ctx, job, actions);
  ReputationBook book(*ctx.state);
  for (auto& [char_id, influence] : book.OfServer(ctx.server_id)) {
    const bool fixed = SettleTier(
        ctx, char_id, influence, [&](const std::string& rest) { return JobKey(ctx, job, rest); },
        [&](v1::Action& a) {
          CauseByJob(ctx, job, a);
          a.mutable_cause()->set_summary("influence tier re-derived from total influence");
        },
        actions);
    if (fixed) book.Put(ctx.server_id, char_id, influence);
  }
  return absl::OkStatus();
}

std::vector<uint32_t> ReputationAgent::CharactersOf(agentkit::StateStore& state, uint32_t account_id) {
  return ReputationBook(state).CharactersOf(account_id);
}

uint64_t ReputationAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  return ReputationBook(state).EraseCharacters(char_ids);
}

}  // namespace aiworld::progression
