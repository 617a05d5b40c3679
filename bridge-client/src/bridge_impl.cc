// The bridge engine: Emit → memory ring → batches written ahead to the journal → sent on the
// Connect stream within the gateway's credits → acked → journal truncated. Actions arrive on the
// reader thread, wait for the game's PollActions, and their results go back on the stream; the
// applied-action log turns a redelivery after a lost result into a DUPLICATE report.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "aiworld/bridge.h"
#include "aiworld/v1/bridge.grpc.pb.h"
#include "bridge-client/journal/applied_ids.h"
#include "bridge-client/journal/journal.h"
#include "bridge-client/src/circuit_breaker.h"
#include "bridge-client/src/proto_mapping.h"

namespace aiworld::bridge {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

int64_t NowUnixMs() {
  return std::chrono::duration_cast<milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
      continue;
    }
    out += c;
  }
  return out + "\"";
}

v1::ActionResult ResultFor(const std::string& action_id, uint32_t attempt, v1::ActionStatus status,
                           const std::string& reason, uint32_t affected, ErrorCode code = ErrorCode::kNone) {
  v1::ActionResult r;
  r.set_action_id(action_id);
  r.set_status(status);
  // ErrorCode lists actions.proto's codes in their order.
  r.set_code(static_cast<v1::ActionErrorCode>(static_cast<int>(code)));
  r.set_reason(reason.substr(0, 255));
  r.set_attempt(attempt);
  r.set_affected_count(affected);
  const int64_t now = NowUnixMs();
  r.mutable_executed_at()->set_seconds(now / 1000);
  r.mutable_executed_at()->set_nanos(static_cast<int32_t>((now % 1000) * 1000000));
  return r;
}

}  // namespace

class Bridge::Impl {
 public:
  explicit Impl(Options options)
      : options_(std::move(options)),
        breaker_(options_.breaker_failure_threshold, milliseconds(options_.breaker_open_ms)),
        rng_(options_.random_seed != 0 ? options_.random_seed : std::random_device{}()) {}

  ~Impl() { Stop(); }

  bool Open(std::string* error) {
    if (options_.server_id.empty() || options_.key.empty()) {
      *error = "gateway.server_id and gateway.key are required";
      return false;
    }
    JournalOptions jo;
    jo.segment_bytes = static_cast<uint64_t>(options_.journal_segment_mb) << 20;
    jo.sync_every_append = options_.journal_sync;
    auto journal = Journal::Open(options_.journal_dir + "/events", jo);
    if (!journal.ok()) {
      *error = std::string(journal.status().message());
      return false;
    }
    journal_ = std::move(*journal);
    // The game thread only appends ids (the page cache survives a killed process); the send thread
    // syncs them every loop, so a machine crash loses at most ~20 ms of the log.
    AppliedActionLogOptions ao;
    ao.sync_every_record = false;
    auto applied = AppliedActionLog::Open(options_.journal_dir + "/applied", ao);
    if (!applied.ok()) {
      *error = std::string(applied.status().message());
      return false;
    }
    applied_ = std::move(*applied);
    LoadSequenceBase();
    // Batches journaled before a restart and not acked are sent again, in order.
    absl::Status replay = journal_->ReadFrom(journal_->first_unacked(), [this](uint64_t seq, std::string_view payload) {
      pending_.push_back(Pending{seq, std::string(payload), CountEvents(payload), false});
      return true;
    });
    if (!replay.ok()) {
      *error = std::string(replay.message());
      return false;
    }
    replayed_batches_ = pending_.size();
    sender_ = std::thread([this] { SendLoop(); });
    return true;
  }

  bool Emit(Event event) {
    std::lock_guard<std::mutex> lock(ring_mu_);
    if (stopping_) return false;
    const bool urgent = event.priority == Priority::kUrgent;
    (urgent ? urgent_ : ring_).push_back(Timed{std::move(event), NowUnixMs(), next_event_id_++});
    ++emitted_;
    // Wake the batcher once when a batch is full, not on every later event.
    if (urgent_.size() + ring_.size() == static_cast<size_t>(options_.batch_size)) ring_cv_.notify_one();
    return true;
  }

