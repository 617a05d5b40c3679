#include "services/progression/query/progression_service.h"

#include "services/agentkit/group_states.h"
#include "services/progression/dynamic_boss/boss_queries.h"
#include "services/progression/faction/faction_queries.h"
#include "services/progression/karma/karma_queries.h"
#include "services/progression/reputation/player_standing.h"
#include "services/progression/reputation/reputation_queries.h"
#include "services/progression/social/social_queries.h"

namespace aiworld::progression {
namespace {

using agentkit::StateStore;

// Answers from one agent's state: fn(StateStore&) -> StatusOr<Response>.
template <typename Response, typename Fn>
grpc::Status FromAgent(PgPool& db, const std::string& agent, Response* response, Fn fn) {
  return agentkit::AnswerFromAgent(db, "progression", agent, response, fn);
}

}  // namespace

grpc::Status ProgressionService::ListFactions(grpc::ServerContext*, const v1::ListFactionsRequest* request,
                                              v1::ListFactionsResponse* response) {
  return FromAgent(db_, "faction", response, [&](StateStore& s) { return progression::ListFactions(s, *request); });
}

grpc::Status ProgressionService::GetPlayerStanding(grpc::ServerContext*, const v1::GetPlayerStandingRequest* request,
                                                   v1::GetPlayerStandingResponse* response) {
  return agentkit::AnswerQuery(db_, "progression", agentkit::Access::kRead, response, [&](agentkit::GroupStates& states) {
    return progression::GetPlayerStanding(states.Of("faction"), states.Of("reputation"), states.Of("karma"), *request,
                                          clock_.Now());
  });
}

grpc::Status ProgressionService::GetReputationLeaderboard(grpc::ServerContext*, const v1::GetReputationLeaderboardRequest* request,
                                                          v1::GetReputationLeaderboardResponse* response) {
  return FromAgent(db_, "reputation", response,
                   [&](StateStore& s) { return progression::GetReputationLeaderboard(s, *request); });
}

grpc::Status ProgressionService::ListBosses(grpc::ServerContext*, const v1::ListBossesRequest* request,
                                            v1::ListBossesResponse* response) {
  return FromAgent(db_, "dynamic_boss", response, [&](StateStore& s) { return progression::ListBosses(s, *request, clock_.Now()); });
}

grpc::Status ProgressionService::GetGlobalKarma(grpc::ServerContext*, const v1::GetGlobalKarmaRequest* request,
                                                v1::GetGlobalKarmaResponse* response) {
  return FromAgent(db_, "karma", response, [&](StateStore& s) { return progression::GetGlobalKarma(s, *request); });
}

grpc::Status ProgressionService::ListSocialEvents(grpc::ServerContext*, const v1::ListSocialEventsRequest* request,
                                                  v1::ListSocialEventsResponse* response) {
  return FromAgent(db_, "social", response, [&](StateStore& s) { return progression::ListSocialEvents(s, *request, clock_.Now()); });
}

grpc::Status ProgressionService::ListGuildTasks(grpc::ServerContext*, const v1::ListGuildTasksRequest* request,
                                                v1::ListGuildTasksResponse* response) {
  return FromAgent(db_, "social", response, [&](StateStore& s) { return progression::ListGuildTasks(s, *request, clock_.Now()); });
}

}  // namespace aiworld::progression
