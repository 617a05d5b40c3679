#include "services/progression/faction/faction_agent.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "services/progression/faction/faction_book.h"
#include "services/progression/faction/faction_deeds.h"
#include "services/progression/faction/progression_actions.h"

namespace aiworld::progression {
namespace {

struct Touched {
  CharFactions before;
  CharFactions now;
  const v1::RoutedEvent* last = nullptr;  // the latest event that changed it (the actions' cause)
};

// The characters one batch changes, read once and written once.
class BatchStandings {
 public:
  BatchStandings(FactionBook& book, const std::string& server_id) : book_(book), server_id_(server_id) {}

  CharFactions Current(uint32_t char_id) const {
    if (auto it = touched_.find(char_id); it != touched_.end()) return it->second.now;
    return book_.FindChar(server_id_, char_id).value_or(CharFactions{});
  }

  // Applies a deed; returns the alignment change it brings to the deed's faction.
  int32_t Apply(const FactionDeed& deed, const v1::RoutedEvent& cause) {
    auto it = touched_.find(deed.char_id);
    if (it == touched_.end()) {
      const CharFactions stored = book_.FindChar(server_id_, deed.char_id).value_or(CharFactions{});
      it = touched_.emplace(deed.char_id, Touched{stored, stored, nullptr}).first;
    }
    Touched& t = it->second;
    if (deed.account_id != 0) t.now.account_id = deed.account_id;
    const int32_t change = ReputationChange(deed.action);
    t.now.reputation[deed.faction] = ApplyReputation(t.now.reputation[deed.faction], change);
    ++t.now.actions[deed.faction];
    t.last = &cause;
    return AlignmentChange(change);
  }

  const std::map<uint32_t, Touched>& touched() const { return touched_; }

