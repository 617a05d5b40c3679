#include "services/core/storyline/storyline.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"
#include "services/core/quest/quest_book.h"
#include "services/core/quest/quest_maker.h"
#include "services/core/quest/quest_queries.h"
#include "services/core/storyline/arc_rules.h"
#include "services/core/storyline/chapter_builder.h"
#include "services/core/storyline/story_plan.h"

namespace aiworld::core {
namespace {

v1::Action NewAction(const agentkit::AgentContext& ctx, std::string key, const v1::RoutedEvent* cause,
                     const std::string& summary) {
  v1::Action a;
  a.set_idempotency_key(std::move(key));
  if (cause != nullptr) {
    *a.mutable_cause()->add_events() = agentkit::EventRefOf(ctx, *cause);
  }
  a.mutable_cause()->set_summary(CutAtWord(summary, 200));
  return a;
}

std::string Day(absl::Time t) { return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone()); }

uint32_t RewardLevel(const agentkit::AgentContext& ctx) {
  if (ctx.world == nullptr || ctx.world->players().average_base_level() < 1) return 50;
  return static_cast<uint32_t>(std::lround(std::min(ctx.world->players().average_base_level(), 999.0)));
}

agentkit::StateStore& QuestState(const agentkit::AgentContext& ctx) {
  agentkit::StateStore* quest = ctx.StateOf("quest");
  return quest != nullptr ? *quest : *ctx.state;
}

Participant Touch(StoryStore& store, const std::string& arc_id, uint32_t char_id, const std::string& name, absl::Time now) {
  Participant p = store.GetParticipant(arc_id, char_id).value_or(Participant{});
  p.char_id = char_id;
  if (!name.empty()) p.char_name = name;
  p.last_unix = absl::ToUnixSeconds(now);
  return p;
}

std::optional<v1::StoryArc> ActiveArc(const agentkit::AgentContext& ctx, StoryStore& store) {
  std::optional<std::string> id = store.ActiveArcId(ctx.server_id);
  if (!id.has_value()) return std::nullopt;
  return store.Arc(*id);
}

v1::StoryChapter* CurrentChapter(v1::StoryArc& arc) {
  const int at = static_cast<int>(arc.current_chapter()) - 1;
  return at >= 0 && at < arc.chapters_size() ? arc.mutable_chapters(at) : nullptr;
}

std::string BossTag(const v1::StoryArc& arc, uint32_t chapter) {
  return absl::StrCat("story_", ArcNumberOf(arc.arc_id()), "_", chapter, "_boss");
}

void Reward(const agentkit::AgentContext& ctx, const std::string& key, const v1::StoryHero& hero, const std::string& reason,
            std::vector<v1::Action>* actions) {
  v1::Action give = NewAction(ctx, key + "/reward", nullptr, reason);
  give.mutable_target()->set_char_id(hero.char_id());
  give.mutable_give_reward()->set_char_id(hero.char_id());
  *give.mutable_give_reward()->mutable_reward() = HeroReward(hero.rank());
  give.mutable_give_reward()->set_reason(CleanText(ctx, agentkit::TextKind::kDialogue, reason, "Story hero", 100));
  give.mutable_give_reward()->set_notify(true);
  actions->push_back(std::move(give));
  v1::Action title = NewAction(ctx, key + "/title", nullptr, reason);
  title.mutable_target()->set_char_id(hero.char_id());
  title.mutable_set_char_variable()->set_char_id(hero.char_id());
  title.mutable_set_char_variable()->set_name("aiw_story_title");
  title.mutable_set_char_variable()->set_string_value(CleanText(ctx, agentkit::TextKind::kDialogue, hero.title(), "Hero", 64));
  actions->push_back(std::move(title));
}

std::string HeroList(const std::vector<v1::StoryHero>& heroes) {
  std::vector<std::string> parts;
  for (const v1::StoryHero& h : heroes) {
    parts.push_back(absl::StrCat(h.char_name().empty() ? absl::StrCat("#", h.char_id()) : h.char_name(), " (", h.title(), ")"));
  }
  return absl::StrJoin(parts, ", ");
}

std::vector<HeroCandidate> Candidates(const std::vector<Participant>& participants) {
  std::vector<HeroCandidate> out;
  for (const Participant& p : participants) {
    HeroCandidate c;
    c.char_id = p.char_id;
    c.char_name = p.char_name;
    c.contribution_score = p.contribution_score;
    c.chapters_completed = p.chapters_completed();
    c.quests_completed = p.quests_completed;
    out.push_back(c);
  }
  return out;
}

absl::Status CheckGenerate(const v1::GenerateStoryArcRequest& r) {
  if (absl::Status s = CheckServerId(r.server_id()); !s.ok()) return s;
  if (r.force_theme().size() > 64) return absl::InvalidArgumentError("force_theme: at most 64 bytes");
  if (r.force_faction().size() > 32) return absl::InvalidArgumentError("force_faction: at most 32 bytes");
  for (char c : r.force_faction()) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return absl::InvalidArgumentError("force_faction: must be [a-z_]");
  }
  if (r.admin_notes().size() > 500) return absl::InvalidArgumentError("admin_notes: at most 500 bytes");
  if (r.duration_days() != 0 && (r.duration_days() < kArcMinDays || r.duration_days() > kArcMaxDays)) {
    return absl::InvalidArgumentError("duration_days: must be 0 or 7..30");
  }
  return absl::OkStatus();
}

