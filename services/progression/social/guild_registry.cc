#include "services/progression/social/guild_registry.h"

#include <algorithm>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace aiworld::progression {
namespace {

std::optional<SeenGuild> Decode(uint32_t guild_id, const std::string& text) {
  // "v1 <seconds> <name...>": the name may hold spaces.
  if (text.rfind("v1 ", 0) != 0) return std::nullopt;
  const size_t space = text.find(' ', 3);
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(text.substr(3, space == std::string::npos ? std::string::npos : space - 3), &seconds)) return std::nullopt;
  SeenGuild g;
  g.guild_id = guild_id;
  g.last_seen = absl::FromUnixSeconds(seconds);
  if (space != std::string::npos) g.name = text.substr(space + 1);
  return g;
}

}  // namespace

void GuildRegistry::Saw(const std::string& server, uint32_t guild_id, uint32_t char_id, const std::string& name, absl::Time now) {
  if (guild_id == 0) return;
  std::optional<SeenGuild> had = Get(server, guild_id);
  const std::string kept = !name.empty() ? name : (had.has_value() ? had->name : "");
  const absl::Time seen = had.has_value() ? std::max(had->last_seen, now) : now;
  state_.Put(absl::StrCat("g/", server, "/", guild_id), absl::StrCat("v1 ", absl::ToUnixSeconds(seen), kept.empty() ? "" : " ", kept));
  if (char_id != 0) state_.Put(absl::StrCat("gm/", server, "/", char_id), std::to_string(guild_id));
}

std::optional<SeenGuild> GuildRegistry::Get(const std::string& server, uint32_t guild_id) const {
  std::optional<std::string> text = state_.Get(absl::StrCat("g/", server, "/", guild_id));
  if (!text.has_value()) return std::nullopt;
  return Decode(guild_id, *text);
}

std::vector<SeenGuild> GuildRegistry::ActiveSince(const std::string& server, absl::Time since, size_t limit) const {
  const std::string prefix = absl::StrCat("g/", server, "/");
  std::vector<SeenGuild> out;
  for (const auto& [key, value] : state_.Scan(prefix)) {
    uint32_t id = 0;
    if (!absl::SimpleAtoi(key.substr(prefix.size()), &id)) continue;
    std::optional<SeenGuild> g = Decode(id, value);
    if (g.has_value() && g->last_seen >= since) out.push_back(*std::move(g));
  }
  std::sort(out.begin(), out.end(), [](const SeenGuild& a, const SeenGuild& b) {
    if (a.last_seen != b.last_seen) return a.last_seen > b.last_seen;
    return a.guild_id < b.guild_id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

uint32_t GuildRegistry::GuildOf(const std::string& server, uint32_t char_id) const {
  uint32_t id = 0;
  if (std::optional<std::string> text = state_.Get(absl::StrCat("gm/", server, "/", char_id))) (void)absl::SimpleAtoi(*text, &id);
  return id;
}

std::string GuildRegistry::DisplayName(const SeenGuild& guild) {
  return guild.name.empty() ? absl::StrCat("Guild ", guild.guild_id) : guild.name;
}

uint64_t GuildRegistry::EraseCharacters(const std::vector<uint32_t>& char_ids) {
  std::set<std::string> ids;
  for (uint32_t id : char_ids) ids.insert(std::to_string(id));
  uint64_t removed = 0;
  for (const auto& [key, value] : state_.Scan("gm/")) {
    const size_t slash = key.rfind('/');
    if (slash == std::string::npos || !ids.contains(key.substr(slash + 1))) continue;
    state_.Erase(key);
    ++removed;
  }
  return removed;
}

}  // namespace aiworld::progression
