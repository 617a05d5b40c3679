#pragma once
// aiworld.v1.Bridge: the rAthena bridge's endpoint. Connect is the bidirectional stream (hello,
// event batches acked once durable, action deliveries pushed as soon as they are queued, results,
// credits in both directions, pings); DispatchEvents / PullActions / CompleteActions give the same
// guarantees to poll-style bridges and grpcurl.
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <string>

#include "aiworld/v1/bridge.grpc.pb.h"
#include "gateway/action_queue.h"
#include "gateway/inbox.h"
#include "gateway/rate_limiter.h"
#include "gateway/server_keys.h"
#include "gateway/validation/event_validator.h"
#include "gateway/wakeups.h"

namespace aiworld::gateway {

struct BridgeOptions {
  std::string gateway_id;
  uint32_t max_batch_events = 1000;
  uint32_t max_message_bytes = 4 * 1024 * 1024;
  uint32_t initial_event_credits = 20000;
  uint32_t max_unacked_batches = 8;
  absl::Duration action_lease = absl::Seconds(30);
  absl::Duration ping_interval = absl::Seconds(30);
  uint32_t max_actions_per_delivery = 100;
  uint32_t default_action_credits = 1000;  // when Hello.initial_action_credits is 0
  absl::Duration dispatch_poll = absl::Milliseconds(500);  // fallback when no wake-up arrives
  absl::Duration max_pull_wait = absl::Seconds(20);
};

class BridgeService final : public v1::Bridge::Service {
 public:
  BridgeService(BridgeOptions options, ServerKeys& keys, const EventValidator& validator, Inbox& inbox,
                ActionQueue& queue, Wakeups& wakeups, RateLimiter& limiter, prometheus::Registry& metrics);

  grpc::Status Connect(grpc::ServerContext* context,
                       grpc::ServerReaderWriter<v1::ConnectResponse, v1::ConnectRequest>* stream) override;
  grpc::Status DispatchEvents(grpc::ServerContext* context, const v1::DispatchEventsRequest* request,
                              v1::DispatchEventsResponse* response) override;
  grpc::Status PullActions(grpc::ServerContext* context, const v1::PullActionsRequest* request,
                           v1::PullActionsResponse* response) override;
  grpc::Status CompleteActions(grpc::ServerContext* context, const v1::CompleteActionsRequest* request,
                               v1::CompleteActionsResponse* response) override;

  // Validates, rate-limits and stores one batch for an authenticated server; the ack says what
  // became durable. A batch-level problem is an error status naming the field.
  absl::StatusOr<v1::BatchAck> Ingest(const v1::EventBatch& batch, const std::string& server_id);

 private:
  class Session;
  absl::StatusOr<std::string> Authenticate(grpc::ServerContext* context);

  const BridgeOptions options_;
  ServerKeys& keys_;
  const EventValidator& validator_;
  Inbox& inbox_;
  ActionQueue& queue_;
  Wakeups& wakeups_;
  RateLimiter& limiter_;
  prometheus::Family<prometheus::Counter>& events_;
  prometheus::Family<prometheus::Counter>& rejected_;
  prometheus::Family<prometheus::Counter>& delivered_;
  prometheus::Gauge& streams_;
};

// absl::Status -> grpc::Status, keeping code and message.
grpc::Status ToGrpc(const absl::Status& s);
// The kind names of ActionKind values, for ActionQueue::Claim filters.
std::vector<std::string> KindNames(const google::protobuf::RepeatedField<int>& kinds);

}  // namespace aiworld::gateway
