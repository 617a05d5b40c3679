#include "services/procedural/event_chain/chain_runner.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/core/quest/generated_text.h"
#include "services/procedural/event_chain/chain_places.h"

namespace aiworld::procedural {
namespace {

using core::CleanText;

std::string StepKey(const v1::EventChain& chain, uint32_t step, const std::string& what) {
  return absl::StrCat("event_chain/", chain.chain_id(), "/step/", step, "/", what);
}

v1::ChainStep& Current(v1::EventChain& chain) { return *chain.mutable_steps(static_cast<int>(chain.current_step()) - 1); }

void Announce(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, std::string key, const std::string& text,
              const std::string& fallback, std::vector<v1::Action>* actions, v1::Tier tier = v1::TIER_RULES) {
  v1::Action a = NewAction(ctx, std::move(key), cause, tier);
  v1::Broadcast* b = a.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(v1::BROADCAST_STYLE_BLUE);
  b->set_text(CleanText(ctx, agentkit::TextKind::kBroadcast, text, fallback, 255));
  actions->push_back(std::move(a));
}

void Reward(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, std::string key, uint32_t char_id,
            const v1::RewardBundle& reward, const std::string& reason, std::vector<v1::Action>* actions) {
  if (reward.zeny() == 0 && reward.base_exp() == 0 && reward.job_exp() == 0 && reward.items_size() == 0) return;
  v1::Action a = NewAction(ctx, std::move(key), cause);
  a.set_priority(v1::PRIORITY_HIGH);
  a.mutable_target()->set_char_id(char_id);
  *a.mutable_expires_at() = ToProto(ctx.now + absl::Hours(24));
  v1::GiveReward* give = a.mutable_give_reward();
  give->set_char_id(char_id);
  *give->mutable_reward() = reward;
  give->set_reason(CleanText(ctx, agentkit::TextKind::kDialogue, reason, "Event chain reward", 100));
  give->set_notify(true);
  actions->push_back(std::move(a));
}

std::string SpriteRoleFor(const std::string& attitude) {
  if (attitude == "friendly") return "quest_giver";
  if (attitude == "hostile") return "guard";
  return "wanderer";
}

}  // namespace

std::optional<v1::EventChain> ChainRunner::MaybeStart(const agentkit::AgentContext& ctx, ChainStore& store,
                                                      const ActionCauseRef& cause,
                                                      std::vector<v1::Action>* actions) const {
  const uint32_t online = ctx.world != nullptr ? ctx.world->players().online() : 0;
  const size_t active = store.Active().size();
  if (!ShouldStartChain(online, active, ctx.random->Uniform01())) return std::nullopt;
  const std::vector<v1::ChainType>& types = ChainTypes();
  const v1::ChainType type = types[static_cast<size_t>(ctx.random->UniformInt(0, static_cast<int64_t>(types.size()) - 1))];
  absl::StatusOr<v1::EventChain> started = Start(ctx, store, type, cause, actions);
  if (!started.ok()) return std::nullopt;
  return *std::move(started);
}

absl::StatusOr<v1::EventChain> ChainRunner::Start(const agentkit::AgentContext& ctx, ChainStore& store,
                                                  v1::ChainType type, const ActionCauseRef& cause,
                                                  std::vector<v1::Action>* actions) const {
  if (type == v1::CHAIN_TYPE_UNSPECIFIED || !v1::ChainType_IsValid(type)) {
    return absl::InvalidArgumentError("type: a chain type is required");
  }
  if (store.Active().size() >= kMaxConcurrentChains) {
    return absl::FailedPreconditionError(absl::StrCat("chains: ", kMaxConcurrentChains, " already active"));
  }
  const ChainTypeSpec& spec = SpecOf(type);
  ChainRun run;
  run.number = store.NextNumber();
  const double avg = ctx.world != nullptr ? ctx.world->players().average_base_level() : 0;
  run.level = std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(avg)));
  run.difficulty = ChainDifficulty(run.level);
  const auto steps = static_cast<uint32_t>(ctx.random->UniformInt(spec.min_steps, spec.max_steps));

  v1::EventChain chain;
  chain.set_chain_id(ChainIdOf(run.number));
  chain.set_server_id(ctx.server_id);
  chain.set_type(type);
  chain.set_status(v1::CONTENT_STATUS_ACTIVE);
  chain.set_current_step(1);
  chain.set_total_steps(steps);
  chain.set_reward_multiplier(1.0);
  *chain.mutable_started_at() = ToProto(ctx.now);
  *chain.mutable_expires_at() = ToProto(ctx.now + kChainLifetime);
  const std::vector<StepTemplate> plan = StepsFor(spec, steps);
  for (uint32_t i = 0; i < plan.size(); ++i) {
    v1::ChainStep* step = chain.add_steps();
    step->set_number(i + 1);
    step->set_step_type(plan[i].step_type);
    step->set_description(plan[i].goal + ".");
    step->set_status(v1::CONTENT_STATUS_UNSPECIFIED);
  }

  core::TitledTextRequest text;
  text.type = "event_chain_text";
  text.cache_key = absl::StrCat("chain/", spec.word, "/", steps);
  text.prompt = absl::StrCat("Name a ", steps, "-step ", spec.word,
                             " event chain for a fantasy MMO (at most 60 characters) and announce its start in one "
                             "sentence. Its first step: ",
                             plan.front().goal, ".");
  text.template_title = spec.title;
  text.template_text = absl::StrCat(spec.title, " begins: ", steps, " steps lie ahead. First: ", plan.front().goal, ".");
  text.title_max_bytes = 100;
  text.text_max_bytes = 255;
  const core::TitledText written = core::DecideTitledText(ctx, text);
  chain.set_title(written.title);
  Announce(ctx, cause, absl::StrCat("event_chain/", chain.chain_id(), "/start"), written.text,
           spec.title + " begins.", actions, written.tier);

  StartStep(ctx, chain, run, cause, actions);
  store.Put(chain, run);
  return chain;
}

