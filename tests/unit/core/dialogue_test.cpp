// The Dialogue agent and Core.Talk: the reference's emotion rule (each trait strictly above 0.7,
// in the order agreeableness, neuroticism, extraversion, openness, conscientiousness), suggested
// next actions, the per-player rate limit of the reference's chat path (5000 ms cooldown, 10 lines
// per 60 000 ms), memories and standing in the reply, the content filter, and Talk's field errors.
#include <catch2/catch.hpp>

#include <chrono>

#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/core/dialogue/dialogue_agent.h"
#include "services/core/dialogue/grpc_standing_source.h"
#include "services/core/dialogue/personality.h"
#include "services/core/dialogue/rate_limiter.h"
#include "services/core/dialogue/reply_templates.h"
#include "services/core/dialogue/talk.h"
#include "services/core/dialogue/text_cues.h"
#include "services/core/memory/memory_agent.h"
#include "services/core/memory/memory_book.h"

using namespace aiworld;
using core::Personality;

namespace {
const absl::Time kT0 = absl::FromUnixSeconds(1700000000);

Personality Flat(double v) { return Personality{v, v, v, v, v}; }

class FixedStanding final : public core::StandingSource {
 public:
  explicit FixedStanding(core::Standing s) : s_(std::move(s)) {}
  core::Standing Lookup(const std::string&, uint32_t) override {
    ++calls;
    return s_;
  }
  int calls = 0;

 private:
  core::Standing s_;
};

// A context over two memory stores, like the group server's: "dialogue" is the agent's own state,
// "memory" the sibling's.
struct Harness {
  agentkit::MemoryStateStore dialogue_state;
  agentkit::MemoryStateStore memory_state;
  SeededRandom random{7};
  agentkit::AgentContext ctx;

  explicit Harness(uint64_t batch = 1, uint64_t seed = 7) : random(seed) {
    ctx.server_id = "srv1";
    ctx.batch_sequence = batch;
    ctx.now = kT0;
    ctx.random = &random;
    ctx.state = &dialogue_state;
    ctx.agent = "dialogue";
    ctx.state_of = [this](const std::string& agent) -> agentkit::StateStore* {
      if (agent == "memory") return &memory_state;
      if (agent == "dialogue") return &dialogue_state;
      return nullptr;
    };
  }
};

v1::RoutedEvent Typed(uint32_t index, const std::string& text, absl::Time at,
                      v1::NpcInteractionKind kind = v1::NPC_INTERACTION_KIND_TEXT_INPUT, uint32_t char_id = 150001) {
  v1::RoutedEvent r;
  r.set_index(index);
  v1::GameEvent* e = r.mutable_event();
  e->set_event_id(100 + index);
  e->set_char_id(char_id);
  e->set_account_id(2000001);
  e->set_char_name("Alice");
  e->set_map("prontera");
  e->set_base_level(42);
  *e->mutable_occurred_at() = ToProto(at);
  v1::NpcInteraction* i = e->mutable_npc_interaction();
  i->set_kind(kind);
  i->set_npc_exname("Tool Dealer#prt");
  i->set_npc_name("Tool Dealer");
  i->set_npc_sprite(58);
  i->set_text(text);
  return r;
}

std::vector<v1::Action> Run(core::DialogueAgent& agent, Harness& h, const std::vector<v1::RoutedEvent>& events) {
  std::vector<const v1::RoutedEvent*> view;
  for (const auto& e : events) view.push_back(&e);
  std::vector<v1::Action> actions;
  REQUIRE(agent.HandleEvents(h.ctx, view, &actions).ok());
  return actions;
}

v1::TalkRequest TalkTo(const std::string& text) {
  v1::TalkRequest r;
  r.set_server_id("srv1");
  r.mutable_npc()->set_exname("Kafra#prt");
  r.set_char_id(150001);
  r.set_char_name("Alice");
  r.set_text(text);
  r.set_map("prontera");
  *r.mutable_now() = ToProto(kT0);
  return r;
}
}  // namespace

TEST_CASE("dialogue mood needs a trait strictly above 0.7 at 0.7 the NPC stays neutral", "[unit]") {
  CHECK(core::MoodOf(Flat(0.7)) == v1::NPC_MOOD_NEUTRAL);
  Personality p = Flat(0.5);
  p.agreeableness = 0.7;
  CHECK(core::MoodOf(p) == v1::NPC_MOOD_NEUTRAL);
  p.agreeableness = 0.70001;
  CHECK(core::MoodOf(p) == v1::NPC_MOOD_FRIENDLY);
  p = Flat(0.5);
  p.neuroticism = 0.70001;
  CHECK(core::MoodOf(p) == v1::NPC_MOOD_ANXIOUS);
  p = Flat(0.5);
  p.extraversion = 0.70001;
  CHECK(core::MoodOf(p) == v1::NPC_MOOD_ENTHUSIASTIC);
  p = Flat(0.5);
  p.openness = 0.70001;
  CHECK(core::MoodOf(p) == v1::NPC_MOOD_CURIOUS);
  p = Flat(0.5);
  p.conscientiousness = 0.70001;
  CHECK(core::MoodOf(p) == v1::NPC_MOOD_PROFESSIONAL);
  p.conscientiousness = 0.7;
  CHECK(core::MoodOf(p) == v1::NPC_MOOD_NEUTRAL);
}

TEST_CASE("dialogue mood rule checks agreeableness then neuroticism extraversion openness conscientiousness", "[unit]") {
  CHECK(core::MoodOf(Flat(0.9)) == v1::NPC_MOOD_FRIENDLY);
  Personality p = Flat(0.9);
  p.agreeableness = 0.1;
  CHECK(core::MoodOf(p) == v1::NPC_MOOD_ANXIOUS);
  p.neuroticism = 0.1;
  CHECK(core::MoodOf(p) == v1::NPC_MOOD_ENTHUSIASTIC);
  p.extraversion = 0.1;
  CHECK(core::MoodOf(p) == v1::NPC_MOOD_CURIOUS);
  p.openness = 0.1;
  CHECK(core::MoodOf(p) == v1::NPC_MOOD_PROFESSIONAL);
  CHECK(core::EmotionOf(v1::NPC_MOOD_FRIENDLY) == 18u);
  CHECK(core::EmotionOf(v1::NPC_MOOD_ANXIOUS) == 4u);
  CHECK(core::EmotionOf(v1::NPC_MOOD_ENTHUSIASTIC) == 21u);
  CHECK(core::EmotionOf(v1::NPC_MOOD_CURIOUS) == 1u);
  CHECK(core::EmotionOf(v1::NPC_MOOD_PROFESSIONAL) == 33u);
  CHECK_FALSE(core::EmotionOf(v1::NPC_MOOD_NEUTRAL).has_value());
}

TEST_CASE("dialogue personality is derived stably per NPC unless one was given", "[unit]") {
  const Personality a = core::DerivePersonality("srv1", "x:Kafra#prt");
  const Personality b = core::DerivePersonality("srv1", "x:Kafra#prt");
  const Personality c = core::DerivePersonality("srv1", "x:Tool Dealer#prt");
  CHECK(a.openness == b.openness);
  CHECK(a.neuroticism == b.neuroticism);
  CHECK(a.openness != c.openness);
  for (double t : {a.openness, a.conscientiousness, a.extraversion, a.agreeableness, a.neuroticism}) {
    CHECK(t >= 0.0);
    CHECK(t < 1.0);
  }
  agentkit::MemoryStateStore state;
  core::PersonalityBook book(state, "srv1");
  v1::NpcRef npc;
  npc.set_tag("story_sage_1");
  Personality given = Flat(0.2);
  given.openness = 0.95;
  REQUIRE(book.Set(npc, given).ok());
  CHECK(book.Of(npc).openness == 0.95);
  CHECK(core::MoodOf(book.Of(npc)) == v1::NPC_MOOD_CURIOUS);
  given.neuroticism = 1.0001;
  CHECK(book.Set(npc, given).message().find("neuroticism") == 0);
}

