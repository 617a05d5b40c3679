#include "services/procedural/problem/problem_maker.h"

#include <cmath>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/proto_time.h"
#include "services/core/quest/generated_text.h"
#include "services/procedural/problem/problem_rules.h"
#include "services/procedural/problem/problem_targets.h"

namespace aiworld::procedural {
namespace {

int RoundTo(double value, int step) { return static_cast<int>(std::lround(value / step)) * step; }

std::string TemplateText(const ProblemTypeSpec& spec, const std::string& map, const std::string& mob, uint32_t goal) {
  switch (spec.type) {
    case v1::PROBLEM_TYPE_MONSTER_SURGE:
      return absl::StrCat("Monsters swarm over ", map, ". Drive back ", goal, " ", mob, " before the surge spreads.");
    case v1::PROBLEM_TYPE_MVP_RAMPAGE:
      return absl::StrCat(mob, " rampages across ", map, " with its escorts. Defeat all ", goal, " of them.");
    case v1::PROBLEM_TYPE_GOOD_VS_EVIL:
      return absl::StrCat("Light and darkness clash on ", map, ". Tip the balance: defeat ", goal, " monsters there.");
    case v1::PROBLEM_TYPE_RESOURCE_SHORTAGE:
      return absl::StrCat("Supplies run short around ", map, ". Hunt ", goal, " monsters there to recover what the towns need.");
    case v1::PROBLEM_TYPE_POLLUTION:
      return absl::StrCat("A foul taint spreads over ", map, ". Clear ", goal, " corrupted creatures.");
    default:
      return absl::StrCat("Wild weather batters ", map, " and stirs up its beasts. Defeat ", goal, " of them.");
  }
}

v1::Action Announce(const agentkit::AgentContext& ctx, const v1::Problem& p) {
  v1::Action a;
  a.set_idempotency_key(absl::StrCat("procedural/problem/", p.problem_id(), "/announce"));
  a.set_priority(v1::PRIORITY_HIGH);
  a.mutable_origin()->set_tier(p.tier());
  v1::Broadcast* b = a.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(v1::BROADCAST_STYLE_YELLOW);
  b->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast, absl::StrCat("[World Problem] ", p.title(), ": ", p.description()),
                              absl::StrCat("[World Problem] ", p.title()), 255));
  return a;
}

v1::Action Spawn(const v1::Problem& p, const std::string& tag, int index, int32_t mob_id, uint32_t amount, absl::Duration ttl) {
  v1::Action a;
  a.set_idempotency_key(absl::StrCat("procedural/problem/", p.problem_id(), "/spawn/", index));
  a.mutable_origin()->set_tier(p.tier());
  a.mutable_target()->set_map(p.target_map());
  v1::SpawnMonster* s = a.mutable_spawn_monster();
  s->mutable_at()->set_map(p.target_map());
  s->set_mob_id(mob_id);
  s->set_amount(amount);
  s->set_spawn_tag(tag);
  *s->mutable_ttl() = ToProto(ttl);
  return a;
}

}  // namespace

ProblemTypeChoice ChooseProblemType(const agentkit::AgentContext& ctx, const std::vector<v1::Problem>& history) {
  const double level = ctx.world != nullptr ? ctx.world->players().average_base_level() : 0.0;
  const uint32_t online = ctx.world != nullptr ? ctx.world->players().online() : 0;
  const std::vector<v1::ProblemType> eligible = EligibleTypes(level);

  std::map<v1::ProblemType, int> uses;
  for (const v1::Problem& p : history) {
    if (ctx.now - FromProto(p.created_at()) <= absl::Hours(24 * 7)) ++uses[p.type()];
  }
  std::vector<double> weights;
  std::vector<std::string> names;
  for (v1::ProblemType t : eligible) {
    weights.push_back(TypeWeight(uses[t]));
    names.push_back(SpecOf(t).name);
  }

  decision::DecisionRequest d;
  d.type = "problem_type";
  d.cache_key = absl::StrCat("problem:decision:", RoundTo(level, 10), ":", RoundTo(online, 5), ":",
                             absl::FormatTime("%Y-%m-%d", ctx.now, absl::UTCTimeZone()));
  d.prompt = absl::StrCat("Pick today's world problem for a Ragnarok Online server. Average level ", static_cast<int>(level),
                          ", players online ", online, ". Choose exactly one of: ", absl::StrJoin(names, ", "),
                          ". Prefer types used less this week. Answer with the name only.");
  d.max_tokens = 16;
  d.temperature = 0.4;
  d.rules = [&]() -> std::optional<std::string> {
    if (online >= kLowPopulationOnline) return std::nullopt;
    const std::vector<v1::ProblemType> pool = LowPopulationTypes(eligible);
    if (pool.empty()) return std::nullopt;
    return SpecOf(pool[static_cast<size_t>(ctx.random->UniformInt(0, static_cast<int64_t>(pool.size()) - 1))]).name;
  };
  d.template_answer = [&] { return std::string(SpecOf(WeightedPick(eligible, weights, *ctx.random)).name); };
  const decision::Decision decided = ctx.Decide(std::move(d));

  ProblemTypeChoice choice;
  const std::string answer = absl::AsciiStrToLower(absl::StripAsciiWhitespace(decided.text));
  const ProblemTypeSpec* spec = SpecByName(answer);
  if (spec != nullptr && std::find(eligible.begin(), eligible.end(), spec->type) != eligible.end()) {
    choice.type = spec->type;
    choice.tier = decided.tier == v1::TIER_UNSPECIFIED ? v1::TIER_TEMPLATE : decided.tier;
  } else {  // a model answered something else: the weighted pick decides
    choice.type = WeightedPick(eligible, weights, *ctx.random);
    choice.tier = v1::TIER_TEMPLATE;
  }
  return choice;
}

