#include "services/core/query/core_state.h"

namespace aiworld::core {

agentkit::StateStore& CoreStates::Of(const std::string& agent) {
  auto& slot = stores_[agent];
  if (slot == nullptr) slot = std::make_unique<agentkit::PgStateStore>(tx_, "core", agent);
  return *slot;
}

absl::Status WithCoreStates(PgPool& db, Access access, const std::function<absl::Status(CoreStates&)>& fn) {
  return db.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    CoreStates states(tx);
    absl::Status s = fn(states);
    if (s.ok() && access == Access::kWrite) tx.commit();
    return s;
  });
}

}  // namespace aiworld::core
