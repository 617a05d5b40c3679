#pragma once
// Agents' state for a group's query service: one transaction over <schema>.agent_state, a
// StateStore per agent on it, committed only when the query writes (e.g. Core.Talk).
#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "runtime/pg_pool.h"
#include "services/agentkit/state_store.h"

namespace aiworld::agentkit {

class GroupStates {
 public:
  GroupStates(pqxx::work& tx, std::string schema) : tx_(tx), schema_(std::move(schema)) {}
  StateStore& Of(const std::string& agent);

 private:
  pqxx::work& tx_;
  const std::string schema_;
  std::map<std::string, std::unique_ptr<PgStateStore>> stores_;
};

enum class Access { kRead, kWrite };

// Runs fn in one transaction; commits when access is kWrite and fn succeeded. A database error is
// UNAVAILABLE (PgPool).
absl::Status WithGroupStates(PgPool& db, const std::string& schema, Access access,
                             const std::function<absl::Status(GroupStates&)>& fn);

// Answers a query: runs fn (GroupStates& -> StatusOr<Response>) in one transaction and maps the
// outcome to a gRPC status.
template <typename Response, typename Fn>
grpc::Status AnswerQuery(PgPool& db, const std::string& schema, Access access, Response* response, Fn fn) {
  const absl::Status s = WithGroupStates(db, schema, access, [&](GroupStates& states) -> absl::Status {
    absl::StatusOr<Response> r = fn(states);
    if (!r.ok()) return r.status();
    *response = *std::move(r);
    return absl::OkStatus();
  });
  return s.ok() ? grpc::Status::OK : grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
}

// Answers a read-only query from one agent's state: fn(StateStore&) -> StatusOr<Response>.
template <typename Response, typename Fn>
grpc::Status AnswerFromAgent(PgPool& db, const std::string& schema, const std::string& agent, Response* response, Fn fn) {
  return AnswerQuery(db, schema, Access::kRead, response, [&](GroupStates& states) { return fn(states.Of(agent)); });
}

}  // namespace aiworld::agentkit
