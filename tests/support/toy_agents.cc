#include "tests/support/toy_agents.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace aiworld::testing {
namespace {
int64_t Counter(agentkit::StateStore& state, const std::string& key) {
  int64_t n = 0;
  if (auto v = state.Get(key); v.has_value()) (void)absl::SimpleAtoi(*v, &n);
  return n;
}
}  // namespace

std::vector<v1::JobSpec> KillCounterAgent::jobs() const {
  v1::JobSpec j;
  j.set_name("kill_report");
  j.mutable_schedule()->mutable_daily()->set_hour(3);
  return {j};
}

absl::Status KillCounterAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                            std::vector<v1::Action>* actions) {
  static const char* kTexts[] = {"The monsters of %s are getting nervous!", "Hunters crowd %s.", "%s runs red."};
  for (const v1::RoutedEvent* e : events) {
    const std::string map = e->event().map();
    const int64_t n = Counter(*ctx.state, "map:" + map) + 1;
    ctx.state->Put("map:" + map, std::to_string(n));
    const std::string char_key = absl::StrCat("char:", e->event().char_id());
    ctx.state->Put(char_key, std::to_string(Counter(*ctx.state, char_key) + 1));
    if (n % 3 != 0) continue;
    v1::Action a;
    a.set_idempotency_key(absl::StrCat("kills/", map, "/", n));
    a.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_MAP);
    a.mutable_broadcast()->set_map(map);
    std::string text = kTexts[ctx.random->UniformInt(0, 2)];
    text.replace(text.find("%s"), 2, map);
    a.mutable_broadcast()->set_text(text);
    v1::EventRef* ref = a.mutable_cause()->add_events();
    ref->set_server_id(ctx.server_id);
    ref->set_batch_sequence(ctx.batch_sequence);
    ref->set_event_index(e->index());
    actions->push_back(std::move(a));
  }
  return absl::OkStatus();
}

absl::Status KillCounterAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job != "kill_report") return Agent::RunJob(ctx, job, actions);
  v1::Action a;
  a.set_idempotency_key("kill_report");
  a.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_SERVER);
  a.mutable_broadcast()->set_text(absl::StrCat(ctx.state->Scan("map:").size(), " maps saw kills"));
  actions->push_back(std::move(a));
  return absl::OkStatus();
}

uint64_t KillCounterAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  uint64_t removed = 0;
  for (uint32_t id : char_ids) {
    const std::string key = absl::StrCat("char:", id);
    if (state.Get(key).has_value()) {
      state.Erase(key);
      ++removed;
    }
  }
  return removed;
}

absl::Status FailingAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>&,
                                        std::vector<v1::Action>*) {
  ctx.state->Put("half_done", "1");
  return absl::InternalError("always_fails: failed on purpose after writing state");
}

}  // namespace aiworld::testing
