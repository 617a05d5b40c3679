#include "services/agentkit/agent_group_service.h"

#include <chrono>
#include <map>
#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "runtime/version.h"

namespace aiworld::agentkit {
namespace {

grpc::Status ToGrpc(const absl::Status& s) {
  return s.ok() ? grpc::Status::OK : grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
}

// The response recorded the first time a batch or job slot was handled, if there is one.
template <typename Response>
bool ParseRecorded(const pqxx::result& rows, Response* response) {
  if (rows.empty()) return false;
  const pqxx::binarystring bytes(rows[0][0]);
  response->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
  response->set_duplicate(true);
  return true;
}

std::string KindName(const v1::Action& a) {
  const auto* f = a.GetReflection()->GetOneofFieldDescriptor(a, v1::Action::descriptor()->FindOneofByName("kind"));
  return f == nullptr ? "unspecified" : f->name();
}

}  // namespace

AgentGroupService::AgentGroupService(GroupIdentity identity, std::vector<std::shared_ptr<Agent>> agents, PgPool& db,
                                     const Clock& clock, prometheus::Registry& metrics, std::shared_ptr<AgentTools> tools)
    : identity_(std::move(identity)),
      agents_(std::move(agents)),
      db_(db),
      clock_(clock),
      tools_(std::move(tools)),
      started_at_(clock.Now()),
      actions_(prometheus::BuildCounter().Name("aiworld_agent_actions_total").Help("Actions decided, by agent and kind.").Register(metrics)),
      errors_(prometheus::BuildCounter().Name("aiworld_agent_errors_total").Help("Agent failures (their changes rolled back), by agent.").Register(metrics)),
      latency_(prometheus::BuildHistogram().Name("aiworld_agent_handle_seconds").Help("Time an agent took for one batch or job.").Register(metrics)) {}

v1::AgentDescriptor AgentGroupService::DescriptorOf(const Agent& agent, bool enabled) const {
  v1::AgentDescriptor d;
  d.set_name(agent.name());
  d.set_enabled(enabled);
  d.set_description(agent.description());
  for (v1::EventKind k : agent.subscriptions()) d.add_subscribed_events(k);
  for (const v1::JobSpec& j : agent.jobs()) *d.add_jobs() = j;
  for (v1::ActionKind k : agent.emitted_actions()) d.add_emitted_actions(k);
  d.add_tables(identity_.group + ".agent_state");
  return d;
}

std::map<std::string, bool> AgentGroupService::EnabledAgents(pqxx::transaction_base& tx) const {
  std::map<std::string, bool> enabled;
  for (const auto& a : agents_) enabled[a->name()] = true;
  for (const auto& row : tx.exec("SELECT agent, enabled FROM " + identity_.group + ".agent_settings")) {
    enabled[row[0].as<std::string>()] = row[1].as<bool>();
  }
  return enabled;
}

grpc::Status AgentGroupService::Describe(grpc::ServerContext*, const v1::DescribeRequest*, v1::DescribeResponse* response) {
  response->set_group(identity_.group);
  response->set_version(kVersion);
  response->set_kind(identity_.kind);
  response->set_instance(identity_.instance);
  *response->mutable_started_at() = ToProto(started_at_);
  std::map<std::string, bool> enabled;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    enabled = EnabledAgents(tx);
    return absl::OkStatus();
  });
  if (!s.ok()) return ToGrpc(s);
  for (const auto& a : agents_) *response->add_agents() = DescriptorOf(*a, enabled[a->name()]);
  return grpc::Status::OK;
}

