#include "services/procedural/problem/problem_agent.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"
#include "services/procedural/problem/problem_book.h"
#include "services/procedural/problem/problem_maker.h"

namespace aiworld::procedural {
namespace {

v1::JobSpec Job(const char* name, const char* description) {
  v1::JobSpec j;
  j.set_name(name);
  j.set_description(description);
  j.mutable_timeout()->set_seconds(60);
  return j;
}

void CauseByJob(const agentkit::AgentContext& ctx, const std::string& job, v1::Action& a) {
  a.mutable_cause()->mutable_job()->set_job(job);
  *a.mutable_cause()->mutable_job()->mutable_slot() = ToProto(ctx.now);
}

void CauseByEvent(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, v1::Action& a) {
  *a.mutable_cause()->add_events() = agentkit::EventRefOf(ctx, e);
}

v1::Action ServerBroadcast(const agentkit::AgentContext& ctx, std::string key, const std::string& text, const std::string& fallback) {
  v1::Action a;
  a.set_idempotency_key(std::move(key));
  a.set_priority(v1::PRIORITY_HIGH);
  a.mutable_origin()->set_tier(v1::TIER_RULES);
  v1::Broadcast* b = a.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(v1::BROADCAST_STYLE_YELLOW);
  b->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast, text, fallback, 255));
  return a;
}

bool Counts(const v1::Problem& p, const ProblemProgress& progress, const v1::GameEvent& e) {
  if (!progress.spawn_tag.empty()) return e.monster_killed().spawn_tag() == progress.spawn_tag;
  return e.map() == p.target_map();
}

// Solved: COMPLETED, a broadcast, and the rewards (each once: the key is the problem's and the
// character's).
void Complete(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, v1::Problem& p, const ProblemBook& book,
              std::vector<v1::Action>* actions) {
  p.set_status(v1::CONTENT_STATUS_COMPLETED);
  *p.mutable_completed_at() = ToProto(ctx.now);
  const std::vector<Participant> rewarded = book.TopParticipants(p.server_id(), p.problem_id(), kMaxRewardedParticipants);
  v1::Action told = ServerBroadcast(ctx, absl::StrCat("procedural/problem/", p.problem_id(), "/solved"),
                                    absl::StrCat("[World Problem] ", p.title(), " is solved! ", p.participation_count(),
                                                 " adventurers took part."),
                                    "[World Problem] The world problem is solved!");
  CauseByEvent(ctx, e, told);
  actions->push_back(std::move(told));
  const std::string reason = core::CutAtWord(
      core::CleanText(ctx, agentkit::TextKind::kDialogue, "World problem solved: " + p.title(), "World problem solved", 100), 100);
  for (const Participant& who : rewarded) {
    v1::Action a;
    a.set_idempotency_key(absl::StrCat("procedural/problem/", p.problem_id(), "/reward/", who.char_id));
    a.set_priority(v1::PRIORITY_HIGH);
    a.mutable_origin()->set_tier(v1::TIER_RULES);
    a.mutable_target()->set_char_id(who.char_id);
    v1::GiveReward* give = a.mutable_give_reward();
    give->set_char_id(who.char_id);
    *give->mutable_reward() = p.reward();
    give->set_reason(reason);
    give->set_notify(true);
    CauseByEvent(ctx, e, a);
    actions->push_back(std::move(a));
  }
}

