#include <google/protobuf/descriptor.h>

#include <catch2/catch.hpp>
#include <set>

#include "aiworld/v1/actions.pb.h"
#include "aiworld/v1/admin.grpc.pb.h"
#include "aiworld/v1/agent_group.grpc.pb.h"
#include "aiworld/v1/bridge.grpc.pb.h"
#include "aiworld/v1/core.grpc.pb.h"
#include "aiworld/v1/economy.grpc.pb.h"
#include "aiworld/v1/events.pb.h"
#include "aiworld/v1/procedural.grpc.pb.h"
#include "aiworld/v1/progression.grpc.pb.h"
#include "tests/support/child_process.h"

namespace {

std::set<std::string> OneofFields(const google::protobuf::Descriptor* message, const std::string& oneof) {
  const auto* o = message->FindOneofByName(oneof);
  REQUIRE(o != nullptr);
  std::set<std::string> names;
  for (int i = 0; i < o->field_count(); ++i) names.insert(o->field(i)->name());
  return names;
}

// `file_of` is any message of the service's file: referencing it links the file's descriptor in.
std::set<std::string> Methods(const google::protobuf::Descriptor* file_of, const std::string& service) {
  const auto* s = file_of->file()->FindServiceByName(service);
  REQUIRE(s != nullptr);
  std::set<std::string> names;
  for (int i = 0; i < s->method_count(); ++i) names.insert(s->method(i)->name());
  return names;
}

template <typename Want>
void RequireSubset(const Want& want, const std::set<std::string>& have) {
  for (const std::string& w : want) {
    INFO("expected " << w << " among the declared names");
    CHECK(have.contains(w));
  }
}

}  // namespace

TEST_CASE("every event kind of the design is a typed payload of GameEvent", "[unit]") {
  const auto payload = OneofFields(aiworld::v1::GameEvent::descriptor(), "payload");
  RequireSubset(std::vector<std::string>{"login", "logout", "map_change", "monster_killed", "player_died",
                                         "npc_interaction", "chat", "trade", "vending_sale", "npc_shop_trade",
                                         "level_up", "job_change", "quest_accepted", "quest_completed", "custom"},
                payload);
  for (int i = 0; i < aiworld::v1::GameEvent::descriptor()->FindOneofByName("payload")->field_count(); ++i) {
    const auto* f = aiworld::v1::GameEvent::descriptor()->FindOneofByName("payload")->field(i);
    INFO(f->name() << " must be a message, not a bare scalar");
    CHECK(f->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE);
  }
}

TEST_CASE("every action kind of the design is a typed kind of Action", "[unit]") {
  const auto kinds = OneofFields(aiworld::v1::Action::descriptor(), "kind");
  RequireSubset(std::vector<std::string>{"broadcast", "spawn_monster", "remove_monsters", "spawn_npc", "remove_npc",
                                         "move_npc", "npc_say", "give_reward", "offer_quest", "set_map_flag",
                                         "set_weather", "update_shop", "start_world_event", "set_char_variable"},
                kinds);
}

TEST_CASE("the services and their RPCs are declared", "[unit]") {
  RequireSubset(std::vector<std::string>{"Describe", "HandleEvents", "RunJob", "SetAgentEnabled"},
                Methods(aiworld::v1::DescribeRequest::descriptor(), "AgentGroup"));
  RequireSubset(std::vector<std::string>{"Connect", "DispatchEvents", "PullActions", "CompleteActions"},
                Methods(aiworld::v1::ConnectRequest::descriptor(), "Bridge"));
  CHECK(Methods(aiworld::v1::ListAgentsRequest::descriptor(), "Admin").size() >= 8);
  const std::pair<const google::protobuf::Descriptor*, const char*> queries[] = {
      {aiworld::v1::TalkRequest::descriptor(), "Core"},
      {aiworld::v1::GetCurrentProblemRequest::descriptor(), "Procedural"},
      {aiworld::v1::ListFactionsRequest::descriptor(), "Progression"},
      {aiworld::v1::GetItemPriceRequest::descriptor(), "Economy"}};
  for (const auto& [file_of, service] : queries) {
    INFO(service);
    CHECK(Methods(file_of, service).size() >= 3);
  }
  const auto* connect = aiworld::v1::ConnectRequest::descriptor()->file()->FindServiceByName("Bridge")->FindMethodByName("Connect");
  CHECK(connect->client_streaming());
  CHECK(connect->server_streaming());
}

TEST_CASE("the contracts pass buf lint", "[unit]") {
  auto r = aiworld::testing::Run(aiworld::testing::BufPath(), {"lint", AIWORLD_SOURCE_DIR "/proto"});
  INFO("buf lint printed:\n" << r.output);
  CHECK(r.exit_code == 0);
}
