#include "services/core/query/core_service.h"

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "runtime/random.h"
#include "services/agentkit/group_states.h"
#include "services/core/dialogue/talk.h"
#include "services/core/memory/memory_query.h"
#include "services/core/quest/quest_queries.h"
#include "services/core/storyline/storyline_queries.h"
#include "services/core/world/world_agent.h"
#include "services/core/world/world_query.h"
#include "services/core/world/world_snapshot.h"

namespace aiworld::core {
namespace {

using agentkit::Access;
using agentkit::GroupStates;

template <typename Response, typename Fn>
grpc::Status Answer(PgPool& db, Access access, Response* response, Fn fn) {
  return agentkit::AnswerQuery(db, "core", access, response, fn);
}

enum class NeedsWorld { kNo, kYes };

// An agent's context for a query that decides as the agent would: its state and its siblings' in
// the query's transaction, the group's engine and filter, the world as the World agent sees it.
struct QueryContext {
  QueryContext(GroupStates& states, agentkit::AgentTools* tools, const std::string& agent, const std::string& server_id,
               absl::Time now, NeedsWorld needs_world, std::initializer_list<std::string_view> seed_keys)
      : random(SeededRandom::FromKeys(seed_keys)) {
    if (needs_world == NeedsWorld::kYes) {
      absl::StatusOr<v1::WorldSnapshot> built = world::BuildWorldSnapshot(states.Of(world::kWorldAgentName), server_id, now);
      if (built.ok()) world = *std::move(built);
    }
    ctx.server_id = server_id;
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &states.Of(agent);
    ctx.agent = agent;
    ctx.state_of = [&states](const std::string& other) { return &states.Of(other); };
    if (tools != nullptr) {
      ctx.decisions = &tools->decisions();
      ctx.filter = &tools->filter();
    }
  }
  v1::WorldSnapshot world;
  SeededRandom random;
  agentkit::AgentContext ctx;
};

}  // namespace

CoreService::CoreService(PgPool& db, const Clock& clock, std::shared_ptr<agentkit::AgentTools> tools,
                         std::shared_ptr<StandingSource> standing, const Storyline& storyline)
    : db_(db), clock_(clock), tools_(std::move(tools)), standing_(std::move(standing)), storyline_(storyline) {}

grpc::Status CoreService::Talk(grpc::ServerContext*, const v1::TalkRequest* request, v1::TalkResponse* response) {
  if (absl::Status s = ValidateTalkRequest(*request); !s.ok()) {
    return grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
  }
  const absl::Time now = request->has_now() ? FromProto(request->now()) : clock_.Now();
  KnownStandingSource standing(standing_->Lookup(request->server_id(), request->char_id()));
  return Answer(db_, Access::kWrite, response, [&](GroupStates& states) {
    QueryContext q(states, tools_.get(), "dialogue", request->server_id(), now, NeedsWorld::kNo,
                   {"talk", request->server_id(), absl::StrCat(request->char_id()), absl::StrCat(absl::ToUnixMicros(now))});
    return core::Talk(q.ctx, standing, *request);
  });
}

grpc::Status CoreService::GetMemories(grpc::ServerContext*, const v1::GetMemoriesRequest* request,
                                      v1::GetMemoriesResponse* response) {
  return Answer(db_, Access::kRead, response,
                [&](GroupStates& states) { return core::GetMemories(states.Of("memory"), *request, clock_.Now()); });
}

grpc::Status CoreService::ListQuests(grpc::ServerContext*, const v1::ListQuestsRequest* request,
                                     v1::ListQuestsResponse* response) {
  return Answer(db_, Access::kRead, response, [&](GroupStates& states) { return core::ListQuests(states.Of("quest"), *request); });
}

grpc::Status CoreService::GetQuest(grpc::ServerContext*, const v1::GetQuestRequest* request, v1::GetQuestResponse* response) {
  return Answer(db_, Access::kRead, response, [&](GroupStates& states) { return core::GetQuest(states.Of("quest"), *request); });
}

grpc::Status CoreService::GetStoryArc(grpc::ServerContext*, const v1::GetStoryArcRequest* request,
                                      v1::GetStoryArcResponse* response) {
  return Answer(db_, Access::kRead, response,
                [&](GroupStates& states) { return core::GetStoryArc(states.Of("storyline"), *request); });
}

grpc::Status CoreService::ListStoryArcs(grpc::ServerContext*, const v1::ListStoryArcsRequest* request,
                                        v1::ListStoryArcsResponse* response) {
  return Answer(db_, Access::kRead, response,
                [&](GroupStates& states) { return core::ListStoryArcs(states.Of("storyline"), *request); });
}

grpc::Status CoreService::GenerateStoryArc(grpc::ServerContext*, const v1::GenerateStoryArcRequest* request,
                                           v1::GenerateStoryArcResponse* response) {
  const absl::Time now = clock_.Now();
  // The arc's first actions are deployed by the storyline's next batch or job (its "deployed" flag),
  // so they reach the game through the gateway's queue like every other action.
  return Answer(db_, request->dry_run() ? Access::kRead : Access::kWrite, response, [&](GroupStates& states) {
    QueryContext q(states, tools_.get(), "storyline", request->server_id(), now, NeedsWorld::kYes,
                   {"generate_story_arc", request->server_id(), absl::StrCat(absl::ToUnixMicros(now))});
    std::vector<v1::Action> deferred;
    return core::GenerateStoryArc(storyline_, q.ctx, *request, &deferred);
  });
}

grpc::Status CoreService::RecordChoice(grpc::ServerContext*, const v1::RecordChoiceRequest* request,
                                       v1::RecordChoiceResponse* response) {
  const absl::Time now = clock_.Now();
  return Answer(db_, Access::kWrite, response, [&](GroupStates& states) {
    QueryContext q(states, tools_.get(), "storyline", request->server_id(), now, NeedsWorld::kNo,
                   {"record_choice", request->server_id(), request->choice_id()});
    return core::RecordChoice(storyline_, q.ctx, *request);
  });
}

grpc::Status CoreService::GetWorldSnapshot(grpc::ServerContext*, const v1::GetWorldSnapshotRequest* request,
                                           v1::GetWorldSnapshotResponse* response) {
  return Answer(db_, Access::kRead, response, [&](GroupStates& states) {
    return world::GetWorldSnapshot(*request, states.Of(world::kWorldAgentName),
                                    request->has_now() ? FromProto(request->now()) : clock_.Now());
  });
}

}  // namespace aiworld::core
