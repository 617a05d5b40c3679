#include <google/protobuf/util/json_util.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <pqxx/pqxx>

#include "runtime/proto_time.h"
#include "tests/support/fake_llm_server.h"
#include "tests/support/gateway_client.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/support/grpc_probe.h"
#include "tests/support/postgres.h"
#include "tests/support/server_process.h"

using namespace aiworld;
using namespace aiworld::testing;

namespace {

const std::string kAdminToken = "e2e-admin-token";

std::string ToJson(const google::protobuf::Message& m) {
  std::string out;
  REQUIRE(google::protobuf::util::MessageToJsonString(m, &out).ok());
  return out;
}

// buf curl against the gateway, with a bearer token.
RunResult BufCall(const std::string& addr, const std::string& method, const std::string& token, const std::string& json) {
  return Run(BufPath(), {"curl", "--protocol", "grpc", "--http2-prior-knowledge", "-H", "authorization: Bearer " + token,
                         "-d", json, "http://" + addr + "/" + method});
}

struct Mesh {
  TestDatabase db;
  TestGroupProcess core;
  ServerProcess gateway;
  std::string key;

  explicit Mesh(std::vector<std::string> gateway_args = {}) {
    MigrateDatabase(db.url());
    core = StartTestGroup("core");
    std::vector<std::string> args = {"--admin-token=" + kAdminToken, "--core-addr=" + core.addr(),
                                     // the other groups are absent: their shares wait, core's flow
                                     "--procedural-addr=127.0.0.1:1", "--progression-addr=127.0.0.1:1",
                                     "--economy-addr=127.0.0.1:1"};
    for (std::string& a : gateway_args) args.push_back(std::move(a));
    gateway = StartServer("aiworld-gateway", db.url(), args);
    absl::StatusOr<std::string> issued = AdminClient(gateway.grpc_addr(), kAdminToken).IssueKey("srv1");
    REQUIRE(issued.ok());
    key = *issued;
  }
};

}  // namespace

TEST_CASE("buf curl dispatches a JSON batch, pulls and completes its actions, and explains one", "[e2e]") {
  Mesh mesh;
  const std::string addr = mesh.gateway.grpc_addr();
  v1::DispatchEventsRequest dispatch;
  *dispatch.mutable_batch() = ValidBatch("srv1", 1, 2);
  RunResult sent = BufCall(addr, "aiworld.v1.Bridge/DispatchEvents", mesh.key, ToJson(dispatch));
  INFO("DispatchEvents printed:\n" << sent.output);
  REQUIRE(sent.exit_code == 0);
  CHECK_THAT(sent.output, Catch::Contains("\"durable\": true") && Catch::Contains("\"acceptedCount\": 2"));

  RunResult pulled = BufCall(addr, "aiworld.v1.Bridge/PullActions", mesh.key, R"({"maxActions": 10, "wait": "10s"})");
  INFO("PullActions printed:\n" << pulled.output);
  REQUIRE(pulled.exit_code == 0);
  v1::PullActionsResponse actions;
  REQUIRE(google::protobuf::util::JsonStringToMessage(pulled.output, &actions).ok());
  REQUIRE(actions.actions_size() == 2);
  CHECK(actions.actions(0).has_set_char_variable());
  CHECK(actions.actions(0).attempt() == 1);

  v1::CompleteActionsRequest complete;
  for (const v1::Action& a : actions.actions()) {
    v1::ActionResult* r = complete.add_results();
    r->set_action_id(a.action_id());
    r->set_status(v1::ACTION_STATUS_DONE);
    r->set_attempt(1);
  }
  RunResult completed = BufCall(addr, "aiworld.v1.Bridge/CompleteActions", mesh.key, ToJson(complete));
  INFO("CompleteActions printed:\n" << completed.output);
  REQUIRE(completed.exit_code == 0);
  CHECK_THAT(completed.output, Catch::Contains("\"acceptedCount\": 2"));

  const std::string explain_request = "{\"actionId\": \"" + actions.actions(0).action_id() + "\"}";
  RunResult explained = BufCall(addr, "aiworld.v1.Admin/ExplainAction", kAdminToken, explain_request);
  INFO("ExplainAction printed:\n" << explained.output);
  REQUIRE(explained.exit_code == 0);
  CHECK_THAT(explained.output, Catch::Contains("\"state\": \"ACTION_STATE_DONE\"") &&
                                   Catch::Contains("\"agent\": \"scripted_core\"") &&
                                   Catch::Contains("\"tier\": \"TIER_RULES\"") && Catch::Contains("\"charName\": \"Player"));
  CHECK(QueryCount(mesh.db.url(), "SELECT count(*) FROM gateway.actions_archive WHERE final_state = 'done'") == 2);
  CHECK(QueryCount(mesh.db.url(), "SELECT count(*) FROM gateway.admin_audit WHERE call = 'ExplainAction' AND outcome = 'OK'") == 1);
}

