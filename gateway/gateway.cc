#include "gateway/gateway.h"

#include "absl/time/clock.h"
#include "runtime/log.h"

namespace aiworld::gateway {
namespace {

ProcessorOptions WithMeshClock(ProcessorOptions options, const ScaledClock& mesh) {
  options.mesh_clock = &mesh;
  return options;
}

}  // namespace

Gateway::Gateway(GatewayOptions options, PgPool& db, const Clock& clock, MeshAnchor mesh, prometheus::Registry& metrics)
    : options_(std::move(options)),
      db_(db),
      mesh_(clock, mesh),
      keys_(db),
      validator_(ValidationLimits{}, clock),
      limiter_(options_.events_per_second, options_.events_burst, clock),
      inbox_(db, [this](const v1::EventBatch& batch, const std::set<uint32_t>& rejected) {
        return GroupsToShare(batch, rejected);
      }),
      queue_(db, options_.queue),
      merger_(options_.guard_rails, queue_, metrics),
      directory_(options_.groups, absl::Seconds(3)),
      processor_(db, inbox_, directory_, merger_, wakeups_, WithMeshClock(options_.processor, mesh_), metrics),
      jobs_(db, directory_, merger_, wakeups_, mesh_, options_.jobs, metrics),
      scheduler_(db, directory_, jobs_, mesh_, options_.scheduler, metrics),
      notifications_(options_.database_url, wakeups_),
      queued_(prometheus::BuildGauge()
                  .Name("aiworld_gateway_actions")
                  .Help("Actions in the queue by state (available, leased, dead), counted every 15 s; the same on every replica.")
                  .Register(metrics)),
      bridge_(std::make_shared<BridgeService>(options_.bridge, keys_, validator_, inbox_, queue_, wakeups_, limiter_,
                                              metrics)),
      admin_(std::make_shared<AdminService>(options_.admin_token, db, keys_, queue_, inbox_, directory_, jobs_, scheduler_,
                                            mesh_)) {}

std::vector<std::string> Gateway::GroupsToShare(const v1::EventBatch& batch, const std::set<uint32_t>& rejected) const {
  std::vector<std::string> groups;
  for (const GroupEndpoint& g : options_.groups) {
    const std::optional<std::set<int>> kinds = directory_.Subscriptions(g.group);
    bool wanted = !kinds.has_value();
    for (int i = 0; !wanted && i < batch.events_size(); ++i) {
      wanted = !rejected.contains(static_cast<uint32_t>(i)) && kinds->contains(static_cast<int>(batch.events(i).payload_case()));
    }
    if (wanted) groups.push_back(g.group);
  }
  return groups;
}

std::vector<ServiceRegistration> Gateway::Services() {
  return {{bridge_, v1::Bridge::service_full_name()}, {admin_, v1::Admin::service_full_name()}};
}

void Gateway::Start() {
  directory_.StartRefreshing(options_.describe_interval);
  processor_.Start();
  notifications_.Start();
  if (options_.run_scheduler) {
    scheduler_.Start();
  } else {
    log::Info("scheduler off (--scheduler=false): jobs run only through Admin.RunJobNow");
  }
  for (const char* state : {"available", "leased", "dead"}) queued_.Add({{"state", state}});
  sweeper_ = std::thread([this] {
    absl::Time counted = absl::InfinitePast();
    while (!stop_.load()) {
      absl::StatusOr<int64_t> swept = queue_.Sweep();
      if (!swept.ok()) log::Debug("queue sweep skipped", {{"error", swept.status()}});
      absl::StatusOr<bool> followed = RefreshMeshClock(db_, mesh_);
      if (!followed.ok()) log::Debug("mesh clock not re-read", {{"error", followed.status()}});
      if (absl::Now() - counted >= options_.queue_gauge_interval) {
        counted = absl::Now();
        absl::StatusOr<std::map<std::string, int64_t>> counts = queue_.CountByState();
        if (counts.ok()) {
          for (const auto& [state, n] : *counts) queued_.Add({{"state", state}}).Set(static_cast<double>(n));
        }
      }
      absl::SleepFor(options_.sweep_interval);
    }
  });
}

void Gateway::Stop() {
  if (stop_.exchange(true)) return;
  scheduler_.Stop();
  processor_.Stop();
  notifications_.Stop();
  directory_.Stop();
  if (sweeper_.joinable()) sweeper_.join();
}

}  // namespace aiworld::gateway