void ChainRunner::StartStep(const agentkit::AgentContext& ctx, v1::EventChain& chain, ChainRun& run,
                            const ActionCauseRef& cause, std::vector<v1::Action>* actions) const {
  const uint32_t n = chain.current_step();
  const std::vector<StepTemplate> plan = StepsFor(SpecOf(chain.type()), chain.total_steps());
  const StepTemplate& t = plan[n - 1];
  v1::ChainStep& step = Current(chain);
  step.set_status(v1::CONTENT_STATUS_ACTIVE);
  *step.mutable_started_at() = ToProto(ctx.now);
  run.kind = t.kind;
  run.tag = absl::StrCat("chn", run.number, "_s", n);
  run.progress = 0;
  run.contributors.clear();
  std::string where;
  std::string mark;
  if (run.mark == "blessing") mark = " A blessing lingers from the last success.";
  if (run.mark == "corruption") mark = " Corruption spreads after the last failure.";

  if (t.kind == StepKind::kTalk) {
    const v1::MapPoint at = PickTownSpot(ctx.world, catalogue_, *ctx.random);
    run.map = at.map();
    run.mob_id = 0;
    run.target = TalkTarget(run.scale);
    where = absl::StrCat(" ", run.target, " adventurer", run.target == 1 ? "" : "s", " must speak with ", t.npc_name,
                         " in ", at.map(), ".");
    const std::vector<const NpcSprite*> sprites = catalogue_.SpritesWithRole(SpriteRoleFor(run.attitude));
    v1::Action a = NewAction(ctx, StepKey(chain, n, "npc"), cause);
    a.mutable_target()->set_map(at.map());
    v1::SpawnNpc* npc = a.mutable_spawn_npc();
    npc->set_template_name(kChainNpcTemplate);
    npc->set_npc_tag(run.tag);
    *npc->mutable_at() = at;
    npc->set_facing(4);
    npc->set_sprite_id(sprites.empty() ? -1 : sprites[static_cast<size_t>(ctx.random->UniformInt(
                                                  0, static_cast<int64_t>(sprites.size()) - 1))]->id);
    npc->set_display_name(CleanText(ctx, agentkit::TextKind::kName, t.npc_name, "Stranger", 23));
    auto& params = *npc->mutable_parameters();
    params["chain_id"] = chain.chain_id();
    params["step"] = std::to_string(n);
    params["step_type"] = t.step_type;
    params["attitude"] = run.attitude;
    *npc->mutable_ttl() = ToProto(kStepTimeout);
    actions->push_back(std::move(a));
  } else {
    const HuntPlace place = PickHuntPlace(run.level, ctx.world, catalogue_, *ctx.random);
    run.map = place.map;
    const int escort = place.mob_id;
    run.mob_id = t.kind == StepKind::kBoss ? PickChainBoss(run.level, catalogue_, *ctx.random) : escort;
    run.target = t.kind == StepKind::kBoss ? 1 : HuntTarget(run.difficulty, run.scale);
    const uint32_t escorts = t.kind == StepKind::kBoss ? std::max<uint32_t>(1, HuntTarget(run.difficulty, run.scale) / 2) : 0;
    const MonsterInfo* mob = catalogue_.FindMonster(run.mob_id);
    where = t.kind == StepKind::kBoss ? absl::StrCat(" ", mob->name, " waits in ", run.map, ".")
                                      : absl::StrCat(" Defeat ", run.target, " ", mob->name, " in ", run.map, ".");
    auto spawn = [&](const std::string& what, int mob_id, uint32_t amount) {
      const MonsterInfo* info = catalogue_.FindMonster(mob_id);
      v1::Action a = NewAction(ctx, StepKey(chain, n, what), cause);
      a.mutable_target()->set_map(run.map);
      v1::SpawnMonster* s = a.mutable_spawn_monster();
      s->mutable_at()->set_map(run.map);
      s->set_mob_id(mob_id);
      s->set_amount(std::clamp<uint32_t>(amount, 1, 100));
      if (run.mark == "corruption") {
        s->set_display_name(CleanText(ctx, agentkit::TextKind::kName, "Corrupted " + info->name, info->name, 23));
      }
      *s->mutable_ttl() = ToProto(kStepTimeout);
      s->set_spawn_tag(run.tag);
      actions->push_back(std::move(a));
    };
    spawn("spawn", run.mob_id, t.kind == StepKind::kBoss ? 1 : run.target);
    if (escorts > 0) spawn("escorts", escort, escorts);
  }
  step.set_description(CleanText(ctx, agentkit::TextKind::kArcText, t.goal + "." + where + mark, t.goal + ".", 1000));
  Announce(ctx, cause, StepKey(chain, n, "announce"),
           absl::StrCat(chain.title(), " - step ", n, " of ", chain.total_steps(), ": ", step.description()),
           absl::StrCat(chain.title(), " - step ", n, " begins."), actions);
}

