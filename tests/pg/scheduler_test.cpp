// The gateway's scheduler over a real PostgreSQL and a real (scripted) agent group on loopback gRPC:
// two replicas tick over one simulated mesh day and every slot of every job runs exactly once; a
// replica restarted after downtime catches up at most --catch-up-slots per (job, server); a slot
// whose gateway died mid-run is run again; Admin.ListSchedule lists the schedule; the mesh clock's
// anchor is shared and re-anchored without going back.
#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <map>
#include <thread>

#include "gateway/action_merger.h"
#include "gateway/action_queue.h"
#include "gateway/admin_service.h"
#include "gateway/group_directory.h"
#include "gateway/inbox.h"
#include "gateway/job_runner.h"
#include "gateway/mesh_time.h"
#include "gateway/schedule.h"
#include "gateway/scheduler.h"
#include "gateway/server_keys.h"
#include "runtime/migrator.h"
#include "runtime/proto_time.h"
#include "runtime/service_host.h"
#include "tests/support/postgres.h"
#include "tests/support/scripted_group.h"

using namespace aiworld;
using namespace aiworld::gateway;
using aiworld::testing::QueryCount;

namespace {

constexpr uint32_t kGameDaySeconds = 60;  // one mesh day per real minute
constexpr char kAdminToken[] = "scheduler-test-token";

v1::JobSpec Job(const std::string& name, v1::JobSchedule schedule) {
  v1::JobSpec j;
  j.set_name(name);
  *j.mutable_schedule() = std::move(schedule);
  *j.mutable_timeout() = ToProto(absl::Seconds(10));
  return j;
}

std::vector<v1::JobSpec> PipelineJobs() {
  v1::JobSchedule problem;
  problem.mutable_daily()->set_hour(0);
  problem.mutable_daily()->set_minute(15);
  v1::JobSchedule despawn;
  despawn.mutable_daily()->set_hour(23);
  despawn.mutable_daily()->set_minute(59);
  v1::JobSchedule world_events;
  *world_events.mutable_interval()->mutable_every() = ToProto(absl::Minutes(10));
  v1::JobSchedule weather;
  *weather.mutable_interval()->mutable_every() = ToProto(absl::Hours(3));
  *weather.mutable_interval()->mutable_jitter() = ToProto(absl::Minutes(30));
  v1::JobSchedule arc;
  arc.mutable_weekly()->set_day(v1::WEEKDAY_SUNDAY);
  return {Job("scripted.problem", problem), Job("scripted.despawn", despawn), Job("scripted.world_events", world_events),
          Job("scripted.weather", weather), Job("scripted.arc", arc)};
}

// One gateway replica's scheduling half: its own directory, merger, runner and scheduler.
struct Replica {
  prometheus::Registry registry;
  Wakeups wakeups;
  std::unique_ptr<GroupDirectory> directory;
  std::unique_ptr<ActionQueue> queue;
  std::unique_ptr<ActionMerger> merger;
  std::unique_ptr<JobRunner> runner;
  std::unique_ptr<Scheduler> scheduler;

  Replica(PgPool& pool, int group_port, const ScaledClock& mesh, const std::string& name, int catch_up = 3) {
    directory = std::make_unique<GroupDirectory>(
        std::vector<GroupEndpoint>{{"procedural", "127.0.0.1:" + std::to_string(group_port)}}, absl::Seconds(3));
    directory->RefreshAll();
    queue = std::make_unique<ActionQueue>(pool, QueueOptions{});
    merger = std::make_unique<ActionMerger>(GuardRails{}, *queue, registry);
    JobRunnerOptions jobs;
    jobs.instance = name;
    runner = std::make_unique<JobRunner>(pool, *directory, *merger, wakeups, mesh, jobs, registry);
    SchedulerOptions options;
    options.instance = name;
    options.ticking = false;
    options.catch_up_slots = catch_up;
    scheduler = std::make_unique<Scheduler>(pool, *directory, *runner, mesh, options, registry);
    scheduler->Start();
  }
  ~Replica() { scheduler->Stop(); }