void AgentGroupService::RunAgent(pqxx::work& tx, Agent& agent, AgentContext& ctx,
                                 const std::function<absl::Status(std::vector<v1::Action>*)>& body,
                                 std::vector<v1::Action>* out, std::string* error) {
  PgStateStore store(tx, identity_.group, agent.name());
  ctx.state = &store;
  ctx.agent = agent.name();
  std::map<std::string, std::unique_ptr<PgStateStore>> siblings;
  ctx.state_of = [&](const std::string& other) -> StateStore* {
    if (other == agent.name()) return &store;
    bool known = false;
    for (const auto& a : agents_) known = known || a->name() == other;
    if (!known) return nullptr;
    auto& slot = siblings[other];
    if (slot == nullptr) slot = std::make_unique<PgStateStore>(tx, identity_.group, other);
    return slot.get();
  };
  ctx.decisions = tools_ != nullptr ? &tools_->decisions() : nullptr;
  ctx.filter = tools_ != nullptr ? &tools_->filter() : nullptr;
  std::vector<v1::Action> decided;
  const auto start = std::chrono::steady_clock::now();
  absl::Status s;
  // Every statement goes through tx, so a plain savepoint scopes this agent's changes.
  tx.exec0("SAVEPOINT agent");
  try {
    s = body(&decided);
  } catch (const pqxx::broken_connection&) {
    throw;  // the whole batch fails and is retried
  } catch (const std::exception& e) {
    s = absl::InternalError(e.what());
  }
  tx.exec0(s.ok() ? "RELEASE SAVEPOINT agent" : "ROLLBACK TO SAVEPOINT agent");
  latency_.Add({{"group", identity_.group}, {"agent", agent.name()}},
               prometheus::Histogram::BucketBoundaries{0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5})
      .Observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  if (!s.ok()) {
    errors_.Add({{"group", identity_.group}, {"agent", agent.name()}}).Increment();
    *error = std::string(s.message());
    return;
  }
  for (v1::Action& a : decided) {
    a.mutable_origin()->set_group(identity_.kind);
    a.mutable_origin()->set_agent(agent.name());
    actions_.Add({{"group", identity_.group}, {"agent", agent.name()}, {"kind", KindName(a)}}).Increment();
    out->push_back(std::move(a));
  }
}

void AgentGroupService::CompleteWorld(pqxx::work& tx, const Agent& next, const std::string& server_id, absl::Time now,
                                      bool* ready, v1::WorldSnapshot* world) {
  if (*ready || !world_source_.build || next.name() == world_source_.agent) return;
  *ready = true;
  PgStateStore state(tx, identity_.group, world_source_.agent);
  absl::StatusOr<v1::WorldSnapshot> built = world_source_.build(state, server_id, now);
  if (built.ok()) *world = *std::move(built);  // else (a server never seen): agents see an empty world
}