  size_t Poll(size_t max, const std::function<ActionResult(const Action&)>& handler) {
    std::deque<v1::Action> batch;
    {
      std::lock_guard<std::mutex> lock(actions_mu_);
      while (!actions_.empty() && batch.size() < max) {
        batch.push_back(std::move(actions_.front()));
        actions_.pop_front();
      }
    }
    for (const v1::Action& a : batch) {
      v1::ActionResult result;
      if (applied_->Contains(a.action_id())) {
        result = ResultFor(a.action_id(), a.attempt(), v1::ACTION_STATUS_DUPLICATE, "applied before", 0);
        ++actions_duplicate_;
      } else {
        const ActionResult r = handler(FromAction(a));
        if (r.outcome != Outcome::kRetry) (void)applied_->Record(a.action_id());
        const v1::ActionStatus status = r.outcome == Outcome::kDone     ? v1::ACTION_STATUS_DONE
                                        : r.outcome == Outcome::kFailed ? v1::ACTION_STATUS_FAILED
                                                                        : v1::ACTION_STATUS_RETRY;
        result = ResultFor(a.action_id(), a.attempt(), status, r.reason, r.affected, r.code);
        ++(r.outcome == Outcome::kDone ? actions_applied_ : actions_failed_);
      }
      std::lock_guard<std::mutex> lock(out_mu_);
      results_.push_back(std::move(result));
      ++credits_to_grant_;
    }
    if (!batch.empty()) ring_cv_.notify_one();
    return batch.size();
  }

  Counters counters() const {
    Counters c;
    c.emitted = emitted_.load();
    c.invalid_events = invalid_events_.load();
    c.batches_journaled = batches_journaled_.load();
    c.batches_sent = batches_sent_.load();
    c.batches_acked = batches_acked_.load();
    c.events_acked = events_acked_.load();
    c.events_rejected = events_rejected_.load();
    c.actions_received = actions_received_.load();
    c.actions_applied = actions_applied_.load();
    c.actions_failed = actions_failed_.load();
    c.actions_duplicate = actions_duplicate_.load();
    c.reconnects = reconnects_.load();
    {
      std::lock_guard<std::mutex> lock(pending_mu_);
      for (const Pending& p : pending_) c.unacked_batches += p.acked ? 0 : 1;
      for (const Pending& p : pending_) c.unacked_events += p.acked ? 0 : static_cast<uint64_t>(p.events);
    }
    c.journal_bytes = journal_ ? journal_->bytes_on_disk() : 0;
    return c;
  }

  std::string ConnectionState() const {
    const int state = connection_state_.load();
    return state == 2 ? "connected" : state == 1 ? "connecting" : "disconnected";
  }

