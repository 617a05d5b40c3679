#pragma once
// Real gRPC clients of the gateway for tests: a poll-style bridge (DispatchEvents, PullActions,
// CompleteActions with a bearer key), Admin with its token, and valid events to send.
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "aiworld/v1/admin.grpc.pb.h"
#include "aiworld/v1/bridge.grpc.pb.h"

namespace aiworld::testing {

// A valid event of the envelope's player `i`: monster_killed (mob 1002 Poring) or global chat.
v1::GameEvent MonsterKilled(uint64_t event_id, uint32_t player);
v1::GameEvent Chat(uint64_t event_id, uint32_t player, const std::string& text);
// Player `i` types `text` into an NPC's input box (Kafra Employee in Prontera unless named).
v1::GameEvent NpcTextInput(uint64_t event_id, uint32_t player, const std::string& text,
                           const std::string& npc_name = "Kafra Employee", const std::string& npc_exname = "kafra_prt#1");
// A batch of n valid events alternating monster kills and chat, event ids from sequence * 1000.
v1::EventBatch ValidBatch(const std::string& server_id, uint64_t sequence, int n);

class BridgeClient {
 public:
  BridgeClient(std::shared_ptr<grpc::Channel> channel, std::string key);
  BridgeClient(const std::string& addr, std::string key);
  absl::StatusOr<v1::BatchAck> Dispatch(const v1::EventBatch& batch);
  absl::StatusOr<v1::PullActionsResponse> Pull(uint32_t max, absl::Duration wait, absl::Duration lease = absl::Seconds(30));
  absl::StatusOr<v1::CompleteActionsResponse> Complete(const std::vector<v1::ActionResult>& results);
  v1::Bridge::Stub& stub() { return *stub_; }
  void Authorize(grpc::ClientContext& ctx) const;

 private:
  std::unique_ptr<v1::Bridge::Stub> stub_;
  std::string key_;
};

class AdminClient {
 public:
  AdminClient(const std::string& addr, std::string token);
  // A new bridge key for server_id (the whole "aiw_..." token).
  absl::StatusOr<std::string> IssueKey(const std::string& server_id);
  v1::Admin::Stub& stub() { return *stub_; }
  void Authorize(grpc::ClientContext& ctx) const;

 private:
  std::unique_ptr<v1::Admin::Stub> stub_;
  std::string token_;
};

absl::Status FromGrpc(const grpc::Status& s);

}  // namespace aiworld::testing
