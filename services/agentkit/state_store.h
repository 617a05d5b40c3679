#pragma once
// Where an agent keeps its state: keys and values under the agent's name. In a group server it is
// the batch's PostgreSQL transaction (so state changes and the "handled" record commit together);
// in a test it is memory.
#include <pqxx/pqxx>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aiworld::agentkit {

class StateStore {
 public:
  virtual ~StateStore() = default;
  virtual std::optional<std::string> Get(const std::string& key) = 0;
  virtual void Put(const std::string& key, const std::string& value) = 0;
  virtual void Erase(const std::string& key) = 0;
  // Every key starting with prefix, in key order.
  virtual std::vector<std::pair<std::string, std::string>> Scan(const std::string& prefix) = 0;
};

class MemoryStateStore final : public StateStore {
 public:
  std::optional<std::string> Get(const std::string& key) override;
  void Put(const std::string& key, const std::string& value) override { values_[key] = value; }
  void Erase(const std::string& key) override { values_.erase(key); }
  std::vector<std::pair<std::string, std::string>> Scan(const std::string& prefix) override;
  size_t size() const { return values_.size(); }

 private:
  std::map<std::string, std::string> values_;
};

// <schema>.agent_state rows of one agent, read and written in the caller's transaction.
class PgStateStore final : public StateStore {
 public:
  PgStateStore(pqxx::work& tx, std::string schema, std::string agent)
      : tx_(tx), schema_(std::move(schema)), agent_(std::move(agent)) {}
  std::optional<std::string> Get(const std::string& key) override;
  void Put(const std::string& key, const std::string& value) override;
  void Erase(const std::string& key) override;
  std::vector<std::pair<std::string, std::string>> Scan(const std::string& prefix) override;

 private:
  pqxx::work& tx_;
  const std::string schema_;
  const std::string agent_;
};

}  // namespace aiworld::agentkit
