#include "services/procedural/query/procedural_service.h"

#include "services/agentkit/group_states.h"
#include "services/procedural/adaptive_dungeon/dungeon_queries.h"
#include "services/procedural/archaeology/archaeology_queries.h"
#include "services/procedural/dynamic_npc/dynamic_npc_queries.h"
#include "services/procedural/event_chain/chain_queries.h"
#include "services/procedural/map_hazard/hazard_queries.h"
#include "services/procedural/problem/problem_queries.h"
#include "services/procedural/weather_time/weather_queries.h"
#include "services/procedural/world_event/world_event_queries.h"

namespace aiworld::procedural {
namespace {

// Answers from one agent's state: fn(StateStore&) -> StatusOr<Response>.
template <typename Response, typename Fn>
grpc::Status FromAgent(PgPool& db, const std::string& agent, Response* response, Fn fn) {
  return agentkit::AnswerFromAgent(db, "procedural", agent, response, fn);
}

}  // namespace

grpc::Status ProceduralService::GetCurrentProblem(grpc::ServerContext*, const v1::GetCurrentProblemRequest* request,
                                                  v1::GetCurrentProblemResponse* response) {
  return FromAgent(db_, "problem", response, [&](agentkit::StateStore& s) { return procedural::GetCurrentProblem(s, *request); });
}

grpc::Status ProceduralService::ListProblems(grpc::ServerContext*, const v1::ListProblemsRequest* request,
                                             v1::ListProblemsResponse* response) {
  return FromAgent(db_, "problem", response, [&](agentkit::StateStore& s) { return procedural::ListProblems(s, *request); });
}

grpc::Status ProceduralService::ListDynamicNpcs(grpc::ServerContext*, const v1::ListDynamicNpcsRequest* request,
                                                v1::ListDynamicNpcsResponse* response) {
  return FromAgent(db_, "dynamic_npc", response,
                   [&](agentkit::StateStore& s) { return procedural::ListDynamicNpcs(s, *request, clock_.Now()); });
}

grpc::Status ProceduralService::ListHazards(grpc::ServerContext*, const v1::ListHazardsRequest* request,
                                            v1::ListHazardsResponse* response) {
  return FromAgent(db_, "map_hazard", response, [&](agentkit::StateStore& s) { return procedural::ListHazards(s, *request); });
}

grpc::Status ProceduralService::GetWeather(grpc::ServerContext*, const v1::GetWeatherRequest* request,
                                           v1::GetWeatherResponse* response) {
  return FromAgent(db_, "weather_time", response,
                   [&](agentkit::StateStore& s) { return procedural::GetWeather(s, *request, clock_.Now()); });
}

grpc::Status ProceduralService::ListDigSpots(grpc::ServerContext*, const v1::ListDigSpotsRequest* request,
                                             v1::ListDigSpotsResponse* response) {
  return FromAgent(db_, "archaeology", response,
                   [&](agentkit::StateStore& s) { return procedural::ListDigSpots(s, *request, clock_.Now()); });
}

grpc::Status ProceduralService::GetArchaeologyProgress(grpc::ServerContext*, const v1::GetArchaeologyProgressRequest* request,
                                                       v1::GetArchaeologyProgressResponse* response) {
  return FromAgent(db_, "archaeology", response,
                   [&](agentkit::StateStore& s) { return procedural::GetArchaeologyProgress(s, *request, clock_.Now()); });
}

grpc::Status ProceduralService::GetDungeon(grpc::ServerContext*, const v1::GetDungeonRequest* request,
                                           v1::GetDungeonResponse* response) {
  return FromAgent(db_, "adaptive_dungeon", response,
                   [&](agentkit::StateStore& s) { return procedural::GetDungeon(s, *request, clock_.Now()); });
}

grpc::Status ProceduralService::ListEventChains(grpc::ServerContext*, const v1::ListEventChainsRequest* request,
                                                v1::ListEventChainsResponse* response) {
  return FromAgent(db_, "event_chain", response, [&](agentkit::StateStore& s) { return procedural::ListEventChains(s, *request); });
}

grpc::Status ProceduralService::GetEventChain(grpc::ServerContext*, const v1::GetEventChainRequest* request,
                                              v1::GetEventChainResponse* response) {
  return FromAgent(db_, "event_chain", response, [&](agentkit::StateStore& s) { return procedural::GetEventChain(s, *request); });
}

grpc::Status ProceduralService::ListWorldEvents(grpc::ServerContext*, const v1::ListWorldEventsRequest* request,
                                                v1::ListWorldEventsResponse* response) {
  return FromAgent(db_, "world_event", response, [&](agentkit::StateStore& s) { return procedural::ListWorldEvents(s, *request); });
}

}  // namespace aiworld::procedural