  double Counter(const std::string& name, const std::string& outcome) {
    for (const auto& family : registry.Collect()) {
      if (family.name != name) continue;
      for (const auto& m : family.metric) {
        for (const auto& label : m.label) {
          if (label.name == "outcome" && label.value == outcome) return m.counter.value;
        }
      }
    }
    return 0;
  }
};

struct Mesh {
  testing::TestDatabase db;
  std::unique_ptr<PgPool> pool;
  std::shared_ptr<testing::ScriptedGroupService> group;
  std::unique_ptr<ServiceHost> group_host;
  // Real time starts an hour ahead of the wall clock so the servers' keys (issued now, by the
  // database's clock) count as registered long before the simulated day.
  ManualClock real{absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) + 3600)};
  std::unique_ptr<ScaledClock> mesh;

  Mesh() {
    {
      pqxx::connection c(db.url());
      REQUIRE(Migrator(c).Apply(EmbeddedMigrations()).ok());
    }
    pool = std::make_unique<PgPool>(db.url(), PgPool::Options{.max_connections = 12});
    group = std::make_shared<testing::ScriptedGroupService>("procedural", std::set<int>{}, "test");
    group->DeclareJobs(PipelineJobs());
    HostOptions host;
    host.component = "procedural-test";
    host.grpc_addr = "127.0.0.1:0";
    host.metrics_addr = "127.0.0.1:0";
    group_host = std::make_unique<ServiceHost>(host);
    group_host->AddService(group, v1::AgentGroup::service_full_name());
    REQUIRE(group_host->Start().ok());
    absl::StatusOr<MeshAnchor> anchor = LoadMeshAnchor(*pool, real, kGameDaySeconds);
    REQUIRE(anchor.ok());
    mesh = std::make_unique<ScaledClock>(real, *anchor);
    ServerKeys keys(*pool);
    REQUIRE(keys.Issue("srv1", "scheduler test").ok());
    REQUIRE(keys.Issue("srv2", "scheduler test").ok());
  }
  int port() const { return group_host->grpc_port(); }
};

// Ticks every replica at once (as replicas do) and waits until their runs are over.
void TickAll(std::vector<Replica*> replicas) {
  std::vector<std::thread> threads;
  for (Replica* r : replicas) {
    threads.emplace_back([r] {
      absl::StatusOr<int> queued = r->scheduler->Tick();
      CHECK(queued.ok());
      r->scheduler->WaitIdleForTest();
    });
  }
  for (std::thread& t : threads) t.join();
}

using RunKey = std::tuple<std::string, std::string, int64_t>;  // job, server, slot (unix seconds)

std::map<RunKey, std::string> Runs(const std::string& url) {
  std::map<RunKey, std::string> runs;
  pqxx::connection c(url);
  pqxx::nontransaction tx(c);
  for (const auto& row : tx.exec("SELECT job, server_id, extract(epoch FROM slot)::bigint, status FROM gateway.job_runs")) {
    runs[{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int64_t>()}] = row[3].as<std::string>();
  }
  return runs;
}

SlotSeries SeriesOf(const std::string& job) {
  for (const v1::JobSpec& spec : PipelineJobs()) {
    if (spec.name() == job) return *SlotSeries::Of(spec.schedule());
  }
  FAIL("no job " << job);
  return *SlotSeries::Of(v1::JobSchedule());
}

}  // namespace