TEST_CASE("dialogue suggested actions follow the topic as in the reference", "[unit]") {
  using core::Topic;
  CHECK(core::TopicOf("how much for a red potion? I want to buy some") == Topic::kTrade);
  CHECK(core::TopicOf("do you have a quest or a task for me") == Topic::kQuest);
  CHECK(core::TopicOf("nice weather today") == Topic::kTalk);
  CHECK(core::SuggestedActions(Topic::kTalk) == std::vector<std::string>{"trade", "quest", "talk", "end_conversation"});
  CHECK(core::SuggestedActions(Topic::kTrade) == std::vector<std::string>{"buy", "sell", "talk", "end_conversation"});
  CHECK(core::SuggestedActions(Topic::kQuest) == std::vector<std::string>{"accept", "decline", "talk", "end_conversation"});
  CHECK(core::ValenceOf("thanks, you are great") == Approx(0.6));
  CHECK(core::ValenceOf("you stupid useless liar cheat") == Approx(-1.0));
}

TEST_CASE("dialogue rate limit is a 5000 ms cooldown and 10 lines per 60000 ms", "[unit]") {
  agentkit::MemoryStateStore state;
  core::DialogueRateLimiter limiter(state, "srv1");
  REQUIRE(limiter.Admit(150001, 2000001, kT0).allowed);
  const core::RateVerdict early = limiter.Admit(150001, 2000001, kT0 + absl::Milliseconds(4999));
  CHECK_FALSE(early.allowed);
  CHECK(early.retry_after == absl::Milliseconds(1));
  CHECK(limiter.Admit(150002, 2000001, kT0 + absl::Milliseconds(4999)).allowed);  // per player
  CHECK(limiter.Admit(150001, 2000001, kT0 + absl::Milliseconds(5000)).allowed);

  agentkit::MemoryStateStore s2;
  core::DialogueRateLimiter window(s2, "srv1");
  for (int i = 0; i < 10; ++i) {
    INFO("line " << i + 1 << " of 10 at " << i * 5 << " s passes");
    CHECK(window.Admit(150001, 0, kT0 + absl::Seconds(5 * i)).allowed);
  }
  const core::RateVerdict eleventh = window.Admit(150001, 0, kT0 + absl::Seconds(50));
  CHECK_FALSE(eleventh.allowed);
  CHECK(eleventh.retry_after == absl::Seconds(10));
  CHECK_FALSE(window.Admit(150001, 0, kT0 + absl::Milliseconds(59999)).allowed);
  INFO("the first line is exactly 60000 ms old and no longer counts");
  CHECK(window.Admit(150001, 0, kT0 + absl::Milliseconds(60000)).allowed);
}

TEST_CASE("dialogue agent answers typed text with an NpcSay to that character", "[unit]") {
  core::DialogueAgent agent;
  Harness h;
  const auto actions = Run(agent, h,
                           {Typed(0, "hello, any news?", kT0), Typed(1, "I want to buy potions", kT0 + absl::Seconds(6)),
                            Typed(2, "whisper hello", kT0 + absl::Seconds(12), v1::NPC_INTERACTION_KIND_WHISPER),
                            Typed(3, "", kT0 + absl::Seconds(30), v1::NPC_INTERACTION_KIND_CLICK)});
  REQUIRE(actions.size() == 3);
  const v1::Action& a = actions[0];
  CHECK(a.idempotency_key() == "dialogue/1/0");
  CHECK(a.priority() == v1::PRIORITY_HIGH);
  CHECK(a.origin().tier() == v1::TIER_TEMPLATE);
  CHECK(a.cause().events(0).event_index() == 0);
  CHECK(a.cause().events(0).event_id() == 100);
  REQUIRE(a.has_npc_say());
  CHECK(a.npc_say().npc().exname() == "Tool Dealer#prt");
  CHECK(a.npc_say().char_id() == 150001);
  CHECK(a.npc_say().mode() == v1::NPC_SAY_MODE_DIALOG);
  CHECK_FALSE(a.npc_say().text().empty());
  CHECK(a.npc_say().text().size() <= 255);
  CHECK(a.npc_say().text().find("Alice") != std::string::npos);
  const auto mood = core::MoodOf(core::DerivePersonality("srv1", "x:Tool Dealer#prt"));
  CHECK(a.npc_say().has_emotion() == core::EmotionOf(mood).has_value());
  CHECK(actions[2].npc_say().mode() == v1::NPC_SAY_MODE_OVERHEAD);

  INFO("the exchanges are remembered by the Memory agent's state");
  v1::NpcRef npc;
  npc.set_exname("Tool Dealer#prt");
  const auto memories = core::MemoryBook(h.memory_state, "srv1").Memories(npc, 150001);
  REQUIRE(memories.size() == 3);
  CHECK(memories[0].content().find("Alice said \"hello, any news?\"; I replied \"") == 0);
  CHECK(memories[1].importance() == 4);  // trade
  CHECK(core::MemoryBook(h.memory_state, "srv1").RelationshipWith(npc, 150001)->interactions() == 3);
}