std::optional<PlannedProblem> PlanProblem(const agentkit::AgentContext& ctx, ProblemBook& book, const GameCatalogue& catalogue) {
  if (ctx.world == nullptr) return std::nullopt;
  const std::vector<const v1::MapActivity*> ranked = RankedHuntingMaps(*ctx.world, catalogue);
  if (ranked.empty()) return std::nullopt;

  const ProblemTypeChoice choice = ChooseProblemType(ctx, book.OfServer(ctx.server_id));
  const ProblemTypeSpec& spec = SpecOf(choice.type);
  const double level = ctx.world->players().average_base_level();
  const int difficulty = DifficultyFor(spec, level);
  const std::string map = *TargetMapFor(ranked, difficulty);
  const absl::Duration duration = absl::Hours(ctx.random->UniformInt(spec.min_hours, spec.max_hours));

  PlannedProblem out;
  v1::Problem& p = out.problem;
  p.set_problem_id(book.NextProblemId(ctx.server_id));
  p.set_server_id(ctx.server_id);
  p.set_type(spec.type);
  p.set_target_map(map);
  p.set_difficulty(static_cast<uint32_t>(difficulty));
  p.set_status(v1::CONTENT_STATUS_ACTIVE);
  p.set_tier(choice.tier);
  *p.mutable_created_at() = ToProto(ctx.now);
  *p.mutable_expires_at() = ToProto(ctx.now + duration);
  *p.mutable_reward() = ProblemReward(static_cast<int>(level), difficulty, ctx.world->players().online());

  // Monsters first: the text names them.
  const MonsterInfo* mob = nullptr;
  const MonsterInfo* escort = nullptr;
  if (spec.type == v1::PROBLEM_TYPE_MONSTER_SURGE) {
    mob = SurgeMonster(catalogue, map, difficulty, *ctx.random);
  } else if (spec.type == v1::PROBLEM_TYPE_MVP_RAMPAGE) {
    mob = RampageMvp(catalogue, map, difficulty);
    escort = SurgeMonster(catalogue, map, difficulty, *ctx.random);
  }
  if (mob != nullptr) {
    p.set_spawn_mob_id(mob->id);
    // A rampage without escorts (no normal monster known at all) is its MVP alone.
    const bool mvp_alone = spec.type == v1::PROBLEM_TYPE_MVP_RAMPAGE && escort == nullptr;
    p.set_spawn_count(mvp_alone ? 1 : 10 * static_cast<uint32_t>(difficulty));
    out.progress.goal = p.spawn_count();
    out.progress.spawn_tag = ProblemBook::SpawnTagOf(p.problem_id());
  } else {
    out.progress.goal = kMapKillsPerDifficulty * static_cast<uint32_t>(difficulty);
  }

  const absl::CivilDay day = absl::ToCivilDay(ctx.now, absl::UTCTimeZone());
  core::TitledTextRequest text;
  text.type = "problem_text";
  text.cache_key = absl::StrCat("problem_text:", spec.name, ":", map, ":", mob != nullptr ? mob->id : 0);
  text.prompt = absl::StrCat("Write a world problem for players of a Ragnarok Online server. Kind: ", spec.display,
                             ". Place: the map ", map, ". Difficulty ", difficulty, " of 10.",
                             mob != nullptr ? absl::StrCat(" Monster: ", mob->name, ".") : "", " Goal: ", out.progress.goal,
                             " kills there. Two sentences at most.");
  text.template_title = absl::StrCat(spec.display, " - Day ", day.day());
  text.template_text = TemplateText(spec, map, mob != nullptr ? mob->name : "", out.progress.goal);
  text.title_max_bytes = 100;
  text.text_max_bytes = 2000;
  const core::TitledText written = core::DecideTitledText(ctx, text);
  p.set_title(written.title);
  p.set_description(written.text);

  out.actions.push_back(Announce(ctx, p));
  if (mob != nullptr) {
    const std::string& tag = out.progress.spawn_tag;
    if (escort == nullptr) {
      out.actions.push_back(Spawn(p, tag, 0, mob->id, p.spawn_count(), duration));
    } else {  // the MVP and its escorts share the tag, so every kill of either counts
      out.actions.push_back(Spawn(p, tag, 0, mob->id, 1, duration));
      out.actions.push_back(Spawn(p, tag, 1, escort->id, p.spawn_count() - 1, duration));
    }
  }
  return out;
}

}  // namespace aiworld::procedural
