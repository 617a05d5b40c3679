/* The AI World bridge as a C ABI, for callers that cannot use C++ (or its ABI) directly.
 * Same semantics as aiworld/bridge.h: emit never blocks; poll runs the handler on the caller's
 * thread (the game's main-loop timer). */
#ifndef AIWORLD_BRIDGE_C_H
#define AIWORLD_BRIDGE_C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct aiworld_bridge aiworld_bridge;
typedef struct aiworld_event aiworld_event;
typedef struct aiworld_action aiworld_action;

/* Reads the ai_bridge.conf-style file and starts the bridge; NULL with a message in error. */
aiworld_bridge* aiworld_bridge_start(const char* config_path, char* error, size_t error_len);
/* Journals what is in memory, stops and frees. */
void aiworld_bridge_stop(aiworld_bridge* bridge);

/* kind: a GameEvent payload name, e.g. "monster_killed". */
aiworld_event* aiworld_event_new(const char* kind);
void aiworld_event_set_envelope(aiworld_event* e, uint32_t char_id, uint32_t account_id, const char* map, int32_t x, int32_t y);
/* 0 unspecified, 1 low, 2 normal, 3 high, 4 urgent */
void aiworld_event_set_priority(aiworld_event* e, int priority);
void aiworld_event_set_int(aiworld_event* e, const char* path, int64_t value);
void aiworld_event_set_str(aiworld_event* e, const char* path, const char* value);
/* Takes ownership of e in every case. Returns 1 when queued, 0 after stop. */
int aiworld_bridge_emit(aiworld_bridge* bridge, aiworld_event* e);

/* Return 0 done, 1 failed, 2 retry later; write a reason into reason (reason_len bytes). */
typedef int (*aiworld_action_handler)(const aiworld_action* action, void* user, char* reason, size_t reason_len);
size_t aiworld_bridge_poll(aiworld_bridge* bridge, size_t max, aiworld_action_handler handler, void* user);
const char* aiworld_action_id(const aiworld_action* a);
const char* aiworld_action_kind(const aiworld_action* a);
uint32_t aiworld_action_target_char(const aiworld_action* a);
const char* aiworld_action_target_map(const aiworld_action* a);
/* A field of the action's kind by path, e.g. "mob_id", "at.map"; "" when absent. */
const char* aiworld_action_get(const aiworld_action* a, const char* path);
int64_t aiworld_action_get_int(const aiworld_action* a, const char* path, int64_t fallback);

/* Writes the status JSON (NUL-terminated, cut to len) and returns its full length. */
size_t aiworld_bridge_status_json(aiworld_bridge* bridge, char* buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif
