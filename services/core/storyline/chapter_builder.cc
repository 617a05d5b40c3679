#include "services/core/storyline/chapter_builder.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "runtime/proto_time.h"
#include "services/core/quest/generated_text.h"
#include "services/core/quest/quest_objectives.h"
#include "services/core/quest/quest_rules.h"

namespace aiworld::core {
namespace {

std::string TownLabel(const GameCatalogue& catalogue, const std::string& town) {
  const MapInfo* info = catalogue.FindMap(town);
  if (info == nullptr || info->note.empty()) return town;
  return info->note.substr(0, info->note.find(','));  // "Prontera, capital of ..." -> "Prontera"
}

std::string PlaceLabel(const GameCatalogue& catalogue, const std::string& map) {
  const MapInfo* info = catalogue.FindMap(map);
  return info == nullptr || info->note.empty() ? map : info->note;
}

std::string Words(const std::string& choice_type) { return absl::StrReplaceAll(choice_type, {{"_", " "}}); }

struct ArcTemplate {
  std::string name;
  std::string summary;
};

ArcTemplate ArcTemplateFor(const ArcPlan& plan, uint32_t days, const GameCatalogue& catalogue) {
  const std::string town = TownLabel(catalogue, plan.town);
  const std::string place = PlaceLabel(catalogue, plan.maps.front());
  const std::string faction = plan.faction.empty() ? "the old guard" : "the " + FactionTitle(plan.faction);
  const std::string faction_opening = plan.faction.empty() ? "The old guard" : "The " + FactionTitle(plan.faction);
  const std::string span = absl::StrCat(days, " days");
  if (plan.theme == "faction_rise") {
    return {absl::StrCat("The ", plan.faction.empty() ? "Iron" : FactionTitle(plan.faction), " Ascendancy"),
            absl::StrCat("Banners of ", faction, " hang from every window in ", town,
                         ", and not everyone is glad of it. Out on ", place, ", ", plan.villain_name,
                         " stirs, and some would use the chaos to seize power. Over the next ", span,
                         " the heroes of ", town, " will decide who holds the realm.")};
  }
  if (plan.theme == "restless_land") {
    return {absl::StrCat("The Restless ", place),
            absl::StrCat("So many blades have fallen on ", place, " that the land itself has begun to answer. ",
                         "The monsters there no longer flee; they gather, and at their head walks ", plan.villain_name,
                         ". ", town, " has ", span, " before the swarm reaches its gates.")};
  }
  if (plan.theme == "tyrant_return") {
    return {absl::StrCat("The Return of ", plan.villain_name),
            absl::StrCat(plan.villain_name, " has fallen again and again, and each death has only fed its hatred. ",
                         "Scouts from ", town, " report that it rises on ", place,
                         " stronger than before. For ", span, " the realm must hold the line.")};
  }
  if (plan.theme == "hard_times") {
    return {absl::StrCat("Empty Purses of ", town),
            absl::StrCat("Coin is scarce in ", town, " and tempers are short. Caravans vanish on the road to ", place,
                         ", and people whisper that ", plan.villain_name, " is behind it. Over ", span,
                         ", adventurers can bring the trade roads back to life, or watch the town starve.")};
  }
  if (plan.theme == "gold_rush") {
    return {"The Gilded Fever",
            absl::StrCat("Gold flows through ", town, " as never before, and greed follows it. On ", place,
                         " treasure hunters dig where they should not, and something old has woken: ",
                         plan.villain_name, ". The fever must break within ", span, ".")};
  }
  return {absl::StrCat("Shadows over ", town),
          absl::StrCat("A cold shadow has fallen over ", town, ". Travellers from ", place, " speak of ",
                       plan.villain_name, " and of lights that move where no one walks. ", faction_opening,
                       " asks for brave hands; the story will unfold over ", span, ".")};
}

const char* RoleWord(v1::StoryRole role) {
  switch (role) {
    case v1::STORY_ROLE_PROTAGONIST: return "protagonist";
    case v1::STORY_ROLE_ANTAGONIST: return "antagonist";
    case v1::STORY_ROLE_ALLY: return "ally";
    case v1::STORY_ROLE_MENTOR: return "mentor";
    default: return "neutral";
  }
}

int SpriteFor(const GameCatalogue& catalogue, v1::StoryRole role, RandomSource& random) {
  const char* want = role == v1::STORY_ROLE_ALLY          ? "guard"
                     : role == v1::STORY_ROLE_MENTOR      ? "scholar"
                     : role == v1::STORY_ROLE_ANTAGONIST  ? "wanderer"
                     : role == v1::STORY_ROLE_PROTAGONIST ? "quest_giver"
                                                          : "villager";
  std::vector<const NpcSprite*> sprites = catalogue.SpritesWithRole(want);
  if (sprites.empty()) return 111;  // HIDDEN_NPC
  return sprites[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(sprites.size()) - 1))]->id;
}

}  // namespace

