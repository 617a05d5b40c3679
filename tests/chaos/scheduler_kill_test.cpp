// Issue 7, chaos: two real aiworld-gateway processes run the scheduler over one simulated mesh day
// (a game day a minute) for the jobs of a scripted agent group whose RunJob takes 500 ms. While a
// slot is in flight at one gateway (claimed in gateway.job_runs and its RunJob call already at the
// group) that gateway is SIGKILLed and restarted; later the other one the same way. Afterwards every
// slot of the day has exactly one done row in gateway.job_runs and exactly one action in the queue,
// and the group got exactly one RunJob call for every slot except those a killed gateway held, which
// a live gateway called again (the next attempt) once the dead one's --job-lease ran out.
//
// What is proven exactly once: the scheduling (one done row per slot, no slot missing, none extra),
// the RunJob calls (one per slot; a second only after its caller died mid-slot) and the effects in
// the queue (one action per slot). The scripted group's result is a pure function of (job, slot), so
// the killed call and its retry have the same effect, as a real group's recorded slots make it.
//
// The mesh clock's anchor is written before the gateways start (same scale, so they load it as is):
// mesh midnight of day D falls 8 s after that, after the server's key is issued, so the whole
// calendar day D (00:00 .. 23:59) is scheduled with nothing before it skipped.
#include <signal.h>

#include <catch2/catch.hpp>
#include <map>
#include <pqxx/pqxx>
#include <regex>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/support/gateway_client.h"
#include "tests/support/postgres.h"
#include "tests/support/server_process.h"

using namespace aiworld;
using namespace aiworld::testing;

namespace {

const std::string kAdminToken = "chaos-scheduler-token";
constexpr int64_t kDaySeconds = 86400;
constexpr int kGameDaySeconds = 60;                            // real seconds per mesh day
constexpr absl::Duration kLead = absl::Seconds(8);             // real time from the anchor's write to mesh midnight
constexpr absl::Duration kJobLease = absl::Seconds(10);        // the gateway's minimum --job-lease
constexpr absl::Duration kJobDelay = absl::Milliseconds(500);  // each RunJob call at the group

// What the scripted group declares (its --jobs flag), and each job's slots within one mesh day
// as offsets from 00:00.
struct JobDef {
  std::string name;
  std::string spec;
  std::vector<int64_t> offsets;
};

std::vector<JobDef> Jobs() {
  auto every = [](int64_t seconds) {
    std::vector<int64_t> v;
    for (int64_t t = 0; t < kDaySeconds; t += seconds) v.push_back(t);
    return v;
  };
  return {
      {"chaos.quarter_hour", "15m", every(15 * 60)},
      {"chaos.hourly", "1h", every(3600)},
      {"chaos.weather", "3h/30m", every(3 * 3600)},  // jitter moves when a slot is due, not the slot
      {"chaos.problem", "daily@00:00", {0}},
      {"chaos.despawn", "daily@23:59", {23 * 3600 + 59 * 60}},
  };
}

std::string JobsFlag() {
  std::string flag = "--jobs=";
  for (const JobDef& j : Jobs()) absl::StrAppend(&flag, flag.size() > 7 ? "," : "", j.name, ":", j.spec);
  return flag;
}

using SlotKey = std::pair<std::string, int64_t>;  // job, slot (unix seconds); one server, srv1

struct Call {
  int attempt = 0;
  int call = 0;
};

// The group's "job_call" lines: every RunJob call it got, by slot, in arrival order.
std::map<SlotKey, std::vector<Call>> GroupCalls(const std::string& output) {
  static const std::regex re("job_call group=procedural job=(\\S+) server=srv1 slot=(-?[0-9]+) attempt=([0-9]+) call=([0-9]+)");
  std::map<SlotKey, std::vector<Call>> calls;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, re)) continue;
    Call c;
    c.attempt = std::stoi(m[3].str());
    c.call = std::stoi(m[4].str());
    calls[{m[1].str(), std::stoll(m[2].str())}].push_back(c);
  }
  return calls;
}