absl::Status CheckChoice(const v1::RecordChoiceRequest& r) {
  if (absl::Status s = CheckServerId(r.server_id()); !s.ok()) return s;
  if (r.arc_id().empty() || r.arc_id().size() > 64) return absl::InvalidArgumentError("arc_id: must be 1..64 bytes");
  if (r.char_id() < 150000) return absl::InvalidArgumentError("char_id: must be >= 150000");
  if (r.chapter() < 1 || r.chapter() > 10) return absl::InvalidArgumentError("chapter: must be 1..10");
  if (r.choice_id().empty() || r.choice_id().size() > 64) return absl::InvalidArgumentError("choice_id: must be 1..64 bytes");
  for (char c : r.choice_id()) {
    if (c < 0x21 || c > 0x7e) return absl::InvalidArgumentError("choice_id: must be printable ASCII");
  }
  if (r.choice_type().empty() || r.choice_type().size() > 32) return absl::InvalidArgumentError("choice_type: must be 1..32 bytes");
  for (char c : r.choice_type()) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return absl::InvalidArgumentError("choice_type: must be [a-z_]");
  }
  if (r.choice_data_size() > 16) return absl::InvalidArgumentError("choice_data: at most 16 entries");
  for (const auto& [key, value] : r.choice_data()) {
    if (key.empty() || key.size() > 32) return absl::InvalidArgumentError("choice_data: keys must be 1..32 bytes");
    for (char c : key) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return absl::InvalidArgumentError("choice_data: keys must be [a-z0-9_]");
      }
    }
    if (value.size() > 255) return absl::InvalidArgumentError(absl::StrCat("choice_data[", key, "]: at most 255 bytes"));
  }
  if (!std::isfinite(r.impact_score()) || r.impact_score() < -1.0 || r.impact_score() > 1.0) {
    return absl::InvalidArgumentError("impact_score: must be -1.0..1.0");
  }
  return absl::OkStatus();
}

// The sum of the impact scores of a chapter's choices and its most frequent type.
std::pair<double, std::string> WeighChoices(const std::vector<v1::RecordChoiceRequest>& choices) {
  double sum = 0;
  std::map<std::string, int> types;
  for (const auto& c : choices) {
    sum += c.impact_score();
    ++types[c.choice_type()];
  }
  std::string top;
  int most = 0;
  for (const auto& [type, n] : types) {
    if (n > most) {
      top = type;
      most = n;
    }
  }
  return {sum, top};
}

}  // namespace

uint64_t ArcNumberOf(const std::string& arc_id) {
  uint64_t n = 0;
  const size_t at = arc_id.rfind('_');
  if (at == std::string::npos || !absl::SimpleAtoi(arc_id.substr(at + 1), &n)) return 0;
  return n;
}

std::string StoryQuestInstanceKey(const std::string& template_key, uint32_t char_id) {
  return absl::StrCat(template_key, "_", char_id);
}

