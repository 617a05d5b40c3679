#include "services/agentkit/state_store.h"

namespace aiworld::agentkit {

std::optional<std::string> MemoryStateStore::Get(const std::string& key) {
  auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::pair<std::string, std::string>> MemoryStateStore::Scan(const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto it = values_.lower_bound(prefix); it != values_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    out.push_back(*it);
  }
  return out;
}

std::optional<std::string> PgStateStore::Get(const std::string& key) {
  pqxx::result r = tx_.exec_params("SELECT value FROM " + schema_ + ".agent_state WHERE agent = $1 AND key = $2", agent_, key);
  if (r.empty()) return std::nullopt;
  const pqxx::binarystring bytes(r[0][0]);
  return bytes.str();
}

void PgStateStore::Put(const std::string& key, const std::string& value) {
  tx_.exec_params("INSERT INTO " + schema_ + ".agent_state (agent, key, value) VALUES ($1, $2, $3)"
                  " ON CONFLICT (agent, key) DO UPDATE SET value = EXCLUDED.value",
                  agent_, key, pqxx::binarystring(value));
}

void PgStateStore::Erase(const std::string& key) {
  tx_.exec_params("DELETE FROM " + schema_ + ".agent_state WHERE agent = $1 AND key = $2", agent_, key);
}

std::vector<std::pair<std::string, std::string>> PgStateStore::Scan(const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> out;
  // starts_with, not LIKE: keys may contain % and _.
  pqxx::result r = tx_.exec_params("SELECT key, value FROM " + schema_ + ".agent_state WHERE agent = $1"
                                   " AND left(key, length($2)) = $2 ORDER BY key",
                                   agent_, prefix);
  for (const auto& row : r) {
    const pqxx::binarystring bytes(row[1]);
    out.emplace_back(row[0].as<std::string>(), bytes.str());
  }
  return out;
}

}  // namespace aiworld::agentkit
