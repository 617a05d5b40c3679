#pragma once
// A bounded pool of PostgreSQL connections over libpqxx 6.4 that heals itself: a connection that
// breaks (server restarted, network cut) is dropped, and the next caller opens a fresh one.
#include <pqxx/pqxx>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace aiworld {

class PgPool {
 public:
  struct Options {
    int max_connections = 4;
    absl::Duration acquire_timeout = absl::Seconds(5);
    int connect_timeout_seconds = 3;
  };

  PgPool(std::string database_url, Options options);
  ~PgPool();
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // Runs fn with a pooled connection. A broken connection becomes UNAVAILABLE (and is dropped),
  // an SQL error becomes INTERNAL with the server's message, a pool exhausted past the acquire
  // timeout becomes UNAVAILABLE. fn's own status is returned as is.
  absl::Status Run(const std::function<absl::Status(pqxx::connection&)>& fn);

  // SELECT 1 on a pooled connection.
  absl::Status Ping();

  int open_connections() const;
  const std::string& connection_string() const { return conninfo_; }

 private:
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Acquire();
  void Release(std::unique_ptr<pqxx::connection> conn, bool broken);

  const std::string conninfo_;
  const Options options_;
  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;
};

// Adds connect_timeout (and TCP keepalives) to a libpq URI or keyword string unless present, so
// connecting to a vanished server fails in seconds instead of hanging.
std::string WithConnectTimeout(const std::string& database_url, int seconds);

// Maps an exception thrown by libpqxx to a status. Unknown exceptions become INTERNAL.
absl::Status StatusFromPqxx(const std::exception& e);

}  // namespace aiworld
