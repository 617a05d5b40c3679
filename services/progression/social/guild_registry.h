#pragma once
// The guilds the Social agent has seen in events (a GuildCreated event, or the guild_id on any
// event of a member) and which guild each character was last seen in. Keys:
//   g/<server>/<guild_id>     "v1 <last seen unix seconds> <name>" (name may be empty)
//   gm/<server>/<char_id>     the character's guild id (decimal)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/agentkit/state_store.h"

namespace aiworld::progression {

struct SeenGuild {
  uint32_t guild_id = 0;
  std::string name;  // empty until a GuildCreated event named it
  absl::Time last_seen = absl::InfinitePast();
};

class GuildRegistry {
 public:
  explicit GuildRegistry(agentkit::StateStore& state) : state_(state) {}

  // A member was seen at `now` (name: "" keeps the one known).
  void Saw(const std::string& server, uint32_t guild_id, uint32_t char_id, const std::string& name, absl::Time now);
  std::optional<SeenGuild> Get(const std::string& server, uint32_t guild_id) const;
  // Guilds seen at or after `since`, most recently seen first (then the lower id), at most `limit`.
  std::vector<SeenGuild> ActiveSince(const std::string& server, absl::Time since, size_t limit) const;
  // The guild a character was last seen in; 0 when unknown.
  uint32_t GuildOf(const std::string& server, uint32_t char_id) const;
  // "Guild <id>" when the guild has no name yet.
  static std::string DisplayName(const SeenGuild& guild);

  uint64_t EraseCharacters(const std::vector<uint32_t>& char_ids);

 private:
  agentkit::StateStore& state_;
};

}  // namespace aiworld::progression
