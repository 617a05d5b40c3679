#pragma once
// The Social agent's numbers (original-system.md §3.13):
//   social events   daily at 07:00, DAILY_SOCIAL_EVENT_COUNT 5, in towns
//     picnic               party of 2..12; ATK/MATK/DEF +5 for 60 min; 4 h
//     dance_challenge      item 607 x1, title Dancer; 2 h
//     photo_spot           item 610 x2, title Photographer; 6 h
//     community_gathering  >= 5 players; exp x1.1 for 30 min; 3 h
//     trading_fair         trade +10%, item 503 x10; 5 h
//   guild tasks     daily at 04:00, 3 per guild, 24 h (the reference's guild_task event: guild exp
//                   1000, item 985 x5); targets: cooperative_hunting 50..200, resource_gathering
//                   20..100, guild_vs_guild 1..5, boss_raid 1..3, exploration 5..15
// The reference hard-coded 10 guilds (bug): here the guilds are the ones seen in events (a guild
// created, or any event of a member) in the last 7 days, at most 50 a day (ours).
// Ours: at most 100 participants for events without a party limit; the rewards of an event go to
// each participant once the event has its minimum of participants; 50 members rewarded per task.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/progression.pb.h"

namespace aiworld::progression {

// What makes a character a participant of a social event in its town.
enum class Participation {
  kInParty,   // any event of a character in a party (picnic)
  kChat,      // saying something in public chat (dance challenge)
  kPresence,  // any event there (photo spot, community gathering)
  kTrade,     // a trade or a vending sale there (trading fair)
};

struct StatusGrant {
  const char* status = "";  // rAthena status constant
  int32_t value = 0;        // value1
};

struct SocialEventSpec {
  v1::SocialEventType type = v1::SOCIAL_EVENT_TYPE_UNSPECIFIED;
  const char* name = "";     // "picnic"
  const char* display = "";  // "Picnic"
  absl::Duration duration;
  uint32_t min_participants = 1;
  uint32_t max_participants = 100;
  Participation participation = Participation::kPresence;
  v1::RewardBundle reward;
  std::string title;                  // "" = none
  std::vector<v1::StatModifier> buff;  // as listed for queries
  std::vector<StatusGrant> statuses;   // as applied in game
  absl::Duration buff_duration;
};

struct GuildTaskSpec {
  v1::GuildTaskType type = v1::GUILD_TASK_TYPE_UNSPECIFIED;
  const char* name = "";
  uint32_t min_target = 1;
  uint32_t max_target = 1;
};

inline constexpr size_t kDailySocialEvents = 5;
inline constexpr size_t kTasksPerGuild = 3;
inline constexpr absl::Duration kGuildTaskLifetime = absl::Hours(24);
inline constexpr uint64_t kGuildTaskExp = 1000;
inline constexpr absl::Duration kActiveGuildWindow = absl::Hours(24 * 7);
inline constexpr size_t kMaxGuildsPerDay = 50;
inline constexpr size_t kMaxRewardedMembers = 50;
inline constexpr absl::Duration kSocialHistoryKept = absl::Hours(24 * 30);
inline constexpr const char* kSocialEventNpc = "AIW_Evt_Social";
inline constexpr const char* kTitleVariable = "aiw_social_title";

// The five event types in the reference's order.
const std::vector<SocialEventSpec>& SocialEventTypes();
const SocialEventSpec& SpecOf(v1::SocialEventType type);  // UNSPECIFIED: photo_spot

// The five task templates in the reference's order.
const std::vector<GuildTaskSpec>& GuildTaskTypes();
const GuildTaskSpec& SpecOf(v1::GuildTaskType type);  // UNSPECIFIED: cooperative_hunting
// Each member who helped complete a task: item 985 x5.
v1::RewardBundle GuildTaskReward();
// "Hunt 120 monsters together", ...
std::string GuildTaskDescription(v1::GuildTaskType type, uint32_t target);

}  // namespace aiworld::progression
