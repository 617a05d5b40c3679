#include "gateway/bridge_service.h"

#include <atomic>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "runtime/log.h"
#include "runtime/proto_time.h"
#include "runtime/random.h"

namespace aiworld::gateway {

grpc::Status ToGrpc(const absl::Status& s) {
  if (s.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
}

std::vector<std::string> KindNames(const google::protobuf::RepeatedField<int>& kinds) {
  std::vector<std::string> names;
  for (int k : kinds) {
    if (const auto* f = v1::Action::descriptor()->FindFieldByNumber(k); f != nullptr && f->containing_oneof() != nullptr) {
      names.push_back(f->name());
    }
  }
  return names;
}

namespace {

// "server_status.maps[12].map" -> "server_status.maps[].map": a bounded set of label values.
std::string FieldLabel(const std::string& field) {
  std::string out;
  bool in_index = false;
  for (char c : field) {
    if (c == '[') in_index = true;
    if (!in_index || c == '[' || c == ']') out += c;
    if (c == ']') in_index = false;
  }
  return out;
}

std::string NewSessionId() {
  RandomSource& r = ProcessRandom();
  const uint64_t a = r.NextU64(), b = r.NextU64();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffull));
  return buf;
}

}  // namespace

// One Connect stream: reads on the RPC's thread, pushes actions from a second thread; writes are
// serialised by a mutex because a sync stream allows one writer at a time.
class BridgeService::Session {
 public:
  Session(BridgeService& service, std::string server_id,
          grpc::ServerReaderWriter<v1::ConnectResponse, v1::ConnectRequest>* stream)
      : service_(service), server_id_(std::move(server_id)), stream_(stream), session_id_(NewSessionId()) {}

  grpc::Status Run(grpc::ServerContext* context) {
    v1::ConnectRequest first;
    if (!stream_->Read(&first)) return grpc::Status::OK;
    if (!first.has_hello()) return {grpc::StatusCode::FAILED_PRECONDITION, "hello: the first message must be a hello"};
    const v1::Hello& hello = first.hello();
    if (hello.server_id() != server_id_) {
      return {grpc::StatusCode::UNAUTHENTICATED,
              absl::StrCat("hello.server_id: \"", hello.server_id(), "\" is not the server this key belongs to")};
    }
    supported_kinds_ = KindNames(hello.supported_actions());
    action_credits_ = hello.initial_action_credits() > 0 ? hello.initial_action_credits()
                                                         : service_.options_.default_action_credits;
    absl::StatusOr<uint64_t> last = service_.inbox_.LastDurableSequence(server_id_);
    if (!last.ok()) return ToGrpc(last.status());
    if (!Write(Welcome(*last))) return grpc::Status::OK;
    log::Info("bridge connected", {{"server_id", server_id_}, {"session", session_id_}, {"last_durable", *last}});

    std::thread pusher([this] { PushActions(); });
    grpc::Status status = ReadLoop();
    {
      absl::MutexLock lock(&mu_);
      closed_ = true;
    }
    service_.wakeups_.Notify(Wakeups::ActionsFor(server_id_));
    pusher.join();
    // Whatever was leased to this stream and not answered is deliverable again at once.
    (void)service_.queue_.ReleaseLeases(session_id_);
    log::Info("bridge disconnected", {{"server_id", server_id_}, {"session", session_id_}, {"status", status.error_message()}});
    (void)context;
    return status;
  }

 private:
  v1::ConnectResponse Welcome(uint64_t last_durable) const {
    v1::ConnectResponse r;
    v1::Welcome* w = r.mutable_welcome();
    w->set_accepted(true);
    w->set_last_durable_sequence(last_durable);
    w->set_gateway_id(service_.options_.gateway_id);
    w->set_session_id(session_id_);
    *w->mutable_server_time() = ToProto(absl::Now());
    v1::SessionLimits* l = w->mutable_limits();
    const BridgeOptions& o = service_.options_;
    l->set_max_batch_events(o.max_batch_events);
    l->set_max_message_bytes(o.max_message_bytes);
    l->set_initial_event_credits(o.initial_event_credits);
    l->set_max_unacked_batches(o.max_unacked_batches);
    *l->mutable_action_lease() = ToProto(o.action_lease);
    *l->mutable_ping_interval() = ToProto(o.ping_interval);
    l->set_max_actions_per_delivery(o.max_actions_per_delivery);
    return r;
  }

