#include "services/core/dialogue/text_cues.h"

#include <algorithm>
#include <set>

#include "services/core/memory/keywords.h"

namespace aiworld::core {
namespace {
int Count(const std::vector<std::string>& words, const std::set<std::string>& vocabulary) {
  int n = 0;
  for (const std::string& w : words) n += vocabulary.contains(w) ? 1 : 0;
  return n;
}

const std::set<std::string>& TradeWords() {
  static const std::set<std::string> w = {"buy",   "sell",  "selling", "buying", "trade", "price",    "prices",
                                          "shop",  "zeny",  "cost",    "cheap",  "deal",  "wares",    "goods",
                                          "items", "stock", "discount", "purchase", "pay", "expensive"};
  return w;
}
const std::set<std::string>& QuestWords() {
  static const std::set<std::string> w = {"quest", "quests",  "task",   "tasks",  "mission", "missions", "job",
                                          "help",  "adventure", "work", "request", "bounty", "reward",   "hunt"};
  return w;
}
const std::set<std::string>& KindWords() {
  static const std::set<std::string> w = {"thanks", "thank", "love",  "great", "nice",  "good", "friend",
                                          "please", "awesome", "kind", "wonderful", "happy", "cool", "hello", "beautiful"};
  return w;
}
const std::set<std::string>& RudeWords() {
  static const std::set<std::string> w = {"hate", "stupid", "idiot", "ugly",  "bad",  "kill",  "die",
                                          "liar", "cheat",  "scam",  "shut",  "useless", "worst", "angry", "dumb"};
  return w;
}
}  // namespace

const char* TopicName(Topic topic) {
  switch (topic) {
    case Topic::kTrade: return "trade";
    case Topic::kQuest: return "quest";
    default: return "talk";
  }
}

Topic TopicOf(std::string_view text) {
  const std::vector<std::string> words = Keywords(text);
  const int trade = Count(words, TradeWords());
  const int quest = Count(words, QuestWords());
  if (quest > trade) return Topic::kQuest;
  if (trade > 0) return Topic::kTrade;
  return Topic::kTalk;
}

std::vector<std::string> SuggestedActions(Topic topic) {
  switch (topic) {
    case Topic::kTrade: return {"buy", "sell", "talk", "end_conversation"};
    case Topic::kQuest: return {"accept", "decline", "talk", "end_conversation"};
    default: return {"trade", "quest", "talk", "end_conversation"};
  }
}

double ValenceOf(std::string_view text) {
  const std::vector<std::string> words = Keywords(text);
  return std::clamp(0.3 * (Count(words, KindWords()) - Count(words, RudeWords())), -1.0, 1.0);
}

uint32_t ImportanceOf(Topic topic) {
  switch (topic) {
    case Topic::kTrade: return 4;
    case Topic::kQuest: return 5;
    default: return 3;
  }
}

}  // namespace aiworld::core