TEST_CASE("missing, wrong and revoked keys are UNAUTHENTICATED and store nothing", "[e2e]") {
  Mesh mesh;
  const v1::EventBatch batch = ValidBatch("srv1", 1, 1);
  CHECK(BridgeClient(mesh.gateway.grpc_addr(), "").Dispatch(batch).status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(BridgeClient(mesh.gateway.grpc_addr(), "aiw_k0000000000000000_" + std::string(48, '0')).Dispatch(batch).status().code() ==
        absl::StatusCode::kUnauthenticated);
  // A key speaks for its own server only.
  CHECK(BridgeClient(mesh.gateway.grpc_addr(), mesh.key).Dispatch(ValidBatch("srv2", 1, 1)).status().code() ==
        absl::StatusCode::kUnauthenticated);
  CHECK(QueryCount(mesh.db.url(), "SELECT count(*) FROM gateway.inbox") == 0);

  AdminClient admin(mesh.gateway.grpc_addr(), kAdminToken);
  grpc::ClientContext ctx;
  admin.Authorize(ctx);
  v1::ListServerKeysRequest list;
  v1::ListServerKeysResponse keys;
  REQUIRE(admin.stub().ListServerKeys(&ctx, list, &keys).ok());
  REQUIRE(keys.keys_size() == 1);
  grpc::ClientContext revoke_ctx;
  admin.Authorize(revoke_ctx);
  v1::RevokeServerKeyRequest revoke;
  revoke.set_key_id(keys.keys(0).key_id());
  v1::RevokeServerKeyResponse revoked;
  REQUIRE(admin.stub().RevokeServerKey(&revoke_ctx, revoke, &revoked).ok());
  CHECK(BridgeClient(mesh.gateway.grpc_addr(), mesh.key).Dispatch(batch).status().code() == absl::StatusCode::kUnauthenticated);

  // Admin without the token is refused, and the attempt is audited.
  AdminClient intruder(mesh.gateway.grpc_addr(), "guess");
  CHECK(intruder.IssueKey("srv1").status().code() == absl::StatusCode::kUnauthenticated);
  CHECK(QueryCount(mesh.db.url(), "SELECT count(*) FROM gateway.admin_audit WHERE caller = 'unauthenticated'") == 1);
}

TEST_CASE("oversized batches are INVALID_ARGUMENT naming the limit, and nothing is stored", "[e2e]") {
  Mesh mesh;
  BridgeClient bridge(mesh.gateway.grpc_addr(), mesh.key);
  absl::StatusOr<v1::BatchAck> too_many = bridge.Dispatch(ValidBatch("srv1", 1, 1001));
  CHECK(too_many.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(too_many.status().message()), Catch::Contains("events"));

  v1::EventBatch huge = ValidBatch("srv1", 2, 1);
  v1::GameEvent big = Chat(3000, 1, "x");
  big.mutable_chat()->set_text(std::string(5 * 1024 * 1024, 'a'));
  *huge.add_events() = big;
  absl::StatusOr<v1::BatchAck> too_big = bridge.Dispatch(huge);
  CHECK(too_big.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(too_big.status().message()), Catch::Contains("4194304"));
  CHECK(QueryCount(mesh.db.url(), "SELECT count(*) FROM gateway.inbox") == 0);
  CHECK(QueryCount(mesh.db.url(), "SELECT count(*) FROM gateway.actions") == 0);
}

TEST_CASE("a server over its rate limit gets RESOURCE_EXHAUSTED with a retry hint", "[e2e]") {
  Mesh mesh({"--events-per-second=5", "--events-burst=20"});
  BridgeClient bridge(mesh.gateway.grpc_addr(), mesh.key);
  REQUIRE(bridge.Dispatch(ValidBatch("srv1", 1, 15)).ok());
  absl::StatusOr<v1::BatchAck> limited = bridge.Dispatch(ValidBatch("srv1", 2, 15));
  CHECK(limited.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK_THAT(std::string(limited.status().message()), Catch::Contains("retry after"));
  CHECK(QueryCount(mesh.db.url(), "SELECT count(*) FROM gateway.inbox") == 1);
}

TEST_CASE("the Connect stream acks durable batches and pushes actions as soon as they are queued", "[e2e]") {
  Mesh mesh;
  BridgeClient bridge(mesh.gateway.grpc_addr(), mesh.key);
  grpc::ClientContext ctx;
  bridge.Authorize(ctx);
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  auto stream = bridge.stub().Connect(&ctx);
  v1::ConnectRequest hello;
  hello.mutable_hello()->set_server_id("srv1");
  hello.mutable_hello()->set_bridge_version("0.1.0");
  hello.mutable_hello()->set_initial_action_credits(100);
  REQUIRE(stream->Write(hello));
  v1::ConnectResponse msg;
  REQUIRE(stream->Read(&msg));
  REQUIRE(msg.has_welcome());
  CHECK(msg.welcome().accepted());
  CHECK(msg.welcome().limits().max_batch_events() == 1000);

  v1::ConnectRequest batch;
  *batch.mutable_event_batch() = ValidBatch("srv1", 1, 3);
  REQUIRE(stream->Write(batch));
  std::set<std::string> delivered;
  bool acked = false;
  while (!acked || delivered.size() < 3) {
    REQUIRE(stream->Read(&msg));
    if (msg.has_batch_ack()) {
      CHECK(msg.batch_ack().durable());
      CHECK(msg.batch_ack().sequence() == 1);
      acked = true;
    }
    if (msg.has_action_delivery()) {
      v1::ConnectRequest results;
      for (const v1::Action& a : msg.action_delivery().actions()) {
        delivered.insert(a.action_id());
        v1::ActionResult* r = results.mutable_action_results()->add_results();
        r->set_action_id(a.action_id());
        r->set_status(v1::ACTION_STATUS_DONE);
      }
      REQUIRE(stream->Write(results));
    }
  }
  stream->WritesDone();
  CHECK(stream->Finish().ok());
  for (int i = 0; i < 50 && QueryCount(mesh.db.url(), "SELECT count(*) FROM gateway.actions_archive") < 3; ++i) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  CHECK(QueryCount(mesh.db.url(), "SELECT count(*) FROM gateway.actions_archive WHERE final_state = 'done'") == 3);
}

TEST_CASE("two replicas of one group behind one address both get work", "[e2e]") {
  TestDatabase db;
  MigrateDatabase(db.url());
  TestGroupProcess a = StartTestGroup("core");
  TestGroupProcess b = StartTestGroup("core");
  ServerProcess gateway = StartServer(
      "aiworld-gateway", db.url(),
      {"--admin-token=" + kAdminToken, "--core-addr=ipv4:" + a.addr() + "," + b.addr(), "--procedural-addr=127.0.0.1:1",
       "--progression-addr=127.0.0.1:1", "--economy-addr=127.0.0.1:1"});
  const std::string key = *AdminClient(gateway.grpc_addr(), kAdminToken).IssueKey("srv1");
  BridgeClient bridge(gateway.grpc_addr(), key);
  for (uint64_t seq = 1; seq <= 20; ++seq) REQUIRE(bridge.Dispatch(ValidBatch("srv1", seq, 1)).ok());
  for (int i = 0; i < 100 && QueryCount(db.url(), "SELECT count(*) FROM gateway.action_keys") < 20; ++i) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  CHECK(QueryCount(db.url(), "SELECT count(*) FROM gateway.action_keys") == 20);
  INFO("replica a:\n" << a.process->Output() << "\nreplica b:\n" << b.process->Output());
  CHECK_THAT(a.process->Output(), Catch::Contains("handled group=core"));
  CHECK_THAT(b.process->Output(), Catch::Contains("handled group=core"));
}

TEST_CASE("the bridge endpoint serves TLS with a certificate from flags", "[e2e]") {
  TestDatabase db;
  MigrateDatabase(db.url());
  const std::string dir = "/tmp/aiworld-tls-" + db.name();
  RunResult made = Run("/bin/sh", {"-c", "mkdir -p " + dir + " && openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                                             "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " + dir + "/key.pem -out " +
                                             dir + "/cert.pem"});
  INFO(made.output);
  REQUIRE(made.exit_code == 0);
  ServerProcess gateway = StartServer("aiworld-gateway", db.url(),
                                      {"--tls-cert=" + dir + "/cert.pem", "--tls-key=" + dir + "/key.pem",
                                       "--admin-token=" + kAdminToken});
  std::ifstream in(dir + "/cert.pem");
  std::stringstream pem;
  pem << in.rdbuf();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = pem.str();
  auto tls_channel = grpc::CreateChannel(gateway.grpc_addr(), grpc::SslCredentials(ssl));
  auto health = grpc::health::v1::Health::NewStub(tls_channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  grpc::health::v1::HealthCheckResponse resp;
  CHECK(health->Check(&ctx, grpc::health::v1::HealthCheckRequest(), &resp).ok());
  CHECK(resp.status() == grpc::health::v1::HealthCheckResponse::SERVING);
  // Plaintext clients cannot talk to it.
  CHECK_THAT(HealthStatus(gateway.grpc_addr()), Catch::StartsWith("rpc error"));
  Run("/bin/rm", {"-rf", dir});
}

TEST_CASE("Admin GetLlmUsage asks every group and merges budgets provider health and the groups that did not answer", "[e2e]") {
  TestDatabase db;
  MigrateDatabase(db.url());
  FakeLlmServer llm;
  llm.SetDefault(FakeReply::OpenAiOk("unused", 1, 1));
  ServerProcess core = StartServer("aiworld-core", db.url(),
                                   {"--llm-providers=kind=openai,name=local,url=" + llm.base_url() + "/v1,model=tiny",
                                    "--llm-daily-budget-usd=3.5"});
  ServerProcess procedural = StartServer("aiworld-procedural", db.url());
  ServerProcess gateway = StartServer("aiworld-gateway", db.url(),
                                      {"--admin-token=" + kAdminToken, "--core-addr=" + core.grpc_addr(),
                                       "--procedural-addr=" + procedural.grpc_addr(), "--progression-addr=127.0.0.1:1",
                                       "--economy-addr=127.0.0.1:1"});

  RunResult usage = BufCall(gateway.grpc_addr(), "aiworld.v1.Admin/GetLlmUsage", kAdminToken, "{}");
  INFO("buf curl printed:\n" << usage.output);
  REQUIRE(usage.exit_code == 0);
  v1::GetLlmUsageResponse response;
  REQUIRE(google::protobuf::util::JsonStringToMessage(usage.output, &response).ok());
  REQUIRE(response.budgets_size() == 1);
  CHECK(response.budgets(0).group() == v1::AGENT_GROUP_KIND_CORE);
  CHECK(response.budgets(0).limit_micros() == 3'500'000);
  CHECK_FALSE(response.budgets(0).exhausted());
  REQUIRE(response.providers_size() == 1);
  CHECK(response.providers(0).provider() == "local");
  CHECK(response.providers(0).circuit() == v1::CIRCUIT_STATE_CLOSED);
  REQUIRE(response.incomplete_size() == 2);
  CHECK_THAT(response.incomplete(0), Catch::StartsWith("economy: UNAVAILABLE"));
  CHECK_THAT(response.incomplete(1), Catch::StartsWith("progression: UNAVAILABLE"));

  RunResult only_procedural = BufCall(gateway.grpc_addr(), "aiworld.v1.Admin/GetLlmUsage", kAdminToken,
                                      R"({"group":"AGENT_GROUP_KIND_PROCEDURAL"})");
  REQUIRE(only_procedural.exit_code == 0);
  CHECK(only_procedural.output.find("incomplete") == std::string::npos);
  CHECK(only_procedural.output.find("budgets") == std::string::npos);

  RunResult bad = BufCall(gateway.grpc_addr(), "aiworld.v1.Admin/GetLlmUsage", kAdminToken, R"({"fromDay":"yesterday"})");
  CHECK(bad.exit_code != 0);
  CHECK_THAT(bad.output, Catch::Contains("invalid_argument") && Catch::Contains(R"(from_day: \"yesterday\" is not a date)"));
}
