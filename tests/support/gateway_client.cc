#include "tests/support/gateway_client.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "runtime/proto_time.h"

namespace aiworld::testing {
namespace {

v1::GameEvent Envelope(uint64_t event_id, uint32_t player) {
  v1::GameEvent e;
  e.set_event_id(event_id);
  *e.mutable_occurred_at() = ToProto(absl::Now() - absl::Seconds(1));
  e.set_char_id(150000 + player);
  e.set_account_id(2000000 + player);
  e.set_map("prt_fild08");
  e.set_x(100 + static_cast<int>(player % 50));
  e.set_y(120);
  e.set_priority(v1::PRIORITY_NORMAL);
  e.set_char_name(absl::StrCat("Player", player));
  e.set_base_level(50);
  e.set_job_level(20);
  e.set_job_id(4008);
  return e;
}

}  // namespace

absl::Status FromGrpc(const grpc::Status& s) {
  if (s.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()), s.error_message());
}

v1::GameEvent MonsterKilled(uint64_t event_id, uint32_t player) {
  v1::GameEvent e = Envelope(event_id, player);
  auto* p = e.mutable_monster_killed();
  p->set_mob_id(1002);
  p->set_mob_level(3);
  p->set_boss_type(v1::BOSS_TYPE_NONE);
  p->set_mob_name("Poring");
  p->set_last_hit_char_id(e.char_id());
  return e;
}

v1::GameEvent Chat(uint64_t event_id, uint32_t player, const std::string& text) {
  v1::GameEvent e = Envelope(event_id, player);
  auto* p = e.mutable_chat();
  p->set_channel(v1::CHAT_CHANNEL_GLOBAL);
  p->set_text(text);
  return e;
}

v1::GameEvent NpcTextInput(uint64_t event_id, uint32_t player, const std::string& text, const std::string& npc_name,
                           const std::string& npc_exname) {
  v1::GameEvent e = Envelope(event_id, player);
  e.set_map("prontera");
  auto* p = e.mutable_npc_interaction();
  p->set_kind(v1::NPC_INTERACTION_KIND_TEXT_INPUT);
  p->set_npc_gid(110'000'001);
  p->set_npc_name(npc_name);
  p->set_npc_exname(npc_exname);
  p->set_npc_sprite(-1);
  p->set_text(text);
  return e;
}

v1::EventBatch ValidBatch(const std::string& server_id, uint64_t sequence, int n) {
  v1::EventBatch batch;
  batch.set_server_id(server_id);
  batch.set_sequence(sequence);
  *batch.mutable_sent_at() = ToProto(absl::Now());
  for (int i = 0; i < n; ++i) {
    const uint64_t id = sequence * 1000 + static_cast<uint64_t>(i) + 1;
    *batch.add_events() = i % 2 == 0 ? MonsterKilled(id, static_cast<uint32_t>(i + 1))
                                     : Chat(id, static_cast<uint32_t>(i + 1), absl::StrCat("hello ", i));
  }
  return batch;
}

BridgeClient::BridgeClient(std::shared_ptr<grpc::Channel> channel, std::string key)
    : stub_(v1::Bridge::NewStub(std::move(channel))), key_(std::move(key)) {}

BridgeClient::BridgeClient(const std::string& addr, std::string key)
    : BridgeClient(grpc::CreateChannel(addr, grpc::InsecureChannelCredentials()), std::move(key)) {}

void BridgeClient::Authorize(grpc::ClientContext& ctx) const {
  if (!key_.empty()) ctx.AddMetadata("authorization", "Bearer " + key_);
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
}

absl::StatusOr<v1::BatchAck> BridgeClient::Dispatch(const v1::EventBatch& batch) {
  grpc::ClientContext ctx;
  Authorize(ctx);
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  v1::DispatchEventsRequest req;
  *req.mutable_batch() = batch;
  v1::DispatchEventsResponse resp;
  grpc::Status s = stub_->DispatchEvents(&ctx, req, &resp);
  if (!s.ok()) return FromGrpc(s);
  return resp.ack();
}

absl::StatusOr<v1::PullActionsResponse> BridgeClient::Pull(uint32_t max, absl::Duration wait, absl::Duration lease) {
  grpc::ClientContext ctx;
  Authorize(ctx);
  v1::PullActionsRequest req;
  req.set_max_actions(max);
  *req.mutable_wait() = ToProto(wait);
  *req.mutable_lease() = ToProto(lease);
  v1::PullActionsResponse resp;
  grpc::Status s = stub_->PullActions(&ctx, req, &resp);
  if (!s.ok()) return FromGrpc(s);
  return resp;
}

absl::StatusOr<v1::CompleteActionsResponse> BridgeClient::Complete(const std::vector<v1::ActionResult>& results) {
  grpc::ClientContext ctx;
  Authorize(ctx);
  v1::CompleteActionsRequest req;
  for (const auto& r : results) *req.add_results() = r;
  v1::CompleteActionsResponse resp;
  grpc::Status s = stub_->CompleteActions(&ctx, req, &resp);
  if (!s.ok()) return FromGrpc(s);
  return resp;
}

AdminClient::AdminClient(const std::string& addr, std::string token)
    : stub_(v1::Admin::NewStub(grpc::CreateChannel(addr, grpc::InsecureChannelCredentials()))), token_(std::move(token)) {}

void AdminClient::Authorize(grpc::ClientContext& ctx) const {
  ctx.AddMetadata("authorization", "Bearer " + token_);
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
}

absl::StatusOr<std::string> AdminClient::IssueKey(const std::string& server_id) {
  grpc::ClientContext ctx;
  Authorize(ctx);
  v1::IssueServerKeyRequest req;
  req.set_server_id(server_id);
  req.set_description("test");
  v1::IssueServerKeyResponse resp;
  grpc::Status s = stub_->IssueServerKey(&ctx, req, &resp);
  if (!s.ok()) return FromGrpc(s);
  return resp.secret();
}

}  // namespace aiworld::testing
