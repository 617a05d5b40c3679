#include "services/core/dialogue/reply_templates.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/core/memory/keywords.h"

namespace aiworld::core {
namespace {
constexpr size_t kMaxReplyBytes = 255;

using Variants = std::vector<const char*>;

std::string Pick(const Variants& v, RandomSource& random, const std::string& name = "", const std::string& word = "") {
  const std::string chosen = v[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(v.size()) - 1))];
  std::string out = absl::StrReplaceAll(chosen, {{"{name}", name}, {"{word}", word}});
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

const Variants& FirstGreetings(v1::NpcMood mood) {
  static const Variants friendly = {"Hello there, {name}!", "Well met, {name}!", "Ah, welcome, {name}!"};
  static const Variants anxious = {"Oh! Y-you startled me, {name}.", "Ah... h-hello, {name}.", "Oh dear, who... {name}, is it?"};
  static const Variants enthusiastic = {"Hey hey, {name}! Great to meet you!", "{name}! What a day, huh?", "Oh wow, hi there, {name}!"};
  static const Variants curious = {"Oh? {name}, is it? Tell me more.", "Hmm, {name}, what brings you here?", "Interesting... hello, {name}."};
  static const Variants professional = {"Good day, {name}.", "Greetings, {name}. How may I help?", "{name}. What can I do for you?"};
  static const Variants neutral = {"Hello, {name}.", "Yes, {name}?", "Hm? Oh, {name}."};
  switch (mood) {
    case v1::NPC_MOOD_FRIENDLY: return friendly;
    case v1::NPC_MOOD_ANXIOUS: return anxious;
    case v1::NPC_MOOD_ENTHUSIASTIC: return enthusiastic;
    case v1::NPC_MOOD_CURIOUS: return curious;
    case v1::NPC_MOOD_PROFESSIONAL: return professional;
    default: return neutral;
  }
}

const Variants& TopicLines(v1::NpcMood mood, Topic topic) {
  static const Variants talk[6] = {
      {"What's on your mind?", "It's a fine day for an adventure, isn't it?", "Stay as long as you like."},
      {"I-is something wrong out there?", "Please tell me there are no monsters nearby...", "Sorry, I get nervous easily."},
      {"Tell me everything!", "So much to talk about!", "Isn't this town the best?"},
      {"What have you seen on your travels?", "I've been wondering about the old ruins lately.", "Every traveller has a story. What's yours?"},
      {"Please, state your business.", "I have a moment, go ahead.", "How can I be of service?"},
      {"What is it?", "Go on.", "I'm listening."}};
  static const Variants trade[6] = {
      {"Looking to trade? I'll give you a fair price.", "Let's see what you need, friend.", "For you, a good deal."},
      {"T-trade? Well, if you insist... what do you need?", "I hope my prices are all right...", "Please don't haggle too hard."},
      {"A customer! Let's make a deal!", "Buy, sell, I love it all!", "Great wares today, take a look!"},
      {"Oh, what have you brought? I'm curious what it's worth.", "Trading, hm? Show me something unusual.", "I wonder what that would fetch."},
      {"Buying or selling? I'll quote you a price.", "My prices are fair and fixed.", "Let us do business properly."},
      {"If you want to trade, let's see what you have.", "Prices are what they are.", "Buying or selling?"}};
  static const Variants quest[6] = {
      {"You'd help? That's very kind of you.", "There is something you could do for me, if you don't mind.", "I'd be grateful for a hand."},
      {"H-help? There is something that worries me...", "Would you really? Something's been troubling me.", "Please, be careful if you go."},
      {"An adventure? Count me in... well, you go first!", "Yes! I have just the job for you!", "Oh, this will be exciting!"},
      {"A task? There's a mystery I can't stop thinking about.", "I'd love to know what's out there. Could you find out?", "Curious things happen nearby lately."},
      {"There is work, if you are capable.", "I have a request. Payment on completion.", "Listen carefully, the task is simple."},
      {"There might be something for you.", "Work? Maybe.", "Perhaps I need a hand."}};
  const int m = mood == v1::NPC_MOOD_FRIENDLY       ? 0
                : mood == v1::NPC_MOOD_ANXIOUS      ? 1
                : mood == v1::NPC_MOOD_ENTHUSIASTIC ? 2
                : mood == v1::NPC_MOOD_CURIOUS      ? 3
                : mood == v1::NPC_MOOD_PROFESSIONAL ? 4
                                                    : 5;
  switch (topic) {
    case Topic::kTrade: return trade[m];
    case Topic::kQuest: return quest[m];
    default: return talk[m];
  }
}
}  // namespace