struct Row {
  std::string status;
  int attempts = 0;
  std::string claimed_by;
  bool manual = false;
  int actions_queued = 0;
  int action_ids = 0;
};

std::map<SlotKey, Row> JobRuns(const std::string& url) {
  std::map<SlotKey, Row> rows;
  pqxx::connection c(url);
  pqxx::nontransaction tx(c);
  for (const auto& r : tx.exec("SELECT job, extract(epoch FROM slot)::bigint, status, attempts, claimed_by, manual,"
                               " actions_queued, cardinality(action_ids) FROM gateway.job_runs WHERE server_id = 'srv1'")) {
    Row row;
    row.status = r[2].as<std::string>();
    row.attempts = r[3].as<int>();
    row.claimed_by = r[4].as<std::string>();
    row.manual = r[5].as<bool>();
    row.actions_queued = r[6].as<int>();
    row.action_ids = r[7].as<int>();
    rows[{r[0].as<std::string>(), r[1].as<int64_t>()}] = row;
  }
  return rows;
}

// Slots a gateway instance holds claimed ("running"), with the attempt it claimed.
std::map<SlotKey, int> RunningAt(const std::string& url, const std::string& instance) {
  std::map<SlotKey, int> slots;
  pqxx::connection c(url);
  pqxx::nontransaction tx(c);
  for (const auto& r : tx.exec_params("SELECT job, extract(epoch FROM slot)::bigint, attempts FROM gateway.job_runs"
                                      " WHERE status = 'running' AND claimed_by = $1",
                                      instance)) {
    slots[{r[0].as<std::string>(), r[1].as<int64_t>()}] = r[2].as<int>();
  }
  return slots;
}

// Whether the group got the call of this claim (the same attempt).
bool Called(const std::map<SlotKey, std::vector<Call>>& calls, const SlotKey& slot, int attempt) {
  auto it = calls.find(slot);
  if (it == calls.end()) return false;
  for (const Call& c : it->second) {
    if (c.attempt == attempt) return true;
  }
  return false;
}

struct Gateway {
  std::string id;  // --gateway-id; job_runs.claimed_by is "<id>:<pid>"
  std::unique_ptr<ServerProcess> server;
  std::string instance() const { return absl::StrCat(id, ":", server->process->pid()); }
};

std::vector<std::string> GatewayArgs(const std::string& id, const std::string& group_addr) {
  return {"--gateway-id=" + id,
          "--admin-token=" + kAdminToken,
          absl::StrCat("--game-day-seconds=", kGameDaySeconds),
          "--scheduler=true",
          "--scheduler-tick=100ms",
          "--catch-up-slots=100",
          absl::StrCat("--job-lease=", absl::ToInt64Seconds(kJobLease), "s"),
          "--procedural-addr=" + group_addr,
          "--core-addr=127.0.0.1:1",
          "--progression-addr=127.0.0.1:1",
          "--economy-addr=127.0.0.1:1",
          "--shutdown-grace=5s"};
}

void StartGateway(Gateway& g, const std::string& url, const std::string& group_addr) {
  g.server = std::make_unique<ServerProcess>(StartServer("aiworld-gateway", url, GatewayArgs(g.id, group_addr)));
}

// What one SIGKILL left behind: the slots the dead instance still held claimed, and among them those
// whose RunJob call had already reached the group (the slots it died in the middle of).
struct Kill {
  bool killed = false;
  std::string instance;
  std::set<SlotKey> claimed;
  std::set<SlotKey> in_flight;
};

