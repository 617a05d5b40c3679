#pragma once
// Applies migrations to PostgreSQL. Safe to run from several processes at once: the whole run
// holds a session advisory lock, so a second migrator waits and then finds nothing to do.
#include <pqxx/pqxx>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/migrations.h"

namespace aiworld {

struct MigrationRun {
  int version_before = 0;
  int version_after = 0;
  std::vector<std::string> applied;  // file names, in order
};

class Migrator {
 public:
  using Progress = std::function<void(const std::string& line)>;

  explicit Migrator(pqxx::connection& conn, Progress progress = nullptr)
      : conn_(conn), progress_(std::move(progress)) {}

  // Applies every migration above the current version, up to target (all if unset). Refuses,
  // naming the file, when an applied migration's text no longer matches its recorded checksum.
  absl::StatusOr<MigrationRun> Apply(const std::vector<Migration>& migrations,
                                     std::optional<int> target = std::nullopt);

  // Verifies recorded checksums against migrations without applying anything.
  absl::Status Verify(const std::vector<Migration>& migrations);

 private:
  void Say(const std::string& line) const {
    if (progress_) progress_(line);
  }
  pqxx::connection& conn_;
  Progress progress_;
};

// Highest applied version, 0 when schema_migrations does not exist yet.
absl::StatusOr<int> CurrentSchemaVersion(pqxx::connection& conn);

// OK when the database is at `needed` or newer; FAILED_PRECONDITION naming both versions if not.
absl::Status RequireSchemaVersion(pqxx::connection& conn, int needed);

}  // namespace aiworld
