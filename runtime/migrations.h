#pragma once
// Numbered SQL migrations: NNNN_description.sql, applied in version order, each recorded in
// public.schema_migrations with the SHA-256 of its text.
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace aiworld {

struct MigrationFile {
  std::string name;  // e.g. "0001_schemas.sql"
  std::string sql;
};

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
  std::string checksum;  // lowercase hex SHA-256 of sql
};

// The files of migrations/ as compiled into this binary (generated at build time).
const std::vector<MigrationFile>& EmbeddedMigrationFiles();

// Validates names (NNNN_word.sql), rejects duplicate versions, sorts by version.
absl::StatusOr<std::vector<Migration>> ParseMigrations(const std::vector<MigrationFile>& files);
// Reads every *.sql file of a directory.
absl::StatusOr<std::vector<MigrationFile>> ReadMigrationDir(const std::string& dir);
// The migrations this binary was built with; aborts if they are malformed (a build error).
const std::vector<Migration>& EmbeddedMigrations();
// The schema version this binary needs: the highest embedded version.
int RequiredSchemaVersion();

std::string Sha256Hex(const std::string& data);

}  // namespace aiworld
