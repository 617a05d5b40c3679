#include "services/procedural/dynamic_npc/npc_roster.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace aiworld::procedural {

std::string NpcRoster::NpcKey(const std::string& tag) const { return absl::StrCat("npc/", server_id_, "/", tag); }

std::optional<v1::DynamicNpc> NpcRoster::Get(const std::string& tag) const {
  std::optional<std::string> raw = state_.Get(NpcKey(tag));
  if (!raw.has_value()) return std::nullopt;
  v1::DynamicNpc npc;
  if (!npc.ParseFromString(*raw)) return std::nullopt;
  return npc;
}

void NpcRoster::Put(const v1::DynamicNpc& npc) { state_.Put(NpcKey(npc.npc_tag()), npc.SerializeAsString()); }

std::vector<v1::DynamicNpc> NpcRoster::All() const {
  std::vector<v1::DynamicNpc> out;
  for (const auto& [key, raw] : state_.Scan(absl::StrCat("npc/", server_id_, "/"))) {
    v1::DynamicNpc npc;
    if (npc.ParseFromString(raw)) out.push_back(std::move(npc));
  }
  return out;
}

void NpcRoster::Forget(const std::string& tag) {
  state_.Erase(NpcKey(tag));
  state_.Erase(absl::StrCat("persona/", server_id_, "/", tag));
  for (const auto& [key, value] : state_.Scan(absl::StrCat("rewarded/", server_id_, "/", tag, "/"))) state_.Erase(key);
}

std::string NpcRoster::NextTag() {
  const std::string key = absl::StrCat("next/", server_id_);
  uint64_t last = 0;
  if (std::optional<std::string> raw = state_.Get(key); raw.has_value()) (void)absl::SimpleAtoi(*raw, &last);
  ++last;
  state_.Put(key, std::to_string(last));
  return absl::StrCat(kRoamingTagPrefix, last);
}

std::optional<core::Personality> NpcRoster::PersonalityOf(const std::string& tag) const {
  std::optional<std::string> raw = state_.Get(absl::StrCat("persona/", server_id_, "/", tag));
  if (!raw.has_value()) return std::nullopt;
  return DecodePersonality(*raw);
}

void NpcRoster::SetPersonality(const std::string& tag, const core::Personality& p) {
  state_.Put(absl::StrCat("persona/", server_id_, "/", tag), EncodePersonality(p));
}

bool NpcRoster::Rewarded(const std::string& tag, uint32_t char_id) const {
  return state_.Get(absl::StrCat("rewarded/", server_id_, "/", tag, "/", char_id)).has_value();
}

void NpcRoster::MarkRewarded(const std::string& tag, uint32_t char_id) {
  state_.Put(absl::StrCat("rewarded/", server_id_, "/", tag, "/", char_id), "1");
}

size_t NpcRoster::RewardCount(const std::string& tag) const {
  return state_.Scan(absl::StrCat("rewarded/", server_id_, "/", tag, "/")).size();
}

uint64_t NpcRoster::EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids) {
  std::set<std::string> suffixes;
  for (uint32_t id : char_ids) suffixes.insert(absl::StrCat("/", id));
  uint64_t removed = 0;
  for (const auto& [key, value] : state.Scan("rewarded/")) {
    const size_t slash = key.rfind('/');
    if (slash != std::string::npos && suffixes.contains(key.substr(slash))) {
      state.Erase(key);
      ++removed;
    }
  }
  return removed;
}

std::string EncodePersonality(const core::Personality& p) {
  return absl::StrFormat("v1|%.4f|%.4f|%.4f|%.4f|%.4f", p.openness, p.conscientiousness, p.extraversion, p.agreeableness,
                         p.neuroticism);
}

std::optional<core::Personality> DecodePersonality(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, '|');
  if (parts.size() != 6 || parts[0] != "v1") return std::nullopt;
  double v[5];
  for (int i = 0; i < 5; ++i) {
    if (!absl::SimpleAtod(parts[i + 1], &v[i]) || v[i] < 0 || v[i] > 1) return std::nullopt;
  }
  core::Personality p;
  p.openness = v[0];
  p.conscientiousness = v[1];
  p.extraversion = v[2];
  p.agreeableness = v[3];
  p.neuroticism = v[4];
  return p;
}

}  // namespace aiworld::procedural
