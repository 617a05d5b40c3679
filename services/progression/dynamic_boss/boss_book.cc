#include "services/progression/dynamic_boss/boss_book.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "runtime/proto_time.h"

namespace aiworld::progression {
namespace {

std::string BossKey(const std::string& server, const std::string& id) { return absl::StrCat("b/", server, "/", id); }
std::string ActiveKey(const std::string& server, const std::string& id) { return absl::StrCat("a/", server, "/", id); }
std::string ParticipantPrefix(const std::string& server, const std::string& id) {
  return absl::StrCat("p/", server, "/", id, "/");
}

uint32_t ParseCount(const std::optional<std::string>& value) {
  uint32_t n = 0;
  if (value.has_value()) (void)absl::SimpleAtoi(*value, &n);
  return n;
}

}  // namespace

std::optional<v1::DynamicBoss> BossBook::Get(const std::string& server, const std::string& boss_id) const {
  std::optional<std::string> bytes = state_.Get(BossKey(server, boss_id));
  v1::DynamicBoss b;
  if (!bytes.has_value() || !b.ParseFromString(*bytes)) return std::nullopt;
  return b;
}

void BossBook::Put(const v1::DynamicBoss& boss) {
  state_.Put(BossKey(boss.server_id(), boss.boss_id()), boss.SerializeAsString());
  if (boss.status() == v1::CONTENT_STATUS_ACTIVE) {
    state_.Put(ActiveKey(boss.server_id(), boss.boss_id()), "");
  } else {
    state_.Erase(ActiveKey(boss.server_id(), boss.boss_id()));
  }
}

std::vector<v1::DynamicBoss> BossBook::OfServer(const std::string& server) const {
  std::vector<v1::DynamicBoss> out;
  for (const auto& [key, value] : state_.Scan(absl::StrCat("b/", server, "/"))) {
    v1::DynamicBoss b;
    if (b.ParseFromString(value)) out.push_back(std::move(b));
  }
  return out;
}

std::vector<v1::DynamicBoss> BossBook::Active(const std::string& server) const {
  const std::string prefix = absl::StrCat("a/", server, "/");
  std::vector<v1::DynamicBoss> out;
  for (const auto& [key, value] : state_.Scan(prefix)) {
    std::optional<v1::DynamicBoss> b = Get(server, key.substr(prefix.size()));
    if (b.has_value() && b->status() == v1::CONTENT_STATUS_ACTIVE) out.push_back(*std::move(b));
  }
  return out;
}

std::optional<v1::DynamicBoss> BossBook::ByTag(const std::string& server, const std::string& spawn_tag) const {
  if (!absl::StartsWith(spawn_tag, kBossTagPrefix)) return std::nullopt;
  return Get(server, spawn_tag.substr(4));  // "aiw_boss_<n>" -> "boss_<n>"
}

std::string BossBook::NextBossId(const std::string& server) {
  const std::string key = absl::StrCat("n/", server);
  const uint32_t next = ParseCount(state_.Get(key)) + 1;
  state_.Put(key, std::to_string(next));
  return absl::StrCat("boss_", next);
}

KillWindow BossBook::Window(const std::string& key) const {
  std::optional<std::string> text = state_.Get(key);
  if (!text.has_value()) return {};
  absl::StatusOr<KillWindow> w = KillWindow::Decode(*text);
  return w.ok() ? *std::move(w) : KillWindow{};
}

std::vector<std::pair<std::string, KillWindow>> BossBook::Windows(const std::string& prefix) const {
  std::vector<std::pair<std::string, KillWindow>> out;
  for (const auto& [key, value] : state_.Scan(prefix)) {
    absl::StatusOr<KillWindow> w = KillWindow::Decode(value);
    if (w.ok()) out.emplace_back(key.substr(prefix.size()), *std::move(w));
  }
  return out;
}

KillWindow BossBook::Kills(const std::string& server, const std::string& map) const {
  return Window(absl::StrCat("w/", server, "/", map));
}
void BossBook::PutKills(const std::string& server, const std::string& map, const KillWindow& w) {
  state_.Put(absl::StrCat("w/", server, "/", map), w.Encode());
}
void BossBook::EraseKills(const std::string& server, const std::string& map) { state_.Erase(absl::StrCat("w/", server, "/", map)); }
std::vector<std::pair<std::string, KillWindow>> BossBook::AllKills(const std::string& server) const {
  return Windows(absl::StrCat("w/", server, "/"));
}

KillWindow BossBook::ProblemDeaths(const std::string& server, const std::string& map) const {
  return Window(absl::StrCat("e/", server, "/", map));
}
void BossBook::PutProblemDeaths(const std::string& server, const std::string& map, const KillWindow& w) {
  state_.Put(absl::StrCat("e/", server, "/", map), w.Encode());
}
void BossBook::EraseProblemDeaths(const std::string& server, const std::string& map) {
  state_.Erase(absl::StrCat("e/", server, "/", map));
}
std::vector<std::pair<std::string, KillWindow>> BossBook::AllProblemDeaths(const std::string& server) const {
  return Windows(absl::StrCat("e/", server, "/"));
}

std::optional<MapBossRecord> BossBook::LastOnMap(const std::string& server, const std::string& map) const {
  std::optional<std::string> text = state_.Get(absl::StrCat("m/", server, "/", map));
  if (!text.has_value()) return std::nullopt;
  std::vector<std::string> parts = absl::StrSplit(*text, ' ');
  int64_t seconds = 0;
  if (parts.size() != 3 || parts[0] != "v1" || !absl::SimpleAtoi(parts[1], &seconds)) return std::nullopt;
  MapBossRecord r;
  r.spawned_at = absl::FromUnixSeconds(seconds);
  r.boss_id = parts[2];
  return r;
}

void BossBook::PutLastOnMap(const std::string& server, const std::string& map, const MapBossRecord& record) {
  state_.Put(absl::StrCat("m/", server, "/", map), absl::StrCat("v1 ", absl::ToUnixSeconds(record.spawned_at), " ", record.boss_id));
}

bool BossBook::AddContribution(const std::string& server, const std::string& boss_id, uint32_t char_id, uint32_t by) {
  const std::string key = absl::StrCat(ParticipantPrefix(server, boss_id), char_id);
  std::optional<std::string> had = state_.Get(key);
  state_.Put(key, std::to_string(ParseCount(had) + by));
  return !had.has_value();
}

std::vector<BossParticipant> BossBook::Participants(const std::string& server, const std::string& boss_id, size_t limit) const {
  const std::string prefix = ParticipantPrefix(server, boss_id);
  std::vector<BossParticipant> out;
  for (const auto& [key, value] : state_.Scan(prefix)) {
    BossParticipant p;
    if (!absl::SimpleAtoi(key.substr(prefix.size()), &p.char_id)) continue;
    p.contribution = ParseCount(value);
    out.push_back(p);
  }
  std::sort(out.begin(), out.end(), [](const BossParticipant& a, const BossParticipant& b) {
    if (a.contribution != b.contribution) return a.contribution > b.contribution;
    return a.char_id < b.char_id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

uint32_t BossBook::PlayersKilledBy(const std::string& server, const std::string& boss_id) const {
  return ParseCount(state_.Get(absl::StrCat("k/", server, "/", boss_id)));
}

void BossBook::AddPlayerKilledBy(const std::string& server, const std::string& boss_id) {
  state_.Put(absl::StrCat("k/", server, "/", boss_id), std::to_string(PlayersKilledBy(server, boss_id) + 1));
}

std::string BossBook::ChampionedFaction(const std::string& server) const {
  return state_.Get(absl::StrCat("f/", server)).value_or("");
}

void BossBook::PutChampionedFaction(const std::string& server, const std::string& faction) {
  state_.Put(absl::StrCat("f/", server), faction);
}

std::optional<int64_t> BossBook::LastRandomDay(const std::string& server) const {
  std::optional<std::string> text = state_.Get(absl::StrCat("r/", server));
  int64_t day = 0;
  if (!text.has_value() || !absl::SimpleAtoi(*text, &day)) return std::nullopt;
  return day;
}

void BossBook::PutLastRandomDay(const std::string& server, int64_t day) { state_.Put(absl::StrCat("r/", server), std::to_string(day)); }

size_t BossBook::PruneHistory(const std::string& server, absl::Time before) {
  size_t removed = 0;
  for (const v1::DynamicBoss& b : OfServer(server)) {
    if (b.status() == v1::CONTENT_STATUS_ACTIVE || FromProto(b.spawned_at()) >= before) continue;
    for (const auto& [key, value] : state_.Scan(ParticipantPrefix(server, b.boss_id()))) state_.Erase(key);
    state_.Erase(absl::StrCat("k/", server, "/", b.boss_id()));
    state_.Erase(BossKey(server, b.boss_id()));
    ++removed;
  }
  return removed;
}

uint64_t BossBook::EraseCharacters(const std::vector<uint32_t>& char_ids) {
  std::set<std::string> ids;
  for (uint32_t id : char_ids) ids.insert(std::to_string(id));
  uint64_t removed = 0;
  for (const auto& [key, value] : state_.Scan("p/")) {
    const size_t slash = key.rfind('/');
    if (slash == std::string::npos || !ids.contains(key.substr(slash + 1))) continue;
    state_.Erase(key);
    ++removed;
  }
  return removed;
}

}  // namespace aiworld::progression
