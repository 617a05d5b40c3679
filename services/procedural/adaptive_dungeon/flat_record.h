#pragma once
// A small versioned key=value record for agent state that no v1 message describes (instance
// bookkeeping, private plan details). Encoded as "v1\n" then one "key=value" line per key, in key
// order. Keys are [a-z0-9_]; values are single-line (ids, numbers, map names, comma lists) — a
// newline in a value is replaced by a space, so a record always decodes.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace aiworld::procedural {

class FlatRecord {
 public:
  static constexpr std::string_view kVersionLine = "v1";

  void Set(const std::string& key, std::string value);
  void SetInt(const std::string& key, int64_t value) { Set(key, std::to_string(value)); }
  void SetDouble(const std::string& key, double value);
  void SetInts(const std::string& key, const std::vector<int64_t>& values);
  void SetStrings(const std::string& key, const std::vector<std::string>& values);

  bool Has(const std::string& key) const { return values_.contains(key); }
  std::string Get(const std::string& key, const std::string& fallback = "") const;
  int64_t GetInt(const std::string& key, int64_t fallback = 0) const;
  double GetDouble(const std::string& key, double fallback = 0) const;
  std::vector<int64_t> GetInts(const std::string& key) const;
  std::vector<std::string> GetStrings(const std::string& key) const;

  std::string Encode() const;
  // INVALID_ARGUMENT naming the line for an unknown version or a line without '='.
  static absl::StatusOr<FlatRecord> Decode(std::string_view text);

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace aiworld::procedural