TEST_CASE("two scheduler replicas over one simulated mesh day run every slot of every job exactly once", "[pg]") {
  Mesh m;
  Replica a(*m.pool, m.port(), *m.mesh, "gateway-a");
  Replica b(*m.pool, m.port(), *m.mesh, "gateway-b");
  const absl::Time start = m.mesh->Now();
  // 240 steps of a quarter real second: 6 mesh minutes each, one mesh day in all.
  const absl::Time wall_start = absl::Now();
  for (int step = 0; step < 240; ++step) {
    TickAll({&a, &b});
    m.real.Advance(absl::Milliseconds(250));
  }
  TickAll({&a, &b});
  const absl::Time end = m.mesh->Now();
  REQUIRE(end - start == absl::Hours(24));
  const double wall_seconds = absl::ToDoubleSeconds(absl::Now() - wall_start);

  const std::map<RunKey, std::string> runs = Runs(m.db.url());
  const auto calls = m.group->job_calls();
  INFO("job_runs rows " << runs.size() << ", RunJob calls " << calls.size() << ", " << wall_seconds << " s real");
  // Exactly once: one RunJob call per recorded slot, no slot called twice, every row done.
  CHECK(calls.size() == runs.size());
  for (const auto& [key, count] : calls) {
    INFO(std::get<0>(key) << " " << std::get<1>(key) << " " << std::get<2>(key));
    CHECK(count == 1);
    CHECK(runs.contains(key));
  }
  for (const auto& [key, status] : runs) CHECK(status == "done");

  // Every slot of the day ran; before the day (never run, registered long ago) at most 3 per job.
  for (const v1::JobSpec& spec : PipelineJobs()) {
    const SlotSeries series = SeriesOf(spec.name());
    for (const std::string server : {"srv1", "srv2"}) {
      INFO(spec.name() << " on " << server);
      int before = 0;
      for (const auto& [key, status] : runs) {
        if (std::get<0>(key) != spec.name() || std::get<1>(key) != server) continue;
        const absl::Time slot = absl::FromUnixSeconds(std::get<2>(key));
        CHECK(slot <= end + series.jitter());  // a jittered slot may be due up to jitter early
        before += slot <= start ? 1 : 0;
      }
      CHECK(before >= 1);
      CHECK(before <= 3);
      // Jitter may leave the last weather slot not yet due.
      for (absl::Time slot : series.Between(start, end - series.jitter())) {
        CHECK(runs.contains({spec.name(), server, absl::ToUnixSeconds(slot)}));
      }
    }
  }
  CHECK(QueryCount(m.db.url(), "SELECT count(*) FROM gateway.job_runs WHERE job = 'scripted.world_events'"
                               " AND slot > to_timestamp(" + std::to_string(absl::ToUnixSeconds(start)) + ")") == 2 * 144);
  // Both replicas took part; their actions reached the queue once per slot.
  const int64_t by_a = QueryCount(m.db.url(), "SELECT count(*) FROM gateway.job_runs WHERE claimed_by = 'gateway-a'");
  const int64_t by_b = QueryCount(m.db.url(), "SELECT count(*) FROM gateway.job_runs WHERE claimed_by = 'gateway-b'");
  INFO("claimed by a " << by_a << ", by b " << by_b);
  CHECK(by_a + by_b == static_cast<int64_t>(runs.size()));
  CHECK(by_a > 0);
  CHECK(by_b > 0);
  CHECK(QueryCount(m.db.url(), "SELECT count(*) FROM gateway.actions") == static_cast<int64_t>(runs.size()));
  CHECK(a.Counter("aiworld_gateway_scheduler_slots_total", "done") + b.Counter("aiworld_gateway_scheduler_slots_total", "done") ==
        static_cast<double>(runs.size()));
  // Jobs got the mesh clock's "now", not the wall clock's.
  CHECK(m.group->last_job_now("scripted.world_events") > end - absl::Minutes(10));
  CHECK(m.group->last_job_now("scripted.world_events") <= end);
  WARN("one mesh day, two replicas, 2 servers x 5 jobs: " << runs.size() << " slots in " << wall_seconds
                                                         << " s real (" << by_a << " by a, " << by_b << " by b)");
}

