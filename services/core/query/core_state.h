#pragma once
// The core agents' state for Core queries: one transaction over <core>.agent_state, a StateStore per
// agent on it, committed only when the query writes (Talk, RecordChoice, GenerateStoryArc).
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "runtime/pg_pool.h"
#include "services/agentkit/state_store.h"

namespace aiworld::core {

class CoreStates {
 public:
  explicit CoreStates(pqxx::work& tx) : tx_(tx) {}
  agentkit::StateStore& Of(const std::string& agent);

 private:
  pqxx::work& tx_;
  std::map<std::string, std::unique_ptr<agentkit::PgStateStore>> stores_;
};

enum class Access { kRead, kWrite };

// Runs fn in one transaction; commits when access is kWrite and fn succeeded. A database error is
// UNAVAILABLE (PgPool).
absl::Status WithCoreStates(PgPool& db, Access access, const std::function<absl::Status(CoreStates&)>& fn);

}  // namespace aiworld::core
