#include "services/procedural/world_event/world_event_book.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/procedural/world_event/world_event_rules.h"

namespace aiworld::procedural {
namespace {

std::string EventKey(const std::string& server, const std::string& id) { return absl::StrCat("e/", server, "/", id); }
std::string CooldownKey(const std::string& server, v1::WorldEventType type) {
  return absl::StrCat("cd/", server, "/", RuleOf(type).name);
}
std::string WavesKey(const std::string& server, const std::string& id) { return absl::StrCat("w/", server, "/", id); }

}  // namespace

void WorldEventBook::Put(const v1::WorldEvent& event) {
  state_.Put(EventKey(event.server_id(), event.event_id()), event.SerializeAsString());
}

std::vector<v1::WorldEvent> WorldEventBook::OfServer(const std::string& server_id) const {
  std::vector<v1::WorldEvent> out;
  for (const auto& [key, value] : state_.Scan(absl::StrCat("e/", server_id, "/"))) {
    v1::WorldEvent e;
    if (e.ParseFromString(value)) out.push_back(std::move(e));
  }
  return out;
}

std::vector<v1::WorldEvent> WorldEventBook::Running(const std::string& server_id) const {
  std::vector<v1::WorldEvent> out;
  for (v1::WorldEvent& e : OfServer(server_id)) {
    if (e.status() == v1::CONTENT_STATUS_ACTIVE) out.push_back(std::move(e));
  }
  return out;
}

std::string WorldEventBook::NextEventId(const std::string& server_id) {
  const std::string key = absl::StrCat("n/", server_id);
  uint32_t last = 0;
  if (auto v = state_.Get(key)) (void)absl::SimpleAtoi(*v, &last);
  state_.Put(key, std::to_string(last + 1));
  return absl::StrCat("world_event_", last + 1);
}

std::string WorldEventBook::SpawnTagOf(const std::string& event_id) {
  return absl::StrCat("aiw_wevent_", absl::StripPrefix(event_id, "world_event_"));
}

std::optional<absl::Time> WorldEventBook::CooldownUntil(const std::string& server_id, v1::WorldEventType type) const {
  std::optional<std::string> v = state_.Get(CooldownKey(server_id, type));
  int64_t seconds = 0;
  if (!v.has_value() || !absl::StartsWith(*v, "v1 ") || !absl::SimpleAtoi(v->substr(3), &seconds)) return std::nullopt;
  return absl::FromUnixSeconds(seconds);
}

void WorldEventBook::SetCooldownUntil(const std::string& server_id, v1::WorldEventType type, absl::Time until) {
  state_.Put(CooldownKey(server_id, type), absl::StrCat("v1 ", absl::ToUnixSeconds(until)));
}

uint32_t WorldEventBook::WavesSpawned(const std::string& server_id, const std::string& event_id) const {
  uint32_t n = 0;
  if (auto v = state_.Get(WavesKey(server_id, event_id))) (void)absl::SimpleAtoi(*v, &n);
  return n;
}

void WorldEventBook::SetWavesSpawned(const std::string& server_id, const std::string& event_id, uint32_t waves) {
  state_.Put(WavesKey(server_id, event_id), std::to_string(waves));
}

}  // namespace aiworld::procedural