TEST_CASE("dialogue agent gives no reply over the rate limit", "[unit]") {
  core::DialogueAgent agent;
  Harness h;
  const auto actions = Run(agent, h, {Typed(0, "hello", kT0), Typed(1, "hello??", kT0 + absl::Milliseconds(4999)),
                                      Typed(2, "hello!!", kT0 + absl::Milliseconds(5000))});
  REQUIRE(actions.size() == 2);
  CHECK(actions[0].idempotency_key() == "dialogue/1/0");
  CHECK(actions[1].idempotency_key() == "dialogue/1/2");
}

TEST_CASE("dialogue agent decides the same from the same seed", "[unit]") {
  core::DialogueAgent agent;
  Harness a(5, 99), b(5, 99);
  const std::vector<v1::RoutedEvent> events = {Typed(0, "got any work for me?", kT0)};
  const auto first = Run(agent, a, events);
  const auto second = Run(agent, b, events);
  REQUIRE(first.size() == 1);
  REQUIRE(second.size() == 1);
  CHECK(first[0].SerializeAsString() == second[0].SerializeAsString());
}

TEST_CASE("dialogue reply recalls memories and the character standing", "[unit]") {
  core::Standing titled;
  titled.known = true;
  titled.influence_tier = 3;
  titled.influence_tier_name = "Renowned";
  titled.title = "Hero of Prontera";
  auto standing = std::make_shared<FixedStanding>(titled);
  core::DialogueAgent agent(standing);
  Harness h;
  const auto first = Run(agent, h, {Typed(0, "tell me about the refine prices", kT0), Typed(1, "and about refine again", kT0 + absl::Seconds(10))});
  REQUIRE(first.size() == 2);
  CHECK(standing->calls == 1);  // once per character and batch
  CHECK(first[0].npc_say().text().find("Hero of Prontera") != std::string::npos);
  INFO(first[1].npc_say().text());
  CHECK(first[1].npc_say().text().find("efine") != std::string::npos);  // recalls the shared word

  core::ReplyContext rc;
  rc.char_name = "Alice";
  SeededRandom r(1);
  CHECK(core::StandingPart(rc, r).empty());  // unknown standing: no remark
  CHECK(core::RecallPart(rc, r).empty());    // never met: nothing to recall
  v1::Relationship disliked;
  disliked.set_affinity(-0.5);
  rc.relationship = disliked;
  const std::string greeting = core::GreetingPart(rc, r);
  CHECK((greeting == "You again, Alice." || greeting == "Oh. It's you, Alice." || greeting == "Alice. What now?"));
}