TEST_CASE("a replica restarted after a week of downtime catches up at most catch-up-slots per job and server", "[pg]") {
  Mesh m;
  {
    Replica first(*m.pool, m.port(), *m.mesh, "gateway-a");
    TickAll({&first});
  }
  const std::map<RunKey, std::string> before = Runs(m.db.url());
  m.real.Advance(absl::Seconds(7 * kGameDaySeconds));  // a week of mesh time with no gateway
  const absl::Time now = m.mesh->Now();
  Replica restarted(*m.pool, m.port(), *m.mesh, "gateway-a2", 3);
  TickAll({&restarted});
  TickAll({&restarted});  // a second pass finds nothing more to do
  const std::map<RunKey, std::string> after = Runs(m.db.url());
  std::map<std::pair<std::string, std::string>, std::vector<int64_t>> caught_up;
  for (const auto& [key, status] : after) {
    if (before.contains(key)) continue;
    caught_up[{std::get<0>(key), std::get<1>(key)}].push_back(std::get<2>(key));
    CHECK(status == "done");
  }
  for (const v1::JobSpec& spec : PipelineJobs()) {
    const SlotSeries series = SeriesOf(spec.name());
    for (const std::string server : {"srv1", "srv2"}) {
      INFO(spec.name() << " on " << server);
      const std::vector<int64_t>& slots = caught_up[{spec.name(), server}];
      CHECK(slots.size() <= 3);
      if (spec.name() == "scripted.arc") {
        CHECK(slots.size() >= 1);  // one or two Sundays in a week
        continue;
      }
      REQUIRE(slots.size() == 3);
      // The latest ones, up to now (a jittered slot may be due up to jitter before its time).
      CHECK(absl::FromUnixSeconds(slots.back()) <= now + series.jitter());
      CHECK(absl::FromUnixSeconds(slots.back()) > now - absl::Hours(3) - series.jitter() - absl::Hours(24));
      if (spec.name() == "scripted.world_events") {
        CHECK(absl::FromUnixSeconds(slots.front()) == series.NthLatest(now, 3));
        CHECK(absl::FromUnixSeconds(slots.back()) == series.AtOrBefore(now));
      }
    }
  }
  for (const auto& [key, count] : m.group->job_calls()) CHECK(count == 1);
  CHECK(restarted.Counter("aiworld_gateway_scheduler_slots_total", "missed") >= 2 * (7 * 144 - 3));
}

TEST_CASE("a slot whose gateway died mid-run is run again once its lease ran out", "[pg]") {
  Mesh m;
  Replica a(*m.pool, m.port(), *m.mesh, "gateway-a");
  TickAll({&a});
  const SlotSeries world_events = SeriesOf("scripted.world_events");
  const absl::Time latest = world_events.AtOrBefore(m.mesh->Now());
  const std::string slot = std::to_string(absl::ToUnixSeconds(latest));
  {
    // As if the replica that claimed it had died before finishing: running, lease over.
    pqxx::connection c(m.db.url());
    pqxx::nontransaction(c).exec(
        "UPDATE gateway.job_runs SET status = 'running', claimed_by = 'dead-gateway', lease_until = now() - interval '1 second'"
        " WHERE job = 'scripted.world_events' AND server_id = 'srv1' AND slot = to_timestamp(" + slot + ")");
  }
  TickAll({&a});
  CHECK(QueryCount(m.db.url(), "SELECT count(*) FROM gateway.job_runs WHERE job = 'scripted.world_events' AND server_id = 'srv1'"
                               " AND slot = to_timestamp(" + slot + ") AND status = 'done' AND attempts = 2") == 1);
  CHECK(m.group->job_calls().at({"scripted.world_events", "srv1", absl::ToUnixSeconds(latest)}) == 2);
  // The group saw the slot twice; the queue kept its action once.
  CHECK(QueryCount(m.db.url(), "SELECT count(*) FROM gateway.actions WHERE server_id = 'srv1'"
                               " AND idempotency_key LIKE '%job/scripted.world_events/" + slot + "'") == 1);
}

