// aiworld-migrate: applies the numbered SQL migrations to the shared PostgreSQL database.
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "runtime/log.h"
#include "runtime/migrations.h"
#include "runtime/migrator.h"
#include "runtime/pg_pool.h"
#include "runtime/server_main.h"

namespace {

using aiworld::FlagSpec;

std::vector<FlagSpec> MigrateFlags() {
  using T = FlagSpec::Type;
  std::vector<FlagSpec> flags = {
      {"database-url", "AIWORLD_DATABASE_URL", "", "PostgreSQL URL (required)", T::kString,
       FlagSpec::Sensitivity::kUrlCredentials},
      {"dir", "AIWORLD_MIGRATIONS_DIR", "",
       "read migrations from this directory instead of the ones built into the binary"},
      {"target", "", "0", "apply up to this version only (0: all)", T::kInt},
      {"verify", "", "false", "check recorded checksums and report the version; apply nothing", T::kBool},
      {"wait", "AIWORLD_STARTUP_TIMEOUT", "30s", "how long to wait for the database to accept connections",
       T::kDuration},
  };
  for (FlagSpec& f : aiworld::LoggingFlags()) flags.push_back(std::move(f));
  return flags;
}

absl::StatusOr<std::unique_ptr<pqxx::connection>> ConnectWithin(const std::string& url, absl::Duration wait) {
  const absl::Time deadline = absl::Now() + wait;
  const std::string conninfo = aiworld::WithConnectTimeout(url, 3);
  absl::Time next_report = absl::InfinitePast();
  while (true) {
    try {
      return std::make_unique<pqxx::connection>(conninfo);
    } catch (const std::exception& e) {
      if (absl::Now() >= deadline) {
        return absl::UnavailableError(absl::StrCat("database not reachable within ", absl::FormatDuration(wait), ": ", e.what()));
      }
      if (absl::Now() >= next_report) {
        aiworld::log::Warn("waiting for the database", {{"error", e.what()}});
        next_report = absl::Now() + absl::Seconds(5);
      }
      absl::SleepFor(absl::Milliseconds(500));
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const aiworld::ProgramInfo info{
      "aiworld-migrate",
      "Applies the numbered SQL migrations (one schema per owner) to the aiworld PostgreSQL database.\n"
      "Idempotent, and safe to run from several processes at once; refuses when an applied migration was edited.",
      "Exit status: 0 when the database is at the wanted version, 1 on a refusal or error, 2 on a bad flag."};
  int exit_code = 0;
  std::optional<aiworld::Config> config =
      aiworld::ParseProgramFlags(info, "migrate", MigrateFlags(), argc, argv, &exit_code);
  if (!config.has_value()) return exit_code;
  aiworld::LogConfiguration(*config);
  if (config->Get("database-url").empty()) {
    aiworld::log::Error("--database-url (AIWORLD_DATABASE_URL) is required");
    return 2;
  }

  absl::StatusOr<std::vector<aiworld::Migration>> migrations = aiworld::EmbeddedMigrations();
  std::string source = "built-in";
  if (!config->Get("dir").empty()) {
    source = config->Get("dir");
    absl::StatusOr<std::vector<aiworld::MigrationFile>> files = aiworld::ReadMigrationDir(source);
    migrations = files.ok() ? aiworld::ParseMigrations(*files) : files.status();
  }
  if (!migrations.ok()) {
    aiworld::log::Error("cannot read migrations", {{"error", migrations.status()}});
    return 1;
  }
  if (migrations->empty()) {
    aiworld::log::Error("no migrations found", {{"source", source}});
    return 1;
  }
  const int latest = migrations->back().version;
  aiworld::log::Info("migrations found", {{"source", source}, {"count", migrations->size()}, {"latest_version", latest}});

  auto conn = ConnectWithin(config->Get("database-url"), config->GetDuration("wait"));
  if (!conn.ok()) {
    aiworld::log::Error("cannot connect", {{"error", conn.status()}});
    return 1;
  }
  aiworld::Migrator migrator(**conn, [](const std::string& line) { aiworld::log::Info(line); });

  if (config->GetBool("verify")) {
    absl::Status s = migrator.Verify(*migrations);
    absl::StatusOr<int> version = aiworld::CurrentSchemaVersion(**conn);
    if (!s.ok() || !version.ok()) {
      aiworld::log::Error("verification failed", {{"error", s.ok() ? version.status() : s}});
      return 1;
    }
    aiworld::log::Info("verified", {{"version", *version}, {"latest_version", latest}, {"pending", *version < latest}});
    return 0;
  }

  std::optional<int> target;
  if (config->GetInt("target") > 0) target = static_cast<int>(config->GetInt("target"));
  absl::StatusOr<aiworld::MigrationRun> run = migrator.Apply(*migrations, target);
  if (!run.ok()) {
    aiworld::log::Error("migration refused", {{"error", run.status()}});
    return 1;
  }
  aiworld::log::Info(run->applied.empty() ? "database already up to date" : "database migrated",
                     {{"version_before", run->version_before},
                      {"version_after", run->version_after},
                      {"applied", static_cast<int64_t>(run->applied.size())}});
  return 0;
}
