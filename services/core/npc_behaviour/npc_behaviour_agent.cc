#include "services/core/npc_behaviour/npc_behaviour_agent.h"

#include <cmath>
#include <map>
#include <numbers>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "runtime/proto_time.h"
#include "services/agentkit/content_filter.h"
#include "services/core/memory/npc_key.h"
#include "services/core/npc_behaviour/behaviour_plan.h"
#include "services/core/npc_behaviour/npc_class.h"
#include "services/core/npc_behaviour/npc_registry.h"

namespace aiworld::core {
namespace {
constexpr char kDecisionType[] = "npc_behaviour";

Behaviour WeightedPick(const std::vector<Behaviour>& options, RandomSource& random) {
  int total = 0;
  for (Behaviour b : options) total += TemplateWeight(b);
  int64_t r = random.UniformInt(0, total - 1);
  for (Behaviour b : options) {
    r -= TemplateWeight(b);
    if (r < 0) return b;
  }
  return options.front();
}

bool IsMobile(const KnownNpc& npc, const GameCatalogue& catalogue, bool move_server_npcs) {
  if (npc.ref.has_tag()) return true;
  if (!move_server_npcs || !npc.sprite.has_value()) return false;
  const NpcSprite* s = catalogue.FindSprite(*npc.sprite);
  return s != nullptr && s->HasRole("wanderer");
}

std::string NpcHash(const std::string& server_id, const KnownNpc& npc) {
  return absl::StrFormat("%016x", StableSeed({server_id, NpcKey(npc.ref)}));
}
}  // namespace

std::vector<v1::JobSpec> NpcBehaviourAgent::jobs() const {
  v1::JobSpec j;
  j.set_name(kTickJob);
  *j.mutable_schedule()->mutable_interval()->mutable_every() = ToProto(limits_.tick);
  j.set_description("NPCs choose a behaviour: at most once per NPC per 5 min, 3 actions per map, 20 per tick");
  *j.mutable_timeout() = ToProto(absl::Seconds(30));
  return {j};
}

absl::Status NpcBehaviourAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                             std::vector<v1::Action>*) {
  NpcRegistry registry(*ctx.state, ctx.server_id);
  for (const v1::RoutedEvent* e : events) {
    registry.Observe(e->event(), e->event().has_occurred_at() ? FromProto(e->event().occurred_at()) : ctx.now);
  }
  return absl::OkStatus();
}