  grpc::Status ReadLoop() {
    v1::ConnectRequest msg;
    while (stream_->Read(&msg)) {
      switch (msg.body_case()) {
        case v1::ConnectRequest::kEventBatch: {
          absl::StatusOr<v1::BatchAck> ack = service_.Ingest(msg.event_batch(), server_id_);
          if (!ack.ok()) {
            // Rate limiting keeps the stream: the batch is simply not durable and is sent again later.
            if (ack.status().code() != absl::StatusCode::kResourceExhausted) return ToGrpc(ack.status());
            v1::ConnectResponse r;
            r.mutable_batch_ack()->set_sequence(msg.event_batch().sequence());
            r.mutable_batch_ack()->set_durable(false);
            *r.mutable_batch_ack()->mutable_retry_after() = ToProto(RetryAfterOf(ack.status()));
            if (!Write(r)) return grpc::Status::OK;
            break;
          }
          v1::ConnectResponse r;
          *r.mutable_batch_ack() = *std::move(ack);
          v1::ConnectResponse credits;
          credits.mutable_event_credits()->set_grant(static_cast<uint32_t>(std::max(1, msg.event_batch().events_size())));
          if (!Write(r) || !Write(credits)) return grpc::Status::OK;
          break;
        }
        case v1::ConnectRequest::kActionResults: {
          std::vector<v1::ActionResult> results(msg.action_results().results().begin(),
                                                msg.action_results().results().end());
          absl::StatusOr<CompleteResult> done = service_.queue_.Complete(server_id_, results);
          if (!done.ok()) return ToGrpc(done.status());
          if (!done->unknown_action_ids.empty()) {
            v1::ConnectResponse r;
            v1::Notice* n = r.mutable_notice();
            n->set_severity(v1::NOTICE_SEVERITY_WARNING);
            n->set_code("unknown_action_ids");
            n->set_message(absl::StrCat(done->unknown_action_ids.size(), " results named actions this server does not have, e.g. ",
                                        done->unknown_action_ids.front()));
            if (!Write(r)) return grpc::Status::OK;
          }
          break;
        }
        case v1::ConnectRequest::kActionCredits: {
          absl::MutexLock lock(&mu_);
          action_credits_ += msg.action_credits().grant();
          service_.wakeups_.Notify(Wakeups::ActionsFor(server_id_));
          break;
        }
        case v1::ConnectRequest::kPing: {
          v1::ConnectResponse r;
          r.mutable_pong()->set_nonce(msg.ping().nonce());
          *r.mutable_pong()->mutable_server_time() = ToProto(absl::Now());
          if (!Write(r)) return grpc::Status::OK;
          break;
        }
        case v1::ConnectRequest::kHello:
          return {grpc::StatusCode::FAILED_PRECONDITION, "hello: sent twice on one stream"};
        default:
          return {grpc::StatusCode::INVALID_ARGUMENT, "body: no message kind set"};
      }
    }
    return grpc::Status::OK;
  }

  static absl::Duration RetryAfterOf(const absl::Status& s) {
    absl::optional<absl::Cord> hint = s.GetPayload("retry-after-ms");
    int64_t ms = 1000;
    if (hint.has_value()) (void)absl::SimpleAtoi(std::string(*hint), &ms);
    return absl::Milliseconds(ms);
  }

  void PushActions() {
    const std::string topic = Wakeups::ActionsFor(server_id_);
    bool failing = false;  // log a claim failure once until claims work again
    while (true) {
      const uint64_t seen = service_.wakeups_.Generation(topic);
      uint32_t credits;
      {
        absl::MutexLock lock(&mu_);
        if (closed_) return;
        credits = action_credits_;
      }
      bool full = false;
      if (credits > 0) {
        const int max = static_cast<int>(std::min(credits, service_.options_.max_actions_per_delivery));
        absl::StatusOr<Claimed> claimed =
            service_.queue_.Claim(server_id_, max, service_.options_.action_lease, session_id_, supported_kinds_);
        if (claimed.ok()) failing = false;
        if (claimed.ok() && !claimed->actions.empty()) {
          v1::ConnectResponse r;
          v1::ActionDelivery* d = r.mutable_action_delivery();
          for (v1::Action& a : claimed->actions) *d->add_actions() = std::move(a);
          *d->mutable_lease_expires_at() = ToProto(claimed->lease_expires_at);
          const int n = d->actions_size();
          {
            absl::MutexLock lock(&mu_);
            action_credits_ -= std::min<uint32_t>(action_credits_, static_cast<uint32_t>(n));
          }
          if (!Write(r)) return;
          service_.delivered_.Add({{"path", "stream"}}).Increment(n);
          full = n == max;
        } else if (!claimed.ok() && !failing) {
          failing = true;
          log::Warn("claiming actions failed; retrying", {{"server_id", server_id_}, {"error", claimed.status()}});
        }
      }
      if (!full) service_.wakeups_.WaitFor(topic, seen, service_.options_.dispatch_poll);
    }
  }

  bool Write(const v1::ConnectResponse& r) {
    absl::MutexLock lock(&write_mu_);
    return stream_->Write(r);
  }

