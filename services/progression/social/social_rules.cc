#include "services/progression/social/social_rules.h"

#include "absl/strings/str_cat.h"

namespace aiworld::progression {
namespace {

v1::RewardBundle Items(uint32_t item_id, uint32_t amount) {
  v1::RewardBundle r;
  v1::ItemStack* s = r.add_items();
  s->set_item_id(item_id);
  s->set_amount(amount);
  return r;
}

v1::StatModifier Add(const char* stat, int32_t add) {
  v1::StatModifier m;
  m.set_stat(stat);
  m.set_multiplier(1.0);
  m.set_add(add);
  return m;
}

v1::StatModifier Times(const char* stat, double multiplier) {
  v1::StatModifier m;
  m.set_stat(stat);
  m.set_multiplier(multiplier);
  return m;
}

std::vector<SocialEventSpec> Build() {
  std::vector<SocialEventSpec> out(5);
  SocialEventSpec& picnic = out[0];
  picnic.type = v1::SOCIAL_EVENT_TYPE_PICNIC;
  picnic.name = "picnic";
  picnic.display = "Picnic";
  picnic.duration = absl::Hours(4);
  picnic.min_participants = 2;
  picnic.max_participants = 12;
  picnic.participation = Participation::kInParty;
  picnic.buff = {Add("atk", 5), Add("matk", 5), Add("def", 5)};
  // Flat ATK and MATK have rAthena statuses; flat DEF has none in current rAthena (SC_INCDEF is
  // gone), so the DEF part is listed but not applied.
  picnic.statuses = {{"SC_ATKPOTION", 5}, {"SC_MATKPOTION", 5}};
  picnic.buff_duration = absl::Minutes(60);

  SocialEventSpec& dance = out[1];
  dance.type = v1::SOCIAL_EVENT_TYPE_DANCE_CHALLENGE;
  dance.name = "dance_challenge";
  dance.display = "Dance Challenge";
  dance.duration = absl::Hours(2);
  dance.participation = Participation::kChat;
  dance.reward = Items(607, 1);
  dance.title = "Dancer";

  SocialEventSpec& photo = out[2];
  photo.type = v1::SOCIAL_EVENT_TYPE_PHOTO_SPOT;
  photo.name = "photo_spot";
  photo.display = "Photo Spot";
  photo.duration = absl::Hours(6);
  photo.participation = Participation::kPresence;
  photo.reward = Items(610, 2);
  photo.title = "Photographer";

  SocialEventSpec& gathering = out[3];
  gathering.type = v1::SOCIAL_EVENT_TYPE_COMMUNITY_GATHERING;
  gathering.name = "community_gathering";
  gathering.display = "Community Gathering";
  gathering.duration = absl::Hours(3);
  gathering.min_participants = 5;
  gathering.participation = Participation::kPresence;
  gathering.buff = {Times("base_exp", 1.1)};
  gathering.statuses = {{"SC_EXPBOOST", 10}};
  gathering.buff_duration = absl::Minutes(30);

  SocialEventSpec& fair = out[4];
  fair.type = v1::SOCIAL_EVENT_TYPE_TRADING_FAIR;
  fair.name = "trading_fair";
  fair.display = "Trading Fair";
  fair.duration = absl::Hours(5);
  fair.participation = Participation::kTrade;
  fair.reward = Items(503, 10);
  fair.buff = {Times("trade", 1.1)};  // informational: rAthena has no trade-rate status
  return out;
}

GuildTaskSpec Task(v1::GuildTaskType type, const char* name, uint32_t lo, uint32_t hi) {
  GuildTaskSpec s;
  s.type = type;
  s.name = name;
  s.min_target = lo;
  s.max_target = hi;
  return s;
}

}  // namespace

const std::vector<SocialEventSpec>& SocialEventTypes() {
  static const std::vector<SocialEventSpec> kTypes = Build();
  return kTypes;
}

const SocialEventSpec& SpecOf(v1::SocialEventType type) {
  for (const SocialEventSpec& s : SocialEventTypes()) {
    if (s.type == type) return s;
  }
  return SocialEventTypes()[2];
}

const std::vector<GuildTaskSpec>& GuildTaskTypes() {
  static const std::vector<GuildTaskSpec> kTypes = {
      Task(v1::GUILD_TASK_TYPE_COOPERATIVE_HUNTING, "cooperative_hunting", 50, 200),
      Task(v1::GUILD_TASK_TYPE_RESOURCE_GATHERING, "resource_gathering", 20, 100),
      Task(v1::GUILD_TASK_TYPE_GUILD_VS_GUILD, "guild_vs_guild", 1, 5),
      Task(v1::GUILD_TASK_TYPE_BOSS_RAID, "boss_raid", 1, 3),
      Task(v1::GUILD_TASK_TYPE_EXPLORATION, "exploration", 5, 15),
  };
  return kTypes;
}

const GuildTaskSpec& SpecOf(v1::GuildTaskType type) {
  for (const GuildTaskSpec& s : GuildTaskTypes()) {
    if (s.type == type) return s;
  }
  return GuildTaskTypes().front();
}

v1::RewardBundle GuildTaskReward() { return Items(985, 5); }

std::string GuildTaskDescription(v1::GuildTaskType type, uint32_t target) {
  switch (type) {
    case v1::GUILD_TASK_TYPE_RESOURCE_GATHERING:
      return absl::StrCat("Gather ", target, " items from monsters as a guild");
    case v1::GUILD_TASK_TYPE_GUILD_VS_GUILD:
      return absl::StrCat("Defeat members of other guilds ", target, target == 1 ? " time" : " times");
    case v1::GUILD_TASK_TYPE_BOSS_RAID:
      return absl::StrCat("Bring down ", target, target == 1 ? " boss" : " bosses", " together");
    case v1::GUILD_TASK_TYPE_EXPLORATION:
      return absl::StrCat("Explore ", target, " different maps as a guild");
    default:
      return absl::StrCat("Hunt ", target, " monsters together");
  }
}

}  // namespace aiworld::progression