TEST_CASE("Admin.ListSchedule lists each server's jobs with last run and next slot ordered by next slot", "[pg]") {
  Mesh m;
  Replica a(*m.pool, m.port(), *m.mesh, "gateway-a");
  TickAll({&a});
  ServerKeys keys(*m.pool);
  Inbox inbox(*m.pool, std::vector<std::string>{"procedural"});
  auto admin = std::make_shared<AdminService>(kAdminToken, *m.pool, keys, *a.queue, inbox, *a.directory, *a.runner,
                                              *a.scheduler, *m.mesh);
  HostOptions host;
  host.component = "gateway-test";
  host.grpc_addr = "127.0.0.1:0";
  host.metrics_addr = "127.0.0.1:0";
  ServiceHost admin_host(host);
  admin_host.AddService(admin, v1::Admin::service_full_name());
  REQUIRE(admin_host.Start().ok());
  auto stub = v1::Admin::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(admin_host.grpc_port()), grpc::InsecureChannelCredentials()));
  auto list = [&](const std::string& server, const std::string& agent, v1::ListScheduleResponse* out) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", std::string("Bearer ") + kAdminToken);
    v1::ListScheduleRequest request;
    request.set_server_id(server);
    request.set_agent(agent);
    return stub->ListSchedule(&ctx, request, out);
  };

  v1::ListScheduleResponse all;
  REQUIRE(list("", "", &all).ok());
  CHECK(all.jobs_size() == 2 * 5);
  const absl::Time now = m.mesh->Now();
  for (int i = 0; i < all.jobs_size(); ++i) {
    const v1::ScheduledJob& j = all.jobs(i);
    INFO(j.server_id() << " " << j.job().name());
    CHECK(j.group() == v1::AGENT_GROUP_KIND_PROCEDURAL);
    CHECK(j.agent() == "scripted_procedural");
    CHECK(j.agent_enabled());
    CHECK(j.has_last_run());
    CHECK(j.last_run().status() == v1::JOB_RUN_STATUS_DONE);
    CHECK(FromProto(j.last_run().slot().slot()) <= now);
    CHECK(FromProto(j.next_slot()) > FromProto(j.last_run().slot().slot()));
    if (i > 0) CHECK(FromProto(all.jobs(i - 1).next_slot()) <= FromProto(j.next_slot()));
  }
  // The next world-events slot is the next 10-minute mark of mesh time.
  v1::ListScheduleResponse one;
  REQUIRE(list("srv2", "", &one).ok());
  CHECK(one.jobs_size() == 5);
  for (const v1::ScheduledJob& j : one.jobs()) {
    CHECK(j.server_id() == "srv2");
    if (j.job().name() == "scripted.world_events") CHECK(FromProto(j.next_slot()) == SeriesOf("scripted.world_events").After(now));
  }
  v1::ListScheduleResponse none;
  REQUIRE(list("", "someone_else", &none).ok());
  CHECK(none.jobs_size() == 0);
  v1::ListScheduleResponse bad;
  CHECK(list(std::string(33, 's'), "", &bad).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  admin_host.Shutdown();
}

TEST_CASE("the mesh clock anchor is shared by replicas and a new scale re-anchors it without going back", "[pg]") {
  testing::TestDatabase db;
  {
    pqxx::connection c(db.url());
    REQUIRE(Migrator(c).Apply(EmbeddedMigrations()).ok());
  }
  PgPool pool(db.url(), PgPool::Options{});
  ManualClock real(absl::FromUnixSeconds(1'700'000'000));
  absl::StatusOr<MeshAnchor> first = LoadMeshAnchor(pool, real, 86400);
  REQUIRE(first.ok());
  CHECK(first->anchor_real == real.Now());
  CHECK(first->anchor_mesh == real.Now());
  real.Advance(absl::Hours(1));
  absl::StatusOr<MeshAnchor> second = LoadMeshAnchor(pool, real, 86400);
  REQUIRE(second.ok());
  CHECK(*second == *first);  // same scale: the same anchor, so replicas agree

  ScaledClock follower(real, *first);
  real.Advance(absl::Hours(1));
  const absl::Time mesh_before = follower.Now();
  absl::StatusOr<MeshAnchor> fast = LoadMeshAnchor(pool, real, 60);
  REQUIRE(fast.ok());
  CHECK(fast->game_day_seconds == 60);
  CHECK(fast->anchor_mesh == mesh_before);  // continues from the current mesh time
  CHECK(MeshTimeAt(*fast, real.Now() + absl::Seconds(1)) == mesh_before + absl::Minutes(24));
  // Another replica follows the new anchor.
  absl::StatusOr<bool> followed = RefreshMeshClock(pool, follower);
  REQUIRE(followed.ok());
  CHECK(*followed);
  CHECK(follower.game_day_seconds() == 60);
  CHECK(follower.Now() == mesh_before);
  CHECK_FALSE(*RefreshMeshClock(pool, follower));
  CHECK(LoadMeshAnchor(pool, real, 59).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(QueryCount(db.url(), "SELECT count(*) FROM gateway.mesh_clock") == 1);
}