absl::Status NpcBehaviourAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job != kTickJob) return Agent::RunJob(ctx, job, actions);
  NpcRegistry registry(*ctx.state, ctx.server_id);
  std::vector<KnownNpc> npcs;
  for (KnownNpc& n : registry.All()) {
    if (ctx.now - n.last_seen > NpcRegistry::kForgetAfter) {
      registry.Forget(n);
    } else {
      npcs.push_back(std::move(n));
    }
  }
  for (size_t i = npcs.size(); i > 1; --i) {
    std::swap(npcs[i - 1], npcs[static_cast<size_t>(ctx.random->UniformInt(0, static_cast<int64_t>(i) - 1))]);
  }

  // Maps with players now; empty when the snapshot lists no maps (then every map may act).
  std::map<std::string, uint32_t> players;
  if (ctx.world != nullptr) {
    for (const v1::MapActivity& m : ctx.world->maps()) players[m.map()] = m.players_now();
  }
  const bool world_known = !players.empty();
  auto players_on = [&](const std::string& map) -> uint32_t {
    const auto it = players.find(map);
    return it == players.end() ? 0 : it->second;
  };
  const int64_t slot = absl::ToUnixSeconds(ctx.now) / absl::ToInt64Seconds(limits_.tick) * absl::ToInt64Seconds(limits_.tick);
  const agentkit::ContentFilter default_filter = agentkit::ContentFilter::Default();
  const agentkit::ContentFilter& filter = ctx.filter != nullptr ? *ctx.filter : default_filter;
  const absl::CivilHour hour = absl::ToCivilHour(ctx.now, absl::UTCTimeZone());

  std::map<std::string, int> per_map;
  int total = 0, decisions = 0;
  for (KnownNpc& npc : npcs) {
    if (total >= limits_.max_actions_per_tick || decisions >= limits_.max_decisions_per_tick) break;
    const BehaviourClass cls = ClassifyNpc(npc.sprite, npc.name, npc.shop, catalogue_);
    if (cls == BehaviourClass::kInanimate) continue;
    if (ctx.now - npc.last_acted < limits_.npc_cooldown) continue;
    if (world_known && players_on(npc.map) == 0) continue;
    if (per_map[npc.map] >= limits_.max_actions_per_map) continue;

    const bool mobile = IsMobile(npc, catalogue_, limits_.move_server_npcs);
    const std::vector<Behaviour> options = AvailableBehaviours(cls, mobile);
    std::vector<std::string> names;
    for (Behaviour b : options) names.emplace_back(BehaviourName(b));

    decision::DecisionRequest request;
    request.type = kDecisionType;
    request.cache_key = absl::StrCat(kDecisionType, "|", BehaviourClassName(cls), "|", mobile ? "mobile" : "fixed", "|", hour.hour(),
                                     "|", StableSeed({NpcKey(npc.ref)}) % 4);
    const double angle = hour.hour() * 2 * std::numbers::pi / 24;
    request.features = {cls == BehaviourClass::kMerchant ? 1.0 : 0.0, cls == BehaviourClass::kGuard ? 1.0 : 0.0,
                        cls == BehaviourClass::kQuestGiver ? 1.0 : 0.0, cls == BehaviourClass::kCommoner ? 1.0 : 0.0,
                        mobile ? 1.0 : 0.0, npc.x != npc.home_x || npc.y != npc.home_y ? 1.0 : 0.0,
                        std::sin(angle), std::cos(angle)};
    request.system = "You direct the background life of NPCs in the MMORPG Ragnarok Online.";
    request.prompt = absl::StrCat("NPC ", npc.name.empty() ? NpcKey(npc.ref) : npc.name, ", a ", BehaviourClassName(cls), " on ",
                                  npc.map, mobile ? " who can walk" : " who stays in place", ". Hour of day ", hour.hour(),
                                  ". Players on the map: ", world_known ? absl::StrCat(players_on(npc.map)) : std::string("unknown"),
                                  ".\nChoose exactly one action: ", absl::StrJoin(names, ", "),
                                  ".\nAnswer with the action name only.");
    request.template_answer = [&] { return std::string(BehaviourName(WeightedPick(options, *ctx.random))); };
    request.temperature = 0.6;  // the reference's decision temperature
    request.max_tokens = 8;
    const decision::Decision decided = ctx.Decide(std::move(request));
    ++decisions;
    const Behaviour behaviour = ParseBehaviour(decided.text, options).value_or(WeightedPick(options, *ctx.random));

    BehaviourPlan plan = PlanBehaviour(npc, behaviour, *ctx.random, catalogue_);
    if (plan.say.has_value()) {
      absl::StatusOr<std::string> clean = filter.Clean(agentkit::TextKind::kDialogue, plan.say->text());
      if (clean.ok()) {
        plan.say->set_text(*clean);
      } else {
        plan.say.reset();
      }
    }
    const int n = (plan.move.has_value() ? 1 : 0) + (plan.say.has_value() ? 1 : 0);
    if (per_map[npc.map] + n > limits_.max_actions_per_map || total + n > limits_.max_actions_per_tick) continue;

    const std::string hash = NpcHash(ctx.server_id, npc);
    auto envelope = [&](v1::Action& a, int index) {
      a.set_idempotency_key(absl::StrCat("npc_behaviour/", slot, "/", hash, "/", index));
      a.set_priority(v1::PRIORITY_LOW);
      a.mutable_target()->set_map(npc.map);
      a.mutable_origin()->set_tier(decided.tier);
      *a.mutable_origin()->mutable_decision_latency() = ToProto(decided.latency);
      a.mutable_origin()->set_llm_cost_micros(decided.cost_micros);
      a.mutable_origin()->set_llm_provider(decided.provider.substr(0, 32));
      a.mutable_cause()->mutable_job()->set_job(kTickJob);
      *a.mutable_cause()->mutable_job()->mutable_slot() = ToProto(absl::FromUnixSeconds(slot));
      a.mutable_cause()->set_summary(absl::StrCat(BehaviourClassName(cls), " NPC chose ", BehaviourName(behaviour)));
      *a.mutable_expires_at() = ToProto(ctx.now + 2 * limits_.tick);  // stale life is worse than none
    };
    int index = 0;
    if (plan.move.has_value()) {
      v1::Action a;
      envelope(a, index++);
      *a.mutable_move_npc() = *plan.move;
      actions->push_back(std::move(a));
    }
    if (plan.say.has_value()) {
      v1::Action a;
      envelope(a, index++);
      *a.mutable_npc_say() = *plan.say;
      actions->push_back(std::move(a));
    }
    per_map[npc.map] += n;
    total += n;
    npc.last_acted = ctx.now;
    npc.x = plan.x;
    npc.y = plan.y;
    npc.waypoint = plan.waypoint;
    registry.Save(npc);
  }
  return absl::OkStatus();
}

}  // namespace aiworld::core
