#include "services/procedural/event_chain/chain_rules.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace aiworld::procedural {
namespace {

StepTemplate Talk(std::string type, std::string npc, std::string goal) {
  StepTemplate t;
  t.step_type = std::move(type);
  t.kind = StepKind::kTalk;
  t.npc_name = std::move(npc);
  t.goal = std::move(goal);
  return t;
}

StepTemplate Hunt(std::string type, std::string goal, StepKind kind = StepKind::kHunt) {
  StepTemplate t;
  t.step_type = std::move(type);
  t.kind = kind;
  t.goal = std::move(goal);
  return t;
}

ChainTypeSpec Spec(v1::ChainType type, std::string word, std::string title, uint32_t lo, uint32_t hi,
                   std::vector<StepTemplate> steps) {
  ChainTypeSpec s;
  s.type = type;
  s.word = std::move(word);
  s.title = std::move(title);
  s.min_steps = lo;
  s.max_steps = hi;
  s.steps = std::move(steps);
  return s;
}

const std::map<v1::ChainType, ChainTypeSpec>& Specs() {
  static const auto* specs = new std::map<v1::ChainType, ChainTypeSpec>{
      {v1::CHAIN_TYPE_INVESTIGATION,
       Spec(v1::CHAIN_TYPE_INVESTIGATION, "investigation", "The Investigation", 4, 6,
            {Talk("gather_clues", "Worried Guard", "Gather clues from the worried guard"),
             Talk("question_witness", "Shaken Witness", "Question the shaken witness"),
             Hunt("track_suspects", "Track the suspects through their hideout"),
             Talk("decode_message", "Old Scholar", "Bring the coded message to the old scholar"),
             Hunt("raid_hideout", "Raid the hideout and scatter its guards"),
             Hunt("confront_culprit", "Confront the culprit", StepKind::kBoss)})},
      {v1::CHAIN_TYPE_INVASION,
       Spec(v1::CHAIN_TYPE_INVASION, "invasion", "The Invasion", 3, 5,
            {Talk("scout_report", "Weary Scout", "Hear the weary scout's report"),
             Hunt("hold_the_line", "Hold the line against the vanguard"),
             Hunt("break_the_siege", "Break the siege"),
             Talk("rally_defenders", "Captain", "Rally the defenders with the captain"),
             Hunt("slay_the_warlord", "Slay the invaders' warlord", StepKind::kBoss)})},
      {v1::CHAIN_TYPE_RESCUE,
       Spec(v1::CHAIN_TYPE_RESCUE, "rescue", "The Rescue", 3, 5,
            {Talk("hear_the_plea", "Desperate Mother", "Hear the desperate mother's plea"),
             Hunt("find_the_trail", "Follow the kidnappers' trail"),
             Hunt("clear_the_path", "Clear the path to their camp"),
             Talk("calm_the_captive", "Frightened Child", "Find the frightened child and calm them"),
             Hunt("defeat_the_captor", "Defeat the captor", StepKind::kBoss)})},
      {v1::CHAIN_TYPE_TREASURE_HUNT,
       Spec(v1::CHAIN_TYPE_TREASURE_HUNT, "treasure_hunt", "The Treasure Hunt", 4, 7,
            {Talk("buy_the_map", "Shady Merchant", "Buy a torn map from the shady merchant"),
             Talk("decipher_map", "Cartographer", "Have the cartographer decipher the map"),
             Hunt("reach_the_ruins", "Fight your way to the ruins"),
             Talk("solve_the_riddle", "Riddling Sphinx", "Answer the riddle at the sealed door"),
             Hunt("defeat_guardians", "Defeat the vault's guardians"),
             Hunt("drive_off_rivals", "Drive off the rival treasure hunters"),
             Hunt("open_the_vault", "Slay the vault's keeper", StepKind::kBoss)})},
      {v1::CHAIN_TYPE_FACTION_WAR,
       Spec(v1::CHAIN_TYPE_FACTION_WAR, "faction_war", "The Faction War", 5, 7,
            {Talk("rally_allies", "War Herald", "Answer the war herald's call"),
             Hunt("skirmish", "Win the first skirmish"),
             Hunt("sabotage_supplies", "Destroy the enemy's supply guards"),
             Talk("parley", "Envoy", "Parley with the enemy envoy"),
             Hunt("hold_the_bridge", "Hold the bridge"),
             Hunt("storm_the_camp", "Storm the enemy camp"),
             Hunt("final_battle", "Defeat the enemy champion", StepKind::kBoss)})},
  };
  return *specs;
}

}  // namespace