  BridgeService& service_;
  const std::string server_id_;
  grpc::ServerReaderWriter<v1::ConnectResponse, v1::ConnectRequest>* stream_;
  const std::string session_id_;
  std::vector<std::string> supported_kinds_;
  absl::Mutex write_mu_;
  absl::Mutex mu_;
  uint32_t action_credits_ ABSL_GUARDED_BY(mu_) = 0;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

BridgeService::BridgeService(BridgeOptions options, ServerKeys& keys, const EventValidator& validator, Inbox& inbox,
                             ActionQueue& queue, Wakeups& wakeups, RateLimiter& limiter, prometheus::Registry& metrics)
    : options_(std::move(options)),
      keys_(keys),
      validator_(validator),
      inbox_(inbox),
      queue_(queue),
      wakeups_(wakeups),
      limiter_(limiter),
      events_(prometheus::BuildCounter()
                  .Name("aiworld_gateway_events_total")
                  .Help("Events received from bridges, by outcome (accepted, rejected, duplicate).")
                  .Register(metrics)),
      rejected_(prometheus::BuildCounter()
                    .Name("aiworld_gateway_events_rejected_total")
                    .Help("Events refused by validation, by the field at fault.")
                    .Register(metrics)),
      delivered_(prometheus::BuildCounter()
                     .Name("aiworld_gateway_actions_delivered_total")
                     .Help("Actions leased to bridges, by path (stream, pull).")
                     .Register(metrics)),
      streams_(prometheus::BuildGauge()
                   .Name("aiworld_gateway_bridge_streams")
                   .Help("Bridge streams connected to this gateway.")
                   .Register(metrics)
                   .Add({})) {}

absl::StatusOr<std::string> BridgeService::Authenticate(grpc::ServerContext* context) {
  const auto& md = context->client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) {
    return absl::UnauthenticatedError("missing bridge key: send metadata \"authorization: Bearer aiw_...\"");
  }
  absl::StatusOr<std::string> token = ServerKeys::TokenFromAuthorization(std::string(it->second.data(), it->second.size()));
  if (!token.ok()) return token.status();
  return keys_.Authenticate(*token);
}

absl::StatusOr<v1::BatchAck> BridgeService::Ingest(const v1::EventBatch& batch, const std::string& server_id) {
  if (absl::Status s = validator_.CheckBatch(batch, server_id); !s.ok()) {
    // A key speaks for one server: another server_id is an authentication problem, not a bad field.
    if (s.code() == absl::StatusCode::kPermissionDenied) return absl::UnauthenticatedError(s.message());
    return s;
  }
  absl::Duration retry_after;
  if (!limiter_.TryTake(server_id, batch.events_size(), &retry_after)) {
    absl::Status s = absl::ResourceExhaustedError(absl::StrCat(
        "events: server ", server_id, " is over its rate limit; retry after ", absl::FormatDuration(retry_after)));
    s.SetPayload("retry-after-ms", absl::Cord(std::to_string(absl::ToInt64Milliseconds(retry_after))));
    return s;
  }
  const std::vector<EventRejection> rejected = validator_.CheckEvents(batch);
  absl::StatusOr<StoreResult> stored = inbox_.Store(batch, rejected);
  if (!stored.ok()) return stored.status();
  v1::BatchAck ack;
  ack.set_sequence(batch.sequence());
  ack.set_durable(true);
  ack.set_duplicate(stored->duplicate);
  ack.set_accepted_count(stored->accepted);
  for (const EventRejection& r : stored->rejected) {
    v1::RejectedEvent* e = ack.add_rejected();
    e->set_index(r.index);
    e->set_field(r.field);
    e->set_reason(r.reason);
  }
  if (stored->duplicate) {
    events_.Add({{"outcome", "duplicate"}}).Increment(batch.events_size());
  } else {
    events_.Add({{"outcome", "accepted"}}).Increment(stored->accepted);
    events_.Add({{"outcome", "rejected"}}).Increment(static_cast<double>(rejected.size()));
    for (const EventRejection& r : rejected) rejected_.Add({{"field", FieldLabel(r.field)}}).Increment();
    wakeups_.Notify(Wakeups::kInbox);
  }
  return ack;
}

grpc::Status BridgeService::Connect(grpc::ServerContext* context,
                                    grpc::ServerReaderWriter<v1::ConnectResponse, v1::ConnectRequest>* stream) {
  absl::StatusOr<std::string> server_id = Authenticate(context);
  if (!server_id.ok()) return ToGrpc(server_id.status());
  streams_.Increment();
  Session session(*this, *server_id, stream);
  grpc::Status status = session.Run(context);
  streams_.Decrement();
  return status;
}