std::string GreetingPart(const ReplyContext& c, RandomSource& random) {
  const double affinity = c.relationship.has_value() ? c.relationship->affinity() : 0;
  if (c.relationship.has_value() && affinity > 0.3) {
    return Pick({"Good to see you again, {name}!", "Welcome back, {name}!", "{name}, my friend!"}, random, c.char_name);
  }
  if (c.relationship.has_value() && affinity < -0.3) {
    return Pick({"You again, {name}.", "Oh. It's you, {name}.", "{name}. What now?"}, random, c.char_name);
  }
  if (c.relationship.has_value()) {
    return Pick({"Ah, {name}, back again.", "Hello again, {name}.", "{name}! Nice to see you again."}, random, c.char_name);
  }
  return Pick(FirstGreetings(c.mood), random, c.char_name);
}

std::string RecallPart(const ReplyContext& c, RandomSource& random) {
  if (!c.relationship.has_value() || c.recalled.empty()) return "";
  const v1::Memory& top = c.recalled.front().memory;
  if (const std::string word = FirstSharedKeyword(c.text_keywords, Keywords(top.content())); !word.empty()) {
    return Pick({"You mentioned {word} before, I remember.", "{word} again? I haven't forgotten.", "Ah, {word}, like last time."},
                random, c.char_name, word);
  }
  if (top.kind() == v1::MEMORY_KIND_EVENT && top.emotional_valence() > 0) {
    return Pick({"Thanks again for your business.", "Good doing business with you last time.", "I remember you from the shop."}, random);
  }
  if (top.emotional_valence() < -0.3) {
    return Pick({"I haven't forgotten what you said last time.", "Mind your words this time.", "Let's keep it civil."}, random);
  }
  if (top.emotional_valence() > 0.3) return Pick({"Our last chat was a pleasure.", "I enjoyed our last talk."}, random);
  return "";
}

std::string StandingPart(const ReplyContext& c, RandomSource& random) {
  const Standing& s = c.standing;
  if (!s.known) return "";
  if (!s.title.empty() && s.title.size() <= 64) {
    return absl::StrCat(Pick({"They call you ", "I hear you are the "}, random), s.title, ".");
  }
  if (s.karma == v1::KARMA_ALIGNMENT_EVIL || s.karma == v1::KARMA_ALIGNMENT_VERY_EVIL) {
    return Pick({"They say you keep dark company.", "Your reputation precedes you... and not kindly."}, random);
  }
  if (s.influence_tier >= 3) return Pick({"Your name is known far and wide.", "Everyone talks about your deeds."}, random);
  if (s.karma == v1::KARMA_ALIGNMENT_GOOD || s.karma == v1::KARMA_ALIGNMENT_VERY_GOOD) {
    return Pick({"People speak well of you.", "I hear you have a kind heart."}, random);
  }
  if (s.influence_tier >= 1) return Pick({"I've heard your name before.", "You're making a name for yourself."}, random);
  return "";
}

std::string TopicPart(const ReplyContext& c, RandomSource& random) { return Pick(TopicLines(c.mood, c.topic), random); }

std::string TemplateReply(const ReplyContext& c, RandomSource& random) {
  // Every part is drawn, in a fixed order, so the random stream does not depend on what is dropped.
  const std::string greeting = GreetingPart(c, random);
  const std::string recall = RecallPart(c, random);
  const std::string standing = StandingPart(c, random);
  const std::string topic = TopicPart(c, random);
  auto join = [](std::initializer_list<const std::string*> parts) {
    std::string out;
    for (const std::string* p : parts) {
      if (p->empty()) continue;
      if (!out.empty()) out += ' ';
      out += *p;
    }
    return out;
  };
  std::string reply = join({&greeting, &recall, &standing, &topic});
  if (reply.size() > kMaxReplyBytes) reply = join({&greeting, &recall, &topic});
  if (reply.size() > kMaxReplyBytes) reply = join({&greeting, &topic});
  return CutUtf8(reply, kMaxReplyBytes);
}

}  // namespace aiworld::core
