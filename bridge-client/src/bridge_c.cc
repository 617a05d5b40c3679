// The C ABI over aiworld::bridge::Bridge.
#include "aiworld/bridge_c.h"

#include <cstring>

#include "aiworld/bridge.h"

struct aiworld_bridge {
  std::unique_ptr<aiworld::bridge::Bridge> bridge;
};
struct aiworld_event {
  aiworld::bridge::Event event;
};
struct aiworld_action {
  const aiworld::bridge::Action* action;
};

namespace {
void CopyOut(const std::string& s, char* buf, size_t len) {
  if (buf == nullptr || len == 0) return;
  const size_t n = std::min(len - 1, s.size());
  std::memcpy(buf, s.data(), n);
  buf[n] = '\0';
}
}  // namespace

extern "C" {

aiworld_bridge* aiworld_bridge_start(const char* config_path, char* error, size_t error_len) {
  aiworld::bridge::LoadedOptions loaded = aiworld::bridge::LoadOptions(config_path ? config_path : "");
  if (!loaded.error.empty()) {
    CopyOut(loaded.error, error, error_len);
    return nullptr;
  }
  std::string why;
  auto bridge = aiworld::bridge::Bridge::Start(loaded.options, &why);
  if (!bridge) {
    CopyOut(why, error, error_len);
    return nullptr;
  }
  return new aiworld_bridge{std::move(bridge)};
}

void aiworld_bridge_stop(aiworld_bridge* b) {
  if (b == nullptr) return;
  b->bridge->Stop();
  delete b;
}

aiworld_event* aiworld_event_new(const char* kind) { return new aiworld_event{aiworld::bridge::Event(kind ? kind : "")}; }

void aiworld_event_set_envelope(aiworld_event* e, uint32_t char_id, uint32_t account_id, const char* map, int32_t x, int32_t y) {
  e->event.char_id = char_id;
  e->event.account_id = account_id;
  e->event.map = map ? map : "";
  e->event.x = x;
  e->event.y = y;
}

void aiworld_event_set_priority(aiworld_event* e, int priority) {
  e->event.priority = static_cast<aiworld::bridge::Priority>(priority < 0 || priority > 4 ? 0 : priority);
}

void aiworld_event_set_int(aiworld_event* e, const char* path, int64_t value) { e->event.Set(path ? path : "", value); }

void aiworld_event_set_str(aiworld_event* e, const char* path, const char* value) {
  e->event.Set(path ? path : "", std::string(value ? value : ""));
}

int aiworld_bridge_emit(aiworld_bridge* b, aiworld_event* e) {
  const bool queued = b != nullptr && e != nullptr && b->bridge->Emit(std::move(e->event));
  delete e;
  return queued ? 1 : 0;
}

size_t aiworld_bridge_poll(aiworld_bridge* b, size_t max, aiworld_action_handler handler, void* user) {
  return b->bridge->PollActions(max, [&](const aiworld::bridge::Action& a) {
    aiworld_action view{&a};
    char reason[256] = {};
    const int rc = handler(&view, user, reason, sizeof reason);
    aiworld::bridge::ActionResult r;
    r.outcome = rc == 0 ? aiworld::bridge::Outcome::kDone : rc == 2 ? aiworld::bridge::Outcome::kRetry : aiworld::bridge::Outcome::kFailed;
    r.reason = reason;
    return r;
  });
}

const char* aiworld_action_id(const aiworld_action* a) { return a->action->action_id.c_str(); }
const char* aiworld_action_kind(const aiworld_action* a) { return a->action->kind.c_str(); }
uint32_t aiworld_action_target_char(const aiworld_action* a) { return a->action->target_char_id; }
const char* aiworld_action_target_map(const aiworld_action* a) { return a->action->target_map.c_str(); }

const char* aiworld_action_get(const aiworld_action* a, const char* path) {
  auto it = a->action->fields.find(path ? path : "");
  return it == a->action->fields.end() ? "" : it->second.c_str();
}

int64_t aiworld_action_get_int(const aiworld_action* a, const char* path, int64_t fallback) {
  return a->action->GetInt(path ? path : "", fallback);
}

size_t aiworld_bridge_status_json(aiworld_bridge* b, char* buf, size_t len) {
  const std::string s = b->bridge->StatusJson();
  CopyOut(s, buf, len);
  return s.size();
}

}  // extern "C"
