#include "services/procedural/adaptive_dungeon/flat_record.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace aiworld::procedural {

void FlatRecord::Set(const std::string& key, std::string value) {
  std::replace(value.begin(), value.end(), '\n', ' ');
  values_[key] = std::move(value);
}

void FlatRecord::SetDouble(const std::string& key, double value) { Set(key, absl::StrCat(value)); }

void FlatRecord::SetInts(const std::string& key, const std::vector<int64_t>& values) {
  Set(key, absl::StrJoin(values, ","));
}

void FlatRecord::SetStrings(const std::string& key, const std::vector<std::string>& values) {
  Set(key, absl::StrJoin(values, ","));
}

std::string FlatRecord::Get(const std::string& key, const std::string& fallback) const {
  auto it = values_.find(key);
  return it == values_.end() ? fallback : it->second;
}

int64_t FlatRecord::GetInt(const std::string& key, int64_t fallback) const {
  int64_t v = 0;
  return absl::SimpleAtoi(Get(key), &v) ? v : fallback;
}

double FlatRecord::GetDouble(const std::string& key, double fallback) const {
  double v = 0;
  return absl::SimpleAtod(Get(key), &v) ? v : fallback;
}

std::vector<int64_t> FlatRecord::GetInts(const std::string& key) const {
  std::vector<int64_t> out;
  for (absl::string_view part : absl::StrSplit(Get(key), ',', absl::SkipEmpty())) {
    int64_t v = 0;
    if (absl::SimpleAtoi(part, &v)) out.push_back(v);
  }
  return out;
}

std::vector<std::string> FlatRecord::GetStrings(const std::string& key) const {
  return absl::StrSplit(Get(key), ',', absl::SkipEmpty());
}

std::string FlatRecord::Encode() const {
  std::string out(kVersionLine);
  out += '\n';
  for (const auto& [k, v] : values_) absl::StrAppend(&out, k, "=", v, "\n");
  return out;
}

absl::StatusOr<FlatRecord> FlatRecord::Decode(std::string_view text) {
  std::vector<absl::string_view> lines = absl::StrSplit(absl::string_view(text.data(), text.size()), '\n');
  if (lines.empty() || lines[0] != absl::string_view(kVersionLine.data(), kVersionLine.size())) {
    return absl::InvalidArgumentError("record line 1: expected version \"v1\"");
  }
  FlatRecord r;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    const size_t eq = lines[i].find('=');
    if (eq == absl::string_view::npos) return absl::InvalidArgumentError(absl::StrCat("record line ", i + 1, ": no '='"));
    r.values_[std::string(lines[i].substr(0, eq))] = std::string(lines[i].substr(eq + 1));
  }
  return r;
}

}  // namespace aiworld::procedural