 private:
  FactionBook& book_;
  const std::string& server_id_;
  std::map<uint32_t, Touched> touched_;
};

// PvP: the killer attacks the victim's faction; fighting a rival faction's member defends his own.
std::vector<FactionDeed> PvpDeeds(const v1::GameEvent& e, const BatchStandings& standings) {
  const v1::PlayerDied& died = e.player_died();
  const uint32_t killer = died.killer_char_id();
  if (died.killer_kind() != v1::KILLER_KIND_PLAYER || killer == 0 || killer == e.char_id() || e.char_id() == 0) return {};
  const std::optional<size_t> victim_faction = MemberFaction(standings.Current(e.char_id()).reputation);
  if (!victim_faction.has_value()) return {};
  const std::optional<size_t> killer_faction = MemberFaction(standings.Current(killer).reputation);
  std::vector<FactionDeed> deeds;
  FactionDeed attack;
  attack.char_id = killer;
  attack.account_id = died.killer_account_id();
  attack.faction = *victim_faction;
  attack.action = FactionAction::kPvpAttack;
  deeds.push_back(attack);
  if (killer_faction.has_value() && *killer_faction != *victim_faction) {
    FactionDeed defend = attack;
    defend.faction = *killer_faction;
    defend.action = FactionAction::kPvpDefend;
    deeds.push_back(defend);
  }
  return deeds;
}

void TellChanges(const agentkit::AgentContext& ctx, uint32_t char_id, const Touched& t, std::vector<v1::Action>* actions) {
  auto push = [&](v1::Action a) {
    CauseByEvent(ctx, *t.last, a);
    actions->push_back(std::move(a));
  };
  for (size_t f = 0; f < kFactionCount; ++f) {
    const FactionInfo& faction = Factions()[f];
    const uint32_t old_tier = FactionTierOf(t.before.reputation[f]);
    const uint32_t new_tier = FactionTierOf(t.now.reputation[f]);
    if (old_tier == new_tier) continue;
    const std::string key = absl::StrCat(char_id, "/", faction.id, "/");
    push(IntVariable(BatchKey(ctx, key + "tier"), char_id, absl::StrCat("aiw_fac_", faction.id, "_tier"), new_tier));
    if (new_tier > old_tier) {
      push(TellPlayer(ctx, BatchKey(ctx, key + "told"), char_id,
                      absl::StrCat("You are now ", FactionTierName(new_tier), " with the ", faction.name, ": ",
                                   FactionTierReward(new_tier), " unlocked."),
                      absl::StrCat("Your standing with the ", faction.name, " rose.")));
    }
    if (new_tier == 5 || old_tier == 5) {
      push(StringVariable(ctx, BatchKey(ctx, key + "title"), char_id, absl::StrCat("aiw_fac_", faction.id, "_title"),
                          new_tier == 5 ? FactionTitle(f) : "", "Exalted"));
    }
  }
  const std::optional<size_t> old_member = MemberFaction(t.before.reputation);
  const std::optional<size_t> new_member = MemberFaction(t.now.reputation);
  if (old_member != new_member) {
    push(StringVariable(ctx, BatchKey(ctx, absl::StrCat(char_id, "/member")), char_id, "aiw_faction",
                        new_member.has_value() ? Factions()[*new_member].id : "", "none"));
  }
}

// The broadcast for a change of the dominant faction, or nothing.
std::optional<v1::Action> DominanceNews(const agentkit::AgentContext& ctx, const std::string& job, const FactionWorld& before,
                                        std::optional<size_t> dominant, v1::Dominance level, int64_t score) {
  std::string text;
  std::optional<uint32_t> color;
  if (dominant.has_value()) {
    const FactionInfo& f = Factions()[*dominant];
    color = f.color_rgb;
    if (dominant != before.dominant) {
      text = absl::StrCat("[Factions] The ", f.name, score >= 0 ? " now holds sway over the world" : " is now reviled across the world",
                          " (", DominanceName(level), " dominance).");
    } else if (level > before.dominance) {
      text = absl::StrCat("[Factions] The ", f.name, score >= 0 ? "'s hold on the world grows" : " is reviled ever more",
                          ": ", DominanceName(level), " dominance.");
    }
  } else if (before.dominant.has_value()) {
    text = absl::StrCat("[Factions] The ", Factions()[*before.dominant].name, "'s sway fades: no faction dominates the world.");
  }
  if (text.empty()) return std::nullopt;
  v1::Action a = TellServer(ctx, JobKey(ctx, job, "dominance"), text, "[Factions] The balance of the factions has shifted.", color);
  CauseByJob(ctx, job, a);
  a.mutable_cause()->set_summary(
      dominant.has_value() ? absl::StrCat(Factions()[*dominant].id, " alignment ", score, ", ", DominanceName(level), " dominance")
                           : "no faction at |alignment| >= 1000");
  return a;
}

}  // namespace

std::vector<v1::EventKind> FactionAgent::subscriptions() const {
  return {v1::EVENT_KIND_MONSTER_KILLED, v1::EVENT_KIND_QUEST_COMPLETED, v1::EVENT_KIND_PLAYER_DIED, v1::EVENT_KIND_CUSTOM};
}

std::vector<v1::JobSpec> FactionAgent::jobs() const {
  v1::JobSpec j;
  j.set_name(kJobFactionAlignment);
  j.set_description("fold the last 5 minutes of faction deeds into the alignment, decay it, announce a change of dominance");
  j.mutable_schedule()->mutable_interval()->mutable_every()->set_seconds(300);
  j.mutable_timeout()->set_seconds(60);
  return {j};
}

std::vector<v1::ActionKind> FactionAgent::emitted_actions() const {
  return {v1::ACTION_KIND_BROADCAST, v1::ACTION_KIND_SET_CHAR_VARIABLE};
}

absl::Status FactionAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                        std::vector<v1::Action>* actions) {
  FactionBook book(*ctx.state);
  BatchStandings standings(book, ctx.server_id);
  FactionWorld world = book.World(ctx.server_id);
  bool world_changed = false;
  for (const v1::RoutedEvent* e : events) {
    const std::vector<FactionDeed> deeds =
        e->event().has_player_died() ? PvpDeeds(e->event(), standings) : DeedsOf(e->event(), catalogue_);
    for (const FactionDeed& deed : deeds) {
      world.pending[deed.faction] += standings.Apply(deed, *e);
      world_changed = true;
    }
  }
  for (const auto& [char_id, t] : standings.touched()) {
    book.PutChar(ctx.server_id, char_id, t.now);
    TellChanges(ctx, char_id, t, actions);
  }
  if (world_changed) book.PutWorld(ctx.server_id, world);
  return absl::OkStatus();
}

absl::Status FactionAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job != kJobFactionAlignment) return Agent::RunJob(ctx, job, actions);
  FactionBook book(*ctx.state);
  const FactionWorld before = book.World(ctx.server_id);
  FactionWorld world = before;
  for (size_t f = 0; f < kFactionCount; ++f) {
    const int64_t next = ClampAlignment(DecayedAlignment(ClampAlignment(world.score[f] + world.pending[f])));
    world.pending[f] = 0;
    if (next != world.score[f]) world.updated_unix[f] = absl::ToUnixSeconds(ctx.now);
    world.score[f] = next;
  }
  world.dominant = DominantFaction(world.score);
  world.dominance = world.dominant.has_value() ? DominanceOf(world.score[*world.dominant]) : v1::DOMINANCE_UNSPECIFIED;
  if (EncodeFactionWorld(world) == EncodeFactionWorld(before)) return absl::OkStatus();  // a quiet world stays unwritten
  book.PutWorld(ctx.server_id, world);
  const int64_t score = world.dominant.has_value() ? world.score[*world.dominant] : 0;
  if (std::optional<v1::Action> news = DominanceNews(ctx, job, before, world.dominant, world.dominance, score)) {
    actions->push_back(*std::move(news));
  }
  return absl::OkStatus();
}

std::vector<uint32_t> FactionAgent::CharactersOf(agentkit::StateStore& state, uint32_t account_id) {
  return FactionBook(state).CharactersOf(account_id);
}

uint64_t FactionAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  return FactionBook(state).EraseCharacters(char_ids);
}

}  // namespace aiworld::progression
