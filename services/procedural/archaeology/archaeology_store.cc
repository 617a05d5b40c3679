#include "services/procedural/archaeology/archaeology_store.h"

#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/procedural/archaeology/artifact_rules.h"

namespace aiworld::procedural {

std::optional<v1::DigSpot> ArchaeologyStore::Spot(const std::string& spot_id) const {
  std::optional<std::string> raw = state_.Get(absl::StrCat("spot/", server_id_, "/", spot_id));
  if (!raw.has_value()) return std::nullopt;
  v1::DigSpot spot;
  if (!spot.ParseFromString(*raw)) return std::nullopt;
  return spot;
}

void ArchaeologyStore::PutSpot(const v1::DigSpot& spot) {
  state_.Put(absl::StrCat("spot/", server_id_, "/", spot.spot_id()), spot.SerializeAsString());
}

void ArchaeologyStore::EraseSpot(const std::string& spot_id) { state_.Erase(absl::StrCat("spot/", server_id_, "/", spot_id)); }

std::vector<v1::DigSpot> ArchaeologyStore::Spots() const {
  std::vector<v1::DigSpot> out;
  for (const auto& [key, raw] : state_.Scan(absl::StrCat("spot/", server_id_, "/"))) {
    v1::DigSpot spot;
    if (spot.ParseFromString(raw)) out.push_back(std::move(spot));
  }
  return out;
}

std::string ArchaeologyStore::NextSpotId() {
  const std::string key = absl::StrCat("next/", server_id_);
  uint64_t last = 0;
  if (std::optional<std::string> raw = state_.Get(key); raw.has_value()) (void)absl::SimpleAtoi(*raw, &last);
  ++last;
  state_.Put(key, std::to_string(last));
  return absl::StrCat(kDigSpotTagPrefix, last);
}

bool ArchaeologyStore::HasProgress(uint32_t char_id) const {
  return state_.Get(absl::StrCat("progress/", char_id, "/", server_id_)).has_value();
}

v1::ArchaeologyProgress ArchaeologyStore::Progress(uint32_t char_id) const {
  v1::ArchaeologyProgress p;
  if (std::optional<std::string> raw = state_.Get(absl::StrCat("progress/", char_id, "/", server_id_));
      raw.has_value() && p.ParseFromString(*raw)) {
    return p;
  }
  p.Clear();
  p.set_char_id(char_id);
  for (const CollectionRule& rule : ArtifactCollections()) {
    v1::ArtifactCollection* c = p.add_collections();
    c->set_name(rule.name);
    c->set_type(rule.type);
    c->set_required(rule.required);
    c->set_title(rule.title);
    for (const v1::StatModifier& m : rule.bonus) *c->add_bonus() = m;
  }
  return p;
}

void ArchaeologyStore::PutProgress(const v1::ArchaeologyProgress& progress) {
  v1::ArchaeologyProgress stored = progress;
  stored.clear_open_secret_maps();
  state_.Put(absl::StrCat("progress/", progress.char_id(), "/", server_id_), stored.SerializeAsString());
}

void ArchaeologyStore::OpenSecret(uint32_t char_id, const std::string& map, absl::Time until) {
  state_.Put(absl::StrCat("secret/", char_id, "/", server_id_, "/", map), std::to_string(absl::ToUnixSeconds(until)));
}

std::vector<std::string> ArchaeologyStore::OpenSecrets(uint32_t char_id, absl::Time now) const {
  const std::string prefix = absl::StrCat("secret/", char_id, "/", server_id_, "/");
  std::vector<std::string> out;
  for (const auto& [key, raw] : state_.Scan(prefix)) {
    int64_t until = 0;
    if (absl::SimpleAtoi(raw, &until) && absl::FromUnixSeconds(until) > now) out.push_back(key.substr(prefix.size()));
  }
  return out;
}

uint64_t ArchaeologyStore::EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids) {
  uint64_t removed = 0;
  const std::set<uint32_t> chars(char_ids.begin(), char_ids.end());
  for (uint32_t id : chars) {
    for (const char* kind : {"progress/", "secret/"}) {
      for (const auto& [key, value] : state.Scan(absl::StrCat(kind, id, "/"))) {
        state.Erase(key);
        ++removed;
      }
    }
  }
  for (const auto& [key, raw] : state.Scan("spot/")) {
    v1::DigSpot spot;
    if (!spot.ParseFromString(raw) || !chars.contains(spot.dug_by_char_id())) continue;
    spot.set_dug_by_char_id(0);
    state.Put(key, spot.SerializeAsString());
    ++removed;
  }
  return removed;
}

}  // namespace aiworld::procedural