TEST_CASE("dialogue standing is unknown for the all-zero answer and when progression is unreachable", "[unit]") {
  CHECK_FALSE(core::StandingFrom(v1::PlayerStanding()).known);
  CHECK(core::DescribeStanding(core::Standing()) == "unknown");
  v1::PlayerStanding p;
  p.mutable_karma()->set_karma(-5000);
  p.mutable_karma()->set_alignment(v1::KARMA_ALIGNMENT_EVIL);
  CHECK(core::StandingFrom(p).known);
  CHECK(core::DescribeStanding(core::StandingFrom(p)).find("karma evil") != std::string::npos);

  core::GrpcStandingSource source(grpc::CreateChannel("127.0.0.1:1", grpc::InsecureChannelCredentials()), absl::Milliseconds(50));
  const auto start = std::chrono::steady_clock::now();
  CHECK_FALSE(source.Lookup("srv1", 150001).known);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("dialogue replies pass the content filter and a rejected reply becomes a fixed line", "[unit]") {
  agentkit::ContentFilter::Options options;
  options.deny_list = {"grimgor"};
  const auto filter = agentkit::ContentFilter::Create(options);
  REQUIRE(filter.ok());
  Harness h;
  h.ctx.filter = &*filter;
  core::NullStandingSource none;
  v1::TalkRequest req = TalkTo("hello there");
  req.set_char_name("Grimgor");
  const auto reply = core::Talk(h.ctx, none, req);
  REQUIRE(reply.ok());
  CHECK(reply->filtered());
  CHECK(reply->reply() == "Hmm... let me think about that.");
}

TEST_CASE("Talk shares the reply and names the bad field", "[unit]") {
  Harness h;
  core::NullStandingSource none;
  const auto ok = core::Talk(h.ctx, none, TalkTo("any quests for me?"));
  REQUIRE(ok.ok());
  CHECK_FALSE(ok->reply().empty());
  CHECK(ok->tier() == v1::TIER_TEMPLATE);
  CHECK(std::vector<std::string>(ok->suggested_actions().begin(), ok->suggested_actions().end()) ==
        std::vector<std::string>{"accept", "decline", "talk", "end_conversation"});
  CHECK(ok->mood() == core::MoodOf(core::DerivePersonality("srv1", "x:Kafra#prt")));

  const auto again = core::Talk(h.ctx, none, TalkTo("hello?"));
  CHECK(again.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK(again.status().message().find("char_id") == 0);

  struct Bad {
    const char* field;
    std::function<void(v1::TalkRequest&)> edit;
  };
  const std::vector<Bad> bad = {
      {"server_id", [](v1::TalkRequest& r) { r.clear_server_id(); }},
      {"npc", [](v1::TalkRequest& r) { r.clear_npc(); }},
      {"npc.tag", [](v1::TalkRequest& r) { r.mutable_npc()->set_tag("Bad Tag"); }},
      {"npc.exname", [](v1::TalkRequest& r) { r.mutable_npc()->set_exname(std::string(51, 'x')); }},
      {"npc_name", [](v1::TalkRequest& r) { r.set_npc_name(std::string(51, 'x')); }},
      {"char_id", [](v1::TalkRequest& r) { r.set_char_id(149999); }},
      {"char_name", [](v1::TalkRequest& r) { r.clear_char_name(); }},
      {"char_name", [](v1::TalkRequest& r) { r.set_char_name(std::string(24, 'x')); }},
      {"text", [](v1::TalkRequest& r) { r.clear_text(); }},
      {"text", [](v1::TalkRequest& r) { r.set_text(std::string(256, 'x')); }},
      {"map", [](v1::TalkRequest& r) { r.set_map("a_map_name_12"); }},
      {"base_level", [](v1::TalkRequest& r) { r.set_base_level(1000); }},
      {"job_id", [](v1::TalkRequest& r) { r.set_job_id(65536); }},
  };
  for (const Bad& b : bad) {
    v1::TalkRequest r = TalkTo("hi");
    b.edit(r);
    const auto s = core::ValidateTalkRequest(r);
    INFO("expected INVALID_ARGUMENT naming " << b.field << ", got " << s.ToString());
    CHECK(s.code() == absl::StatusCode::kInvalidArgument);
    CHECK(s.message().find(b.field) == 0);
  }
  v1::TalkRequest edge = TalkTo(std::string(255, 'x'));
  edge.set_char_name(std::string(23, 'x'));
  edge.set_char_id(150000);
  CHECK(core::ValidateTalkRequest(edge).ok());
}

TEST_CASE("dialogue ErasePlayer removes the rate-limit entries of the account", "[unit]") {
  core::DialogueAgent agent;
  Harness h;
  Run(agent, h, {Typed(0, "hello", kT0), Typed(1, "hello", kT0, v1::NPC_INTERACTION_KIND_TEXT_INPUT, 150002)});
  CHECK(h.dialogue_state.size() > 0);
  // 2 rate entries, 2 key lists, 2 owner entries, 1 account list
  CHECK(agent.ErasePlayer(h.dialogue_state, 2000001, {}) == 7);
  CHECK(h.dialogue_state.size() == 0);
}
