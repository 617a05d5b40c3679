#pragma once
// aiworld.v1.Progression: the progression group's queries, each over its agents' state in one read
// transaction, as of mesh time. GetPlayerStanding (asked by the core group's Dialogue with a 50 ms
// deadline) reads one key of each of Faction, Reputation and Karma.
#include "aiworld/v1/progression.grpc.pb.h"
#include "runtime/clock.h"
#include "runtime/pg_pool.h"

namespace aiworld::progression {

class ProgressionService final : public v1::Progression::Service {
 public:
  ProgressionService(PgPool& db, const Clock& mesh_clock) : db_(db), clock_(mesh_clock) {}

  grpc::Status ListFactions(grpc::ServerContext*, const v1::ListFactionsRequest*, v1::ListFactionsResponse*) override;
  grpc::Status GetPlayerStanding(grpc::ServerContext*, const v1::GetPlayerStandingRequest*,
                                 v1::GetPlayerStandingResponse*) override;
  grpc::Status GetReputationLeaderboard(grpc::ServerContext*, const v1::GetReputationLeaderboardRequest*,
                                        v1::GetReputationLeaderboardResponse*) override;
  grpc::Status ListBosses(grpc::ServerContext*, const v1::ListBossesRequest*, v1::ListBossesResponse*) override;
  grpc::Status GetGlobalKarma(grpc::ServerContext*, const v1::GetGlobalKarmaRequest*, v1::GetGlobalKarmaResponse*) override;
  grpc::Status ListSocialEvents(grpc::ServerContext*, const v1::ListSocialEventsRequest*,
                                v1::ListSocialEventsResponse*) override;
  grpc::Status ListGuildTasks(grpc::ServerContext*, const v1::ListGuildTasksRequest*, v1::ListGuildTasksResponse*) override;

 private:
  PgPool& db_;
  const Clock& clock_;
};

}  // namespace aiworld::progression
