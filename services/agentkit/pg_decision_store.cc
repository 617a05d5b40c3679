#include "services/agentkit/pg_decision_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "runtime/log.h"

namespace aiworld::agentkit {
namespace {

std::string Timestamp(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%E6S+00", t, absl::UTCTimeZone()); }

// The row key of an answer cached without a key: its features' digest (FNV-1a, stable across
// processes), so the same features replace each other as they do in memory.
std::string RowKey(const decision::RememberedAnswer& a) {
  if (!a.key.empty()) return a.key;
  uint64_t h = 1469598103934665603ull;
  for (double x : a.features) {
    for (char c : absl::StrFormat("%.17g,", x)) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ull;
    }
  }
  return absl::StrFormat("~%016x", h);
}

std::string FeaturesLiteral(const std::vector<double>& features) {
  return absl::StrCat("{", absl::StrJoin(features, ",", [](std::string* out, double x) { absl::StrAppendFormat(out, "%.17g", x); }), "}");
}

std::vector<double> ParseFeatures(const pqxx::field& field) {
  std::vector<double> out;
  auto array = field.as_array();
  for (auto item = array.get_next(); item.first != pqxx::array_parser::juncture::done; item = array.get_next()) {
    if (item.first == pqxx::array_parser::juncture::string_value) out.push_back(std::stod(item.second));
  }
  return out;
}

}  // namespace

PgDecisionStore::PgDecisionStore(PgPool& db, std::string group, prometheus::Registry& metrics, absl::Duration flush_interval)
    : db_(db),
      group_(std::move(group)),
      flush_interval_(flush_interval),
      errors_(prometheus::BuildCounter()
                  .Name("aiworld_decision_store_errors_total")
                  .Help("Failures to save cached answers or decision counts (op: save, flush, load, report).")
                  .Register(metrics)) {
  for (const char* op : {"save", "flush", "load", "report"}) errors_.Add({{"op", op}});
}

PgDecisionStore::~PgDecisionStore() { Stop(); }

void PgDecisionStore::Failed(const char* op, const absl::Status& status) {
  errors_.Add({{"op", op}}).Increment();
  if (!failing_.exchange(true)) {
    log::Warn("decision store: database error (logged once until it works again)", {{"op", op}, {"error", status.ToString()}});
  }
}

absl::StatusOr<size_t> PgDecisionStore::LoadInto(decision::DecisionCache& cache, absl::Time now) {
  const auto& options = cache.options();
  const absl::Time oldest = now - options.ttl;
  size_t loaded = 0;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    loaded = 0;
    pqxx::work tx(c);
    tx.exec_params0(absl::StrCat("DELETE FROM ", group_, ".decision_cache WHERE stored_at <= $1::timestamptz"), Timestamp(oldest));
    // Oldest first, so the newest end up most recently used, as they were.
    const pqxx::result rows = tx.exec_params(
        absl::StrCat("SELECT decision_type, cache_key, features, answer, extract(epoch FROM stored_at)::float8 FROM ("
                     "  SELECT *, row_number() OVER (PARTITION BY decision_type ORDER BY stored_at DESC) AS n FROM ",
                     group_, ".decision_cache) r WHERE n <= $1 ORDER BY stored_at"),
        static_cast<int64_t>(options.max_entries_per_type));
    for (const pqxx::row& row : rows) {
      std::string key = row[1].as<std::string>();
      if (!key.empty() && key[0] == '~') key.clear();
      cache.PutStoredAt(row[0].as<std::string>(), key, ParseFeatures(row[2]), row[3].as<std::string>(),
                        absl::FromUnixMicros(static_cast<int64_t>(row[4].as<double>() * 1e6)));
      ++loaded;
    }
    tx.commit();
    return absl::OkStatus();
  });
  if (!s.ok()) {
    Failed("load", s);
    return s;
  }
  return loaded;
}

