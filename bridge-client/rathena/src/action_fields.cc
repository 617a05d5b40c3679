#include "action_fields.h"

#include <algorithm>
#include <charconv>

namespace aiworld::rathena {

bool IsTag(const std::string& s) {
  if (s.empty() || s.size() > 24) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

void ActionFields::Fail(const std::string& path, const std::string& expected) {
  if (error_.empty()) error_ = path + ": " + expected;
}

std::string ActionFields::Text(const std::string& path, size_t min_bytes, size_t max_bytes) {
  std::string value = action_.Get(path);
  if (value.size() < min_bytes || value.size() > max_bytes) {
    Fail(path, "must be " + std::to_string(min_bytes) + ".." + std::to_string(max_bytes) + " bytes, got " +
                   std::to_string(value.size()));
  }
  return value;
}

int64_t ActionFields::Int(const std::string& path, int64_t min, int64_t max) {
  const std::string text = action_.Get(path, "0");
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    Fail(path, "must be a number, got \"" + text + "\"");
    return 0;
  }
  if (value < min || value > max) {
    Fail(path, "must be " + std::to_string(min) + ".." + std::to_string(max) + ", got " + std::to_string(value));
  }
  return value;
}

std::optional<int64_t> ActionFields::OptionalInt(const std::string& path, int64_t min, int64_t max) {
  if (!Has(path)) return std::nullopt;
  return Int(path, min, max);
}

std::map<std::string, std::string> ActionFields::Map(const std::string& field, size_t max_entries) {
  std::map<std::string, std::string> entries;
  const std::string prefix = field + ".";
  for (auto it = action_.fields.lower_bound(prefix); it != action_.fields.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    entries[it->first.substr(prefix.size())] = it->second;
  }
  if (entries.size() > max_entries) Fail(field, "at most " + std::to_string(max_entries) + " entries");
  for (const auto& [key, value] : entries) {
    if (!IsTag(key)) Fail(prefix + key, "keys must be 1..24 bytes of [a-z0-9_]");
    if (value.size() > 255) Fail(prefix + key, "must be 0..255 bytes");
  }
  return entries;
}

}  // namespace aiworld::rathena
