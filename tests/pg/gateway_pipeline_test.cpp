#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "gateway/action_merger.h"
#include "gateway/action_queue.h"
#include "gateway/bridge_service.h"
#include "gateway/group_directory.h"
#include "gateway/inbox.h"
#include "gateway/server_keys.h"
#include "gateway/share_processor.h"
#include "runtime/migrator.h"
#include "runtime/service_host.h"
#include "tests/support/event_catalogue.h"
#include "tests/support/gateway_client.h"
#include "tests/support/postgres.h"
#include "tests/support/scripted_group.h"

using namespace aiworld;
using namespace aiworld::gateway;
using aiworld::testing::QueryCount;

namespace {

// The gateway's pipeline in one process over a real PostgreSQL and a real (scripted) core group
// on loopback gRPC.
struct Pipeline {
  testing::TestDatabase db;
  std::unique_ptr<PgPool> pool;
  std::unique_ptr<ServiceHost> group_host;
  prometheus::Registry registry;
  Wakeups wakeups;
  std::unique_ptr<GroupDirectory> directory;
  std::unique_ptr<Inbox> inbox;
  std::unique_ptr<ActionQueue> queue;
  std::unique_ptr<ActionMerger> merger;
  std::unique_ptr<ShareProcessor> processor;
  std::unique_ptr<ServerKeys> keys;
  std::unique_ptr<EventValidator> validator;
  std::unique_ptr<RateLimiter> limiter;
  std::unique_ptr<BridgeService> bridge;

  explicit Pipeline(QueueOptions queue_options = {}, GuardRails rails = {}, const Clock& clock = SystemClock::Instance(),
                    std::set<int> subscribed = {v1::EVENT_KIND_MONSTER_KILLED, v1::EVENT_KIND_CHAT}) {
    {
      pqxx::connection c(db.url());
      REQUIRE(Migrator(c).Apply(EmbeddedMigrations()).ok());
    }
    pool = std::make_unique<PgPool>(db.url(), PgPool::Options{});
    HostOptions host;
    host.component = "core-test";
    host.grpc_addr = "127.0.0.1:0";
    host.metrics_addr = "127.0.0.1:0";
    group_host = std::make_unique<ServiceHost>(host);
    group_host->AddService(std::make_shared<testing::ScriptedGroupService>("core", subscribed, "test"),
                           v1::AgentGroup::service_full_name());
    REQUIRE(group_host->Start().ok());
    directory = std::make_unique<GroupDirectory>(
        std::vector<GroupEndpoint>{{"core", "127.0.0.1:" + std::to_string(group_host->grpc_port())}}, absl::Seconds(3));
    directory->RefreshAll();
    inbox = std::make_unique<Inbox>(*pool, std::vector<std::string>{"core"});
    queue = std::make_unique<ActionQueue>(*pool, queue_options);
    merger = std::make_unique<ActionMerger>(rails, *queue, registry);
    processor = std::make_unique<ShareProcessor>(*pool, *inbox, *directory, *merger, wakeups, ProcessorOptions{}, registry);
    keys = std::make_unique<ServerKeys>(*pool);
    validator = std::make_unique<EventValidator>(ValidationLimits{}, clock);
    limiter = std::make_unique<RateLimiter>(1e6, 1e6, SystemClock::Instance());
    bridge = std::make_unique<BridgeService>(BridgeOptions{}, *keys, *validator, *inbox, *queue, wakeups, *limiter, registry);
  }
  int ProcessAll() {
    int n = 0;
    while (processor->ProcessOne("core") == ShareOutcome::kDone) ++n;
    return n;
  }
};

}  // namespace

TEST_CASE("a batch resent three times gives one inbox row and one set of actions", "[pg]") {
  Pipeline p;
  const v1::EventBatch batch = testing::ValidBatch("srv1", 1, 4);
  absl::StatusOr<v1::BatchAck> first = p.bridge->Ingest(batch, "srv1");
  REQUIRE(first.ok());
  CHECK(first->durable());
  CHECK_FALSE(first->duplicate());
  CHECK(first->accepted_count() == 4);
  CHECK(p.ProcessAll() == 1);
  for (int resend = 0; resend < 3; ++resend) {
    absl::StatusOr<v1::BatchAck> again = p.bridge->Ingest(batch, "srv1");
    REQUIRE(again.ok());
    CHECK(again->duplicate());
    CHECK(again->durable());
    CHECK(again->accepted_count() == 4);
    p.ProcessAll();
  }
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.inbox") == 1);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.inbox_shares") == 1);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.actions") == 4);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.action_keys") == 4);

  // A share handled again (as after a crash between the group's answer and the commit) gets the
  // same actions from the group, and the queue keeps one of each.
  {
    pqxx::connection c(p.db.url());
    pqxx::nontransaction(c).exec("UPDATE gateway.inbox_shares SET state = 'pending'");
  }
  CHECK(p.ProcessAll() == 1);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.actions") == 4);
}