absl::StatusOr<Storyline::Generated> Storyline::Generate(const agentkit::AgentContext& ctx,
                                                         const v1::GenerateStoryArcRequest& request,
                                                         std::vector<v1::Action>* actions) const {
  if (absl::Status s = CheckGenerate(request); !s.ok()) return s;
  StoryStore real(*ctx.state);
  if (std::optional<std::string> active = real.ActiveArcId(request.server_id()); active.has_value() && !request.dry_run()) {
    return absl::FailedPreconditionError(absl::StrCat("server_id: arc ", *active, " is active on ", request.server_id()));
  }
  // A dry run builds on a scratch copy of the counters, so it changes nothing.
  agentkit::MemoryStateStore scratch;
  if (request.dry_run()) {
    for (const std::string& key : {std::string("seq/") + request.server_id(), std::string("story_quest_id")}) {
      if (auto v = ctx.state->Get(key)) scratch.Put(key, *v);
    }
  }
  StoryStore store(request.dry_run() ? static_cast<agentkit::StateStore&>(scratch) : *ctx.state);

  const v1::WorldSnapshot empty;
  const v1::WorldSnapshot& world = ctx.world != nullptr ? *ctx.world : empty;
  const ArcPlan plan = PlanArc(world, catalogue_, *ctx.random, request.force_theme(), request.force_faction());
  const uint32_t days = request.duration_days() != 0 ? request.duration_days()
                                                      : static_cast<uint32_t>(ctx.random->UniformInt(kArcMinDays, kArcMaxDays));
  const uint64_t number = store.NextArcNumber(request.server_id());
  const ArcText text = WriteArcText(ctx, plan, days, request.admin_notes(), catalogue_);

  v1::StoryArc arc;
  arc.set_arc_id(absl::StrCat("arc_", request.server_id(), "_", number));
  arc.set_server_id(request.server_id());
  arc.set_name(text.name);
  arc.set_summary(text.summary);
  arc.set_theme(plan.theme);
  arc.set_faction_id(plan.faction);
  arc.set_status(request.dry_run() ? v1::STORY_ARC_STATUS_UNSPECIFIED : v1::STORY_ARC_STATUS_ACTIVE);
  arc.set_duration_days(days);
  arc.set_total_chapters(TotalChapters(days));
  arc.set_current_chapter(1);
  arc.set_tier(text.tier);
  *arc.mutable_started_at() = ToProto(ctx.now);
  *arc.mutable_expected_end_at() = ToProto(ctx.now + absl::Hours(24 * days));

  ChapterInputs in;
  in.number = 1;
  in.reward_level = RewardLevel(ctx);
  v1::StoryChapter first = BuildChapter(ctx, arc, number, plan, in, catalogue_, store);
  if (absl::Status s = ValidateChapter(first, catalogue_, "chapters[0]"); !s.ok()) return absl::InternalError(s.message());
  first.set_status(v1::CHAPTER_STATUS_ACTIVE);
  *first.mutable_started_at() = ToProto(ctx.now);
  *arc.add_chapters() = std::move(first);
  for (uint32_t n = 2; n <= arc.total_chapters(); ++n) {
    v1::StoryChapter* later = arc.add_chapters();
    later->set_number(n);
    later->set_title(absl::StrCat("Chapter ", n));
    later->set_summary("Not yet written: what the heroes do and choose will decide it.");
    later->set_status(v1::CHAPTER_STATUS_PENDING);
  }

  Generated out;
  if (request.dry_run()) {
    out.arc = std::move(arc);
    return out;
  }
  store.PutArc(arc);
  store.PutPlan(arc.arc_id(), plan.Encode());
  store.SetActive(arc.server_id(), arc.arc_id());
  v1::Action announce = NewAction(ctx, absl::StrCat("story/", arc.arc_id(), "/begins"), nullptr, "story arc generated");
  announce.set_priority(v1::PRIORITY_HIGH);
  announce.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_SERVER);
  announce.mutable_broadcast()->set_style(v1::BROADCAST_STYLE_BLUE);
  announce.mutable_broadcast()->set_text(
      CleanText(ctx, agentkit::TextKind::kBroadcast, absl::StrCat("A new story begins: ", arc.name()), "A new story begins.", 255));
  actions->push_back(std::move(announce));
  DeployChapter(ctx, arc, arc.chapters(0), store, actions);
  out.arc = std::move(arc);
  out.activated = true;
  return out;
}