grpc::Status BridgeService::DispatchEvents(grpc::ServerContext* context, const v1::DispatchEventsRequest* request,
                                           v1::DispatchEventsResponse* response) {
  absl::StatusOr<std::string> server_id = Authenticate(context);
  if (!server_id.ok()) return ToGrpc(server_id.status());
  if (!request->has_batch()) return {grpc::StatusCode::INVALID_ARGUMENT, "batch: required"};
  absl::StatusOr<v1::BatchAck> ack = Ingest(request->batch(), *server_id);
  if (!ack.ok()) {
    if (absl::optional<absl::Cord> hint = ack.status().GetPayload("retry-after-ms"); hint.has_value()) {
      context->AddTrailingMetadata("retry-after-ms", std::string(*hint));
    }
    return ToGrpc(ack.status());
  }
  *response->mutable_ack() = *std::move(ack);
  return grpc::Status::OK;
}

grpc::Status BridgeService::PullActions(grpc::ServerContext* context, const v1::PullActionsRequest* request,
                                        v1::PullActionsResponse* response) {
  absl::StatusOr<std::string> server_id = Authenticate(context);
  if (!server_id.ok()) return ToGrpc(server_id.status());
  if (!request->server_id().empty() && request->server_id() != *server_id) {
    return {grpc::StatusCode::UNAUTHENTICATED, "server_id: this key belongs to another server"};
  }
  const uint32_t max = request->max_actions() == 0 ? 100 : request->max_actions();
  if (max > 1000) return {grpc::StatusCode::INVALID_ARGUMENT, "max_actions: at most 1000"};
  absl::Duration lease = request->has_lease() ? FromProto(request->lease()) : options_.action_lease;
  if (lease < absl::Seconds(1) || lease > absl::Minutes(10)) {
    return {grpc::StatusCode::INVALID_ARGUMENT, "lease: must be 1s..10m"};
  }
  const absl::Duration wait = request->has_wait() ? FromProto(request->wait()) : absl::ZeroDuration();
  if (wait < absl::ZeroDuration() || wait > options_.max_pull_wait) {
    return {grpc::StatusCode::INVALID_ARGUMENT,
            absl::StrCat("wait: must be 0..", absl::FormatDuration(options_.max_pull_wait))};
  }
  const std::vector<std::string> kinds = KindNames(request->supported_actions());
  const std::string topic = Wakeups::ActionsFor(*server_id);
  const absl::Time deadline = absl::Now() + wait;
  const std::string puller = absl::StrCat("pull:", NewSessionId());
  while (true) {
    const uint64_t seen = wakeups_.Generation(topic);
    absl::StatusOr<Claimed> claimed = queue_.Claim(*server_id, static_cast<int>(max), lease, puller, kinds);
    if (!claimed.ok()) return ToGrpc(claimed.status());
    if (!claimed->actions.empty() || absl::Now() >= deadline || context->IsCancelled()) {
      delivered_.Add({{"path", "pull"}}).Increment(static_cast<double>(claimed->actions.size()));
      for (v1::Action& a : claimed->actions) *response->add_actions() = std::move(a);
      if (!claimed->actions.empty()) *response->mutable_lease_expires_at() = ToProto(claimed->lease_expires_at);
      return grpc::Status::OK;
    }
    wakeups_.WaitFor(topic, seen, std::min(options_.dispatch_poll, deadline - absl::Now()));
  }
}

grpc::Status BridgeService::CompleteActions(grpc::ServerContext* context, const v1::CompleteActionsRequest* request,
                                            v1::CompleteActionsResponse* response) {
  absl::StatusOr<std::string> server_id = Authenticate(context);
  if (!server_id.ok()) return ToGrpc(server_id.status());
  if (!request->server_id().empty() && request->server_id() != *server_id) {
    return {grpc::StatusCode::UNAUTHENTICATED, "server_id: this key belongs to another server"};
  }
  if (request->results_size() > 1000) return {grpc::StatusCode::INVALID_ARGUMENT, "results: at most 1000 per call"};
  for (int i = 0; i < request->results_size(); ++i) {
    const v1::ActionResult& r = request->results(i);
    if (r.action_id().empty() || r.action_id().size() > 64) {
      return {grpc::StatusCode::INVALID_ARGUMENT, absl::StrCat("results[", i, "].action_id: required, at most 64 bytes")};
    }
    if (r.status() == v1::ACTION_STATUS_UNSPECIFIED) {
      return {grpc::StatusCode::INVALID_ARGUMENT, absl::StrCat("results[", i, "].status: required")};
    }
  }
  std::vector<v1::ActionResult> results(request->results().begin(), request->results().end());
  absl::StatusOr<CompleteResult> done = queue_.Complete(*server_id, results);
  if (!done.ok()) return ToGrpc(done.status());
  response->set_accepted_count(done->accepted);
  for (const std::string& id : done->unknown_action_ids) response->add_unknown_action_ids(id);
  return grpc::Status::OK;
}

}  // namespace aiworld::gateway