  std::string Status() const {
    size_t ring, waiting, pending;
    {
      std::lock_guard<std::mutex> lock(ring_mu_);
      ring = ring_.size() + urgent_.size();
    }
    {
      std::lock_guard<std::mutex> lock(actions_mu_);
      waiting = actions_.size();
    }
    const Counters c = counters();
    pending = c.unacked_batches;
    std::ostringstream o;
    o << "{\"server_id\":" << JsonString(options_.server_id) << ",\"gateway\":" << JsonString(options_.gateway_address)
      << ",\"connection\":" << JsonString(ConnectionState())
      << ",\"breaker\":" << JsonString(breaker_state_name_.load()) << ",\"ring_events\":" << ring
      << ",\"unacked_batches\":" << pending << ",\"actions_waiting\":" << waiting
      << ",\"journal\":{\"bytes\":" << journal_->bytes_on_disk() << ",\"segments\":" << journal_->segment_count()
      << ",\"next_sequence\":" << journal_->next_sequence() << ",\"first_unacked\":" << journal_->first_unacked()
      << ",\"replayed_batches\":" << replayed_batches_ << ",\"recovered_bytes_dropped\":" << journal_->recovery().bytes_dropped
      << ",\"recovery_issues\":" << journal_->recovery().issues.size() << "}"
      << ",\"counters\":{\"emitted\":" << c.emitted << ",\"invalid_events\":" << c.invalid_events
      << ",\"batches_journaled\":" << c.batches_journaled << ",\"batches_sent\":" << c.batches_sent
      << ",\"batches_acked\":" << c.batches_acked << ",\"events_acked\":" << c.events_acked
      << ",\"events_rejected\":" << c.events_rejected << ",\"actions_received\":" << c.actions_received
      << ",\"actions_applied\":" << c.actions_applied << ",\"actions_failed\":" << c.actions_failed
      << ",\"actions_duplicate\":" << c.actions_duplicate << ",\"reconnects\":" << c.reconnects << "}}";
    return o.str();
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(ring_mu_);
      if (stopping_) return;
      stopping_ = true;
    }
    ring_cv_.notify_all();
    if (sender_.joinable()) sender_.join();
    if (journal_) (void)journal_->Sync();
  }

 private:
  struct Timed {
    Event event;
    int64_t emitted_ms;
    uint64_t event_id;
  };
  struct Pending {
    uint64_t journal_seq;
    std::string batch;  // serialized EventBatch without server_id and sequence
    int events;
    bool sent;
    bool acked = false;  // durable at the gateway; leaves once every earlier batch is too
  };
  // One Connect stream; the reader thread owns reads, the send loop owns writes.
  struct Session {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReaderWriter<v1::ConnectRequest, v1::ConnectResponse>> stream;
    std::thread reader;
    std::atomic<bool> welcomed{false};
    std::atomic<bool> ended{false};
    std::atomic<int64_t> event_credits{0};
    std::atomic<uint32_t> max_unacked{8};
    std::atomic<int64_t> resume_at_ms{0};
  };

  static int CountEvents(std::string_view batch) {
    v1::EventBatch b;
    b.ParseFromArray(batch.data(), static_cast<int>(batch.size()));
    return b.events_size();
  }

  // Sequence numbers are the journal's plus a base. A journal that starts empty adopts the
  // gateway's last durable sequence (Hello.next_sequence = 0), so a lost journal never makes new
  // batches look like resent ones.
  void LoadSequenceBase() {
    std::ifstream in(options_.journal_dir + "/sequence_base");
    if (in >> sequence_base_) {
      base_known_ = true;
    } else {
      sequence_base_ = 0;
      base_known_ = journal_->next_sequence() > 1;
    }
  }
  void SaveSequenceBase() {
    const std::string path = options_.journal_dir + "/sequence_base";
    std::ofstream(path + ".tmp") << sequence_base_ << "\n";
    std::rename((path + ".tmp").c_str(), path.c_str());
    base_known_ = true;
  }
  uint64_t WireSequence(uint64_t journal_seq) const { return sequence_base_ + journal_seq; }

  // Moves events from the ring into closed batches in the journal.
  void FormBatches(bool flush) {
    std::deque<Timed> taken, rest;
    {
      // O(1) under the lock, so Emit never waits for the batching.
      std::lock_guard<std::mutex> lock(ring_mu_);
      taken.swap(urgent_);
      rest.swap(ring_);
    }
    for (Timed& t : rest) taken.push_back(std::move(t));
    for (Timed& t : taken) {
      v1::GameEvent* e = building_.add_events();
      std::string error;
      if (!ToGameEvent(t.event, t.emitted_ms, t.event_id, e, &error)) {
        building_.mutable_events()->RemoveLast();
        ++invalid_events_;
        if (invalid_events_.load() <= 10) std::fprintf(stderr, "aiworld bridge: event not sent: %s\n", error.c_str());
        continue;
      }
      if (building_.events_size() == 1) building_started_ = SteadyClock::now();
      if (building_.events_size() >= options_.batch_size) CloseBatch();
    }
    if (building_.events_size() > 0 &&
        (flush || SteadyClock::now() - building_started_ >= milliseconds(options_.batch_interval_ms))) {
      CloseBatch();
    }
  }

  void CloseBatch() {
    const int64_t now = NowUnixMs();
    building_.mutable_sent_at()->set_seconds(now / 1000);
    std::string bytes = building_.SerializeAsString();
    const int events = building_.events_size();
    building_.Clear();
    absl::StatusOr<uint64_t> seq = journal_->Append(bytes);
    if (!seq.ok()) {
      // The disk refused it: keep it in memory only (sent, but not replayable after a crash).
      std::fprintf(stderr, "aiworld bridge: journal append failed: %s\n", std::string(seq.status().message()).c_str());
      seq = next_memory_only_seq_++;
    }
    ++batches_journaled_;
    std::lock_guard<std::mutex> lock(pending_mu_);
    pending_.push_back(Pending{*seq, std::move(bytes), events, false});
  }

  void SendLoop() {
    auto next_attempt = SteadyClock::now();
    while (true) {
      bool stopping;
      {
        std::unique_lock<std::mutex> lock(ring_mu_);
        ring_cv_.wait_for(lock, milliseconds(std::min(options_.batch_interval_ms, 5)));
        stopping = stopping_;
      }
      FormBatches(stopping);
      (void)applied_->Sync();
      if (stopping) break;

      if (session_ && session_->ended.load()) EndSession();
      if (!session_ && SteadyClock::now() >= next_attempt) {
        breaker_state_name_ = CircuitBreaker::Name(breaker_.state());
        if (breaker_.AllowAttempt(SteadyClock::now())) {
          StartSession();
        }
        breaker_state_name_ = CircuitBreaker::Name(breaker_.state());
        next_attempt = SteadyClock::now() + Backoff();
      }
      if (session_ && session_->welcomed.load() && !session_->ended.load()) SendPending();
    }
    if (session_) {
      session_->context.TryCancel();
      EndSession();
    }
  }

  milliseconds Backoff() {
    const int failures = std::max(1, breaker_.consecutive_failures());
    const double base = std::min<double>(options_.reconnect_max_ms,
                                         options_.reconnect_initial_ms * std::pow(2.0, std::min(failures - 1, 20)));
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    return milliseconds(static_cast<int64_t>(base * jitter(rng_)));
  }

  void StartSession() {
    connection_state_ = 1;
    session_ = std::make_unique<Session>();
    if (channel_ == nullptr) {
      grpc::ChannelArguments args;
      args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 10000);
      args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 5000);
      args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
      args.SetMaxReceiveMessageSize(16 << 20);
      std::shared_ptr<grpc::ChannelCredentials> creds = grpc::InsecureChannelCredentials();
      if (!options_.tls_ca_file.empty()) {
        std::ifstream in(options_.tls_ca_file);
        std::stringstream pem;
        pem << in.rdbuf();
        grpc::SslCredentialsOptions ssl;
        ssl.pem_root_certs = pem.str();
        creds = grpc::SslCredentials(ssl);
      }
      channel_ = grpc::CreateCustomChannel(options_.gateway_address, creds, args);
      stub_ = v1::Bridge::NewStub(channel_);
    }
    session_->context.AddMetadata("authorization", "Bearer " + options_.key);
    session_->stream = stub_->Connect(&session_->context);
    v1::ConnectRequest hello;
    v1::Hello* h = hello.mutable_hello();
    h->set_server_id(options_.server_id);
    h->set_bridge_version("0.1.0");
    h->set_next_sequence(base_known_ ? WireSequence(journal_->next_sequence()) : 0);
    h->set_last_acked_sequence(journal_->first_unacked() > 1 ? WireSequence(journal_->first_unacked() - 1) : 0);
    h->set_initial_action_credits(static_cast<uint32_t>(options_.action_queue_capacity));
    if (!session_->stream->Write(hello)) {
      session_->ended = true;
      return;
    }
    Session* s = session_.get();
    s->reader = std::thread([this, s] { ReadLoop(s); });
  }

  void EndSession() {
    if (session_->reader.joinable()) session_->reader.join();
    if (session_->welcomed.load()) {
      breaker_.OnSuccess();
    } else {
      breaker_.OnFailure(SteadyClock::now());
    }
    breaker_state_name_ = CircuitBreaker::Name(breaker_.state());
    session_.reset();
    connection_state_ = 0;
    std::lock_guard<std::mutex> lock(pending_mu_);
    for (Pending& p : pending_) p.sent = p.acked;  // the next stream sends the rest again, in order
  }

  void ReadLoop(Session* s) {
    v1::ConnectResponse msg;
    while (s->stream->Read(&msg)) {
      switch (msg.body_case()) {
        case v1::ConnectResponse::kWelcome: OnWelcome(s, msg.welcome()); break;
        case v1::ConnectResponse::kBatchAck: OnAck(s, msg.batch_ack()); break;
        case v1::ConnectResponse::kEventCredits: s->event_credits += msg.event_credits().grant(); break;
        case v1::ConnectResponse::kActionDelivery: OnActions(msg.action_delivery()); break;
        default: break;
      }
    }
    (void)s->stream->Finish();
    s->ended = true;
    ring_cv_.notify_one();
  }

  void OnWelcome(Session* s, const v1::Welcome& w) {
    if (!base_known_) {
      // A fresh journal: continue after what the gateway already holds for this server.
      const uint64_t first = journal_->first_unacked();
      if (w.last_durable_sequence() + 1 > first) sequence_base_ = w.last_durable_sequence() + 1 - first;
      SaveSequenceBase();
    }
    // Batches journaled here but already durable there (a crash after the ack) are simply sent
    // again: the gateway acks them as duplicates. last_durable_sequence is not a cumulative ack,
    // since a rate-limited batch may be missing below it.
    s->event_credits = w.limits().initial_event_credits();
    s->max_unacked = std::max<uint32_t>(1, w.limits().max_unacked_batches());
    s->welcomed = true;
    connection_state_ = 2;
    if (++sessions_welcomed_ > 1) ++reconnects_;
    ring_cv_.notify_one();
  }

  // Acks are per batch (one may be refused for rate while a later one is stored): the journal is
  // truncated only through the longest prefix of acked batches.
  void Acked(uint64_t wire_sequence) {
    if (wire_sequence <= sequence_base_) return;
    const uint64_t journal_seq = wire_sequence - sequence_base_;
    uint64_t truncate_through = 0;
    {
      std::lock_guard<std::mutex> lock(pending_mu_);
      for (Pending& p : pending_) {
        if (p.journal_seq == journal_seq) p.acked = true;
      }
      while (!pending_.empty() && pending_.front().acked) {
        // A batch the disk refused has no journal record to truncate.
        if (pending_.front().journal_seq < kMemoryOnlyBase) truncate_through = pending_.front().journal_seq;
        pending_.pop_front();
      }
    }
    if (truncate_through > 0) (void)journal_->TruncateThrough(truncate_through);
  }

  void OnAck(Session* s, const v1::BatchAck& ack) {
    if (!ack.durable()) {
      // Over the gateway's rate: send it (and what follows) again after the hint.
      const int64_t wait = ack.retry_after().seconds() * 1000 + ack.retry_after().nanos() / 1000000;
      s->resume_at_ms = NowUnixMs() + std::max<int64_t>(wait, 100);
      std::lock_guard<std::mutex> lock(pending_mu_);
      for (Pending& p : pending_) {
        if (!p.acked && WireSequence(p.journal_seq) >= ack.sequence()) p.sent = false;
      }
      return;
    }
    ++batches_acked_;
    events_acked_ += ack.accepted_count();
    events_rejected_ += static_cast<uint64_t>(ack.rejected_size());
    Acked(ack.sequence());
  }

  void OnActions(const v1::ActionDelivery& delivery) {
    std::lock_guard<std::mutex> lock(actions_mu_);
    for (const v1::Action& a : delivery.actions()) {
      actions_.push_back(a);
      ++actions_received_;
    }
  }

  void SendPending() {
    Session* s = session_.get();
    if (NowUnixMs() < s->resume_at_ms.load()) return;
    std::vector<v1::ConnectRequest> out;
    {
      std::lock_guard<std::mutex> lock(pending_mu_);
      uint32_t in_flight = 0;
      for (Pending& p : pending_) {
        if (p.acked) continue;
        if (p.sent) {
          ++in_flight;
          continue;
        }
        if (in_flight >= s->max_unacked.load() || s->event_credits.load() < p.events) break;
        v1::ConnectRequest req;
        v1::EventBatch* b = req.mutable_event_batch();
        b->ParseFromString(p.batch);
        b->set_server_id(options_.server_id);
        b->set_sequence(WireSequence(p.journal_seq));
        out.push_back(std::move(req));
        s->event_credits -= p.events;
        p.sent = true;
        ++in_flight;
      }
    }
    for (const v1::ConnectRequest& req : out) {
      if (!s->stream->Write(req)) return;
      ++batches_sent_;
    }
    v1::ConnectRequest results;
    uint32_t grant = 0;
    {
      std::lock_guard<std::mutex> lock(out_mu_);
      for (v1::ActionResult& r : results_) *results.mutable_action_results()->add_results() = std::move(r);
      results_.clear();
      grant = credits_to_grant_;
      credits_to_grant_ = 0;
    }
    if (results.action_results().results_size() > 0 && !s->stream->Write(results)) return;
    if (grant > 0) {
      v1::ConnectRequest credits;
      credits.mutable_action_credits()->set_grant(grant);
      (void)s->stream->Write(credits);
    }
  }

  const Options options_;
  CircuitBreaker breaker_;
  std::mt19937_64 rng_;
  std::unique_ptr<Journal> journal_;
  std::unique_ptr<AppliedActionLog> applied_;
  uint64_t sequence_base_ = 0;
  bool base_known_ = false;
  static constexpr uint64_t kMemoryOnlyBase = uint64_t{1} << 40;  // far above any journal sequence
  uint64_t next_memory_only_seq_ = kMemoryOnlyBase;
  size_t replayed_batches_ = 0;

  mutable std::mutex ring_mu_;
  std::condition_variable ring_cv_;
  std::deque<Timed> ring_, urgent_;
  bool stopping_ = false;
  uint64_t next_event_id_ = static_cast<uint64_t>(NowUnixMs()) * 1000;  // increasing across restarts

  v1::EventBatch building_;  // send thread only
  SteadyClock::time_point building_started_;

  mutable std::mutex pending_mu_;
  std::deque<Pending> pending_;

  mutable std::mutex actions_mu_;
  std::deque<v1::Action> actions_;
  std::mutex out_mu_;
  std::vector<v1::ActionResult> results_;
  uint32_t credits_to_grant_ = 0;

  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::Bridge::Stub> stub_;
  std::unique_ptr<Session> session_;  // send thread only
  std::thread sender_;
  std::atomic<int> connection_state_{0};
  std::atomic<const char*> breaker_state_name_{"closed"};
  int sessions_welcomed_ = 0;

  std::atomic<uint64_t> emitted_{0}, invalid_events_{0}, batches_journaled_{0}, batches_sent_{0}, batches_acked_{0},
      events_acked_{0}, events_rejected_{0}, actions_received_{0}, actions_applied_{0}, actions_failed_{0},
      actions_duplicate_{0}, reconnects_{0};
};

Bridge::Bridge(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Bridge::~Bridge() = default;

std::unique_ptr<Bridge> Bridge::Start(const Options& options, std::string* error) {
  auto impl = std::make_unique<Impl>(options);
  std::string ignored;
  if (!impl->Open(error != nullptr ? error : &ignored)) return nullptr;
  return std::unique_ptr<Bridge>(new Bridge(std::move(impl)));
}

bool Bridge::Emit(Event event) { return impl_->Emit(std::move(event)); }
size_t Bridge::PollActions(size_t max, const std::function<ActionResult(const Action&)>& handler) {
  return impl_->Poll(max, handler);
}
std::string Bridge::StatusJson() const { return impl_->Status(); }
std::string Bridge::ConnectionState() const { return impl_->ConnectionState(); }
Counters Bridge::counters() const { return impl_->counters(); }
void Bridge::Stop() { impl_->Stop(); }

}  // namespace aiworld::bridge
