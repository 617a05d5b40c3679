#include "runtime/migrator.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "runtime/pg_pool.h"

namespace aiworld {
namespace {

// Arbitrary constant naming "the aiworld migrator" among advisory locks.
constexpr int64_t kMigrationLockKey = 0x616977726c646d67;  // "aiwrldmg"

struct AppliedRow {
  std::string name;
  std::string checksum;
  std::string applied_at;
};

absl::StatusOr<std::map<int, AppliedRow>> ReadApplied(pqxx::connection& conn) {
  pqxx::nontransaction tx(conn);
  pqxx::result exists = tx.exec("SELECT to_regclass('public.schema_migrations') IS NOT NULL");
  std::map<int, AppliedRow> rows;
  if (!exists[0][0].as<bool>()) return rows;
  for (const auto& r : tx.exec("SELECT version, name, checksum, applied_at::text FROM public.schema_migrations")) {
    rows[r[0].as<int>()] = AppliedRow{r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>()};
  }
  return rows;
}

absl::Status CheckApplied(const std::vector<Migration>& migrations, const std::map<int, AppliedRow>& applied) {
  const int highest_applied = applied.empty() ? 0 : applied.rbegin()->first;
  for (const Migration& m : migrations) {
    auto it = applied.find(m.version);
    if (it == applied.end()) {
      if (m.version < highest_applied) {
        return absl::FailedPreconditionError(absl::StrCat(
            "migration ", m.name, " was never applied but the database is already at version ",
            highest_applied, "; give new migrations numbers above ", highest_applied));
      }
      continue;
    }
    if (it->second.name != m.name) {
      return absl::FailedPreconditionError(absl::StrCat("migration version ", m.version, " was applied as ",
                                                        it->second.name, " but the file is now named ", m.name));
    }
    if (it->second.checksum != m.checksum) {
      return absl::FailedPreconditionError(absl::StrCat(
          "migration ", m.name, " was edited after it was applied (at ", it->second.applied_at,
          "; recorded sha256 ", it->second.checksum.substr(0, 12), ", file now ", m.checksum.substr(0, 12),
          "); restore it and put the change in a new migration"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int> CurrentSchemaVersion(pqxx::connection& conn) {
  try {
    pqxx::nontransaction tx(conn);
    pqxx::result exists = tx.exec("SELECT to_regclass('public.schema_migrations') IS NOT NULL");
    if (!exists[0][0].as<bool>()) return 0;
    return tx.exec1("SELECT coalesce(max(version), 0) FROM public.schema_migrations")[0].as<int>();
  } catch (const std::exception& e) {
    return StatusFromPqxx(e);
  }
}

absl::Status RequireSchemaVersion(pqxx::connection& conn, int needed) {
  absl::StatusOr<int> current = CurrentSchemaVersion(conn);
  if (!current.ok()) return current.status();
  if (*current >= needed) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "database schema is at version ", *current, " but this server needs version ", needed,
      "; run aiworld-migrate first"));
}

absl::Status Migrator::Verify(const std::vector<Migration>& migrations) {
  try {
    absl::StatusOr<std::map<int, AppliedRow>> applied = ReadApplied(conn_);
    if (!applied.ok()) return applied.status();
    return CheckApplied(migrations, *applied);
  } catch (const std::exception& e) {
    return StatusFromPqxx(e);
  }
}

absl::StatusOr<MigrationRun> Migrator::Apply(const std::vector<Migration>& migrations, std::optional<int> target) {
  MigrationRun run;
  bool locked = false;
  std::string in_progress;
  try {
    {
      pqxx::nontransaction tx(conn_);
      locked = tx.exec_params1("SELECT pg_try_advisory_lock($1)", kMigrationLockKey)[0].as<bool>();
      if (!locked) {
        Say("another migrator holds the migration lock; waiting for it to finish");
        tx.exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
        locked = true;
      }
      tx.exec(
          "CREATE TABLE IF NOT EXISTS public.schema_migrations ("
          " version integer PRIMARY KEY,"
          " name text NOT NULL,"
          " checksum text NOT NULL,"
          " applied_at timestamptz NOT NULL DEFAULT now(),"
          " execution_ms integer NOT NULL)");
    }
    absl::StatusOr<std::map<int, AppliedRow>> applied = ReadApplied(conn_);
    if (!applied.ok()) return applied.status();
    if (absl::Status s = CheckApplied(migrations, *applied); !s.ok()) {
      pqxx::nontransaction(conn_).exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
      return s;
    }
    run.version_before = applied->empty() ? 0 : applied->rbegin()->first;
    run.version_after = run.version_before;
    for (const Migration& m : migrations) {
      if (m.version <= run.version_before) continue;
      if (target.has_value() && m.version > *target) break;
      in_progress = m.name;
      Say(absl::StrCat("applying ", m.name));
      const absl::Time start = absl::Now();
      pqxx::work tx(conn_);
      tx.exec(m.sql);
      const int ms = static_cast<int>(absl::ToInt64Milliseconds(absl::Now() - start));
      tx.exec_params("INSERT INTO public.schema_migrations (version, name, checksum, execution_ms) VALUES ($1, $2, $3, $4)",
                     m.version, m.name, m.checksum, ms);
      tx.commit();
      Say(absl::StrCat("applied ", m.name, " in ", ms, " ms"));
      run.applied.push_back(m.name);
      run.version_after = m.version;
    }
    pqxx::nontransaction(conn_).exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
    return run;
  } catch (const pqxx::sql_error& e) {
    // A failing migration is rolled back whole; name it.
    if (locked && conn_.is_open()) {
      try {
        pqxx::nontransaction(conn_).exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
      } catch (const std::exception&) {
      }
    }
    absl::Status s = StatusFromPqxx(e);
    return absl::Status(s.code(), in_progress.empty() ? std::string(s.message())
                                                   : absl::StrCat("migration ", in_progress, " failed and was rolled back: ", s.message()));
  } catch (const std::exception& e) {
    return StatusFromPqxx(e);
  }
}

}  // namespace aiworld