void PgDecisionStore::SaveAnswer(const decision::RememberedAnswer& answer) {
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params0(absl::StrCat("INSERT INTO ", group_, ".decision_cache (decision_type, cache_key, features, answer, stored_at)"
                                 " VALUES ($1, $2, $3::float8[], $4, $5::timestamptz) ON CONFLICT (decision_type, cache_key)"
                                 " DO UPDATE SET features = EXCLUDED.features, answer = EXCLUDED.answer, stored_at = EXCLUDED.stored_at"),
                    answer.type, RowKey(answer), FeaturesLiteral(answer.features), answer.text, Timestamp(answer.stored_at));
    tx.commit();
    return absl::OkStatus();
  });
  if (!s.ok()) {
    Failed("save", s);
  } else {
    failing_ = false;
  }
}

void PgDecisionStore::CountDecision(const std::string& agent, decision::Tier tier, absl::Time at) {
  absl::MutexLock lock(&mu_);
  ++pending_[{absl::FormatTime("%Y-%m-%d", at, absl::UTCTimeZone()), agent, static_cast<int>(tier)}];
}

absl::Status PgDecisionStore::Flush() {
  absl::MutexLock one_flush(&flush_mu_);
  std::map<CountKey, uint64_t> batch;
  {
    absl::MutexLock lock(&mu_);
    batch.swap(pending_);
  }
  if (batch.empty()) return absl::OkStatus();
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    for (const auto& [key, n] : batch) {
      const auto& [day, agent, tier] = key;
      tx.exec_params0(absl::StrCat("INSERT INTO ", group_, ".decision_counts (day, agent, tier, decisions) VALUES ($1::date, $2, $3, $4)"
                                   " ON CONFLICT (day, agent, tier) DO UPDATE SET decisions = ", group_,
                                   ".decision_counts.decisions + EXCLUDED.decisions"),
                      day, agent, decision::TierLabel(static_cast<decision::Tier>(tier)), static_cast<int64_t>(n));
    }
    tx.commit();
    return absl::OkStatus();
  });
  if (!s.ok()) {
    Failed("flush", s);
    absl::MutexLock lock(&mu_);
    for (const auto& [key, n] : batch) pending_[key] += n;  // kept for the next flush
    return s;
  }
  failing_ = false;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TierCountRow>> PgDecisionStore::CountsBetween(const std::string& from_day, const std::string& to_day) {
  (void)Flush();  // a failed flush keeps its counts pending; the table still answers
  std::vector<TierCountRow> rows;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    rows.clear();
    pqxx::read_transaction tx(c);
    for (const pqxx::row& row : tx.exec_params(absl::StrCat("SELECT agent, tier, sum(decisions)::bigint FROM ", group_,
                                                            ".decision_counts WHERE day BETWEEN $1::date AND $2::date"
                                                            " GROUP BY 1, 2 ORDER BY 1, 2"),
                                               from_day, to_day)) {
      TierCountRow r;
      r.agent = row[0].as<std::string>();
      const std::string tier = row[1].as<std::string>();
      for (decision::Tier t : {v1::TIER_RULES, v1::TIER_CACHE, v1::TIER_BATCH, v1::TIER_SINGLE, v1::TIER_TEMPLATE}) {
        if (tier == decision::TierLabel(t)) r.tier = t;
      }
      r.decisions = row[2].as<uint64_t>();
      rows.push_back(std::move(r));
    }
    return absl::OkStatus();
  });
  if (!s.ok()) {
    Failed("report", s);
    return s;
  }
  return rows;
}

void PgDecisionStore::Start() {
  if (flusher_.joinable()) return;
  flusher_ = std::thread([this] {
    while (!stop_.WaitForNotificationWithTimeout(flush_interval_)) (void)Flush();
  });
}

void PgDecisionStore::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (flusher_.joinable()) flusher_.join();
  (void)Flush();
}

}  // namespace aiworld::agentkit
