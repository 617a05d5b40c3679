#pragma once
// Merges one group's actions for one share into the queue (DESIGN §4.5): stable idempotency keys,
// dedupe, priority order, and guard rails that hold back what would flood the world — broadcasts
// per minute (server-wide and per map), live spawned monsters per map, rewards per player per hour.
// Held actions are recorded in gateway.held_actions and counted in a metric.
#include <pqxx/pqxx>
#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <string>
#include <vector>

#include "aiworld/v1/actions.pb.h"
#include "gateway/action_queue.h"

namespace aiworld::gateway {

struct GuardRails {
  int broadcasts_per_minute_server = 12;
  int broadcasts_per_minute_map = 4;
  int live_spawned_per_map = 300;
  int rewards_per_player_hour = 10;
};

struct MergeOutcome {
  int queued = 0;
  int duplicates = 0;
  int held = 0;
  std::vector<std::string> queued_ids;
};

class ActionMerger {
 public:
  ActionMerger(GuardRails rails, ActionQueue& queue, prometheus::Registry& metrics);

  // origin_key names the share or job slot the actions came from (e.g. "srv1/42/core"); an action
  // without an idempotency key gets "<origin_key>/<index>", one with a key gets it scoped to its
  // server and group. All in the caller's transaction.
  MergeOutcome Merge(pqxx::work& tx, const std::string& server_id, const std::string& group,
                     const std::string& origin_key, std::vector<v1::Action> actions);

  // Fills the fields the gateway owns: server_id, idempotency_key (scoped), action_id, target map.
  static void Normalize(v1::Action& action, const std::string& server_id, const std::string& group,
                        const std::string& origin_key, size_t index);

 private:
  GuardRails rails_;
  ActionQueue& queue_;
  prometheus::Family<prometheus::Counter>& held_;
  prometheus::Family<prometheus::Counter>& merged_;
};

}  // namespace aiworld::gateway