grpc::Status AgentGroupService::HandleEvents(grpc::ServerContext*, const v1::HandleEventsRequest* request,
                                             v1::HandleEventsResponse* response) {
  if (request->server_id().empty()) return {grpc::StatusCode::INVALID_ARGUMENT, "server_id: required"};
  if (request->batch_sequence() == 0) return {grpc::StatusCode::INVALID_ARGUMENT, "batch_sequence: must be >= 1"};
  const std::string table = identity_.group + ".handled_batches";
  const auto seq = static_cast<int64_t>(request->batch_sequence());
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    const std::string recorded = "SELECT actions FROM " + table + " WHERE server_id = $1 AND sequence = $2";
    if (ParseRecorded(tx.exec_params(recorded, request->server_id(), seq), response)) return absl::OkStatus();
    const std::map<std::string, bool> enabled = EnabledAgents(tx);
    v1::WorldSnapshot world = request->world();
    bool world_ready = request->has_world();
    const absl::Time now = request->has_now() ? FromProto(request->now()) : clock_.Now();
    if (tools_ != nullptr && request->has_now()) tools_->mesh_clock().Observe(now, request->game_day_seconds());
    std::vector<v1::Action> actions;
    for (const auto& agent : agents_) {
      if (!enabled.at(agent->name())) continue;
      const auto kinds = agent->subscriptions();
      const std::set<int> wanted(kinds.begin(), kinds.end());
      std::vector<const v1::RoutedEvent*> events;
      for (const v1::RoutedEvent& e : request->events()) {
        if (wanted.contains(static_cast<int>(e.event().payload_case()))) events.push_back(&e);
      }
      if (events.empty()) continue;
      CompleteWorld(tx, *agent, request->server_id(), now, &world_ready, &world);
      SeededRandom random = SeededRandom::FromKeys({request->server_id(), std::to_string(seq), agent->name()});
      AgentContext ctx;
      ctx.server_id = request->server_id();
      ctx.batch_sequence = request->batch_sequence();
      ctx.now = now;
      ctx.world = &world;
      ctx.random = &random;
      std::string error;
      RunAgent(tx, *agent, ctx, [&](std::vector<v1::Action>* out) { return agent->HandleEvents(ctx, events, out); },
               &actions, &error);
      if (!error.empty()) {
        v1::EventError* e = response->add_errors();
        e->set_index(events.front()->index());
        e->set_agent(agent->name());
        e->set_reason(error.substr(0, 255));
      }
    }
    for (v1::Action& a : actions) *response->add_actions() = std::move(a);
    pqxx::result inserted = tx.exec_params("INSERT INTO " + table + " (server_id, sequence, actions) VALUES ($1, $2, $3)"
                                           " ON CONFLICT DO NOTHING RETURNING 1",
                                           request->server_id(), seq, pqxx::binarystring(response->SerializeAsString()));
    if (inserted.empty()) {
      // Another replica handled this batch meanwhile: its answer is the answer.
      tx.abort();
      pqxx::read_transaction again(c);
      response->Clear();
      ParseRecorded(again.exec_params(recorded, request->server_id(), seq), response);
      return absl::OkStatus();
    }
    tx.commit();
    return absl::OkStatus();
  });
  return ToGrpc(s);
}

grpc::Status AgentGroupService::RunJob(grpc::ServerContext*, const v1::RunJobRequest* request, v1::RunJobResponse* response) {
  if (request->job().empty()) return {grpc::StatusCode::INVALID_ARGUMENT, "job: required"};
  if (!request->has_slot()) return {grpc::StatusCode::INVALID_ARGUMENT, "slot: required"};
  std::vector<std::shared_ptr<Agent>> runners;
  for (const auto& a : agents_) {
    for (const v1::JobSpec& j : a->jobs()) {
      if (j.name() == request->job()) runners.push_back(a);
    }
  }
  if (runners.empty()) return {grpc::StatusCode::NOT_FOUND, absl::StrCat("job: no agent of ", identity_.group, " runs ", request->job())};
  const std::string table = identity_.group + ".job_runs";
  const double slot = absl::ToUnixMicros(FromProto(request->slot())) / 1e6;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    if (ParseRecorded(tx.exec_params("SELECT actions FROM " + table + " WHERE job = $1 AND server_id = $2 AND slot = to_timestamp($3)",
                                     request->job(), request->server_id(), slot),
                      response)) {
      return absl::OkStatus();
    }
    const std::map<std::string, bool> enabled = EnabledAgents(tx);
    v1::WorldSnapshot world = request->world();
    bool world_ready = request->has_world();
    const absl::Time now = request->has_now() ? FromProto(request->now()) : clock_.Now();
    // A manual run may name any slot as its "now"; only the schedule's runs tell mesh time.
    if (tools_ != nullptr && request->has_now() && !request->manual()) {
      tools_->mesh_clock().Observe(now, request->game_day_seconds());
    }
    std::vector<v1::Action> actions;
    std::string errors;
    for (const auto& agent : runners) {
      if (!enabled.at(agent->name())) continue;
      CompleteWorld(tx, *agent, request->server_id(), now, &world_ready, &world);
      SeededRandom random = SeededRandom::FromKeys({request->job(), std::to_string(slot), agent->name()});
      AgentContext ctx;
      ctx.server_id = request->server_id();
      ctx.now = now;
      ctx.world = &world;
      ctx.random = &random;
      std::string error;
      RunAgent(tx, *agent, ctx, [&](std::vector<v1::Action>* out) { return agent->RunJob(ctx, request->job(), out); },
               &actions, &error);
      if (!error.empty()) absl::StrAppend(&errors, errors.empty() ? "" : "; ", agent->name(), ": ", error);
    }
    for (v1::Action& a : actions) *response->add_actions() = std::move(a);
    response->set_summary(errors.empty() ? absl::StrCat(response->actions_size(), " actions") : errors);
    pqxx::result inserted = tx.exec_params("INSERT INTO " + table + " (job, server_id, slot, actions) VALUES ($1, $2, to_timestamp($3), $4)"
                                           " ON CONFLICT DO NOTHING RETURNING 1",
                                           request->job(), request->server_id(), slot, pqxx::binarystring(response->SerializeAsString()));
    if (inserted.empty()) return absl::AbortedError("job: the slot was run by another replica meanwhile; ask again");
    tx.commit();
    return absl::OkStatus();
  });
  return ToGrpc(s);
}

