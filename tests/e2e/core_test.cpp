// The core group as a real process behind a real gateway: what a player types to an NPC comes back
// to the bridge as an NpcSay, and a story arc lives through 30 game days of job slots (run through
// Admin.RunJobNow as the scheduler runs them), its chapters advancing and the choices players
// record changing the chapter that follows. No LLM is configured: every decision is a template.
#include <catch2/catch.hpp>

#include "absl/time/civil_time.h"
#include "aiworld/v1/core.grpc.pb.h"
#include "runtime/proto_time.h"
#include "tests/support/gateway_client.h"
#include "tests/support/grpc_probe.h"
#include "tests/support/postgres.h"
#include "tests/support/server_process.h"

using namespace aiworld;
using namespace aiworld::testing;

namespace {

const std::string kAdminToken = "core-e2e-token";

struct CoreMesh {
  TestDatabase db;
  ServerProcess core;
  ServerProcess gateway;
  std::unique_ptr<v1::Core::Stub> core_stub;

  CoreMesh() {
    MigrateDatabase(db.url());
    core = StartServer("aiworld-core", db.url(), {"--progression-addr=127.0.0.1:1"});
    gateway = StartServer("aiworld-gateway", db.url(),
                          {"--admin-token=" + kAdminToken, "--core-addr=" + core.grpc_addr(),
                           "--procedural-addr=127.0.0.1:1", "--progression-addr=127.0.0.1:1", "--economy-addr=127.0.0.1:1"});
    core_stub = v1::Core::NewStub(grpc::CreateChannel(core.grpc_addr(), grpc::InsecureChannelCredentials()));
  }

  v1::RunJobNowResponse RunJob(const std::string& job, const std::string& server_id, absl::Time slot) {
    AdminClient admin(gateway.grpc_addr(), kAdminToken);
    grpc::ClientContext ctx;
    admin.Authorize(ctx);
    v1::RunJobNowRequest request;
    request.set_job(job);
    request.set_server_id(server_id);
    *request.mutable_slot() = ToProto(slot);
    v1::RunJobNowResponse response;
    const grpc::Status s = admin.stub().RunJobNow(&ctx, request, &response);
    INFO("RunJobNow " << job << " at " << absl::FormatTime(slot) << ": " << s.error_message());
    REQUIRE(s.ok());
    INFO("run summary: " << response.run().summary() << " error: " << response.run().error());
    REQUIRE(response.run().status() == v1::JOB_RUN_STATUS_DONE);
    return response;
  }

  v1::StoryArc Arc(const std::string& server_id, const std::string& arc_id) {
    grpc::ClientContext ctx;
    v1::GetStoryArcRequest request;
    request.set_server_id(server_id);
    request.set_arc_id(arc_id);
    v1::GetStoryArcResponse response;
    const grpc::Status s = core_stub->GetStoryArc(&ctx, request, &response);
    INFO("GetStoryArc: " << s.error_message());
    REQUIRE(s.ok());
    return response.arc();
  }

  void Choose(const std::string& server_id, const v1::StoryArc& arc, uint32_t char_id, double impact) {
    grpc::ClientContext ctx;
    v1::RecordChoiceRequest request;
    request.set_server_id(server_id);
    request.set_arc_id(arc.arc_id());
    request.set_char_id(char_id);
    request.set_chapter(arc.current_chapter());
    request.set_choice_id(absl::StrCat("c", char_id, "_", arc.current_chapter()));
    request.set_choice_type(impact > 0 ? "spare_the_herald" : "burn_the_village");
    request.set_impact_score(impact);
    v1::RecordChoiceResponse response;
    const grpc::Status s = core_stub->RecordChoice(&ctx, request, &response);
    INFO("RecordChoice: " << s.error_message());
    REQUIRE(s.ok());
    CHECK(response.recorded());
  }
};

// The first Sunday 00:00 UTC at least a week from now: the arc's slots lie ahead of the wall clock.
absl::Time NextSunday() {
  absl::CivilDay day = absl::ToCivilDay(absl::Now() + absl::Hours(24 * 7), absl::UTCTimeZone());
  while (absl::GetWeekday(day) != absl::Weekday::sunday) ++day;
  return absl::FromCivil(day, absl::UTCTimeZone());
}

}  // namespace

