#pragma once
// The decision engine's memory in the group's schema: cached answers in <group>.decision_cache
// (written through, loaded at start — newest first, at most the cache's bound per type, none past
// the TTL) and decisions per UTC day, agent and tier in <group>.decision_counts (counted in memory,
// added to the table every flush interval and at stop, so a decision costs no round trip).
//
// It never fails a decision: a database error is logged once per outage and counted in
// aiworld_decision_store_errors_total{op}; counts not yet flushed stay pending until a flush works.
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/registry.h>

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "runtime/pg_pool.h"
#include "runtime/server_main.h"
#include "services/agentkit/decision/decision_cache.h"
#include "services/agentkit/decision/decision_store.h"

namespace aiworld::agentkit {

struct TierCountRow {
  std::string agent;
  decision::Tier tier = v1::TIER_UNSPECIFIED;
  uint64_t decisions = 0;
};

class PgDecisionStore final : public decision::DecisionStore, public BackgroundWork {
 public:
  PgDecisionStore(PgPool& db, std::string group, prometheus::Registry& metrics,
                  absl::Duration flush_interval = absl::Seconds(10));
  ~PgDecisionStore() override;

  // Drops rows past the cache's TTL, then loads the rest into it. Returns the entries loaded.
  absl::StatusOr<size_t> LoadInto(decision::DecisionCache& cache, absl::Time now);

  void SaveAnswer(const decision::RememberedAnswer& answer) override;
  void CountDecision(const std::string& agent, decision::Tier tier, absl::Time at) override;

  // Adds the pending counts to the table.
  absl::Status Flush();
  // Decisions per agent and tier from from_day to to_day ("YYYY-MM-DD", UTC, inclusive), after a flush.
  absl::StatusOr<std::vector<TierCountRow>> CountsBetween(const std::string& from_day, const std::string& to_day);

  void Start() override;
  void Stop() override;

 private:
  using CountKey = std::tuple<std::string, std::string, int>;  // day, agent, tier
  void Failed(const char* op, const absl::Status& status);

  PgPool& db_;
  const std::string group_;
  const absl::Duration flush_interval_;
  prometheus::Family<prometheus::Counter>& errors_;
  std::atomic<bool> failing_{false};
  absl::Mutex mu_;
  std::map<CountKey, uint64_t> pending_ ABSL_GUARDED_BY(mu_);
  absl::Mutex flush_mu_;  // one flush at a time
  absl::Notification stop_;
  std::thread flusher_;
};

}  // namespace aiworld::agentkit