const std::vector<v1::ChainType>& ChainTypes() {
  static const std::vector<v1::ChainType> types = {v1::CHAIN_TYPE_INVESTIGATION, v1::CHAIN_TYPE_INVASION,
                                                   v1::CHAIN_TYPE_RESCUE, v1::CHAIN_TYPE_TREASURE_HUNT,
                                                   v1::CHAIN_TYPE_FACTION_WAR};
  return types;
}

const ChainTypeSpec& SpecOf(v1::ChainType type) {
  auto it = Specs().find(type);
  return it != Specs().end() ? it->second : Specs().begin()->second;
}

std::vector<StepTemplate> StepsFor(const ChainTypeSpec& spec, uint32_t n) {
  n = std::clamp(n, spec.min_steps, spec.max_steps);
  std::vector<StepTemplate> out(spec.steps.begin(), spec.steps.begin() + (n - 1));
  out.push_back(spec.steps.back());
  return out;
}

OutcomeEffect EffectOf(v1::StepOutcome outcome) {
  OutcomeEffect e;
  switch (outcome) {
    case v1::STEP_OUTCOME_SUCCESS:
      e.reward_multiplier = 1.5;
      e.next_difficulty = 1.0;
      e.faction_shift = 100;
      e.npc_attitude = "friendly";
      e.world_mark = "blessing";
      break;
    case v1::STEP_OUTCOME_FAILURE:
      e.reward_multiplier = 0.5;
      e.next_difficulty = 0.8;
      e.faction_shift = -100;
      e.npc_attitude = "hostile";
      e.world_mark = "corruption";
      break;
    default:
      e.reward_multiplier = 1.0;
      e.next_difficulty = 0.9;
      e.npc_attitude = "neutral";
      break;
  }
  return e;
}

bool ShouldStartChain(uint32_t online, size_t active, double u) {
  return online > kStartMinOnline && active < kMaxConcurrentChains && u < kStartChance;
}

v1::StepOutcome OutcomeAtTimeout(uint32_t progress, uint32_t target) {
  if (target > 0 && progress >= target) return v1::STEP_OUTCOME_SUCCESS;
  return 2 * static_cast<uint64_t>(progress) >= target ? v1::STEP_OUTCOME_PARTIAL : v1::STEP_OUTCOME_FAILURE;
}

uint32_t ChainDifficulty(uint32_t level) { return std::clamp<uint32_t>(level / 15, 1, 10); }

uint32_t HuntTarget(uint32_t difficulty, double scale) {
  return static_cast<uint32_t>(std::clamp<long>(std::lround((5.0 + 2.0 * difficulty) * scale), 3, 100));
}

uint32_t TalkTarget(double scale) { return static_cast<uint32_t>(std::clamp<long>(std::lround(3.0 * scale), 1, 3)); }

v1::RewardBundle StepReward(uint32_t level, double multiplier) {
  v1::RewardBundle r;
  r.set_base_exp(static_cast<uint64_t>(std::llround(level * 300.0 * multiplier)));
  r.set_job_exp(static_cast<uint64_t>(std::llround(level * 150.0 * multiplier)));
  r.set_zeny(static_cast<uint32_t>(std::llround(level * 100.0 * multiplier)));
  return r;
}

v1::RewardBundle ChainReward(uint32_t level, uint32_t difficulty, double multiplier) {
  v1::RewardBundle r;
  r.set_base_exp(static_cast<uint64_t>(std::llround(level * 1000.0 * (1 + 0.2 * difficulty) * multiplier)));
  const double zeny = level * 500.0 * (1 + 0.15 * difficulty) * multiplier;
  r.set_zeny(static_cast<uint32_t>(std::min(2147483647.0, std::round(zeny))));
  v1::ItemStack* item = r.add_items();
  item->set_item_id(kChainRewardItem);
  item->set_amount(static_cast<uint32_t>(std::max<long>(1, std::lround(multiplier))));
  return r;
}

std::string OutcomeWord(v1::StepOutcome outcome) {
  switch (outcome) {
    case v1::STEP_OUTCOME_SUCCESS: return "success";
    case v1::STEP_OUTCOME_PARTIAL: return "partial success";
    case v1::STEP_OUTCOME_FAILURE: return "failure";
    default: return "no outcome";
  }
}

}  // namespace aiworld::procedural