void ChainRunner::EndStep(const agentkit::AgentContext& ctx, v1::EventChain& chain, ChainRun& run,
                          v1::StepOutcome outcome, const ActionCauseRef& cause, std::vector<v1::Action>* actions) const {
  const uint32_t n = chain.current_step();
  v1::ChainStep& step = Current(chain);
  step.set_outcome(outcome);
  step.set_status(outcome == v1::STEP_OUTCOME_FAILURE ? v1::CONTENT_STATUS_FAILED : v1::CONTENT_STATUS_COMPLETED);
  *step.mutable_completed_at() = ToProto(ctx.now);
  const OutcomeEffect effect = EffectOf(outcome);
  chain.set_reward_multiplier(std::clamp(chain.reward_multiplier() * effect.reward_multiplier, 0.0, kMaxRewardMultiplier));
  for (uint32_t c : run.contributors) {
    Reward(ctx, cause, StepKey(chain, n, absl::StrCat("reward/", c)), c, StepReward(run.level, effect.reward_multiplier),
           absl::StrCat(chain.title(), ": step ", n, " ", OutcomeWord(outcome)), actions);
  }
  Cleanup(ctx, chain, run, cause, actions);
  Announce(ctx, cause, StepKey(chain, n, "outcome"),
           absl::StrCat(chain.title(), " - step ", n, " ends in ", OutcomeWord(outcome),
                        effect.world_mark.empty() ? "." : absl::StrCat(": a ", effect.world_mark, " touches the land.")),
           absl::StrCat(chain.title(), " - step ", n, " ends."), actions);
  run.scale = effect.next_difficulty;
  run.attitude = effect.npc_attitude;
  run.mark = effect.world_mark;
  if (n < chain.total_steps()) {
    chain.set_current_step(n + 1);
    StartStep(ctx, chain, run, cause, actions);
  } else {
    Finish(ctx, chain, run, cause, actions);
  }
}

