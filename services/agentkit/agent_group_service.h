#pragma once
// aiworld.v1.AgentGroup over a list of agents. A batch's state changes (each agent in its own
// savepoint) and its "handled" record commit in one transaction; a redelivered batch returns the
// recorded actions with duplicate = true and changes nothing. Randomness is seeded from
// (server, batch, agent) or (job, slot, agent). Agents can be switched off (persisted, so every
// replica sees it); a disabled agent gets no events and runs no jobs.
#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "aiworld/v1/agent_group.grpc.pb.h"
#include "runtime/clock.h"
#include "runtime/pg_pool.h"
#include "services/agentkit/agent.h"
#include "services/agentkit/agent_tools.h"

namespace aiworld::agentkit {

struct GroupIdentity {
  std::string group;  // "core", ... also the PostgreSQL schema
  v1::AgentGroupKind kind = v1::AGENT_GROUP_KIND_UNSPECIFIED;
  std::string instance;  // host or pod name of this replica
};

// Where a group gets the world snapshot when a request brings none: from one agent's state (the
// core group's World agent), built after that agent has seen the batch.
struct WorldSource {
  std::string agent;
  std::function<absl::StatusOr<v1::WorldSnapshot>(StateStore& state, const std::string& server_id, absl::Time now)> build;
};

class AgentGroupService final : public v1::AgentGroup::Service {
 public:
  // tools may be null (tests): agents then get no decision engine and no filter.
  AgentGroupService(GroupIdentity identity, std::vector<std::shared_ptr<Agent>> agents, PgPool& db,
                    const Clock& clock, prometheus::Registry& metrics, std::shared_ptr<AgentTools> tools = nullptr);
  // Before serving.
  void SetWorldSource(WorldSource source) { world_source_ = std::move(source); }

  grpc::Status Describe(grpc::ServerContext*, const v1::DescribeRequest*, v1::DescribeResponse*) override;
  grpc::Status HandleEvents(grpc::ServerContext*, const v1::HandleEventsRequest*, v1::HandleEventsResponse*) override;
  grpc::Status RunJob(grpc::ServerContext*, const v1::RunJobRequest*, v1::RunJobResponse*) override;
  grpc::Status SetAgentEnabled(grpc::ServerContext*, const v1::SetAgentEnabledRequest*,
                               v1::SetAgentEnabledResponse*) override;
  grpc::Status ErasePlayerData(grpc::ServerContext*, const v1::ErasePlayerDataRequest*,
                               v1::ErasePlayerDataResponse*) override;
  grpc::Status ReportLlmUsage(grpc::ServerContext*, const v1::ReportLlmUsageRequest*,
                              v1::ReportLlmUsageResponse*) override;

 private:
  v1::AgentDescriptor DescriptorOf(const Agent& agent, bool enabled) const;
  std::map<std::string, bool> EnabledAgents(pqxx::transaction_base& tx) const;
  // Runs one agent in a savepoint; its failure rolls back only its own changes.
  void RunAgent(pqxx::work& tx, Agent& agent, AgentContext& ctx, const std::function<absl::Status(std::vector<v1::Action>*)>& body,
                std::vector<v1::Action>* out, std::string* error);
  // Fills *world from the world source once, before the first agent other than the source's own,
  // when the request brought no snapshot. *ready tracks whether that happened.
  void CompleteWorld(pqxx::work& tx, const Agent& next, const std::string& server_id, absl::Time now, bool* ready,
                     v1::WorldSnapshot* world);

  const GroupIdentity identity_;
  const std::vector<std::shared_ptr<Agent>> agents_;
  PgPool& db_;
  const Clock& clock_;
  const std::shared_ptr<AgentTools> tools_;
  WorldSource world_source_;
  const absl::Time started_at_;
  prometheus::Family<prometheus::Counter>& actions_;
  prometheus::Family<prometheus::Counter>& errors_;
  prometheus::Family<prometheus::Histogram>& latency_;
};

}  // namespace aiworld::agentkit
