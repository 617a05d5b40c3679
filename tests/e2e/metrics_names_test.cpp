// Every metric the Prometheus rules (deploy/prometheus/rules/aiworld.yml) and the Grafana dashboards
// (deploy/grafana/dashboards/*.json) query is exported by some server of a live mesh. prometheus-cpp
// prints a family only once it has a series, so the test first drives the traffic that creates
// them: event batches (accepted, rejected), NPC talk answered by a (fake) LLM over a tiny budget,
// pulled and completed actions, the scheduler on a one-minute game day, and one agent made to fail.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <regex>
#include <set>
#include <sstream>

#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "aiworld/v1/core.grpc.pb.h"
#include "runtime/proto_time.h"
#include "tests/support/fake_llm_server.h"
#include "tests/support/gateway_client.h"
#include "tests/support/grpc_probe.h"
#include "tests/support/postgres.h"
#include "tests/support/server_process.h"

using namespace aiworld;
using namespace aiworld::testing;

namespace {

const std::string kAdminToken = "metrics-e2e-token";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Metric names in a PromQL expression: identifiers outside label matchers, ranges, strings and
// grouping clauses, kept when they look like ours (aiworld_*, grpc_*) or Prometheus's "up".
void CollectNames(const std::string& expr, std::set<std::string>* out) {
  std::string e = std::regex_replace(expr, std::regex(R"("(?:[^"\\]|\\.)*")"), "\"\"");
  e = std::regex_replace(e, std::regex(R"(\{[^}]*\})"), "{}");
  e = std::regex_replace(e, std::regex(R"(\[[^\]]*\])"), "[]");
  e = std::regex_replace(e, std::regex(R"(\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\))"), "$1()");
  static const std::regex ident(R"([A-Za-z_:][A-Za-z0-9_:]*)");
  static const std::regex ours(R"(^(aiworld_[a-z0-9_]+|grpc_[a-z0-9_]+|up)$)");
  for (auto it = std::sregex_iterator(e.begin(), e.end(), ident); it != std::sregex_iterator(); ++it) {
    const std::string word = it->str();
    if (std::regex_match(word, ours)) out->insert(word);
  }
}

// The expr: values of a rules file (one line, or a block scalar's more-indented lines).
std::vector<std::string> RuleExprs(const std::string& yaml) {
  std::vector<std::string> exprs;
  std::istringstream in(yaml);
  std::string line;
  static const std::regex key(R"(^(\s*)(- )?expr:\s*(.*)$)");
  int block_indent = -1;
  while (std::getline(in, line)) {
    const size_t first = line.find_first_not_of(' ');
    if (block_indent >= 0) {
      if (first == std::string::npos || static_cast<int>(first) > block_indent) {
        exprs.back() += " " + line;
        continue;
      }
      block_indent = -1;
    }
    std::smatch m;
    if (!std::regex_match(line, m, key)) continue;
    const std::string rest = m[3];
    exprs.push_back(rest == "|" || rest == ">" || rest == "|-" || rest == ">-" ? "" : rest);
    if (exprs.back().empty()) block_indent = static_cast<int>(m[1].length() + m[2].length());
  }
  return exprs;
}

// The "expr" strings of a Grafana dashboard (JSON escapes are harmless to CollectNames).
std::vector<std::string> DashboardExprs(const std::string& json) {
  std::vector<std::string> exprs;
  static const std::regex expr(R"re("expr"\s*:\s*"((?:[^"\\]|\\.)*)")re");
  for (auto it = std::sregex_iterator(json.begin(), json.end(), expr); it != std::sregex_iterator(); ++it) {
    exprs.push_back((*it)[1].str());
  }
  return exprs;
}

// Sample names (with _bucket/_sum/_count) and family names (# TYPE lines) of one /metrics page.
void ParseExposition(const std::string& text, std::set<std::string>* samples, std::set<std::string>* families) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# TYPE ", 0) == 0) {
      std::istringstream words(line.substr(7));
      std::string name;
      words >> name;
      families->insert(name);
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    samples->insert(line.substr(0, line.find_first_of("{ ")));
  }
}

v1::TalkRequest Talk(uint32_t char_id, const std::string& text) {
  v1::TalkRequest r;
  r.set_server_id("srv1");
  r.mutable_npc()->set_exname("kafra_prt#1");
  r.set_npc_name("Kafra Employee");
  r.set_char_id(char_id);
  r.set_char_name("Tester" + std::to_string(char_id % 1000));
  r.set_text(text);
  r.set_map("prontera");
  return r;
}

}  // namespace

TEST_CASE("every metric in the Prometheus rules and Grafana dashboards is exported by the mesh", "[e2e]") {
  // What the rules and dashboards name.
  const std::filesystem::path deploy = std::filesystem::path(AIWORLD_SOURCE_DIR) / "deploy";
  std::map<std::string, std::set<std::string>> wanted;  // metric -> files naming it
  {
    std::set<std::string> names;
    for (const std::string& e : RuleExprs(ReadFile(deploy / "prometheus/rules/aiworld.yml"))) CollectNames(e, &names);
    REQUIRE(names.size() >= 8);
    for (const std::string& n : names) wanted[n].insert("rules/aiworld.yml");
  }
  int dashboards = 0;
  for (const auto& entry : std::filesystem::directory_iterator(deploy / "grafana/dashboards")) {
    if (entry.path().extension() != ".json") continue;
    ++dashboards;
    std::set<std::string> names;
    for (const std::string& e : DashboardExprs(ReadFile(entry.path()))) CollectNames(e, &names);
    INFO(entry.path().filename());
    CHECK_FALSE(names.empty());
    for (const std::string& n : names) wanted[n].insert(entry.path().filename().string());
  }
  CHECK(dashboards >= 4);
  wanted.erase("up");  // Prometheus's own, for every target

  // A live mesh.
  TestDatabase db;
  MigrateDatabase(db.url());
  FakeLlmServer llm;
  llm.SetDefault(FakeReply::OpenAiOk("Welcome to Prontera, traveller. The Kafra service is at your disposal.", 1000, 500));
  // 1000 + 500 tokens of gpt-4o-mini cost 450 micro-dollars: the first call spends the budget of
  // 100, raises the budget alerts, and the next calls are refused.
  std::vector<ServerProcess> groups;
  groups.push_back(StartServer("aiworld-core", db.url(),
                               {"--llm-providers=kind=openai,name=openai,url=" + llm.base_url() + "/v1,model=gpt-4o-mini",
                                "--llm-mode=quality", "--llm-daily-budget-usd=0.0001"}));
  for (const char* g : {"aiworld-procedural", "aiworld-progression", "aiworld-economy"}) groups.push_back(StartServer(g, db.url()));
  ServerProcess gateway = StartServer(
      "aiworld-gateway", db.url(),
      {"--admin-token=" + kAdminToken, "--core-addr=" + groups[0].grpc_addr(), "--procedural-addr=" + groups[1].grpc_addr(),
       "--progression-addr=" + groups[2].grpc_addr(), "--economy-addr=" + groups[3].grpc_addr(),
       "--game-day-seconds=60", "--scheduler-tick=200ms"});

  absl::StatusOr<std::string> key = AdminClient(gateway.grpc_addr(), kAdminToken).IssueKey("srv1");
  REQUIRE(key.ok());
  BridgeClient bridge(gateway.grpc_addr(), *key);

  // NPC talk through Core.Talk: the LLM answers once, then the budget refuses.
  {
    auto core = v1::Core::NewStub(grpc::CreateChannel(groups[0].grpc_addr(), grpc::InsecureChannelCredentials()));
    const std::vector<std::string> lines = {"hello, where can I save my position?", "what news from Morroc?",
                                            "do you sell red potions?", "tell me about the guild war"};
    for (size_t i = 0; i < lines.size(); ++i) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
      v1::TalkResponse reply;
      const grpc::Status s = core->Talk(&ctx, Talk(150'100 + static_cast<uint32_t>(i), lines[i]), &reply);
      INFO(s.error_message());
      CHECK(s.ok());
    }
  }

  // Events: valid ones (kills, chat, NPC talk that the Dialogue agent answers) and one rejected.
  uint64_t sequence = 0;
  auto dispatch = [&](v1::EventBatch batch) {
    auto ack = bridge.Dispatch(batch);
    REQUIRE(ack.ok());
    CHECK(ack->durable());
  };
  {
    v1::EventBatch batch = ValidBatch("srv1", ++sequence, 6);
    *batch.add_events() = NpcTextInput(sequence * 1000 + 50, 3, "hello there, any work for me?");
    dispatch(batch);
    v1::EventBatch bad = ValidBatch("srv1", ++sequence, 3);
    bad.mutable_events(1)->set_map("Prontera");  // not a map name: rejected, field "map"
    dispatch(bad);
  }

  // One group's agents fail: progression's state store refuses every write.
  {
    pqxx::connection c(db.url());
    pqxx::work tx(c);
    tx.exec0(
        "CREATE FUNCTION public.metrics_test_fail() RETURNS trigger LANGUAGE plpgsql AS "
        "$$BEGIN RAISE EXCEPTION 'injected by metrics_names_test'; END$$");
    tx.exec0(
        "CREATE TRIGGER metrics_test_fail BEFORE INSERT OR UPDATE ON progression.agent_state "
        "FOR EACH ROW EXECUTE FUNCTION public.metrics_test_fail()");
    tx.commit();
  }
  for (int i = 0; i < 2; ++i) dispatch(ValidBatch("srv1", ++sequence, 8));

  // Take and complete what was queued.
  std::set<std::string> samples, families;
  std::vector<std::string> missing;
  const absl::Time deadline = absl::Now() + absl::Seconds(40);
  for (;;) {
    auto pulled = bridge.Pull(100, absl::Seconds(1));
    REQUIRE(pulled.ok());
    std::vector<v1::ActionResult> results;
    for (const v1::Action& a : pulled->actions()) {
      v1::ActionResult r;
      r.set_action_id(a.action_id());
      r.set_status(v1::ACTION_STATUS_DONE);
      results.push_back(r);
    }
    if (!results.empty()) REQUIRE(bridge.Complete(results).ok());

    samples.clear();
    families.clear();
    for (const ServerProcess* s : {&gateway, &groups[0], &groups[1], &groups[2], &groups[3]}) {
      const std::string page = HttpGet(s->metrics_url());
      INFO(s->metrics_url());
      REQUIRE_FALSE(page.empty());
      ParseExposition(page, &samples, &families);
    }
    missing.clear();
    for (const auto& [name, files] : wanted) {
      if (samples.count(name) == 0) missing.push_back(name + " (in " + absl::StrJoin(files, ", ") + ")");
    }
    if (missing.empty() || absl::Now() > deadline) break;
  }

  INFO("metrics named in rules or dashboards: " << wanted.size());
  INFO("families exported by the mesh: " << absl::StrJoin(families, " "));
  INFO("named but not exported:\n  " << absl::StrJoin(missing, "\n  "));
  CHECK(missing.empty());
}