TEST_CASE("rejected events are kept with their field and produce no actions", "[pg]") {
  Pipeline p;
  v1::EventBatch batch = testing::ValidBatch("srv1", 7, 3);
  batch.mutable_events(1)->set_map("this_map_name_is_too_long");
  absl::StatusOr<v1::BatchAck> ack = p.bridge->Ingest(batch, "srv1");
  REQUIRE(ack.ok());
  CHECK(ack->accepted_count() == 2);
  REQUIRE(ack->rejected_size() == 1);
  CHECK(ack->rejected(0).index() == 1);
  CHECK(ack->rejected(0).field() == "map");
  p.ProcessAll();
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.rejected_events WHERE field = 'map' AND event IS NOT NULL") == 1);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.actions") == 2);
}

TEST_CASE("no event of the invalid catalogue reaches the queue, and each is kept with its field", "[pg]") {
  namespace catalogue = testing::catalogue;
  ManualClock clock(catalogue::kNow);
  std::set<int> every_kind;
  for (v1::EventKind k : catalogue::AllKinds()) every_kind.insert(k);
  Pipeline p(QueueOptions{}, GuardRails{}, clock, every_kind);
  uint64_t sequence = 0;
  for (const catalogue::InvalidEvent& c : catalogue::Catalogue()) {
    INFO("case: " << c.name);
    v1::EventBatch batch;
    batch.set_server_id(catalogue::kServer);
    batch.set_sequence(++sequence);
    v1::GameEvent event = catalogue::ValidEvent(c.kind);
    c.mutate(event);
    *batch.add_events() = event;
    absl::StatusOr<v1::BatchAck> ack = p.bridge->Ingest(batch, catalogue::kServer);
    REQUIRE(ack.ok());
    CHECK(ack->accepted_count() == 0);
    REQUIRE(ack->rejected_size() == 1);
    CHECK(ack->rejected(0).field() == c.field);
  }
  // A valid batch beside them does produce actions, so the pipeline was really working.
  v1::EventBatch valid = catalogue::ValidBatch(3);
  valid.set_sequence(sequence + 1);
  REQUIRE(p.bridge->Ingest(valid, catalogue::kServer).ok());
  p.ProcessAll();
  const int64_t cases = static_cast<int64_t>(catalogue::Catalogue().size());
  CHECK(cases >= 20);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.rejected_events") == cases);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.actions") == 3);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.actions WHERE cause_sequence <= " + std::to_string(sequence)) == 0);
}

TEST_CASE("claimed actions are leased, redelivered after the lease, archived once on a result", "[pg]") {
  Pipeline p(QueueOptions{.max_attempts = 3});
  REQUIRE(p.bridge->Ingest(testing::ValidBatch("srv1", 1, 2), "srv1").ok());
  p.ProcessAll();

  absl::StatusOr<Claimed> first = p.queue->Claim("srv1", 10, absl::Milliseconds(300), "s1", {});
  REQUIRE(first.ok());
  REQUIRE(first->actions.size() == 2);
  CHECK(first->actions[0].attempt() == 1);
  // Leased: nobody else gets them until the lease ends.
  CHECK(p.queue->Claim("srv1", 10, absl::Seconds(30), "s2", {})->actions.empty());
  absl::SleepFor(absl::Milliseconds(400));
  absl::StatusOr<Claimed> again = p.queue->Claim("srv1", 10, absl::Seconds(30), "s2", {});
  REQUIRE(again.ok());
  REQUIRE(again->actions.size() == 2);
  CHECK(again->actions[0].attempt() == 2);

  v1::ActionResult done;
  done.set_action_id(again->actions[0].action_id());
  done.set_status(v1::ACTION_STATUS_DONE);
  done.set_affected_count(3);
  v1::ActionResult unknown;
  unknown.set_action_id("00000000-0000-8000-a000-000000000000");
  unknown.set_status(v1::ACTION_STATUS_DONE);
  absl::StatusOr<CompleteResult> completed = p.queue->Complete("srv1", {done, unknown});
  REQUIRE(completed.ok());
  CHECK(completed->accepted == 1);
  CHECK(completed->unknown_action_ids == std::vector<std::string>{unknown.action_id()});
  // The same result again (a resent report) is accepted and changes nothing.
  completed = p.queue->Complete("srv1", {done});
  REQUIRE(completed.ok());
  CHECK(completed->accepted == 1);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.actions_archive") == 1);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.actions") == 1);
  // The bridge's whole answer is kept: what it touched, and why it failed.
  absl::StatusOr<std::optional<ActionRecord>> archived = p.queue->Find(done.action_id());
  REQUIRE(archived.ok());
  REQUIRE(archived->has_value());
  CHECK((*archived)->state == "done");
  CHECK((*archived)->affected_count == 3);
  v1::ActionResult refused;
  refused.set_action_id(again->actions[1].action_id());
  refused.set_status(v1::ACTION_STATUS_FAILED);
  refused.set_code(v1::ACTION_ERROR_CODE_NOT_ALLOWED);
  refused.set_reason("template_name: \"X\" is not on the templates allow-list");
  REQUIRE(p.queue->Complete("srv1", {refused}).ok());
  archived = p.queue->Find(refused.action_id());
  REQUIRE(archived.ok());
  REQUIRE(archived->has_value());
  CHECK((*archived)->state == "failed");
  CHECK((*archived)->result_code == v1::ACTION_ERROR_CODE_NOT_ALLOWED);
  CHECK((*archived)->last_error == refused.reason());
  // Another server cannot complete this server's actions (nor finish them twice).
  v1::ActionResult foreign = done;
  foreign.set_action_id(again->actions[1].action_id());
  CHECK(p.queue->Complete("srv2", {foreign})->unknown_action_ids.size() == 1);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.actions_archive WHERE server_id = 'srv1'") == 2);
}