std::string FactionTitle(const std::string& faction_id) {
  std::string out;
  bool upper = true;
  for (char c : faction_id) {
    if (c == '_') {
      out += ' ';
      upper = true;
      continue;
    }
    out += upper ? absl::ascii_toupper(static_cast<unsigned char>(c)) : c;
    upper = false;
  }
  return out;
}

std::string TargetMap(const ArcPlan& plan, uint32_t number, Branch branch) {
  return plan.maps[(std::max<uint32_t>(number, 1) - 1 + BranchMapShift(branch)) % plan.maps.size()];
}

ArcText WriteArcText(const agentkit::AgentContext& ctx, const ArcPlan& plan, uint32_t duration_days,
                     const std::string& admin_notes, const GameCatalogue& catalogue) {
  const ArcTemplate t = ArcTemplateFor(plan, duration_days, catalogue);
  TitledTextRequest r;
  r.type = "story_arc";
  r.prompt = absl::StrCat("Invent a story arc for the players of a Ragnarok Online server. Theme: ", plan.theme,
                          ". Villain: ", plan.villain_name, ". It begins on ", PlaceLabel(catalogue, plan.maps.front()),
                          " near ", TownLabel(catalogue, plan.town), ". Faction: ",
                          plan.faction.empty() ? "none" : FactionTitle(plan.faction), ". Length: ", duration_days,
                          " days. Title: the arc's name (at most 60 characters). Text: a summary of 2 to 4 sentences.");
  if (!admin_notes.empty()) absl::StrAppend(&r.prompt, " Notes from the game master: ", admin_notes);
  r.template_title = t.name;
  r.template_text = t.summary;
  r.title_max_bytes = 60;  // leaves room for " Champion" in a title
  r.text_max_bytes = 2000;
  r.complexity = 0.8;
  const TitledText written = DecideTitledText(ctx, r);
  return {written.title, written.text, written.tier};
}

