#include "services/core/storyline/storyline_agent.h"

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"

namespace aiworld::core {
namespace {

v1::JobSpec Job(const char* name, const char* description) {
  v1::JobSpec j;
  j.set_name(name);
  j.set_description(description);
  j.mutable_timeout()->set_seconds(120);
  return j;
}

// Job actions name their slot as the cause (the context carries "now", the slot's run time).
void MarkJobCause(const agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions, size_t from) {
  for (size_t i = from; i < actions->size(); ++i) {
    v1::ActionCause* cause = (*actions)[i].mutable_cause();
    if (cause->events_size() > 0) continue;
    cause->mutable_job()->set_job(job);
    *cause->mutable_job()->mutable_slot() = ToProto(ctx.now);
  }
}

}  // namespace

std::vector<v1::EventKind> StorylineAgent::subscriptions() const {
  return {v1::EVENT_KIND_NPC_INTERACTION, v1::EVENT_KIND_QUEST_COMPLETED, v1::EVENT_KIND_MONSTER_KILLED};
}

std::vector<v1::JobSpec> StorylineAgent::jobs() const {
  v1::JobSpec generate = Job(kJobGenerate, "a new story arc from the world snapshot if none is active");
  generate.mutable_schedule()->mutable_weekly()->set_day(v1::WEEKDAY_SUNDAY);
  v1::JobSpec check = Job(kJobChapterCheck, "advance the active chapter by completion rate or age");
  check.mutable_schedule()->mutable_daily()->set_hour(23);
  v1::JobSpec heroes = Job(kJobHeroOfTheWeek, "the top 3 of the active arc rewarded");
  heroes.mutable_schedule()->mutable_weekly()->set_day(v1::WEEKDAY_SUNDAY);
  heroes.mutable_schedule()->mutable_weekly()->set_hour(20);
  v1::JobSpec expire = Job(kJobExpire, "arcs past their end complete as mixed; a new arc follows");
  expire.mutable_schedule()->mutable_daily()->set_hour(0);
  return {generate, check, heroes, expire};
}

std::vector<v1::ActionKind> StorylineAgent::emitted_actions() const {
  return {v1::ACTION_KIND_BROADCAST,    v1::ACTION_KIND_SPAWN_NPC,   v1::ACTION_KIND_REMOVE_NPC,
          v1::ACTION_KIND_SPAWN_MONSTER, v1::ACTION_KIND_REMOVE_MONSTERS, v1::ACTION_KIND_NPC_SAY,
          v1::ACTION_KIND_OFFER_QUEST,  v1::ACTION_KIND_GIVE_REWARD, v1::ACTION_KIND_SET_CHAR_VARIABLE};
}

absl::Status StorylineAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                          std::vector<v1::Action>* actions) {
  storyline_.HandleEvents(ctx, events, actions);
  return absl::OkStatus();
}

absl::Status StorylineAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  const size_t from = actions->size();
  if (job == kJobGenerate) {
    StoryStore store(*ctx.state);
    if (!store.ActiveArcId(ctx.server_id).has_value()) {
      v1::GenerateStoryArcRequest request;
      request.set_server_id(ctx.server_id);
      absl::StatusOr<Storyline::Generated> generated = storyline_.Generate(ctx, request, actions);
      if (!generated.ok()) return generated.status();
    } else {
      storyline_.Deploy(ctx, actions);
    }
  } else if (job == kJobChapterCheck) {
    storyline_.Deploy(ctx, actions);
    storyline_.CheckChapters(ctx, actions);
  } else if (job == kJobHeroOfTheWeek) {
    storyline_.HeroesOfTheWeek(ctx, actions);
  } else if (job == kJobExpire) {
    storyline_.ExpireArcs(ctx, actions);
  } else {
    return Agent::RunJob(ctx, job, actions);
  }
  MarkJobCause(ctx, job, actions, from);
  return absl::OkStatus();
}

uint64_t StorylineAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  // Participations are keyed by character; an account-only request reaches the Quest agent's
  // account index but the storyline keeps none (the group passes the characters it resolved).
  return StoryStore(state).EraseCharacters(char_ids);
}

}  // namespace aiworld::core
