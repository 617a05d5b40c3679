#pragma once
// aiworld.v1.Admin: operators' endpoint. Every call needs the admin token (bearer metadata) and is
// recorded in gateway.admin_audit (caller, call, arguments, peer, outcome) whether it succeeds or not.
#include <string>

#include "aiworld/v1/admin.grpc.pb.h"
#include "gateway/action_queue.h"
#include "gateway/group_directory.h"
#include "gateway/inbox.h"
#include "gateway/job_runner.h"
#include "gateway/scheduler.h"
#include "runtime/clock.h"
#include "gateway/server_keys.h"
#include "runtime/pg_pool.h"

namespace aiworld::gateway {

class AdminService final : public v1::Admin::Service {
 public:
  // `mesh` is the mesh clock: RunJobNow without a slot runs as of mesh now.
  AdminService(std::string admin_token, PgPool& db, ServerKeys& keys, ActionQueue& queue, Inbox& inbox,
               GroupDirectory& groups, JobRunner& jobs, Scheduler& schedule, const Clock& mesh);

  grpc::Status ListAgents(grpc::ServerContext*, const v1::ListAgentsRequest*, v1::ListAgentsResponse*) override;
  grpc::Status SetAgentEnabled(grpc::ServerContext*, const v1::AdminSetAgentEnabledRequest*,
                               v1::AdminSetAgentEnabledResponse*) override;
  grpc::Status GetQueueStats(grpc::ServerContext*, const v1::GetQueueStatsRequest*, v1::GetQueueStatsResponse*) override;
  grpc::Status ListDeadActions(grpc::ServerContext*, const v1::ListDeadActionsRequest*,
                               v1::ListDeadActionsResponse*) override;
  grpc::Status ReplayDeadActions(grpc::ServerContext*, const v1::ReplayDeadActionsRequest*,
                                 v1::ReplayDeadActionsResponse*) override;
  grpc::Status ExplainAction(grpc::ServerContext*, const v1::ExplainActionRequest*, v1::ExplainActionResponse*) override;
  grpc::Status ErasePlayer(grpc::ServerContext*, const v1::ErasePlayerRequest*, v1::ErasePlayerResponse*) override;
  grpc::Status IssueServerKey(grpc::ServerContext*, const v1::IssueServerKeyRequest*, v1::IssueServerKeyResponse*) override;
  grpc::Status RevokeServerKey(grpc::ServerContext*, const v1::RevokeServerKeyRequest*,
                               v1::RevokeServerKeyResponse*) override;
  grpc::Status ListServerKeys(grpc::ServerContext*, const v1::ListServerKeysRequest*, v1::ListServerKeysResponse*) override;
  grpc::Status ListRejectedEvents(grpc::ServerContext*, const v1::ListRejectedEventsRequest*,
                                  v1::ListRejectedEventsResponse*) override;
  grpc::Status ListHeldActions(grpc::ServerContext*, const v1::ListHeldActionsRequest*,
                               v1::ListHeldActionsResponse*) override;
  grpc::Status ListSchedule(grpc::ServerContext*, const v1::ListScheduleRequest*, v1::ListScheduleResponse*) override;
  grpc::Status RunJobNow(grpc::ServerContext*, const v1::RunJobNowRequest*, v1::RunJobNowResponse*) override;
  grpc::Status GetLlmUsage(grpc::ServerContext*, const v1::GetLlmUsageRequest*, v1::GetLlmUsageResponse*) override;

 private:
  // Checks the token, runs body, records the call. `call` is the RPC name.
  template <typename Request, typename Body>
  grpc::Status Audited(grpc::ServerContext* context, const char* call, const Request& request, Body body);
  grpc::Status CheckToken(grpc::ServerContext* context) const;
  void Record(grpc::ServerContext* context, const char* call, const google::protobuf::Message& request,
              const grpc::Status& outcome);

  const std::string admin_token_;
  PgPool& db_;
  ServerKeys& keys_;
  ActionQueue& queue_;
  Inbox& inbox_;
  GroupDirectory& groups_;
  JobRunner& jobs_;
  Scheduler& schedule_;
  const Clock& clock_;  // mesh time
};

}  // namespace aiworld::gateway