v1::StoryChapter BuildChapter(const agentkit::AgentContext& ctx, const v1::StoryArc& arc, uint64_t arc_number,
                              const ArcPlan& plan, const ChapterInputs& in, const GameCatalogue& catalogue,
                              StoryStore& store) {
  const Branch branch = in.number <= 1 ? Branch::kSteady : BranchOf(in.impact_sum);
  const std::string target = TargetMap(plan, in.number, branch);
  const std::string place = MapLabel(catalogue, target);
  const std::string town = TownLabel(catalogue, plan.town);
  const bool final_chapter = in.number >= arc.total_chapters();

  v1::StoryChapter ch;
  ch.set_number(in.number);
  ch.set_status(v1::CHAPTER_STATUS_PENDING);

  // Who carries the chapter's quest depends on the branch.
  const v1::StoryRole guide_role = branch == Branch::kMercy  ? v1::STORY_ROLE_ALLY
                                   : branch == Branch::kWrath ? v1::STORY_ROLE_ANTAGONIST
                                   : in.number == 1           ? v1::STORY_ROLE_PROTAGONIST
                                                              : v1::STORY_ROLE_MENTOR;
  const std::string guide_name = guide_role == v1::STORY_ROLE_ALLY          ? "Captain Mira"
                                 : guide_role == v1::STORY_ROLE_ANTAGONIST  ? CutAtWord("Herald of " + plan.villain_name, 23)
                                 : guide_role == v1::STORY_ROLE_PROTAGONIST ? "Scout Aldric"
                                                                            : "Sage Elric";

  // Text.
  std::string opening;
  if (in.number > 1) {
    opening = in.previous_outcome == v1::CHAPTER_OUTCOME_FAILURE
                  ? absl::StrCat("The last chapter ended in defeat, and ", plan.villain_name, "'s grip on the land tightened. ")
                  : absl::StrCat("The heroes carried the last chapter, and the people of ", town, " breathe a little easier. ");
  }
  std::string turn;
  std::string title;
  const std::string chose = in.top_choice_type.empty() ? "" : " to " + Words(in.top_choice_type);
  switch (branch) {
    case Branch::kMercy:
      title = absl::StrCat("Chapter ", in.number, ": An Unexpected Ally");
      turn = absl::StrCat("Because the heroes chose", chose.empty() ? " mercy" : chose, ", ", guide_name,
                          " has joined the cause and leads the way to ", place, ", where ", plan.villain_name,
                          " is weaker than it was. ");
      break;
    case Branch::kWrath:
      title = absl::StrCat("Chapter ", in.number, ": ", plan.villain_name, " Unleashed");
      turn = absl::StrCat("The heroes' choice", chose.empty() ? "" : chose, " has enraged ", plan.villain_name,
                          ", who now rages across ", place, " stronger than ever, and its herald walks the streets of ",
                          town, ". ");
      break;
    default:
      title = in.number == 1 ? absl::StrCat("Chapter 1: The First Signs")
                             : absl::StrCat("Chapter ", in.number, ": The Trail to ", place);
      turn = absl::StrCat("The trail leads to ", place, ", where ", plan.villain_name, " gathers its strength. ");
      break;
  }
  if (final_chapter) title = absl::StrCat("Chapter ", in.number, ": The Last Stand at ", place);
  const std::string ask = absl::StrCat(guide_name, " waits in ", town, " for anyone brave enough to help",
                                       final_chapter ? ". This is the end of the tale, one way or another." : ".");
  TitledTextRequest r;
  r.type = "story_chapter";
  r.prompt = absl::StrCat("Write chapter ", in.number, " of ", arc.total_chapters(), " of the story arc \"", arc.name(),
                          "\" (", arc.summary(), "). Previous chapter: ",
                          in.number == 1 ? "none" : in.previous_outcome == v1::CHAPTER_OUTCOME_FAILURE ? "failure" : "success",
                          ". The players' choices lean towards ", BranchName(branch),
                          in.top_choice_type.empty() ? "" : " (most chose " + Words(in.top_choice_type) + ")",
                          ". The chapter happens on ", place, "; the villain is ", plan.villain_name, "; ", guide_name,
                          " (", RoleWord(guide_role), ") gives the quest in ", town,
                          ". Title: the chapter's title. Text: 2 to 4 sentences.");
  r.template_title = title;
  r.template_text = opening + turn + ask;
  r.title_max_bytes = 200;
  r.text_max_bytes = 2000;
  r.complexity = 0.6;
  const TitledText written = DecideTitledText(ctx, r);
  ch.set_title(written.title);
  ch.set_summary(written.text);

  // Boss.
  v1::StoryBoss* boss = ch.mutable_boss();
  boss->set_name(plan.villain_name);
  boss->set_mob_id(plan.villain_mob);
  boss->set_map(target);
  boss->set_hp_percent(BossHpPercent(in.number, branch));
  boss->set_drop_bonus_percent(std::min<uint32_t>(500, 20 * in.number));
  boss->set_evolution_tier(VillainEvolutionTier(in.villain_defeats));
  boss->set_spawn_message(CleanText(ctx, agentkit::TextKind::kBroadcast,
                                    absl::StrCat(plan.villain_name, " has appeared on ", place, "!"), "A villain has appeared!", 255));

  // Modifiers: the first chapter changes its map (as the reference's world_modifiers), and so
  // does a chapter of wrath.
  auto add_modifier = [&](const std::string& name, const std::string& stat, double multiplier) {
    v1::WorldModifier* m = ch.add_modifiers();
    m->set_map(target);
    m->set_name(name);
    *m->mutable_duration() = ToProto(absl::Hours(24 * kChapterDurationDays));
    v1::StatModifier* effect = m->add_effects();
    effect->set_stat(stat);
    effect->set_multiplier(multiplier);
  };
  if (in.number == 1) add_modifier(plan.theme + "_stirring", "monster_hp", 1.2);
  if (branch == Branch::kWrath) add_modifier("villain_fury", "monster_atk", 1.25);

  // The story quest template.
  const int64_t quest_id = store.NextStoryQuestId();
  v1::Quest quest;
  quest.set_quest_key(absl::StrCat("story_", quest_id));
  quest.set_server_id(arc.server_id());
  quest.set_arc_id(arc.arc_id());
  quest.set_type(v1::QUEST_TYPE_KILL);
  quest.set_difficulty(DifficultyBand(in.reward_level).second);
  quest.set_title(CutAtWord(ch.title(), 60));
  quest.set_description(ch.summary());
  quest.set_status(v1::QUEST_STATUS_OFFERED);
  quest.set_tier(written.tier);
  const int minion = plan.minion_mobs.empty() ? plan.villain_mob : plan.minion_mobs[(in.number - 1) % plan.minion_mobs.size()];
  const MonsterInfo* minion_info = catalogue.FindMonster(minion);
  v1::QuestObjective* visit = quest.add_objectives();
  visit->set_kind(v1::QUEST_OBJECTIVE_KIND_VISIT);
  visit->mutable_place()->set_map(target);
  visit->set_quantity(1);
  visit->set_description(absl::StrCat("Travel to ", MapLabel(catalogue, target)));
  v1::QuestObjective* kill = quest.add_objectives();
  kill->set_kind(v1::QUEST_OBJECTIVE_KIND_KILL);
  kill->set_mob_id(minion);
  kill->mutable_place()->set_map(target);
  kill->set_quantity(10 + 2 * in.number);
  kill->set_description(absl::StrCat("Drive back ", kill->quantity(), " ", minion_info != nullptr ? minion_info->name : "monsters",
                                     " on ", MapLabel(catalogue, target)));
  quest.add_objective_progress(0);
  quest.add_objective_progress(0);
  *quest.mutable_reward() = RewardFor(quest.difficulty(), in.reward_level, catalogue);
  store.PutQuestTemplate(quest);
  ch.add_quest_keys(quest.quest_key());

  // NPCs: the guide with the quest, and a townsperson with rumours, near the town's centre.
  const MapInfo* town_info = catalogue.FindMap(plan.town);
  auto place_npc = [&](int i, v1::StoryRole role, const std::string& name, std::vector<std::string> lines,
                       const std::string& quest_key) {
    v1::StoryNpc* npc = ch.add_npcs();
    npc->set_npc_tag(absl::StrCat("story_", arc_number, "_", in.number, "_", i));
    npc->set_name(CleanText(ctx, agentkit::TextKind::kName, name, "Stranger", 23));
    npc->set_role(role);
    npc->set_sprite_id(SpriteFor(catalogue, role, *ctx.random));
    npc->mutable_at()->set_map(plan.town);
    const int w = town_info != nullptr ? town_info->width : 200, h = town_info != nullptr ? town_info->height : 200;
    npc->mutable_at()->set_x(static_cast<int32_t>(w / 2 + ctx.random->UniformInt(-12, 12)));
    npc->mutable_at()->set_y(static_cast<int32_t>(h / 2 + ctx.random->UniformInt(-12, 12)));
    for (const std::string& line : lines) {
      npc->add_dialogue(CleanText(ctx, agentkit::TextKind::kDialogue, line, "These are dark days.", 255));
    }
    npc->set_quest_key(quest_key);
    npc->set_recurring(role != v1::STORY_ROLE_NEUTRAL);
  };
  place_npc(1, guide_role, guide_name,
            {CutAtWord(turn, 255), absl::StrCat("Go to ", place, " and drive back the ", minion_info != nullptr ? minion_info->name : "monsters",
                                             ". ", plan.villain_name, " must not grow stronger."),
             "Every hand counts. Will you help?"},
            quest.quest_key());
  place_npc(2, v1::STORY_ROLE_NEUTRAL, "Old Tomas",
            {absl::StrCat("They say ", plan.villain_name, " was seen near ", place, "."),
             in.number > 1 ? CutAtWord(opening, 255) : "Strange days. Keep your blade close.",
             absl::StrCat("Talk to ", guide_name, " if you want to make a difference.")},
            "");
  return ch;
}

}  // namespace aiworld::core
