#pragma once
// Everything one gateway process runs, built from its options: the Bridge and Admin services and
// the background work (group descriptions, share processing, queue sweeping, cross-replica
// notifications). main.cpp turns flags into GatewayOptions and hands this to the runtime.
#include <prometheus/family.h>
#include <prometheus/gauge.h>

#include <memory>
#include <string>
#include <thread>

#include "gateway/action_merger.h"
#include "gateway/action_notifications.h"
#include "gateway/action_queue.h"
#include "gateway/admin_service.h"
#include "gateway/bridge_service.h"
#include "gateway/group_directory.h"
#include "gateway/inbox.h"
#include "gateway/job_runner.h"
#include "gateway/mesh_time.h"
#include "gateway/rate_limiter.h"
#include "gateway/scheduler.h"
#include "gateway/server_keys.h"
#include "gateway/share_processor.h"
#include "gateway/validation/event_validator.h"
#include "gateway/wakeups.h"
#include "runtime/server_main.h"

namespace aiworld::gateway {

struct GatewayOptions {
  std::string database_url;
  std::string admin_token;
  std::vector<GroupEndpoint> groups;
  BridgeOptions bridge;
  QueueOptions queue;
  GuardRails guard_rails;
  ProcessorOptions processor;
  JobRunnerOptions jobs;
  SchedulerOptions scheduler;
  bool run_scheduler = true;  // --scheduler
  double events_per_second = 5000;
  double events_burst = 20000;
  absl::Duration describe_interval = absl::Seconds(10);
  absl::Duration sweep_interval = absl::Seconds(1);  // also how often the mesh clock's anchor is re-read
  absl::Duration queue_gauge_interval = absl::Seconds(15);  // how often aiworld_gateway_actions is counted
};

class Gateway final : public BackgroundWork {
 public:
  // `clock` is real time (event validation, rate limits); `mesh` is the mesh clock's anchor as
  // LoadMeshAnchor returned it: jobs, "now" of group requests and Admin run on mesh time.
  Gateway(GatewayOptions options, PgPool& db, const Clock& clock, MeshAnchor mesh, prometheus::Registry& metrics);
  ~Gateway() override { Stop(); }

  std::vector<ServiceRegistration> Services();
  // The groups a batch is routed to (see Inbox::ShareGroups).
  std::vector<std::string> GroupsToShare(const v1::EventBatch& batch, const std::set<uint32_t>& rejected) const;
  void Start() override;
  void Stop() override;

 private:
  const GatewayOptions options_;
  PgPool& db_;
  ScaledClock mesh_;
  Wakeups wakeups_;
  ServerKeys keys_;
  EventValidator validator_;
  RateLimiter limiter_;
  Inbox inbox_;
  ActionQueue queue_;
  ActionMerger merger_;
  GroupDirectory directory_;
  ShareProcessor processor_;
  JobRunner jobs_;
  Scheduler scheduler_;
  ActionNotifications notifications_;
  prometheus::Family<prometheus::Gauge>& queued_;
  std::shared_ptr<BridgeService> bridge_;
  std::shared_ptr<AdminService> admin_;
  std::atomic<bool> stop_{false};
  std::thread sweeper_;
};

}  // namespace aiworld::gateway
