#include "services/procedural/map_hazard/hazard_book.h"

#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace aiworld::procedural {

void HazardBook::Put(const v1::MapHazard& hazard) {
  state_.Put(absl::StrCat("h/", hazard.server_id(), "/", hazard.hazard_id()), hazard.SerializeAsString());
}

std::vector<v1::MapHazard> HazardBook::OfServer(const std::string& server_id) const {
  std::vector<v1::MapHazard> out;
  for (const auto& [key, value] : state_.Scan(absl::StrCat("h/", server_id, "/"))) {
    v1::MapHazard h;
    if (h.ParseFromString(value)) out.push_back(std::move(h));
  }
  return out;
}

std::vector<v1::MapHazard> HazardBook::Active(const std::string& server_id) const {
  std::vector<v1::MapHazard> out;
  for (v1::MapHazard& h : OfServer(server_id)) {
    if (h.status() == v1::CONTENT_STATUS_ACTIVE) out.push_back(std::move(h));
  }
  return out;
}

std::string HazardBook::NextHazardId(const std::string& server_id) {
  const std::string key = absl::StrCat("n/", server_id);
  uint32_t last = 0;
  if (auto v = state_.Get(key)) (void)absl::SimpleAtoi(*v, &last);
  state_.Put(key, std::to_string(last + 1));
  return absl::StrCat("hazard_", last + 1);
}

bool HazardBook::Meet(const std::string& server_id, const std::string& hazard_id, uint32_t char_id) {
  const std::string key = absl::StrCat("m/", server_id, "/", hazard_id, "/", char_id);
  if (state_.Get(key).has_value()) return false;
  state_.Put(key, "");
  return true;
}

uint64_t HazardBook::EraseCharacters(const std::vector<uint32_t>& char_ids) {
  std::set<std::string> ids;
  for (uint32_t id : char_ids) ids.insert(std::to_string(id));
  uint64_t removed = 0;
  for (const auto& [key, value] : state_.Scan("m/")) {
    const size_t slash = key.rfind('/');
    if (slash == std::string::npos || !ids.contains(key.substr(slash + 1))) continue;
    state_.Erase(key);
    ++removed;
  }
  return removed;
}

}  // namespace aiworld::procedural