void Storyline::Deploy(const agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const {
  StoryStore store(*ctx.state);
  std::optional<v1::StoryArc> arc = ActiveArc(ctx, store);
  if (!arc.has_value()) return;
  if (v1::StoryChapter* ch = CurrentChapter(*arc)) DeployChapter(ctx, *arc, *ch, store, actions);
}

void Storyline::DeployChapter(const agentkit::AgentContext& ctx, const v1::StoryArc& arc, const v1::StoryChapter& chapter,
                              StoryStore& store, std::vector<v1::Action>* actions) const {
  const std::string flag = absl::StrCat("deployed/", arc.arc_id(), "/", chapter.number());
  if (store.Flag(flag)) return;
  store.SetFlag(flag);
  const std::string prefix = absl::StrCat("story/", arc.arc_id(), "/", chapter.number());
  const std::string why = absl::StrCat(arc.name(), ", chapter ", chapter.number());
  for (const v1::StoryNpc& npc : chapter.npcs()) {
    v1::Action a = NewAction(ctx, absl::StrCat(prefix, "/spawn/", npc.npc_tag()), nullptr, why);
    a.mutable_target()->set_map(npc.at().map());
    v1::SpawnNpc* spawn = a.mutable_spawn_npc();
    spawn->set_template_name(kStoryNpcTemplate);
    spawn->set_npc_tag(npc.npc_tag());
    *spawn->mutable_at() = npc.at();
    spawn->set_facing(4);
    spawn->set_sprite_id(npc.sprite_id());
    spawn->set_display_name(npc.name());
    auto& params = *spawn->mutable_parameters();
    params["arc_id"] = arc.arc_id();
    params["chapter"] = std::to_string(chapter.number());
    params["role"] = std::to_string(static_cast<int>(npc.role()));
    params["quest_key"] = npc.quest_key();
    for (int i = 0; i < npc.dialogue_size() && i < 3; ++i) params[absl::StrCat("line", i + 1)] = npc.dialogue(i);
    // Removed when the chapter ends; the ttl only guards against a lost removal.
    *spawn->mutable_ttl() = ToProto(absl::Hours(24 * 30));
    actions->push_back(std::move(a));
  }
  if (chapter.has_boss()) {
    const v1::StoryBoss& b = chapter.boss();
    v1::Action a = NewAction(ctx, prefix + "/boss", nullptr, why);
    a.mutable_target()->set_map(b.map());
    v1::SpawnMonster* spawn = a.mutable_spawn_monster();
    spawn->mutable_at()->set_map(b.map());
    spawn->set_mob_id(b.mob_id());
    spawn->set_amount(1);
    spawn->set_display_name(CleanText(ctx, agentkit::TextKind::kName, b.name(), "Villain", 23));
    spawn->set_hp_percent(b.hp_percent());
    *spawn->mutable_ttl() = ToProto(absl::Hours(24 * 7));
    spawn->set_spawn_tag(BossTag(arc, chapter.number()));
    actions->push_back(std::move(a));
    if (!b.spawn_message().empty()) {
      v1::Action told = NewAction(ctx, prefix + "/boss_message", nullptr, why);
      told.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_MAP);
      told.mutable_broadcast()->set_map(b.map());
      told.mutable_broadcast()->set_text(b.spawn_message());
      actions->push_back(std::move(told));
    }
  }
  v1::Action announce = NewAction(ctx, prefix + "/announce", nullptr, why);
  announce.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_SERVER);
  announce.mutable_broadcast()->set_text(
      CleanText(ctx, agentkit::TextKind::kBroadcast, absl::StrCat(arc.name(), " - ", chapter.title()), "The story continues.", 255));
  actions->push_back(std::move(announce));
}

void Storyline::RemoveChapter(const agentkit::AgentContext& ctx, const v1::StoryArc& arc, const v1::StoryChapter& chapter,
                              std::vector<v1::Action>* actions) const {
  const std::string prefix = absl::StrCat("story/", arc.arc_id(), "/", chapter.number());
  for (const v1::StoryNpc& npc : chapter.npcs()) {
    v1::Action a = NewAction(ctx, absl::StrCat(prefix, "/remove/", npc.npc_tag()), nullptr, "chapter ended");
    a.mutable_remove_npc()->set_npc_tag(npc.npc_tag());
    actions->push_back(std::move(a));
  }
  if (chapter.has_boss()) {
    v1::Action a = NewAction(ctx, prefix + "/boss_remove", nullptr, "chapter ended");
    a.mutable_remove_monsters()->set_spawn_tag(BossTag(arc, chapter.number()));
    a.mutable_remove_monsters()->set_map(chapter.boss().map());
    actions->push_back(std::move(a));
  }
}

