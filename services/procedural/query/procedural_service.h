#pragma once
// aiworld.v1.Procedural: the procedural group's queries, each over its agent's state in one read
// transaction, as of mesh time.
#include "aiworld/v1/procedural.grpc.pb.h"
#include "runtime/clock.h"
#include "runtime/pg_pool.h"

namespace aiworld::procedural {

class ProceduralService final : public v1::Procedural::Service {
 public:
  ProceduralService(PgPool& db, const Clock& mesh_clock) : db_(db), clock_(mesh_clock) {}

  grpc::Status GetCurrentProblem(grpc::ServerContext*, const v1::GetCurrentProblemRequest*,
                                 v1::GetCurrentProblemResponse*) override;
  grpc::Status ListProblems(grpc::ServerContext*, const v1::ListProblemsRequest*, v1::ListProblemsResponse*) override;
  grpc::Status ListDynamicNpcs(grpc::ServerContext*, const v1::ListDynamicNpcsRequest*,
                               v1::ListDynamicNpcsResponse*) override;
  grpc::Status ListHazards(grpc::ServerContext*, const v1::ListHazardsRequest*, v1::ListHazardsResponse*) override;
  grpc::Status GetWeather(grpc::ServerContext*, const v1::GetWeatherRequest*, v1::GetWeatherResponse*) override;
  grpc::Status ListDigSpots(grpc::ServerContext*, const v1::ListDigSpotsRequest*, v1::ListDigSpotsResponse*) override;
  grpc::Status GetArchaeologyProgress(grpc::ServerContext*, const v1::GetArchaeologyProgressRequest*,
                                      v1::GetArchaeologyProgressResponse*) override;
  grpc::Status GetDungeon(grpc::ServerContext*, const v1::GetDungeonRequest*, v1::GetDungeonResponse*) override;
  grpc::Status ListEventChains(grpc::ServerContext*, const v1::ListEventChainsRequest*,
                               v1::ListEventChainsResponse*) override;
  grpc::Status GetEventChain(grpc::ServerContext*, const v1::GetEventChainRequest*, v1::GetEventChainResponse*) override;
  grpc::Status ListWorldEvents(grpc::ServerContext*, const v1::ListWorldEventsRequest*,
                               v1::ListWorldEventsResponse*) override;

 private:
  PgPool& db_;
  const Clock& clock_;
};

}  // namespace aiworld::procedural
