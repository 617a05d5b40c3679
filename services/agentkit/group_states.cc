#include "services/agentkit/group_states.h"

namespace aiworld::agentkit {

StateStore& GroupStates::Of(const std::string& agent) {
  auto& slot = stores_[agent];
  if (slot == nullptr) slot = std::make_unique<PgStateStore>(tx_, schema_, agent);
  return *slot;
}

absl::Status WithGroupStates(PgPool& db, const std::string& schema, Access access,
                             const std::function<absl::Status(GroupStates&)>& fn) {
  return db.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    GroupStates states(tx, schema);
    absl::Status s = fn(states);
    if (s.ok() && access == Access::kWrite) tx.commit();
    return s;
  });
}

}  // namespace aiworld::agentkit
