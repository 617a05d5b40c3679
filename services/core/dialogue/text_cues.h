#pragma once
// What a player's line is about and how it feels, from its words: the interaction type of the
// reference (talk, trade, quest) with its suggested next actions — talk -> trade, quest; trade ->
// buy, sell; quest -> accept, decline; each plus talk, end_conversation — and a valence for the
// memory of the exchange.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aiworld::core {

enum class Topic { kTalk, kTrade, kQuest };

// "talk", "trade", "quest".
const char* TopicName(Topic topic);
// Trade words (buy, sell, price, shop, zeny, ...) against quest words (quest, task, help, mission,
// ...): more quest words -> quest; else any trade word -> trade; else talk.
Topic TopicOf(std::string_view text);
std::vector<std::string> SuggestedActions(Topic topic);
// 0.3 × (kind words − rude words), clamped to -1..1.
double ValenceOf(std::string_view text);
// How much an exchange matters to the NPC: talk 3, trade 4, quest 5.
uint32_t ImportanceOf(Topic topic);

}  // namespace aiworld::core