// A problem past its deadline: EXPIRED, its leftover spawns removed, players told.
void ExpireDue(const agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  ProblemBook book(*ctx.state);
  std::optional<v1::Problem> p = book.Active(ctx.server_id);
  if (!p.has_value() || ctx.now < FromProto(p->expires_at())) return;
  p->set_status(v1::CONTENT_STATUS_EXPIRED);
  book.Put(*p);
  const ProblemProgress progress = book.Progress(p->server_id(), p->problem_id());
  if (!progress.spawn_tag.empty() && progress.kills < progress.goal) {
    v1::Action remove;
    remove.set_idempotency_key(absl::StrCat("procedural/problem/", p->problem_id(), "/remove"));
    remove.set_priority(v1::PRIORITY_URGENT);
    remove.mutable_origin()->set_tier(v1::TIER_RULES);
    remove.mutable_target()->set_map(p->target_map());
    remove.mutable_remove_monsters()->set_spawn_tag(progress.spawn_tag);
    CauseByJob(ctx, job, remove);
    actions->push_back(std::move(remove));
  }
  v1::Action told = ServerBroadcast(ctx, absl::StrCat("procedural/problem/", p->problem_id(), "/expired"),
                                    absl::StrCat("[World Problem] ", p->title(), " faded away unsolved."),
                                    "[World Problem] The world problem faded away unsolved.");
  CauseByJob(ctx, job, told);
  actions->push_back(std::move(told));
}

}  // namespace

std::vector<v1::JobSpec> ProblemAgent::jobs() const {
  v1::JobSpec daily = Job(kJobProblemDaily, "today's world problem from the world snapshot, unless one is active");
  daily.mutable_schedule()->mutable_daily()->set_hour(0);
  v1::JobSpec expire = Job(kJobProblemExpire, "a problem past its deadline expires and its spawns are removed");
  expire.mutable_schedule()->mutable_interval()->mutable_every()->set_seconds(3600);
  return {daily, expire};
}

std::vector<v1::ActionKind> ProblemAgent::emitted_actions() const {
  return {v1::ACTION_KIND_BROADCAST, v1::ACTION_KIND_SPAWN_MONSTER, v1::ACTION_KIND_REMOVE_MONSTERS, v1::ACTION_KIND_GIVE_REWARD};
}

absl::Status ProblemAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                        std::vector<v1::Action>* actions) {
  ProblemBook book(*ctx.state);
  std::optional<v1::Problem> p = book.Active(ctx.server_id);
  if (!p.has_value() || ctx.now >= FromProto(p->expires_at())) return absl::OkStatus();
  ProblemProgress progress = book.Progress(p->server_id(), p->problem_id());
  bool changed = false;
  for (const v1::RoutedEvent* e : events) {
    if (!e->event().has_monster_killed() || !Counts(*p, progress, e->event())) continue;
    const std::set<uint32_t> players = agentkit::KillCredits(e->event());
    if (players.empty()) continue;  // not a player's kill
    changed = true;
    ++progress.kills;
    for (uint32_t char_id : players) {
      if (book.AddContribution(p->server_id(), p->problem_id(), char_id, 1)) p->set_participation_count(p->participation_count() + 1);
    }
    if (progress.kills >= progress.goal) {
      Complete(ctx, *e, *p, book, actions);
      break;
    }
  }
  if (!changed) return absl::OkStatus();
  book.PutProgress(p->server_id(), p->problem_id(), progress);
  book.Put(*p);
  return absl::OkStatus();
}

absl::Status ProblemAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job == kJobProblemExpire) {
    ExpireDue(ctx, job, actions);
    return absl::OkStatus();
  }
  if (job != kJobProblemDaily) return Agent::RunJob(ctx, job, actions);
  ExpireDue(ctx, job, actions);
  ProblemBook book(*ctx.state);
  if (book.Active(ctx.server_id).has_value()) return absl::OkStatus();  // the reference keeps the active one
  std::optional<PlannedProblem> planned = PlanProblem(ctx, book, catalogue_);
  if (!planned.has_value()) return absl::OkStatus();  // no activity yet: nothing to build a problem on
  book.Put(planned->problem);
  book.PutProgress(planned->problem.server_id(), planned->problem.problem_id(), planned->progress);
  for (v1::Action& a : planned->actions) {
    CauseByJob(ctx, job, a);
    actions->push_back(std::move(a));
  }
  return absl::OkStatus();
}

uint64_t ProblemAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  return ProblemBook(state).EraseCharacters(char_ids);
}

}  // namespace aiworld::procedural
