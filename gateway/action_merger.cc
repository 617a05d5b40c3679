#include "gateway/action_merger.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "absl/strings/str_cat.h"
#include "gateway/pg_arrays.h"

namespace aiworld::gateway {
namespace {

int Rank(const v1::Action& a) { return a.priority() == v1::PRIORITY_UNSPECIFIED ? v1::PRIORITY_NORMAL : a.priority(); }

// Counts already in the queue (hot and archive) that a rule limits, read once per key per merge.
class RecentCounts {
 public:
  explicit RecentCounts(pqxx::work& tx, const std::string& server_id) : tx_(tx), server_id_(server_id) {}

  int64_t BroadcastsLastMinute(const std::string& map) {
    return Cached("b:" + map, [&] {
      return Count(
          "SELECT count(*) FROM (SELECT 1 FROM gateway.actions WHERE server_id = $1 AND kind = 'broadcast'"
          "   AND created_at > now() - interval '1 minute' AND ($2 = '' OR target_map = $2)"
          " UNION ALL SELECT 1 FROM gateway.actions_archive WHERE server_id = $1 AND kind = 'broadcast'"
          "   AND created_at > now() - interval '1 minute' AND ($2 = '' OR target_map = $2)) t",
          map);
    });
  }
  int64_t LiveSpawned(const std::string& map) {
    return Cached("s:" + map, [&] {
      return Count(
          "SELECT coalesce(sum(amount), 0) FROM (SELECT amount FROM gateway.actions WHERE server_id = $1"
          "   AND kind = 'spawn_monster' AND target_map = $2 AND live_until > now()"
          " UNION ALL SELECT amount FROM gateway.actions_archive WHERE server_id = $1 AND kind = 'spawn_monster'"
          "   AND final_state = 'done' AND target_map = $2 AND live_until > now()) t",
          map);
    });
  }
  int64_t RewardsLastHour(uint32_t char_id) {
    return Cached(absl::StrCat("r:", char_id), [&] {
      return Count(
          "SELECT count(*) FROM (SELECT 1 FROM gateway.actions WHERE server_id = $1 AND kind = 'give_reward'"
          "   AND target_char_id = $2::bigint AND created_at > now() - interval '1 hour'"
          " UNION ALL SELECT 1 FROM gateway.actions_archive WHERE server_id = $1 AND kind = 'give_reward'"
          "   AND target_char_id = $2::bigint AND created_at > now() - interval '1 hour') t",
          std::to_string(char_id));
    });
  }
  void Add(const std::string& key, int64_t n) { cache_[key] += n; }

 private:
  template <typename F>
  int64_t Cached(const std::string& key, F query) {
    auto it = cache_.find(key);
    if (it == cache_.end()) it = cache_.emplace(key, query()).first;
    return it->second;
  }
  int64_t Count(const std::string& sql, const std::string& arg) {
    return tx_.exec_params1(sql, server_id_, arg)[0].as<int64_t>();
  }