void Storyline::SyncCompletions(const agentkit::AgentContext& ctx, const v1::StoryArc& arc, StoryStore& store,
                                const std::vector<uint32_t>& char_ids) const {
  QuestBook book(QuestState(ctx));
  for (const v1::StoryChapter& ch : arc.chapters()) {
    if (ch.status() == v1::CHAPTER_STATUS_PENDING) continue;
    for (const std::string& tpl : ch.quest_keys()) {
      for (uint32_t char_id : char_ids) {
        const std::string instance = StoryQuestInstanceKey(tpl, char_id);
        const std::string counted = "qdone/" + instance;
        if (store.Flag(counted)) continue;
        std::optional<v1::Quest> q = book.Get(instance);
        if (!q.has_value() || q->status() != v1::QUEST_STATUS_COMPLETED) continue;
        store.SetFlag(counted);
        Participant p = Touch(store, arc.arc_id(), char_id, "", ctx.now);
        p.quests_completed += 1;
        p.contribution_score += kContributionQuest;
        p.MarkCompleted(ch.number());
        store.PutParticipant(arc.arc_id(), p);
      }
    }
  }
}

void Storyline::CheckChapters(const agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const {
  StoryStore store(*ctx.state);
  std::optional<v1::StoryArc> found = ActiveArc(ctx, store);
  if (!found.has_value()) return;
  v1::StoryArc arc = *std::move(found);
  v1::StoryChapter* ch = CurrentChapter(arc);
  if (ch == nullptr) return;

  std::vector<uint32_t> everyone;
  for (const Participant& p : store.Participants(arc.arc_id())) everyone.push_back(p.char_id);
  SyncCompletions(ctx, arc, store, everyone);
  std::vector<uint32_t> done;
  for (const Participant& p : store.Participants(arc.arc_id())) done.push_back(p.chapters_completed());
  const double completion = CompletionRate(done, ch->number());
  ch->set_completion_rate(completion);

  // The reference computed the age only when started_at was set and crashed otherwise; a chapter
  // without a start time starts now.
  std::optional<absl::Duration> age;
  if (ch->has_started_at()) {
    age = ctx.now - FromProto(ch->started_at());
  } else {
    *ch->mutable_started_at() = ToProto(ctx.now);
  }
  const ChapterVerdict verdict = JudgeChapter(age, completion);
  if (!verdict.advance) {
    store.PutArc(arc);
    return;
  }
  ch->set_outcome(verdict.outcome);
  ch->set_status(verdict.outcome == v1::CHAPTER_OUTCOME_FAILURE ? v1::CHAPTER_STATUS_FAILED : v1::CHAPTER_STATUS_COMPLETED);
  *ch->mutable_completed_at() = ToProto(ctx.now);
  RemoveChapter(ctx, arc, *ch, actions);
  const uint32_t finished = ch->number();
  if (finished >= arc.total_chapters()) {
    CompleteArc(ctx, arc, store, actions);
    return;
  }

  std::optional<ArcPlan> plan;
  if (auto text = store.Plan(arc.arc_id())) plan = ArcPlan::Decode(*text);
  if (!plan.has_value()) return;  // unreadable plan: keep the arc as it is rather than invent one
  const auto [impact, top] = WeighChoices(store.Choices(arc.arc_id(), finished));
  ChapterInputs in;
  in.number = finished + 1;
  in.previous_outcome = verdict.outcome;
  in.impact_sum = impact;
  in.top_choice_type = top;
  for (const v1::StoryChapter& c : arc.chapters()) in.villain_defeats += c.outcome() == v1::CHAPTER_OUTCOME_SUCCESS ? 1 : 0;
  in.reward_level = RewardLevel(ctx);
  v1::StoryChapter next = BuildChapter(ctx, arc, ArcNumberOf(arc.arc_id()), *plan, in, catalogue_, store);
  if (absl::Status s = ValidateChapter(next, catalogue_, absl::StrCat("chapters[", finished, "]")); !s.ok()) {
    next.clear_boss();  // cannot happen with catalogue plans; never spawn an unknown monster
  }
  next.set_status(v1::CHAPTER_STATUS_ACTIVE);
  *next.mutable_started_at() = ToProto(ctx.now);
  *arc.mutable_chapters(static_cast<int>(finished)) = next;
  arc.set_current_chapter(finished + 1);
  store.PutArc(arc);
  DeployChapter(ctx, arc, next, store, actions);
}

void Storyline::CompleteArc(const agentkit::AgentContext& ctx, v1::StoryArc& arc, StoryStore& store,
                            std::vector<v1::Action>* actions) const {
  const std::vector<Participant> participants = store.Participants(arc.arc_id());
  const std::vector<v1::StoryHero> heroes = ChooseHeroes(Candidates(participants), arc.name());
  arc.clear_heroes();
  for (const v1::StoryHero& h : heroes) {
    *arc.add_heroes() = h;
    const std::string key = absl::StrCat("story/", arc.arc_id(), "/hero/", h.rank());
    Reward(ctx, key, h, absl::StrCat(arc.name(), ": ", h.title()), actions);
    if (h.rank() == 1) {  // the reference's 7-day aura: scripts show it until this time
      v1::Action aura = NewAction(ctx, key + "/aura", nullptr, "champion aura");
      aura.mutable_target()->set_char_id(h.char_id());
      aura.mutable_set_char_variable()->set_char_id(h.char_id());
      aura.mutable_set_char_variable()->set_name("aiw_story_aura_until");
      aura.mutable_set_char_variable()->set_int_value(absl::ToUnixSeconds(ctx.now + absl::Hours(24 * 7)));
      actions->push_back(std::move(aura));
    }
  }
  arc.set_status(v1::STORY_ARC_STATUS_COMPLETED);
  arc.set_participants(static_cast<uint32_t>(participants.size()));
  *arc.mutable_completed_at() = ToProto(ctx.now);
  store.PutArc(arc);
  store.ClearActive(arc.server_id());
  v1::Action told = NewAction(ctx, absl::StrCat("story/", arc.arc_id(), "/complete"), nullptr, "story arc completed");
  told.set_priority(v1::PRIORITY_HIGH);
  told.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_SERVER);
  told.mutable_broadcast()->set_style(v1::BROADCAST_STYLE_BLUE);
  told.mutable_broadcast()->set_text(CleanText(
      ctx, agentkit::TextKind::kBroadcast,
      heroes.empty() ? absl::StrCat(arc.name(), " has come to an end.")
                     : absl::StrCat(arc.name(), " has come to an end. Its heroes: ", HeroList(heroes), "."),
      "The story has come to an end.", 255));
  actions->push_back(std::move(told));
}

