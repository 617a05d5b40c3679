#include "services/core/quest/quest_maker.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/proto_time.h"
#include "services/core/quest/generated_text.h"
#include "services/core/quest/quest_objectives.h"

namespace aiworld::core {
namespace {

std::string Opening(v1::QuestType type) {
  switch (type) {
    case v1::QUEST_TYPE_KILL: return "Monsters grow bold near the roads, and the patrols cannot be everywhere.";
    case v1::QUEST_TYPE_ESCORT: return "A traveller must cross dangerous ground and will not make it alone.";
    case v1::QUEST_TYPE_INVESTIGATE: return "Strange tracks and stranger rumours have been coming in.";
    case v1::QUEST_TYPE_EXPLORE: return "The maps we have are old, and half of them are guesses.";
    case v1::QUEST_TYPE_DIALOGUE: return "News travels slowly here, and I need to know what people are saying.";
    case v1::QUEST_TYPE_DELIVERY: return "This parcel cannot wait for the next caravan.";
    case v1::QUEST_TYPE_FETCH: return "My stores are running low and the season will not wait.";
    case v1::QUEST_TYPE_CRAFT: return "I can make something fine, but not without the right materials.";
    default: return "There is work to be done.";
  }
}

}  // namespace

std::string TemplateQuestTitle(const v1::Quest& quest, const GameCatalogue& catalogue) {
  const v1::QuestObjective& first = quest.objectives(0);
  std::string subject;
  if (first.mob_id() != 0) {
    const MonsterInfo* m = catalogue.FindMonster(first.mob_id());
    subject = m != nullptr ? m->name : "the Wilds";
  } else if (first.item_id() != 0) {
    const ItemInfo* i = catalogue.FindItem(first.item_id());
    subject = i != nullptr ? i->name : "Supplies";
  } else {
    const MapInfo* map = catalogue.FindMap(first.place().map());
    subject = map != nullptr && !map->note.empty() ? map->note : first.place().map();
  }
  switch (quest.type()) {
    case v1::QUEST_TYPE_KILL: return absl::StrCat("The ", subject, " Cull");
    case v1::QUEST_TYPE_ESCORT: return absl::StrCat("Safe Passage to ", subject);
    case v1::QUEST_TYPE_INVESTIGATE: return absl::StrCat("Trouble at ", subject);
    case v1::QUEST_TYPE_EXPLORE: return absl::StrCat("Charting ", subject);
    case v1::QUEST_TYPE_DIALOGUE: return absl::StrCat("Word from ", subject);
    case v1::QUEST_TYPE_DELIVERY: return absl::StrCat("A Parcel for ", subject);
    case v1::QUEST_TYPE_FETCH: return absl::StrCat("A Call for ", subject);
    case v1::QUEST_TYPE_CRAFT: return absl::StrCat("Materials: ", subject);
    default: return "A Task";
  }
}

std::string TemplateQuestText(const v1::Quest& quest, const std::string& giver_name) {
  std::vector<std::string> steps;
  for (const v1::QuestObjective& o : quest.objectives()) {
    std::string step = o.description();
    if (!steps.empty() && !step.empty()) step[0] = absl::ascii_tolower(static_cast<unsigned char>(step[0]));
    steps.push_back(std::move(step));
  }
  const std::string difficulty = DifficultyName(quest.difficulty());
  const bool vowel = !difficulty.empty() && std::string("aeiou").find(difficulty[0]) != std::string::npos;
  return absl::StrCat(giver_name.empty() ? "The quest giver" : giver_name, " says: ", Opening(quest.type()), " ",
                      absl::StrJoin(steps, ", then "), ". ", vowel ? "An " : "A ", difficulty,
                      " task, and the reward is fair: ", quest.reward().zeny(), " zeny and ", quest.reward().base_exp(),
                      " experience.");
}

v1::Quest MakeQuest(const agentkit::AgentContext& ctx, const std::string& quest_key, const QuestGiver& giver,
                    const QuestFor& who, const GameCatalogue& catalogue) {
  v1::Quest quest;
  quest.set_quest_key(quest_key);
  quest.set_server_id(ctx.server_id);
  quest.set_char_id(who.char_id);
  *quest.mutable_giver() = giver.ref;
  quest.set_type(ChooseQuestType(giver.npc_class, giver.personality, *ctx.random));
  quest.set_difficulty(ChooseDifficulty(who.level, *ctx.random));
  ObjectiveRequest request;
  request.type = quest.type();
  request.difficulty = quest.difficulty();
  request.level = who.level;
  request.giver = giver.ref;
  request.giver_name = giver.name;
  request.giver_map = giver.map;
  for (v1::QuestObjective& o : PickObjectives(request, catalogue, *ctx.random)) {
    *quest.add_objectives() = std::move(o);
    quest.add_objective_progress(0);
  }
  *quest.mutable_reward() = RewardFor(quest.difficulty(), who.level, catalogue);
  quest.set_status(v1::QUEST_STATUS_OFFERED);
  *quest.mutable_created_at() = ToProto(ctx.now);

  TitledTextRequest text;
  text.type = "quest_text";
  text.prompt = absl::StrCat("Write a quest offered by ", giver.name, " (a ", NpcClassName(giver.npc_class), ") to ",
                             who.char_name.empty() ? "an adventurer" : who.char_name, ", base level ", who.level,
                             ". Type: ", QuestTypeName(quest.type()), ", difficulty: ", DifficultyName(quest.difficulty()),
                             ". Objectives: ");
  for (const v1::QuestObjective& o : quest.objectives()) absl::StrAppend(&text.prompt, o.description(), "; ");
  text.template_title = TemplateQuestTitle(quest, catalogue);
  text.template_text = TemplateQuestText(quest, giver.name);
  text.title_max_bytes = 60;
  text.text_max_bytes = 2000;
  const TitledText written = DecideTitledText(ctx, text);
  quest.set_title(written.title);
  quest.set_description(written.text);
  quest.set_tier(written.tier);
  return quest;
}

v1::GeneratedQuest ToGenerated(const v1::Quest& quest) {
  v1::GeneratedQuest g;
  g.set_quest_key(quest.quest_key());
  g.set_title(quest.title());
  g.set_description(quest.description());
  for (const v1::QuestObjective& o : quest.objectives()) {
    v1::QuestObjective* copy = g.add_objectives();
    *copy = o;
    copy->set_description(CutAtWord(o.description(), 255));
  }
  *g.mutable_reward() = quest.reward();
  return g;
}

}  // namespace aiworld::core