grpc::Status AgentGroupService::SetAgentEnabled(grpc::ServerContext*, const v1::SetAgentEnabledRequest* request,
                                                v1::SetAgentEnabledResponse* response) {
  const Agent* agent = nullptr;
  for (const auto& a : agents_) {
    if (a->name() == request->agent()) agent = a.get();
  }
  if (agent == nullptr) return {grpc::StatusCode::NOT_FOUND, absl::StrCat("agent: ", identity_.group, " has no agent \"", request->agent(), "\"")};
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    const bool before = EnabledAgents(tx).at(agent->name());
    tx.exec_params("INSERT INTO " + identity_.group + ".agent_settings (agent, enabled, reason) VALUES ($1, $2, $3)"
                   " ON CONFLICT (agent) DO UPDATE SET enabled = EXCLUDED.enabled, reason = EXCLUDED.reason, changed_at = now()",
                   agent->name(), request->enabled(), request->reason());
    tx.commit();
    response->set_changed(before != request->enabled());
    *response->mutable_agent() = DescriptorOf(*agent, request->enabled());
    return absl::OkStatus();
  });
  return ToGrpc(s);
}

grpc::Status AgentGroupService::ErasePlayerData(grpc::ServerContext*, const v1::ErasePlayerDataRequest* request,
                                                v1::ErasePlayerDataResponse* response) {
  if (request->account_id() == 0 && request->char_ids().empty()) {
    return {grpc::StatusCode::INVALID_ARGUMENT, "account_id: name an account or char_ids"};
  }
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    std::set<uint32_t> known(request->char_ids().begin(), request->char_ids().end());
    if (request->account_id() != 0) {
      for (const auto& agent : agents_) {
        PgStateStore store(tx, identity_.group, agent->name());
        for (uint32_t id : agent->CharactersOf(store, request->account_id())) known.insert(id);
      }
    }
    const std::vector<uint32_t> chars(known.begin(), known.end());
    uint64_t removed = 0;
    for (const auto& agent : agents_) {
      PgStateStore store(tx, identity_.group, agent->name());
      removed += agent->ErasePlayer(store, request->account_id(), chars);
    }
    v1::TableCount* t = response->add_tables();
    t->set_table(identity_.group + ".agent_state");
    t->set_rows(removed);
    if (!request->dry_run()) tx.commit();  // a dry run counts and rolls back
    return absl::OkStatus();
  });
  return ToGrpc(s);
}

grpc::Status AgentGroupService::ReportLlmUsage(grpc::ServerContext*, const v1::ReportLlmUsageRequest* request,
                                               v1::ReportLlmUsageResponse* response) {
  if (tools_ == nullptr) return {grpc::StatusCode::FAILED_PRECONDITION, "this group has no decision engine"};
  absl::StatusOr<v1::ReportLlmUsageResponse> report = tools_->ReportLlmUsage(*request, identity_.kind);
  if (!report.ok()) return ToGrpc(report.status());
  *response = *std::move(report);
  return grpc::Status::OK;
}

}  // namespace aiworld::agentkit