void Storyline::HeroesOfTheWeek(const agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const {
  StoryStore store(*ctx.state);
  std::optional<v1::StoryArc> arc = ActiveArc(ctx, store);
  if (!arc.has_value()) return;
  const std::string flag = absl::StrCat("heroweek/", arc->arc_id(), "/", Day(ctx.now));
  if (store.Flag(flag)) return;
  store.SetFlag(flag);
  std::vector<uint32_t> everyone;
  for (const Participant& p : store.Participants(arc->arc_id())) everyone.push_back(p.char_id);
  SyncCompletions(ctx, *arc, store, everyone);
  const std::vector<v1::StoryHero> heroes = ChooseHeroes(Candidates(store.Participants(arc->arc_id())), arc->name());
  if (heroes.empty()) return;
  for (const v1::StoryHero& h : heroes) {
    Reward(ctx, absl::StrCat("story/", arc->arc_id(), "/week/", Day(ctx.now), "/", h.rank()), h,
           absl::StrCat("Hero of the week: ", h.title()), actions);
  }
  v1::Action told = NewAction(ctx, absl::StrCat("story/", arc->arc_id(), "/week/", Day(ctx.now)), nullptr, "hero of the week");
  told.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_SERVER);
  told.mutable_broadcast()->set_text(CleanText(
      ctx, agentkit::TextKind::kBroadcast, absl::StrCat("Heroes of the week in ", arc->name(), ": ", HeroList(heroes), "."),
      "The heroes of the week have been chosen.", 255));
  actions->push_back(std::move(told));
}