void ChainRunner::Finish(const agentkit::AgentContext& ctx, v1::EventChain& chain, ChainRun& run,
                         const ActionCauseRef& cause, std::vector<v1::Action>* actions) const {
  const bool failed = Current(chain).outcome() == v1::STEP_OUTCOME_FAILURE;
  chain.set_status(failed ? v1::CONTENT_STATUS_FAILED : v1::CONTENT_STATUS_COMPLETED);
  if (!failed) {
    const v1::RewardBundle reward = ChainReward(run.level, run.difficulty, chain.reward_multiplier());
    for (uint32_t c : run.participants) {
      Reward(ctx, cause, absl::StrCat("event_chain/", chain.chain_id(), "/reward/", c), c, reward,
             chain.title() + " completed", actions);
    }
  }
  Announce(ctx, cause, absl::StrCat("event_chain/", chain.chain_id(), "/end"),
           failed ? absl::StrCat(chain.title(), " ends in defeat. The heroes will have another chance.")
                  : absl::StrCat(chain.title(), " is complete! ", run.participants.size(),
                                 " heroes share the reward."),
           chain.title() + " has ended.", actions);
}

void ChainRunner::Cleanup(const agentkit::AgentContext& ctx, const v1::EventChain& chain, const ChainRun& run,
                          const ActionCauseRef& cause, std::vector<v1::Action>* actions) const {
  v1::Action a = NewAction(ctx, StepKey(chain, chain.current_step(), "cleanup"), cause);
  a.set_priority(v1::PRIORITY_URGENT);
  a.mutable_target()->set_map(run.map);
  if (run.kind == StepKind::kTalk) {
    a.mutable_remove_npc()->set_npc_tag(run.tag);
  } else {
    a.mutable_remove_monsters()->set_spawn_tag(run.tag);
    a.mutable_remove_monsters()->set_map(run.map);
  }
  actions->push_back(std::move(a));
}

void ChainRunner::Advance(const agentkit::AgentContext& ctx, ChainStore& store, const ActionCauseRef& cause,
                          std::vector<v1::Action>* actions) const {
  for (v1::EventChain chain : store.Active()) {
    const uint64_t number = ChainNumberOf(chain.chain_id());
    std::optional<ChainRun> run = store.Run(number);
    if (!run.has_value()) continue;
    if (ctx.now >= FromProto(chain.expires_at())) {
      chain.set_status(v1::CONTENT_STATUS_EXPIRED);
      Current(chain).set_status(v1::CONTENT_STATUS_EXPIRED);
      *Current(chain).mutable_completed_at() = ToProto(ctx.now);
      Cleanup(ctx, chain, *run, cause, actions);
      Announce(ctx, cause, absl::StrCat("event_chain/", chain.chain_id(), "/expired"),
               chain.title() + " fades away, unfinished.", "An event chain has ended.", actions);
    } else if (ctx.now >= FromProto(Current(chain).started_at()) + kStepTimeout) {
      EndStep(ctx, chain, *run, OutcomeAtTimeout(run->progress, run->target), cause, actions);
    } else {
      continue;
    }
    store.Put(chain, *run);
  }
}