TEST_CASE("an action without a result after max attempts is dead, listed and replayable", "[pg]") {
  Pipeline p(QueueOptions{.max_attempts = 2});
  REQUIRE(p.bridge->Ingest(testing::ValidBatch("srv1", 1, 1), "srv1").ok());
  p.ProcessAll();
  for (int attempt = 1; attempt <= 2; ++attempt) {
    REQUIRE(p.queue->Claim("srv1", 10, absl::Milliseconds(100), "s", {})->actions.size() == 1);
    absl::SleepFor(absl::Milliseconds(150));
  }
  CHECK(p.queue->Claim("srv1", 10, absl::Seconds(30), "s", {})->actions.empty());
  REQUIRE(p.queue->Sweep().ok());
  absl::StatusOr<std::vector<ActionRecord>> dead = p.queue->ListDead("srv1", 10);
  REQUIRE(dead.ok());
  REQUIRE(dead->size() == 1);
  CHECK(dead->front().attempts == 2);
  CHECK(*p.queue->ReplayDead("srv1", {}) == 1);
  absl::StatusOr<Claimed> replayed = p.queue->Claim("srv1", 10, absl::Seconds(30), "s", {});
  REQUIRE(replayed->actions.size() == 1);
  CHECK(replayed->actions[0].attempt() == 1);
}

TEST_CASE("guard rails hold back broadcasts over the per-map rate and record why", "[pg]") {
  Pipeline p(QueueOptions{}, GuardRails{.broadcasts_per_minute_server = 100, .broadcasts_per_minute_map = 3});
  std::vector<v1::Action> actions;
  for (int i = 0; i < 5; ++i) {
    v1::Action a;
    a.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_MAP);
    a.mutable_broadcast()->set_map("prontera");
    a.mutable_broadcast()->set_text("A Poring army approaches!");
    actions.push_back(a);
  }
  MergeOutcome outcome;
  {
    pqxx::connection c(p.db.url());
    pqxx::work tx(c);
    outcome = p.merger->Merge(tx, "srv1", "procedural", "srv1/1/procedural", actions);
    tx.commit();
  }
  CHECK(outcome.queued == 3);
  CHECK(outcome.held == 2);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.held_actions WHERE rule = 'broadcasts_per_minute_map'") == 2);
  // The same share merged again: its queued actions are duplicates and nothing is held twice.
  {
    pqxx::connection c(p.db.url());
    pqxx::work tx(c);
    outcome = p.merger->Merge(tx, "srv1", "procedural", "srv1/1/procedural", actions);
    tx.commit();
  }
  CHECK(outcome.queued == 0);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.held_actions") == 2);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.actions") == 3);
}

TEST_CASE("bridge keys authenticate their server until revoked", "[pg]") {
  Pipeline p;
  absl::StatusOr<IssuedKey> key = p.keys->Issue("srv1", "test");
  REQUIRE(key.ok());
  CHECK(*p.keys->Authenticate(key->token) == "srv1");
  std::string tampered = key->token;
  tampered.back() = tampered.back() == 'a' ? 'b' : 'a';
  CHECK(p.keys->Authenticate(tampered).status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(p.keys->Authenticate("hunter2").status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(QueryCount(p.db.url(), "SELECT count(*) FROM gateway.server_keys WHERE secret_hash LIKE '%' || split_part('" +
                              key->token + "', '_', 3) || '%'") == 0);  // the secret itself is never stored
  REQUIRE(p.keys->Revoke(key->key_id).ok());
  CHECK(p.keys->Authenticate(key->token).status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(p.keys->Issue("Bad Server!", "").status().code() == absl::StatusCode::kInvalidArgument);
}