void Storyline::ExpireArcs(const agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const {
  StoryStore store(*ctx.state);
  std::optional<v1::StoryArc> found = ActiveArc(ctx, store);
  if (!found.has_value() || !found->has_expected_end_at() || FromProto(found->expected_end_at()) > ctx.now) return;
  v1::StoryArc arc = *std::move(found);
  if (v1::StoryChapter* ch = CurrentChapter(arc)) {
    ch->set_outcome(v1::CHAPTER_OUTCOME_MIXED);
    ch->set_status(v1::CHAPTER_STATUS_COMPLETED);
    *ch->mutable_completed_at() = ToProto(ctx.now);
    RemoveChapter(ctx, arc, *ch, actions);
  }
  CompleteArc(ctx, arc, store, actions);
  // The reference starts the next arc 60 s later.
  v1::GenerateStoryArcRequest next;
  next.set_server_id(ctx.server_id);
  const size_t first_new = actions->size();
  if (Generate(ctx, next, actions).ok()) {
    for (size_t i = first_new; i < actions->size(); ++i) *(*actions)[i].mutable_not_before() = ToProto(ctx.now + kNewArcDelay);
  }
}

void Storyline::OnStoryNpc(const agentkit::AgentContext& ctx, const v1::StoryArc& arc, const v1::StoryChapter& chapter,
                           const v1::RoutedEvent& e, StoryStore& store, std::vector<v1::Action>* actions) const {
  const v1::GameEvent& ev = e.event();
  const v1::NpcInteraction& click = ev.npc_interaction();
  const v1::StoryNpc* npc = nullptr;
  for (const v1::StoryNpc& n : chapter.npcs()) npc = n.npc_tag() == click.npc_tag() ? &n : npc;
  if (npc == nullptr) return;
  store.PutParticipant(arc.arc_id(), Touch(store, arc.arc_id(), ev.char_id(), ev.char_name(), ctx.now));

  auto say = [&](const std::string& text) {
    v1::Action a = NewAction(ctx, absl::StrCat("story/say/", ctx.batch_sequence, "/", e.index()), &e, "story NPC");
    a.set_priority(v1::PRIORITY_HIGH);
    a.mutable_target()->set_char_id(ev.char_id());
    a.mutable_npc_say()->mutable_npc()->set_tag(npc->npc_tag());
    a.mutable_npc_say()->set_char_id(ev.char_id());
    a.mutable_npc_say()->set_mode(v1::NPC_SAY_MODE_OVERHEAD);
    a.mutable_npc_say()->set_text(text);
    actions->push_back(std::move(a));
  };
  const std::string line =
      npc->dialogue_size() == 0 ? "..." : npc->dialogue(static_cast<int>(ctx.random->UniformInt(0, npc->dialogue_size() - 1)));
  if (npc->quest_key().empty()) {
    say(line);
    return;
  }
  std::optional<v1::Quest> tpl = store.QuestTemplate(npc->quest_key());
  if (!tpl.has_value()) {
    say(line);
    return;
  }
  QuestBook book(QuestState(ctx));
  const std::string key = StoryQuestInstanceKey(tpl->quest_key(), ev.char_id());
  std::optional<v1::Quest> mine = book.Get(key);
  if (mine.has_value() && mine->status() != v1::QUEST_STATUS_OFFERED) {
    say(mine->status() == v1::QUEST_STATUS_COMPLETED ? "You have done your part. The story goes on." : line);
    return;
  }
  if (!mine.has_value()) {
    mine = *tpl;
    mine->set_quest_key(key);
    mine->set_server_id(ctx.server_id);
    mine->set_char_id(ev.char_id());
    v1::NpcRef giver;
    giver.set_tag(npc->npc_tag());
    *mine->mutable_giver() = giver;
    *mine->mutable_created_at() = ToProto(ctx.now);
    book.Put(*mine);
    book.RememberAccount(ev.account_id(), ev.char_id());
  }
  v1::Action offer = NewAction(ctx, absl::StrCat("story/offer/", key, "/", ctx.batch_sequence, "/", e.index()), &e, "story quest");
  offer.set_priority(v1::PRIORITY_HIGH);
  offer.mutable_target()->set_char_id(ev.char_id());
  offer.mutable_offer_quest()->set_char_id(ev.char_id());
  offer.mutable_offer_quest()->mutable_giver()->set_tag(npc->npc_tag());
  *offer.mutable_offer_quest()->mutable_generated() = ToGenerated(*mine);
  actions->push_back(std::move(offer));
  say(npc->dialogue_size() > 0 ? npc->dialogue(0) : line);
}

void Storyline::HandleEvents(const agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                             std::vector<v1::Action>* actions) const {
  StoryStore store(*ctx.state);
  std::optional<v1::StoryArc> found = ActiveArc(ctx, store);
  if (!found.has_value()) return;
  v1::StoryArc arc = *std::move(found);
  v1::StoryChapter* ch = CurrentChapter(arc);
  if (ch == nullptr) return;
  DeployChapter(ctx, arc, *ch, store, actions);

  std::set<uint32_t> seen;
  for (const v1::RoutedEvent* e : events) {
    const v1::GameEvent& ev = e->event();
    if (ev.char_id() == 0) continue;
    seen.insert(ev.char_id());
    if (ev.has_npc_interaction()) {
      const auto kind = ev.npc_interaction().kind();
      if (kind == v1::NPC_INTERACTION_KIND_CLICK || kind == v1::NPC_INTERACTION_KIND_MENU_CHOICE) {
        OnStoryNpc(ctx, arc, *ch, *e, store, actions);
      }
    } else if (ev.has_monster_killed()) {
      const v1::MonsterKilled& kill = ev.monster_killed();
      if (!kill.spawn_tag().empty() && kill.spawn_tag() == BossTag(arc, ch->number())) {
        std::set<uint32_t> fighters(kill.damage_dealer_char_ids().begin(), kill.damage_dealer_char_ids().end());
        fighters.insert(ev.char_id());
        for (uint32_t fighter : fighters) {
          Participant p = Touch(store, arc.arc_id(), fighter, fighter == ev.char_id() ? ev.char_name() : "", ctx.now);
          p.contribution_score += fighter == ev.char_id() ? kContributionBossKill : kContributionBossAssist;
          p.MarkCompleted(ch->number());
          store.PutParticipant(arc.arc_id(), p);
        }
      } else if (ch->has_boss() && ev.map() == ch->boss().map()) {
        Participant p = Touch(store, arc.arc_id(), ev.char_id(), ev.char_name(), ctx.now);
        p.contribution_score += kContributionMapKill;
        store.PutParticipant(arc.arc_id(), p);
      }
    }
  }
  // Story quests the Quest agent completed (from this batch or an earlier one).
  SyncCompletions(ctx, arc, store, std::vector<uint32_t>(seen.begin(), seen.end()));
}

absl::StatusOr<v1::RecordChoiceResponse> Storyline::RecordChoice(const agentkit::AgentContext& ctx,
                                                                 const v1::RecordChoiceRequest& request) const {
  if (absl::Status s = CheckChoice(request); !s.ok()) return s;
  StoryStore store(*ctx.state);
  std::optional<v1::StoryArc> arc = store.Arc(request.arc_id());
  if (!arc.has_value() || arc->server_id() != request.server_id()) {
    return absl::NotFoundError(absl::StrCat("arc_id: no arc ", request.arc_id(), " on server ", request.server_id()));
  }
  if (arc->status() != v1::STORY_ARC_STATUS_ACTIVE) {
    return absl::FailedPreconditionError(absl::StrCat("arc_id: arc ", request.arc_id(), " is not active"));
  }
  if (request.chapter() > arc->current_chapter()) {
    return absl::FailedPreconditionError(
        absl::StrCat("chapter: chapter ", request.chapter(), " has not begun (current ", arc->current_chapter(), ")"));
  }
  v1::RecordChoiceResponse response;
  Participant p = Touch(store, request.arc_id(), request.char_id(), "", ctx.now);
  const bool recorded = store.AddChoice(request);
  if (recorded) {
    p.choices_made += 1;
    p.contribution_score += kContributionChoice;
    store.PutParticipant(request.arc_id(), p);
  }
  bool hero = false;
  for (const v1::StoryHero& h : arc->heroes()) hero = hero || h.char_id() == request.char_id();
  *response.mutable_participation() = p.ToProto(request.arc_id(), hero);
  response.set_recorded(recorded);
  return response;
}

}  // namespace aiworld::core
