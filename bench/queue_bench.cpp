// aiworld-queue-bench: the gateway's action-queue path (ActionQueue: Enqueue 50 with idempotency
// keys, Claim 50 with a lease, Complete 50 into the archive) against a raw-SQL baseline on a table
// of the same shape in the same database and run (multi-row INSERT of 50, UPDATE ... SKIP LOCKED
// claim of 50, DELETE ... RETURNING into an archive). Prints both rates and their ratio.
//   aiworld-queue-bench --database-url=postgresql://... [--rounds=200]
#include <chrono>
#include <cstdio>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "gateway/action_queue.h"
#include "runtime/config.h"
#include "runtime/migrator.h"
#include "runtime/pg_pool.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kBatch = 50;

std::vector<aiworld::v1::Action> MakeActions(int round) {
  std::vector<aiworld::v1::Action> actions;
  for (int i = 0; i < kBatch; ++i) {
    aiworld::v1::Action a;
    a.set_idempotency_key(absl::StrCat("bench/", round, "/", i));
    a.set_action_id(aiworld::gateway::ActionQueue::ActionIdFor(a.idempotency_key()));
    a.set_server_id("bench");
    a.set_priority(aiworld::v1::PRIORITY_NORMAL);
    a.mutable_origin()->set_group(aiworld::v1::AGENT_GROUP_KIND_CORE);
    a.mutable_origin()->set_agent("bench");
    a.mutable_target()->set_char_id(150000 + i);
    a.mutable_set_char_variable()->set_char_id(150000 + i);
    a.mutable_set_char_variable()->set_name("aiw_bench");
    a.mutable_set_char_variable()->set_int_value(round);
    actions.push_back(std::move(a));
  }
  return actions;
}

double QueuePath(aiworld::PgPool& pool, const std::string& url, int rounds) {
  aiworld::gateway::ActionQueue queue(pool, {});
  pqxx::connection c(url);
  const auto start = Clock::now();
  for (int r = 0; r < rounds; ++r) {
    {
      pqxx::work tx(c);
      queue.Enqueue(tx, MakeActions(r));
      tx.commit();
    }
    absl::StatusOr<aiworld::gateway::Claimed> claimed = queue.Claim("bench", kBatch, absl::Seconds(30), "bench", {});
    std::vector<aiworld::v1::ActionResult> results;
    for (const auto& a : claimed->actions) {
      aiworld::v1::ActionResult res;
      res.set_action_id(a.action_id());
      res.set_status(aiworld::v1::ACTION_STATUS_DONE);
      results.push_back(res);
    }
    (void)queue.Complete("bench", results);
  }
  return rounds * kBatch / std::chrono::duration<double>(Clock::now() - start).count();
}

double RawSql(const std::string& url, int rounds) {
  pqxx::connection c(url);
  {
    pqxx::work tx(c);
    tx.exec("CREATE SCHEMA IF NOT EXISTS bench_raw");
    tx.exec("CREATE TABLE bench_raw.actions (LIKE gateway.actions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
    tx.exec("ALTER TABLE bench_raw.actions ADD PRIMARY KEY (action_id)");
    tx.exec("CREATE INDEX ON bench_raw.actions (server_id, priority DESC, created_at, action_id) WHERE state IN ('available', 'leased')");
    tx.exec("CREATE TABLE bench_raw.archive (LIKE gateway.actions_archive INCLUDING DEFAULTS)");
    tx.commit();
  }
  const std::string payload = MakeActions(0)[0].SerializeAsString();
  const auto start = Clock::now();
  for (int r = 0; r < rounds; ++r) {
    std::string values;
    for (int i = 0; i < kBatch; ++i) {
      absl::StrAppend(&values, i ? "," : "", "('raw-", r, "-", i, "', 'rawkey-", r, "-", i,
                      "', 'bench', 'set_char_variable', 2, ", 150000 + i, ", 'core', 'bench', 'rules', $1)");
    }
    pqxx::work tx(c);
    tx.exec_params(absl::StrCat("INSERT INTO bench_raw.actions (action_id, idempotency_key, server_id, kind, priority,"
                                " target_char_id, origin_group, origin_agent, origin_tier, payload) VALUES ", values),
                   pqxx::binarystring(payload));
    tx.commit();
    pqxx::work claim(c);
    pqxx::result ids = claim.exec(
        "WITH due AS (SELECT action_id FROM bench_raw.actions WHERE server_id = 'bench' AND state = 'available'"
        "  ORDER BY priority DESC, created_at, action_id LIMIT 50 FOR UPDATE SKIP LOCKED)"
        " UPDATE bench_raw.actions a SET state = 'leased', attempts = a.attempts + 1,"
        "  lease_expires_at = now() + interval '30 seconds', leased_by = 'bench'"
        " FROM due WHERE a.action_id = due.action_id RETURNING a.action_id, a.payload");
    claim.commit();
    std::string list;
    for (const auto& row : ids) absl::StrAppend(&list, list.empty() ? "" : ",", "'", row[0].c_str(), "'");
    pqxx::work done(c);
    done.exec(absl::StrCat(
        "WITH moved AS (DELETE FROM bench_raw.actions WHERE action_id IN (", list, ") RETURNING *)"
        " INSERT INTO bench_raw.archive (action_id, idempotency_key, server_id, kind, priority, final_state, attempts,"
        "  amount, origin_group, origin_agent, origin_tier, payload, created_at)"
        " SELECT action_id, idempotency_key, server_id, kind, priority, 'done', attempts, amount, origin_group,"
        "  origin_agent, origin_tier, payload, created_at FROM moved"));
    done.commit();
  }
  return rounds * kBatch / std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  auto config = aiworld::Config::Parse(
      {"aiworld-queue-bench", "Action-queue path vs a raw-SQL baseline (insert 50, claim 50, complete 50).", ""},
      {{"database-url", "AIWORLD_DATABASE_URL", "", "an empty, migrated or fresh database (it is migrated)"},
       {"rounds", "", "200", "rounds of 50 actions per path", aiworld::FlagSpec::Type::kInt}},
      std::vector<std::string>(argv + 1, argv + argc), aiworld::Config::ProcessEnvironment());
  if (!config.ok() || config->help_requested() || config->Get("database-url").empty()) {
    std::fprintf(stderr, "%s", config.ok() ? config->HelpText().c_str() : std::string(config.status().message()).c_str());
    return config.ok() && config->help_requested() ? 0 : 2;
  }
  const std::string url = config->Get("database-url");
  {
    pqxx::connection c(url);
    if (absl::StatusOr<aiworld::MigrationRun> run = aiworld::Migrator(c).Apply(aiworld::EmbeddedMigrations()); !run.ok()) {
      std::fprintf(stderr, "migration failed: %s\n", std::string(run.status().message()).c_str());
      return 1;
    }
  }
  const int rounds = static_cast<int>(config->GetInt("rounds"));
  aiworld::PgPool pool(url, {});
  std::printf("warming up...\n");
  QueuePath(pool, url, 10);
  std::printf("queue path: %d rounds of insert %d, claim %d, complete %d...\n", rounds, kBatch, kBatch, kBatch);
  const double ours = QueuePath(pool, url, rounds) ;
  std::printf("raw SQL baseline: the same rounds on a table of the same shape...\n");
  const double raw = RawSql(url, rounds);
  std::printf("\n%-28s %10.0f actions/s\n%-28s %10.0f actions/s\n%-28s %10.2f (target >= 0.50)\n", "queue path (ActionQueue)",
              ours, "raw SQL baseline", raw, "ratio", ours / raw);
  return 0;
}
