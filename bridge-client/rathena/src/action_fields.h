#pragma once
// Reads the flattened fields of one action with bounds, remembering the first problem as
// "<field>: <what was expected>" so the executor refuses the action naming the field.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "aiworld/bridge.h"

namespace aiworld::rathena {

// 1..24 bytes of [a-z0-9_]: spawn and NPC tags, parameter keys.
bool IsTag(const std::string& s);

class ActionFields {
 public:
  explicit ActionFields(const bridge::Action& action) : action_(action) {}

  bool Has(const std::string& path) const { return action_.fields.count(path) != 0; }
  // Absent strings read as "" (proto3 defaults) and are then bounds-checked.
  std::string Text(const std::string& path, size_t min_bytes, size_t max_bytes);
  // Absent numbers read as 0 (proto3 defaults) and are then range-checked.
  int64_t Int(const std::string& path, int64_t min, int64_t max);
  std::optional<int64_t> OptionalInt(const std::string& path, int64_t min, int64_t max);
  bool Bool(const std::string& path) const { return action_.Get(path) == "true"; }
  std::string Enum(const std::string& path) const { return action_.Get(path); }
  // Entries of a map<string,string> field: "parameters.<key>" -> value.
  std::map<std::string, std::string> Map(const std::string& field, size_t max_entries);

  void Fail(const std::string& path, const std::string& expected);
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  const bridge::Action& action_;
  std::string error_;
};

}  // namespace aiworld::rathena