void ChainRunner::OnKill(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, ChainStore& store,
                         std::vector<v1::Action>* actions) const {
  const v1::GameEvent& ev = e.event();
  const v1::MonsterKilled& kill = ev.monster_killed();
  for (v1::EventChain chain : store.Active()) {
    std::optional<ChainRun> run = store.Run(ChainNumberOf(chain.chain_id()));
    if (!run.has_value() || run->kind == StepKind::kTalk || ev.map() != run->map) continue;
    if (kill.mob_id() != run->mob_id) continue;
    if (ctx.now >= FromProto(chain.expires_at())) continue;  // the advance job expires it
    ++run->progress;
    std::vector<uint32_t> fighters(kill.party_member_char_ids().begin(), kill.party_member_char_ids().end());
    fighters.push_back(ev.char_id());
    for (uint32_t c : fighters) {
      ChainRun::Add(run->contributors, c);
      ChainRun::Add(run->participants, c);
    }
    chain.set_participants(static_cast<uint32_t>(run->participants.size()));
    if (run->progress >= run->target) {
      EndStep(ctx, chain, *run, v1::STEP_OUTCOME_SUCCESS, ActionCauseRef::Event(e, "chain step target reached"), actions);
    }
    store.Put(chain, *run);
  }
}

void ChainRunner::OnTalk(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, ChainStore& store,
                         std::vector<v1::Action>* actions) const {
  const v1::GameEvent& ev = e.event();
  const v1::NpcInteraction& npc = ev.npc_interaction();
  if (npc.npc_tag().empty() || ev.char_id() == 0) return;
  if (npc.kind() != v1::NPC_INTERACTION_KIND_CLICK && npc.kind() != v1::NPC_INTERACTION_KIND_MENU_CHOICE) return;
  for (v1::EventChain chain : store.Active()) {
    std::optional<ChainRun> run = store.Run(ChainNumberOf(chain.chain_id()));
    if (!run.has_value() || run->kind != StepKind::kTalk || npc.npc_tag() != run->tag) continue;
    if (ctx.now >= FromProto(chain.expires_at())) continue;
    const ActionCauseRef cause = ActionCauseRef::Event(e, "chain NPC interaction");
    const bool first_time = ChainRun::Add(run->contributors, ev.char_id());
    ChainRun::Add(run->participants, ev.char_id());
    chain.set_participants(static_cast<uint32_t>(run->participants.size()));
    v1::Action say = NewAction(ctx, absl::StrCat("event_chain/say/", ctx.batch_sequence, "/", e.index()), cause);
    say.set_priority(v1::PRIORITY_HIGH);
    say.mutable_target()->set_char_id(ev.char_id());
    say.mutable_npc_say()->mutable_npc()->set_tag(run->tag);
    say.mutable_npc_say()->set_char_id(ev.char_id());
    say.mutable_npc_say()->set_text(CleanText(
        ctx, agentkit::TextKind::kDialogue,
        first_time ? absl::StrCat("Thank you for hearing me out. ", Current(chain).description())
                   : "You have heard all I know. Others must hear it too.",
        "Thank you, adventurer.", 255));
    actions->push_back(std::move(say));
    if (first_time) {
      ++run->progress;
      if (run->progress >= run->target) EndStep(ctx, chain, *run, v1::STEP_OUTCOME_SUCCESS, cause, actions);
    }
    store.Put(chain, *run);
  }
}

}  // namespace aiworld::procedural
