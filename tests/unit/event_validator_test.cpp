#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "gateway/validation/event_validator.h"
#include "gateway/validation/text_checks.h"
#include "runtime/clock.h"
#include "tests/support/event_catalogue.h"

namespace {

namespace v1 = aiworld::v1;
using aiworld::gateway::EventRejection;
using aiworld::gateway::EventValidator;
using aiworld::gateway::ValidationLimits;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using namespace aiworld::testing::catalogue;

struct Fixture {
  aiworld::ManualClock clock{kNow};
  EventValidator validator{ValidationLimits{}, clock};
};


}  // namespace

TEST_CASE("a valid event of every payload kind passes", "[unit]") {
  Fixture f;
  for (const v1::EventKind kind : AllKinds()) {
    INFO("kind " << v1::EventKind_Name(kind));
    const v1::GameEvent event = ValidEvent(kind);
    REQUIRE(static_cast<int>(event.payload_case()) == static_cast<int>(kind));
    const auto rejection = f.validator.CheckEvent(event, 0, kServer);
    INFO("rejection: " << (rejection ? rejection->field + ": " + rejection->reason : std::string("none")));
    CHECK_FALSE(rejection.has_value());
  }
  CHECK(AllKinds().size() == 19);
}

TEST_CASE("valid variants pass: empty event server_id, MVP kill, whisper, menu, custom without a place", "[unit]") {
  Fixture f;
  std::vector<v1::GameEvent> events;
  events.push_back(ValidEvent(v1::EVENT_KIND_CHAT));
  events.back().set_server_id(kServer);
  events.push_back(ValidEvent(v1::EVENT_KIND_MONSTER_KILLED));
  events.back().mutable_monster_killed()->set_boss_type(v1::BOSS_TYPE_MVP);
  events.back().mutable_monster_killed()->set_mvp_char_id(150'001);
  events.push_back(ValidEvent(v1::EVENT_KIND_CHAT));
  events.back().mutable_chat()->set_channel(v1::CHAT_CHANNEL_WHISPER);
  events.back().mutable_chat()->set_target_char_id(150'002);
  events.back().mutable_chat()->set_target_name("Bob");
  events.push_back(ValidEvent(v1::EVENT_KIND_NPC_INTERACTION));
  events.back().mutable_npc_interaction()->set_kind(v1::NPC_INTERACTION_KIND_MENU_CHOICE);
  events.back().mutable_npc_interaction()->clear_text();
  events.back().mutable_npc_interaction()->set_menu_choice(255);
  events.push_back(ValidEvent(v1::EVENT_KIND_CUSTOM));
  events.back().set_char_id(0);
  events.back().set_account_id(0);
  events.back().clear_char_name();
  events.back().clear_map();
  events.push_back(ValidEvent(v1::EVENT_KIND_CHAT));  // longest chat line: 255 three-byte characters
  events.back().mutable_chat()->set_text(Repeat("\xE3\x81\x82", 255));
  events.push_back(ValidEvent(v1::EVENT_KIND_CUSTOM));
  events.back().mutable_custom()->set_json(" {\"a\":" + Repeat("[", 63) + Repeat("]", 63) + "}\n");
  events.push_back(ValidEvent(v1::EVENT_KIND_CUSTOM));
  events.back().mutable_custom()->set_json("{}");
  for (size_t i = 0; i < events.size(); ++i) {
    INFO("variant " << i);
    const auto rejection = f.validator.CheckEvent(events[i], 0, kServer);
    INFO("rejection: " << (rejection ? rejection->field + ": " + rejection->reason : std::string("none")));
    CHECK_FALSE(rejection.has_value());
  }
}

TEST_CASE("each invalid event of the catalogue names its field and what was expected", "[unit]") {
  Fixture f;
  REQUIRE(Catalogue().size() >= 25);
  for (const InvalidEvent& c : Catalogue()) {
    INFO("case: " << c.name);
    v1::GameEvent event = ValidEvent(c.kind);
    REQUIRE_FALSE(f.validator.CheckEvent(event, 7, kServer).has_value());
    c.mutate(event);
    const auto rejection = f.validator.CheckEvent(event, 7, kServer);
    REQUIRE(rejection.has_value());
    INFO("got " << rejection->field << ": " << rejection->reason);
    CHECK(rejection->index == 7);
    CHECK(rejection->field == c.field);
    CHECK_FALSE(rejection->reason.empty());
    CHECK(rejection->reason.size() <= 255);
    CHECK_THAT(rejection->reason, Contains(c.expected));
  }
}

TEST_CASE("occurred_at is accepted up to the configured skew and age", "[unit]") {
  aiworld::ManualClock clock(kNow);
  ValidationLimits limits;
  limits.max_future_skew = absl::Seconds(30);
  limits.max_age = absl::Hours(1);
  const EventValidator validator(limits, clock);
  v1::GameEvent event = ValidEvent(v1::EVENT_KIND_LOGIN);

  SetTime(event.mutable_occurred_at(), kNow + absl::Seconds(30));
  CHECK_FALSE(validator.CheckEvent(event, 0, kServer).has_value());
  SetTime(event.mutable_occurred_at(), kNow + absl::Seconds(30) + absl::Nanoseconds(1));
  CHECK(validator.CheckEvent(event, 0, kServer).has_value());

  SetTime(event.mutable_occurred_at(), kNow - absl::Hours(1));
  CHECK_FALSE(validator.CheckEvent(event, 0, kServer).has_value());
  SetTime(event.mutable_occurred_at(), kNow - absl::Hours(1) - absl::Nanoseconds(1));
  const auto old = validator.CheckEvent(event, 0, kServer);
  REQUIRE(old.has_value());
  CHECK(old->field == "occurred_at");

  // The clock is read at each call: the same event becomes valid when the clock moves back.
  clock.Set(kNow - absl::Minutes(30));
  CHECK_FALSE(validator.CheckEvent(event, 0, kServer).has_value());
}

TEST_CASE("reasons never echo untrusted bytes verbatim", "[unit]") {
  Fixture f;
  v1::GameEvent event = ValidEvent(v1::EVENT_KIND_CHAT);
  event.set_server_id(std::string("evil\xFF\n") + std::string(400, 'z'));
  const auto rejection = f.validator.CheckEvent(event, 0, kServer);
  REQUIRE(rejection.has_value());
  CHECK(rejection->field == "server_id");
  CHECK(rejection->reason.size() <= 255);
  for (const char ch : rejection->reason) CHECK((ch >= 0x20 && ch < 0x7F));
  CHECK_THAT(rejection->reason, Contains("\\xff\\n"));
}

TEST_CASE("a valid batch passes the batch checks with or without an authenticated server", "[unit]") {
  Fixture f;
  const v1::EventBatch batch = ValidBatch(3);
  CHECK(f.validator.CheckBatch(batch, kServer).ok());
  CHECK(f.validator.CheckBatch(batch, "").ok());
  CHECK(f.validator.CheckBatch(ValidBatch(1000), kServer).ok());
}

TEST_CASE("batch-level problems refuse the whole batch naming the field", "[unit]") {
  Fixture f;
  struct InvalidBatch {
    std::string name;
    std::function<void(v1::EventBatch&)> mutate;
    std::string authenticated;
    absl::StatusCode code;
    std::string message_start;
  };
  const std::vector<InvalidBatch> cases = {
      {"no events", [](auto& b) { b.clear_events(); }, kServer, absl::StatusCode::kInvalidArgument,
       "events: 0 events, must be 1..1000 per batch"},
      {"1001 events",
       [](auto& b) {
         while (b.events_size() < 1001) *b.add_events() = b.events(0);
       },
       kServer, absl::StatusCode::kInvalidArgument, "events: 1001 events, at most 1000 per batch"},
      {"server_id empty", [](auto& b) { b.clear_server_id(); }, "", absl::StatusCode::kInvalidArgument,
       "server_id: must be 1..32 bytes of [a-z0-9_-], got 0"},
      {"server_id too long", [](auto& b) { b.set_server_id(std::string(33, 's')); }, "",
       absl::StatusCode::kInvalidArgument, "server_id: must be 1..32 bytes of [a-z0-9_-], got 33"},
      {"server_id with a space", [](auto& b) { b.set_server_id("ro main"); }, "", absl::StatusCode::kInvalidArgument,
       "server_id: must be 1..32 bytes of [a-z0-9_-], byte 2 is 0x20"},
      {"server_id not the key's", [](auto& b) { b.set_server_id("ro-test"); }, kServer,
       absl::StatusCode::kPermissionDenied, "server_id: \"ro-test\" is not the server bound to the key (\"ro-main_1\")"},
      {"sequence zero", [](auto& b) { b.set_sequence(0); }, kServer, absl::StatusCode::kInvalidArgument,
       "sequence: must be >= 1, got 0"},
      {"sent_at invalid", [](auto& b) { b.mutable_sent_at()->set_nanos(-1); }, kServer,
       absl::StatusCode::kInvalidArgument, "sent_at: must be a valid timestamp"},
      {"over 4 MiB serialized",
       [](auto& b) {
         for (int i = 0; i < 999; ++i) {
           *b.add_events() = b.events(0);
           b.mutable_events(i)->mutable_custom()->set_json(std::string(4300, ' ') + "{}");
         }
       },
       kServer, absl::StatusCode::kInvalidArgument, "events: batch is "},
  };
  for (const InvalidBatch& c : cases) {
    INFO("case: " << c.name);
    v1::EventBatch batch = ValidBatch(1);
    c.mutate(batch);
    const absl::Status status = f.validator.CheckBatch(batch, c.authenticated);
    INFO("got " << status.ToString());
    CHECK(status.code() == c.code);
    CHECK_THAT(std::string(status.message()), StartsWith(c.message_start));
  }
}

TEST_CASE("CheckEvents reports the refused events of a mixed batch in index order", "[unit]") {
  Fixture f;
  v1::EventBatch batch = ValidBatch(8);
  // Events 0..7 are login, logout, map_change, ... with event_id 100..107.
  batch.mutable_events(1)->mutable_logout()->clear_reason();  // invalid payload
  batch.mutable_events(3)->set_map("Prontera");               // invalid envelope
  batch.mutable_events(5)->set_event_id(104);                 // not above event 4's 104
  batch.mutable_events(6)->set_event_id(1'000);               // a gap is fine
  batch.mutable_events(7)->set_event_id(999);                 // below the last accepted (1000)

  const std::vector<EventRejection> rejected = f.validator.CheckEvents(batch);
  REQUIRE(rejected.size() == 4);
  CHECK(rejected[0].index == 1);
  CHECK(rejected[0].field == "logout.reason");
  CHECK(rejected[1].index == 3);
  CHECK(rejected[1].field == "map");
  CHECK(rejected[2].index == 5);
  CHECK(rejected[2].field == "event_id");
  CHECK_THAT(rejected[2].reason, Contains("must be greater than the event_id of the last accepted event"));
  CHECK(rejected[3].index == 7);
  CHECK(rejected[3].field == "event_id");
  CHECK_THAT(rejected[3].reason, Contains("(1000), got 999"));

  CHECK(f.validator.CheckEvents(ValidBatch(19)).empty());
}

TEST_CASE("UTF-8 check accepts well-formed text and finds the first bad byte", "[unit]") {
  using aiworld::gateway::FindInvalidUtf8;
  CHECK_FALSE(FindInvalidUtf8("").has_value());
  CHECK_FALSE(FindInvalidUtf8("plain ascii").has_value());
  CHECK_FALSE(FindInvalidUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF").has_value());  // é € 😀 U+10FFFF
  CHECK(FindInvalidUtf8("ab\x80") == 2u);              // lone continuation byte
  CHECK(FindInvalidUtf8("\xC1\xBF") == 0u);            // overlong 2-byte
  CHECK(FindInvalidUtf8("\xE0\x9F\xBF") == 0u);        // overlong 3-byte
  CHECK(FindInvalidUtf8("\xF0\x8F\xBF\xBF") == 0u);    // overlong 4-byte
  CHECK(FindInvalidUtf8("x\xED\xBF\xBF") == 1u);       // surrogate U+DFFF
  CHECK(FindInvalidUtf8("\xF4\x90\x80\x80") == 0u);    // above U+10FFFF
  CHECK(FindInvalidUtf8("\xF5\x80\x80\x80") == 0u);
  CHECK(FindInvalidUtf8("ok\xE2\x82") == 2u);          // truncated at the end
  CHECK(FindInvalidUtf8(std::string_view("a\0b", 3)) == std::nullopt);  // NUL is UTF-8 (a control)
}

TEST_CASE("control characters are found in C0, DEL and C1 but not in other text", "[unit]") {
  using aiworld::gateway::FindControlCharacter;
  CHECK_FALSE(FindControlCharacter("Kafra \xC2\xA0\xC3\xA9 \xE2\x80\xA8").has_value());  // NBSP, é, U+2028
  const auto tab = FindControlCharacter("a\tb");
  REQUIRE(tab.has_value());
  CHECK(static_cast<uint32_t>(tab->code_point) == 0x09u);
  CHECK(tab->offset == 1u);
  CHECK(static_cast<uint32_t>(FindControlCharacter("\x7F")->code_point) == 0x7Fu);
  CHECK(static_cast<uint32_t>(FindControlCharacter("ab\xC2\x9F")->code_point) == 0x9Fu);
  CHECK(FindControlCharacter(std::string_view("\0", 1))->offset == 0u);
}

TEST_CASE("the JSON checker accepts strict RFC 8259 objects only", "[unit]") {
  using aiworld::gateway::CheckJsonObject;
  for (const char* ok : {"{}", " \t\r\n{ } ", R"({"a":[1,-0,0.5,1e9,2E-3,-1.25e+10,true,false,null,"",{}]})",
                         R"({"esc":"\" \\ \/ \b \f \n \r \t \u00e9 \uD83D\uDE00"})", "{\"utf8\":\"\xC3\xA9\"}",
                         R"({"a":{"a":{"a":{}}}, "a": 1})"}) {
    INFO(ok);
    CHECK_FALSE(CheckJsonObject(ok).has_value());
  }
  for (const char* bad : {"", "   ", "null", "\"s\"", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}",
                          "{\"a\":[1,]}", "{\"a\":tru}", "{\"a\":NaN}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":1.}",
                          "{\"a\":1e}", "{\"a\":-}", "{\"a\":0x10}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}",
                          "{\"a\":\"\\uDE00\"}", "{\"a\":\"\\uD800\\u0041\"}", "{\"a\":\"\\u0000\"}",
                          "{\"a\":\"unterminated}", "{\"a\":1}x", "{/*c*/}", "{\"a\":1}{}", "\xEF\xBB\xBF{}"}) {
    INFO(bad);
    CHECK(CheckJsonObject(bad).has_value());
  }
  // Deep nesting is refused, not a stack overflow.
  const std::string deep = "{\"a\":" + std::string(100'000, '[');
  const auto error = CheckJsonObject(deep);
  REQUIRE(error.has_value());
  CHECK(error->expected == "nesting at most 64 deep");
}

TEST_CASE("a generated quest is named by its mesh key with quest_id 0 and a quest with neither is refused", "[unit]") {
  Fixture f;
  v1::GameEvent accepted = ValidEvent(v1::EVENT_KIND_QUEST_ACCEPTED);
  accepted.mutable_quest_accepted()->set_quest_id(0);
  accepted.mutable_quest_accepted()->set_mesh_quest_key("q-arc-2-1");
  CHECK_FALSE(f.validator.CheckEvent(accepted, 0, kServer).has_value());
  v1::GameEvent completed = ValidEvent(v1::EVENT_KIND_QUEST_COMPLETED);
  completed.mutable_quest_completed()->set_quest_id(0);
  completed.mutable_quest_completed()->set_mesh_quest_key("q-arc-2-1");
  CHECK_FALSE(f.validator.CheckEvent(completed, 0, kServer).has_value());

  accepted.mutable_quest_accepted()->clear_mesh_quest_key();
  const auto rejection = f.validator.CheckEvent(accepted, 0, kServer);
  REQUIRE(rejection.has_value());
  CHECK(rejection->field == "quest_accepted.quest_id");
  accepted.mutable_quest_accepted()->set_quest_id(-3);
  accepted.mutable_quest_accepted()->set_mesh_quest_key("q-arc-2-1");
  REQUIRE(f.validator.CheckEvent(accepted, 0, kServer).has_value());
}