  pqxx::work& tx_;
  const std::string& server_id_;
  std::map<std::string, int64_t> cache_;
};

struct Verdict {
  std::string rule;  // empty: allowed
  std::string detail;
  std::vector<std::pair<std::string, int64_t>> consumes;  // counters to bump when allowed
};

Verdict Judge(const v1::Action& a, const GuardRails& rails, RecentCounts& counts) {
  Verdict v;
  if (a.has_broadcast()) {
    const int64_t server_wide = counts.BroadcastsLastMinute("");
    if (server_wide >= rails.broadcasts_per_minute_server) {
      return {"broadcasts_per_minute_server",
              absl::StrCat(server_wide, " broadcasts in the last minute, at most ", rails.broadcasts_per_minute_server), {}};
    }
    v.consumes.emplace_back("b:", 1);
    const std::string& map = a.target().map();
    if (!map.empty()) {
      const int64_t on_map = counts.BroadcastsLastMinute(map);
      if (on_map >= rails.broadcasts_per_minute_map) {
        return {"broadcasts_per_minute_map",
                absl::StrCat(on_map, " broadcasts on ", map, " in the last minute, at most ", rails.broadcasts_per_minute_map), {}};
      }
      v.consumes.emplace_back("b:" + map, 1);
    }
  } else if (a.has_spawn_monster()) {
    const std::string& map = a.target().map();
    const int64_t amount = std::max<uint32_t>(1, a.spawn_monster().amount());
    const int64_t live = counts.LiveSpawned(map);
    if (live + amount > rails.live_spawned_per_map) {
      return {"live_spawned_per_map",
              absl::StrCat(live, " spawned monsters alive on ", map, ", ", amount, " more would pass the limit of ",
                           rails.live_spawned_per_map), {}};
    }
    v.consumes.emplace_back("s:" + map, amount);
  } else if (a.has_give_reward()) {
    const uint32_t char_id = a.target().char_id();
    const int64_t recent = counts.RewardsLastHour(char_id);
    if (recent >= rails.rewards_per_player_hour) {
      return {"rewards_per_player_hour",
              absl::StrCat(recent, " rewards to char ", char_id, " in the last hour, at most ", rails.rewards_per_player_hour), {}};
    }
    v.consumes.emplace_back(absl::StrCat("r:", char_id), 1);
  }
  return v;
}

}  // namespace

ActionMerger::ActionMerger(GuardRails rails, ActionQueue& queue, prometheus::Registry& metrics)
    : rails_(rails),
      queue_(queue),
      held_(prometheus::BuildCounter()
                .Name("aiworld_gateway_actions_held_total")
                .Help("Actions a guard rail held back instead of queueing, by rule.")
                .Register(metrics)),
      merged_(prometheus::BuildCounter()
                  .Name("aiworld_gateway_actions_merged_total")
                  .Help("Actions returned by agent groups, by group and outcome (queued, duplicate, held).")
                  .Register(metrics)) {}

void ActionMerger::Normalize(v1::Action& a, const std::string& server_id, const std::string& group,
                             const std::string& origin_key, size_t index) {
  a.set_server_id(server_id);
  a.set_idempotency_key(a.idempotency_key().empty() ? absl::StrCat(origin_key, "/", index)
                                                    : absl::StrCat(server_id, "/", group, "/", a.idempotency_key()));
  a.set_action_id(ActionQueue::ActionIdFor(a.idempotency_key()));
  // The guard rails and dispatch look at the target; fill it from the kind where it is implied.
  auto* target = a.mutable_target();
  if (target->map().empty()) {
    if (a.has_broadcast() && a.broadcast().scope() == v1::BROADCAST_SCOPE_MAP) target->set_map(a.broadcast().map());
    if (a.has_spawn_monster()) target->set_map(a.spawn_monster().at().map());
  }
  if (target->char_id() == 0 && a.has_give_reward()) target->set_char_id(a.give_reward().char_id());
}

MergeOutcome ActionMerger::Merge(pqxx::work& tx, const std::string& server_id, const std::string& group,
                                 const std::string& origin_key, std::vector<v1::Action> actions) {
  MergeOutcome out;
  for (size_t i = 0; i < actions.size(); ++i) Normalize(actions[i], server_id, group, origin_key, i);
  // Highest priority first, so it gets the guard rails' capacity; stable keeps the group's order.
  std::stable_sort(actions.begin(), actions.end(), [](const v1::Action& a, const v1::Action& b) { return Rank(a) > Rank(b); });
  std::set<std::string> seen;
  std::vector<v1::Action> kept;
  // Serialise guard-rail decisions per server across gateway replicas.
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtext('aiworld.guard.' || $1))", server_id);
  RecentCounts counts(tx, server_id);
  // Keys queued before (a redelivered share) are duplicates, not candidates for the guard rails.
  PgArray keys;
  for (const v1::Action& a : actions) keys.Add(a.idempotency_key());
  for (const auto& row : tx.exec_params("SELECT idempotency_key FROM gateway.action_keys WHERE idempotency_key = ANY($1::text[])",
                                        keys.Literal())) {
    seen.insert(row[0].as<std::string>());
  }
  for (v1::Action& a : actions) {
    if (!seen.insert(a.idempotency_key()).second) {
      ++out.duplicates;
      continue;
    }
    Verdict v = Judge(a, rails_, counts);
    if (!v.rule.empty()) {
      // Held once per idempotency key: a redelivered share does not record it again.
      pqxx::result r = tx.exec_params(
          "INSERT INTO gateway.held_actions (idempotency_key, server_id, kind, rule, detail, origin_group, origin_agent, payload)"
          " SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE NOT EXISTS ("
          "   SELECT 1 FROM gateway.held_actions WHERE idempotency_key = $1)",
          a.idempotency_key(), server_id, ActionQueue::KindName(a), v.rule, v.detail, group, a.origin().agent(),
          pqxx::binarystring(a.SerializeAsString()));
      if (r.affected_rows() > 0) held_.Add({{"rule", v.rule}}).Increment();
      ++out.held;
      continue;
    }
    for (const auto& [key, n] : v.consumes) counts.Add(key, n);
    kept.push_back(std::move(a));
  }
  EnqueueResult enqueued = queue_.Enqueue(tx, kept);
  out.queued = static_cast<int>(enqueued.queued_ids.size());
  out.duplicates += enqueued.duplicates;
  out.queued_ids = std::move(enqueued.queued_ids);
  merged_.Add({{"group", group}, {"outcome", "queued"}}).Increment(out.queued);
  merged_.Add({{"group", group}, {"outcome", "duplicate"}}).Increment(out.duplicates);
  merged_.Add({{"group", group}, {"outcome", "held"}}).Increment(out.held);
  return out;
}

}  // namespace aiworld::gateway