// Waits (until `deadline`) for a slot that gateway `g` has claimed and whose RunJob call already
// reached the group, and SIGKILLs `g` at once.
Kill KillMidSlot(Gateway& g, const std::string& url, ChildProcess& group, absl::Time deadline) {
  Kill kill;
  kill.instance = g.instance();
  while (absl::Now() < deadline) {
    const std::map<SlotKey, int> running = RunningAt(url, kill.instance);
    if (!running.empty()) {
      const std::map<SlotKey, std::vector<Call>> calls = GroupCalls(group.Output());
      bool in_flight = false;
      for (const auto& [k, attempt] : running) in_flight |= Called(calls, k, attempt);
      if (in_flight) {
        g.server->process->Signal(SIGKILL);
        REQUIRE(g.server->process->WaitExit(absl::Seconds(10)).has_value());
        kill.killed = true;
        // Still claimed by the dead instance: it never finished them.
        const std::map<SlotKey, std::vector<Call>> after = GroupCalls(group.Output());
        for (const auto& [k, attempt] : RunningAt(url, kill.instance)) {
          kill.claimed.insert(k);
          if (Called(after, k, attempt)) kill.in_flight.insert(k);
        }
        return kill;  // in_flight is empty if the slot finished between the look and the kill
      }
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  return kill;
}

}  // namespace

TEST_CASE("two scheduling gateways each SIGKILLed mid-slot run every slot of a simulated day exactly once", "[chaos]") {
  TestDatabase db;
  MigrateDatabase(db.url());

  // The mesh clock: a game day a minute, mesh midnight of day D at real time t0 (kLead from now).
  const int64_t day = (absl::ToUnixSeconds(absl::Now()) / kDaySeconds + 1) * kDaySeconds;
  absl::Time t0;
  {
    pqxx::connection c(db.url());
    pqxx::work tx(c);
    const pqxx::row r = tx.exec1(absl::StrCat(
        "INSERT INTO gateway.mesh_clock (id, anchor_real, anchor_mesh, game_day_seconds) VALUES (true,"
        " now() + interval '", absl::ToInt64Milliseconds(kLead), " milliseconds', to_timestamp(", day, "), ",
        kGameDaySeconds, ") RETURNING round(extract(epoch FROM anchor_real) * 1000000)::bigint"));
    tx.commit();
    t0 = absl::FromUnixMicros(r[0].as<int64_t>());
  }
  const absl::Time day_start = absl::FromUnixSeconds(day);
  INFO("mesh day D = " << absl::FormatTime("%Y-%m-%d", day_start, absl::UTCTimeZone()) << ", its 00:00 at real "
                       << absl::FormatTime(t0, absl::UTCTimeZone()));

  TestGroupProcess group = StartTestGroup(
      "procedural", 0, {"--subscribe=", absl::StrCat("--delay=", absl::ToInt64Milliseconds(kJobDelay), "ms"), JobsFlag()});
  Gateway a{"gw-a", nullptr};
  Gateway b{"gw-b", nullptr};
  StartGateway(a, db.url(), group.addr());
  StartGateway(b, db.url(), group.addr());
  REQUIRE(AdminClient(a.server->grpc_addr(), kAdminToken).IssueKey("srv1").ok());
  // The gateways kept the anchor (same scale), and the server was registered before D began, so
  // every slot of D is due for it.
  REQUIRE(QueryCount(db.url(), absl::StrCat("SELECT count(*) FROM gateway.mesh_clock WHERE game_day_seconds = ",
                                            kGameDaySeconds, " AND anchor_mesh = to_timestamp(", day, ")")) == 1);
  REQUIRE(QueryCount(db.url(), "SELECT count(*) FROM gateway.server_keys WHERE server_id = 'srv1'"
                               " AND created_at < (SELECT anchor_real FROM gateway.mesh_clock)") == 1);
  const absl::Time wall_start = absl::Now();  // the key is issued

  // Kill each gateway once in the middle of a slot, a fifth and a half into the day; restart it.
  std::vector<Kill> kills;
  for (auto [g, at] : {std::pair<Gateway*, double>{&a, 0.2}, std::pair<Gateway*, double>{&b, 0.5}}) {
    absl::SleepFor(t0 + absl::Seconds(kGameDaySeconds * at) - absl::Now());
    for (int tries = 0; tries < 3; ++tries) {
      Kill kill = KillMidSlot(*g, db.url(), *group.process, absl::Now() + absl::Seconds(10));
      if (!kill.killed) continue;
      const bool mid_slot = !kill.in_flight.empty();
      kills.push_back(std::move(kill));
      absl::SleepFor(absl::Seconds(2));
      StartGateway(*g, db.url(), group.addr());
      if (mid_slot) break;
    }
  }
  std::set<SlotKey> in_flight;       // a killed gateway's RunJob call had reached the group
  std::set<SlotKey> killed_claimed;  // claimed by a gateway when it was killed (with or without its call)
  std::ostringstream killed_list;
  int mid_slot_kills = 0;
  for (const Kill& k : kills) {
    mid_slot_kills += k.in_flight.empty() ? 0 : 1;
    in_flight.insert(k.in_flight.begin(), k.in_flight.end());
    killed_claimed.insert(k.claimed.begin(), k.claimed.end());
    killed_list << " [" << k.instance << ":";
    for (const SlotKey& s : k.claimed) {
      killed_list << " " << s.first << "@" << (s.second - day) << (k.in_flight.contains(s) ? "(called)" : "(claimed)");
    }
    killed_list << "]";
  }
  INFO("kills: " << kills.size() << ", slots held by the killed gateways (seconds into D):" << killed_list.str());
  REQUIRE(mid_slot_kills == 2);  // gw-a and then gw-b died in the middle of a slot

  // Wait until every slot of D is done (those a killed gateway held, once their lease ran out).
  std::set<SlotKey> expected;
  for (const JobDef& j : Jobs()) {
    for (int64_t offset : j.offsets) expected.insert({j.name, day + offset});
  }
  auto done_in_day = [&] {
    return QueryCount(db.url(), absl::StrCat("SELECT count(*) FROM gateway.job_runs WHERE status = 'done'"
                                             " AND slot >= to_timestamp(", day, ") AND slot < to_timestamp(",
                                             day + kDaySeconds, ")"));
  };
  const absl::Time wait_until = t0 + absl::Seconds(kGameDaySeconds) + kJobLease + absl::Seconds(20);
  while (done_in_day() < static_cast<int64_t>(expected.size()) && absl::Now() < wait_until) {
    absl::SleepFor(absl::Milliseconds(200));
  }
  const double day_seconds = absl::ToDoubleSeconds(absl::Now() - t0);
  const double key_to_done = absl::ToDoubleSeconds(absl::Now() - wall_start);
  for (Gateway* g : {&a, &b}) {
    g->server->process->Signal(SIGTERM);
    INFO(g->id << " output:\n" << g->server->process->Output());
    CHECK(g->server->process->WaitExit(absl::Seconds(20)).value_or(-1) == 0);
  }

  const std::map<SlotKey, Row> runs = JobRuns(db.url());
  const std::map<SlotKey, std::vector<Call>> calls = GroupCalls(group.process->Output());
  WARN("mesh day D done " << day_seconds << " s real after its 00:00 (" << key_to_done << " s after the key), "
                          << kills.size() << " kills, " << runs.size() << " job_runs rows, slots held by the killed"
                          << " gateways (seconds into D):" << killed_list.str());

  // 1. Every slot of D ran: exactly one row, done, scheduled (not manual), one action queued.
  for (const SlotKey& k : expected) {
    INFO("expected one done job_runs row with one queued action for " << k.first << " at D+" << (k.second - day) << " s");
    auto it = runs.find(k);
    REQUIRE(it != runs.end());
    CHECK(it->second.status == "done");
    CHECK_FALSE(it->second.manual);
    CHECK(it->second.actions_queued == 1);
    CHECK(it->second.action_ids == 1);
  }
  // No row of D for a slot that is not one of D's slots (nothing misaligned or invented).
  for (const auto& [k, row] : runs) {
    if (k.second < day || k.second >= day + kDaySeconds) continue;
    INFO("row " << k.first << " at D+" << (k.second - day) << " s must be one of the day's slots");
    CHECK(expected.contains(k));
  }

  // 2. Exactly once at the group: every slot up to the end of D (D's and those before it since the
  // key) got one RunJob call, attempt 1, from the gateway whose row it is; a slot a gateway died in
  // got its killed call plus one retry by a live gateway after the lease (the row's attempts).
  for (const auto& [k, row] : runs) {
    if (k.second >= day + kDaySeconds) continue;  // the next day, cut off by the stop
    INFO(k.first << " at D+" << (k.second - day) << " s: status " << row.status << ", attempts " << row.attempts
                 << ", claimed by " << row.claimed_by);
    CHECK(row.status == "done");
    auto c = calls.find(k);
    REQUIRE(c != calls.end());
    const std::vector<Call>& got = c->second;
    CHECK(got.front().call == 1);
    if (!killed_claimed.contains(k)) {
      INFO("not held by a killed gateway: expected exactly one RunJob call (attempt 1) and attempts 1");
      CHECK(got.size() == 1);
      CHECK(got.front().attempt == 1);
      CHECK(row.attempts == 1);
    } else {
      INFO("held by a gateway when it was killed: expected a retry by a live gateway after the lease, one call per"
           " attempt at most, the killed call among them if it had reached the group");
      CHECK(row.attempts >= 2);
      CHECK(static_cast<int>(got.size()) <= row.attempts);
      CHECK(got.size() >= (in_flight.contains(k) ? 2u : 1u));
      CHECK(got.back().attempt == row.attempts);
      for (const Kill& kill : kills) {
        if (kill.claimed.contains(k)) CHECK(row.claimed_by != kill.instance);
      }
    }
  }
  // Every call the group got is for a slot with a row (no call behind the scheduler's back).
  for (const auto& [k, got] : calls) {
    INFO("RunJob call for " << k.first << " at D+" << (k.second - day) << " s must have a job_runs row");
    CHECK(runs.contains(k));
  }

  // 3. The effects once: one action per done slot in the queue, keyed by the slot, none stray.
  for (const SlotKey& k : expected) {
    const std::string key = absl::StrCat("srv1/procedural/job/", k.first, "/", k.second);
    INFO("expected exactly one queued action with key " << key);
    CHECK(QueryCount(db.url(), "SELECT count(*) FROM gateway.action_keys WHERE idempotency_key = '" + key + "'") == 1);
    CHECK(QueryCount(db.url(), "SELECT (SELECT count(*) FROM gateway.actions WHERE idempotency_key = '" + key +
                                   "') + (SELECT count(*) FROM gateway.actions_archive WHERE idempotency_key = '" + key +
                                   "')") == 1);
  }
  {
    INFO("expected as many actions in the queue as done job_runs rows: one per slot, none from a retried call");
    CHECK(QueryCount(db.url(), "SELECT (SELECT count(*) FROM gateway.actions) + (SELECT count(*) FROM gateway.actions_archive)") ==
          QueryCount(db.url(), "SELECT coalesce(sum(actions_queued), 0) FROM gateway.job_runs"));
    CHECK(QueryCount(db.url(), "SELECT count(*) FROM gateway.job_runs WHERE status = 'done' AND actions_queued <> 1") == 0);
  }

  // Both gateways scheduled before and after their restarts.
  for (const char* id : {"gw-a", "gw-b"}) {
    INFO("expected slots claimed by " << id << " before and after its restart");
    CHECK(QueryCount(db.url(), absl::StrCat("SELECT count(DISTINCT claimed_by) FROM gateway.job_runs WHERE claimed_by LIKE '",
                                            id, ":%'")) >= 2);
  }
}