TEST_CASE("a player's typed text to an NPC comes back to the bridge as an NpcSay from the dialogue agent", "[e2e]") {
  CoreMesh mesh;
  const std::string key = *AdminClient(mesh.gateway.grpc_addr(), kAdminToken).IssueKey("srv1");
  BridgeClient bridge(mesh.gateway.grpc_addr(), key);
  v1::EventBatch batch;
  batch.set_server_id("srv1");
  batch.set_sequence(1);
  *batch.mutable_sent_at() = ToProto(absl::Now());
  *batch.add_events() = NpcTextInput(1001, 7, "Hello! Do you have any work for me?");
  auto ack = bridge.Dispatch(batch);
  REQUIRE(ack.ok());
  REQUIRE(ack->durable());

  std::optional<v1::Action> said;
  for (int i = 0; i < 20 && !said; ++i) {
    auto pulled = bridge.Pull(10, absl::Seconds(1));
    REQUIRE(pulled.ok());
    for (const v1::Action& a : pulled->actions()) {
      if (a.has_npc_say()) said = a;
    }
  }
  INFO("expected an NpcSay action for char 150007 within 20 s");
  REQUIRE(said.has_value());
  CHECK(said->npc_say().char_id() == 150007);
  CHECK(said->npc_say().npc().exname() == "kafra_prt#1");
  CHECK_FALSE(said->npc_say().text().empty());
  CHECK(said->origin().agent() == "dialogue");
  CHECK(said->origin().tier() == v1::TIER_TEMPLATE);

  // The exchange is remembered: the NPC's memory of the character holds it.
  grpc::ClientContext ctx;
  v1::GetMemoriesRequest request;
  request.set_server_id("srv1");
  request.mutable_npc()->set_exname("kafra_prt#1");
  request.set_char_id(150007);
  v1::GetMemoriesResponse memories;
  REQUIRE(mesh.core_stub->GetMemories(&ctx, request, &memories).ok());
  CHECK(memories.memories_size() >= 1);
}

TEST_CASE("30 game days of story jobs give an arc whose chapters advance and whose choices change the next chapter", "[e2e]") {
  CoreMesh mesh;
  const absl::Time sunday = NextSunday();
  // Two servers with the same world and the same slots: only the players' choices differ.
  const std::vector<std::string> servers = {"mercy", "wrath"};
  std::map<std::string, std::string> arc_of;
  std::map<std::string, v1::StoryChapter> second_chapter;
  for (int day = 0; day < 30; ++day) {
    const absl::Time midnight = sunday + absl::Hours(24 * day);
    const bool is_sunday = day % 7 == 0;
    for (const std::string& server : servers) {
      mesh.RunJob("storyline.expire", server, midnight);
      if (is_sunday) {
        v1::RunJobNowResponse generated = mesh.RunJob("storyline.generate", server, midnight);
        if (day == 0) {
          INFO("the first generation deploys the arc's first chapter through the queue");
          CHECK(generated.action_ids_size() > 0);
        }
        mesh.RunJob("storyline.hero_of_the_week", server, midnight + absl::Hours(20));
      }
      if (day == 0) {
        const v1::StoryArc arc = mesh.Arc(server, "");
        REQUIRE(arc.current_chapter() == 1);
        arc_of[server] = arc.arc_id();
        for (uint32_t c = 0; c < 3; ++c) mesh.Choose(server, arc, 150100 + c, server == "mercy" ? 0.9 : -0.9);
      }
      mesh.RunJob("storyline.chapter_check", server, midnight + absl::Hours(23));
      const v1::StoryArc arc = mesh.Arc(server, arc_of[server]);
      if (arc.chapters_size() >= 2 && !second_chapter.contains(server) && arc.chapters(1).has_started_at()) {
        second_chapter[server] = arc.chapters(1);
      }
    }
  }

  for (const std::string& server : servers) {
    const v1::StoryArc arc = mesh.Arc(server, arc_of[server]);
    INFO(server << ": arc " << arc.name() << " with " << arc.total_chapters() << " chapters, now at " << arc.current_chapter());
    CHECK(arc.total_chapters() >= 3);
    int finished = 0;
    for (const v1::StoryChapter& c : arc.chapters()) finished += c.has_completed_at() ? 1 : 0;
    CHECK(finished >= 3);
    CHECK(arc.arc_id() == arc_of[server]);
  }
  REQUIRE(second_chapter.size() == 2);
  const v1::StoryChapter& mercy = second_chapter["mercy"];
  const v1::StoryChapter& wrath = second_chapter["wrath"];
  INFO("mercy chapter 2: " << mercy.title() << " / " << mercy.summary());
  INFO("wrath chapter 2: " << wrath.title() << " / " << wrath.summary());
  CHECK(mercy.SerializeAsString() != wrath.SerializeAsString());
  CHECK(mercy.summary() != wrath.summary());
}
