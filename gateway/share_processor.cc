#include "gateway/share_processor.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "gateway/game_time.h"
#include "runtime/agent_groups.h"
#include "runtime/log.h"
#include "runtime/proto_time.h"
#include "runtime/random.h"

namespace aiworld::gateway {
ShareProcessor::ShareProcessor(PgPool& db, Inbox& inbox, GroupDirectory& groups, ActionMerger& merger,
                               Wakeups& wakeups, ProcessorOptions options, prometheus::Registry& metrics)
    : db_(db),
      inbox_(inbox),
      groups_(groups),
      merger_(merger),
      wakeups_(wakeups),
      options_(options),
      shares_(prometheus::BuildCounter()
                  .Name("aiworld_gateway_shares_total")
                  .Help("Inbox shares handled, by group and outcome (done, empty, retry).")
                  .Register(metrics)),
      latency_(prometheus::BuildHistogram()
                   .Name("aiworld_gateway_group_call_seconds")
                   .Help("Latency of AgentGroup.HandleEvents calls, by group.")
                   .Register(metrics)) {}

absl::Duration ShareProcessor::Backoff(int attempts) const {
  const double factor = std::pow(2.0, std::min(attempts, 16));
  return std::min(options_.max_backoff, options_.first_backoff * factor);
}

ShareOutcome ShareProcessor::ProcessOne(const std::string& group, absl::Status* error) {
  ShareOutcome outcome = ShareOutcome::kNone;
  std::string notify_server;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    std::optional<Share> share = inbox_.ClaimNext(tx, group);
    if (!share.has_value()) return absl::OkStatus();
    const std::string origin_key = absl::StrCat(share->server_id, "/", share->sequence, "/", group);

    std::string describe_error;
    std::optional<std::set<int>> subscriptions = groups_.Subscriptions(group);
    if (!subscriptions.has_value()) {
      groups_.LastDescription(group, &describe_error);
      inbox_.MarkFailed(tx, *share, absl::StrCat("group not described yet: ", describe_error), Backoff(share->attempts));
      tx.commit();
      shares_.Add({{"group", group}, {"outcome", "retry"}}).Increment();
      outcome = ShareOutcome::kRetryLater;
      return absl::OkStatus();
    }

    v1::HandleEventsRequest request;
    request.set_server_id(share->server_id);
    request.set_batch_sequence(share->sequence);
    request.set_seed(StableSeed({share->server_id, std::to_string(share->sequence), group}));
    request.set_attempt(static_cast<uint32_t>(share->attempts + 1));
    // The mesh time of receipt, so a redelivered share carries the same "now".
    const ScaledClock* mesh = options_.mesh_clock;
    *request.mutable_now() = ToProto(mesh != nullptr ? mesh->MeshAt(share->received_at) : share->received_at);
    request.set_game_day_seconds(mesh != nullptr ? mesh->game_day_seconds() : kMaxGameDaySeconds);
    const std::set<uint32_t> rejected(share->rejected_indices.begin(), share->rejected_indices.end());
    for (int i = 0; i < share->batch.events_size(); ++i) {
      const v1::GameEvent& event = share->batch.events(i);
      if (rejected.contains(static_cast<uint32_t>(i)) || !subscriptions->contains(static_cast<int>(event.payload_case()))) {
        continue;
      }
      v1::RoutedEvent* routed = request.add_events();
      routed->set_index(static_cast<uint32_t>(i));
      *routed->mutable_event() = event;
    }
    if (request.events().empty()) {
      inbox_.MarkDone(tx, *share, 0, 0);
      tx.commit();
      shares_.Add({{"group", group}, {"outcome", "empty"}}).Increment();
      outcome = ShareOutcome::kDone;
      return absl::OkStatus();
    }

    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + options_.group_deadline));
    v1::HandleEventsResponse response;
    const auto start = std::chrono::steady_clock::now();
    const grpc::Status call = groups_.Stub(group).HandleEvents(&ctx, request, &response);
    latency_.Add({{"group", group}}, prometheus::Histogram::BucketBoundaries{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10})
        .Observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (!call.ok()) {
      const std::string error = absl::StrCat("HandleEvents: ", call.error_code(), " ", call.error_message());
      if (share->attempts == 0) log::Warn("group call failed; the share will be retried", {{"group", group}, {"error", error}});
      inbox_.MarkFailed(tx, *share, error, Backoff(share->attempts));
      tx.commit();
      shares_.Add({{"group", group}, {"outcome", "retry"}}).Increment();
      outcome = ShareOutcome::kRetryLater;
      return absl::OkStatus();
    }

    std::vector<v1::Action> actions(response.actions().begin(), response.actions().end());
    for (v1::Action& a : actions) {
      if (a.origin().group() == v1::AGENT_GROUP_KIND_UNSPECIFIED) a.mutable_origin()->set_group(GroupKind(group));
      if (a.cause().events().empty() && !a.cause().has_job()) {
        v1::EventRef* ref = a.mutable_cause()->add_events();
        ref->set_server_id(share->server_id);
        ref->set_batch_sequence(share->sequence);
      }
      if (mesh != nullptr) ToRealTime(mesh->anchor(), a);
    }
    MergeOutcome merged = merger_.Merge(tx, share->server_id, group, origin_key, std::move(actions));
    inbox_.MarkDone(tx, *share, request.events_size(), merged.queued);
    if (merged.queued > 0) {
      // Other replicas holding this server's stream learn of it at commit (at most once per share).
      tx.exec_params("SELECT pg_notify('aiworld_actions', $1)", share->server_id);
      notify_server = share->server_id;
    }
    tx.commit();
    shares_.Add({{"group", group}, {"outcome", "done"}}).Increment();
    outcome = ShareOutcome::kDone;
    return absl::OkStatus();
  });
  if (!s.ok()) {
    if (error != nullptr) *error = s;
    return ShareOutcome::kError;
  }
  if (!notify_server.empty()) wakeups_.Notify(Wakeups::ActionsFor(notify_server));
  return outcome;
}

void ShareProcessor::Work(const std::string& group) {
  bool failing = false;  // log a database failure once, and its end
  while (!stop_.load()) {
    const uint64_t seen = wakeups_.Generation(Wakeups::kInbox);
    absl::Status error;
    ShareOutcome outcome = ProcessOne(group, &error);
    if ((outcome == ShareOutcome::kError) != failing) {
      failing = !failing;
      failing ? log::Warn("share processing paused: database error", {{"group", group}, {"error", error}})
              : log::Info("share processing resumed", {{"group", group}});
    }
    if (outcome == ShareOutcome::kDone) continue;
    wakeups_.WaitFor(Wakeups::kInbox, seen, options_.idle_poll);
  }
}

void ShareProcessor::Start() {
  for (const std::string& g : groups_.groups()) workers_.emplace_back([this, g] { Work(g); });
}

void ShareProcessor::Stop() {
  stop_ = true;
  wakeups_.Notify(Wakeups::kInbox);
  for (std::thread& t : workers_) {
    if (t.joinable()) t.join();
  }
  workers_.clear();
}

}  // namespace aiworld::gateway
