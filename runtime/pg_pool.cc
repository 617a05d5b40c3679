#include "runtime/pg_pool.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace aiworld {

std::string WithConnectTimeout(const std::string& url, int seconds) {
  if (absl::StrContains(url, "connect_timeout")) return url;
  const bool is_uri = absl::StartsWith(url, "postgresql://") || absl::StartsWith(url, "postgres://");
  const std::string params = absl::StrCat("connect_timeout=", seconds, is_uri ? "&" : " ",
                                          "keepalives_idle=5", is_uri ? "&" : " ",
                                          "keepalives_interval=2", is_uri ? "&" : " ",
                                          "keepalives_count=3");
  if (!is_uri) return url.empty() ? params : absl::StrCat(url, " ", params);
  return absl::StrCat(url, absl::StrContains(url, "?") ? "&" : "?", params);
}

absl::Status StatusFromPqxx(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return absl::UnavailableError(absl::StrCat("database connection lost: ", e.what()));
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e); sql != nullptr) {
    std::string msg = sql->what();
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 08* connection
    const std::string& state = sql->sqlstate();
    if (absl::StartsWith(state, "57P") || absl::StartsWith(state, "08")) {
      return absl::UnavailableError(absl::StrCat("database unavailable: ", msg));
    }
    return absl::InternalError(absl::StrCat("database error ", state, ": ", msg));
  }
  return absl::InternalError(absl::StrCat("database error: ", e.what()));
}

PgPool::PgPool(std::string database_url, Options options)
    : conninfo_(WithConnectTimeout(database_url, options.connect_timeout_seconds)), options_(options) {}

PgPool::~PgPool() = default;

absl::StatusOr<std::unique_ptr<pqxx::connection>> PgPool::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    const auto available = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return !idle_.empty() || open_ < options_.max_connections;
    };
    if (!mu_.AwaitWithTimeout(absl::Condition(&available), options_.acquire_timeout)) {
      return absl::UnavailableError(absl::StrCat("no database connection free within ",
                                                 absl::FormatDuration(options_.acquire_timeout)));
    }
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++open_;  // reserve the slot before connecting outside the lock
  }
  try {
    return std::make_unique<pqxx::connection>(conninfo_);
  } catch (const std::exception& e) {
    absl::MutexLock lock(&mu_);
    --open_;
    return absl::UnavailableError(absl::StrCat("cannot connect to the database: ", e.what()));
  }
}

void PgPool::Release(std::unique_ptr<pqxx::connection> conn, bool broken) {
  absl::MutexLock lock(&mu_);
  if (broken || !conn->is_open()) {
    --open_;
    return;  // conn is closed as it goes out of scope
  }
  idle_.push_back(std::move(conn));
}

absl::Status PgPool::Run(const std::function<absl::Status(pqxx::connection&)>& fn) {
  absl::StatusOr<std::unique_ptr<pqxx::connection>> conn = Acquire();
  if (!conn.ok()) return conn.status();
  absl::Status status;
  bool broken = false;
  try {
    status = fn(**conn);
  } catch (const std::exception& e) {
    status = StatusFromPqxx(e);
    broken = status.code() == absl::StatusCode::kUnavailable;
  }
  Release(std::move(*conn), broken);
  return status;
}

absl::Status PgPool::Ping() {
  return Run([](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    tx.exec1("SELECT 1");
    return absl::OkStatus();
  });
}

int PgPool::open_connections() const {
  absl::MutexLock lock(&mu_);
  return open_;
}

}  // namespace aiworld
