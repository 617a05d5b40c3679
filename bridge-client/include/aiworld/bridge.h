#pragma once
// The AI World bridge: the library an rAthena map-server links to stream game events to the
// gateway and execute the actions it sends back. This header includes no gRPC or protobuf header
// (rAthena's headers clash with them); C callers use aiworld/bridge_c.h.
//
// Threading: Emit may be called from any thread and never blocks on the network or the disk.
// PollActions is meant for the game's main-loop timer: it runs the handler on the calling thread.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace aiworld::bridge {

enum class Priority { kUnspecified = 0, kLow = 1, kNormal = 2, kHigh = 3, kUrgent = 4 };

// One game event: the envelope, and the fields of one payload kind set by their names in
// aiworld.v1 events.proto, e.g. Event("monster_killed").Set("mob_id", 1002). Paths reach into
// nested messages and repeated fields: "items.0.item_id" (index == size appends).
class Event {
 public:
  using Value = std::variant<int64_t, double, bool, std::string>;
  struct Field {
    std::string path;
    Value value;
  };

  explicit Event(std::string kind) : kind_(std::move(kind)) {}

  uint32_t char_id = 0;
  uint32_t account_id = 0;
  std::string map;  // rAthena map name
  int32_t x = 0;
  int32_t y = 0;
  std::string char_name;
  uint32_t base_level = 0;
  uint32_t job_level = 0;
  uint32_t job_id = 0;
  uint32_t party_id = 0;
  uint32_t guild_id = 0;
  Priority priority = Priority::kUnspecified;  // kUrgent events are batched first
  int64_t occurred_at_unix_ms = 0;            // 0: the time of Emit
  uint64_t event_id = 0;                      // 0: assigned by the bridge (increasing)

  Event& Set(std::string path, int64_t v) { return Add(std::move(path), v); }
  Event& Set(std::string path, int v) { return Add(std::move(path), static_cast<int64_t>(v)); }
  Event& Set(std::string path, uint32_t v) { return Add(std::move(path), static_cast<int64_t>(v)); }
  Event& Set(std::string path, double v) { return Add(std::move(path), v); }
  Event& Set(std::string path, bool v) { return Add(std::move(path), v); }
  Event& Set(std::string path, std::string v) { return Add(std::move(path), std::move(v)); }
  Event& Set(std::string path, const char* v) { return Add(std::move(path), std::string(v)); }

  const std::string& kind() const { return kind_; }
  const std::vector<Field>& fields() const { return fields_; }

 private:
  Event& Add(std::string path, Value v) {
    fields_.push_back({std::move(path), std::move(v)});
    return *this;
  }
  std::string kind_;
  std::vector<Field> fields_;
};

// An action from the mesh, flattened for the game: fields by their path in the action's kind,
// e.g. for "spawn_monster": "mob_id", "amount", "at.map", "at.x", "ttl" (seconds).
struct Action {
  std::string action_id;
  std::string kind;  // "broadcast", "spawn_monster", ... as in actions.proto
  uint32_t attempt = 0;
  uint32_t target_char_id = 0;
  std::string target_map;
  std::string group;  // origin group and agent, for logs and reports
  std::string agent;
  std::vector<uint64_t> cause_event_ids;
  std::map<std::string, std::string> fields;

  std::string Get(const std::string& path, const std::string& fallback = "") const;
  int64_t GetInt(const std::string& path, int64_t fallback = 0) const;
};

enum class Outcome { kDone, kFailed, kRetry };
// Why an action failed or must be retried (actions.proto ActionErrorCode).
enum class ErrorCode { kNone, kInvalid, kNotAllowed, kUnsupported, kTargetOffline, kNotFound, kGameRefused, kInternal };
struct ActionResult {
  Outcome outcome = Outcome::kDone;
  std::string reason;     // why it failed or must be retried, at most 255 bytes
  uint32_t affected = 0;  // monsters spawned, players reached, items given...
  ErrorCode code = ErrorCode::kNone;
};

struct Options {
  std::string gateway_address = "127.0.0.1:50051";
  std::string server_id;   // 1..32 bytes of [a-z0-9_-]
  std::string key;         // "aiw_..." from Admin.IssueServerKey
  std::string tls_ca_file;  // non-empty: TLS, trusting this CA
  int batch_size = 50;
  int batch_interval_ms = 100;
  int ring_capacity = 100000;          // events held in memory before spilling
  int action_queue_capacity = 1000;    // actions waiting for the game (the action credits)
  std::string journal_dir = "log/ai_bridge_journal";
  int journal_segment_mb = 16;
  bool journal_sync = false;            // fdatasync every batch
  int breaker_failure_threshold = 5;    // consecutive connection failures that open the breaker
  int breaker_open_ms = 10000;          // how long it stays open before one probe
  int reconnect_initial_ms = 200;
  int reconnect_max_ms = 10000;
  int poll_max_actions = 50;            // default for the game's PollActions calls
  int poll_interval_ms = 50;            // how often the game timer should poll
  uint64_t random_seed = 0;             // 0: from the OS; fixed for reproducible jitter in tests
};

struct LoadedOptions {
  Options options;
  std::map<std::string, std::string> game;  // the [game] section, for the game integration to read
  std::vector<std::string> warnings;        // unknown keys, each with file:line
  std::string error;                        // empty when it loaded
};

// Reads an ai_bridge.conf-style INI file: [gateway] address, server_id, key, tls_ca_file;
// [batching] batch_size, batch_interval_ms; [queue] ring_capacity, action_queue_capacity;
// [journal] path, segment_mb, sync; [breaker] failure_threshold, open_ms;
// [reconnect] initial_ms, max_ms; [poll] max_actions, interval_ms. Every key is read; unknown
// ones are warnings; a bad value is an error naming file:line and key.
// [game] keys are not the library's: they are returned as they are for the game integration.
LoadedOptions LoadOptions(const std::string& path);
// Several files in order, later keys overriding earlier ones (rAthena's conf/import convention):
// the first must exist, later ones are read when present.
LoadedOptions LoadOptions(const std::vector<std::string>& paths);

struct Counters {
  uint64_t emitted = 0;
  uint64_t invalid_events = 0;   // refused locally (unknown kind or field): never sent
  uint64_t batches_journaled = 0;
  uint64_t batches_sent = 0;
  uint64_t batches_acked = 0;
  uint64_t events_acked = 0;     // accepted by the gateway
  uint64_t events_rejected = 0;  // refused by the gateway's validation (kept there)
  uint64_t actions_received = 0;
  uint64_t actions_applied = 0;
  uint64_t actions_failed = 0;
  uint64_t actions_duplicate = 0;  // redelivered after being applied: reported, not run again
  uint64_t reconnects = 0;
  uint64_t unacked_batches = 0;  // journaled, not yet acked by the gateway
  uint64_t unacked_events = 0;   // the events in them: safe on disk, sent again after a restart
  uint64_t journal_bytes = 0;
};

class Bridge {
 public:
  // Opens the journals (replaying what was not acked) and starts the background thread.
  static std::unique_ptr<Bridge> Start(const Options& options, std::string* error);
  ~Bridge();
  Bridge(const Bridge&) = delete;
  Bridge& operator=(const Bridge&) = delete;

  // Queues an event; never blocks on I/O. False only after Stop.
  bool Emit(Event event);
  // Runs the handler for up to max waiting actions on this thread and sends their results.
  size_t PollActions(size_t max, const std::function<ActionResult(const Action&)>& handler);
  // Connection, breaker, queue and journal sizes, counters.
  std::string StatusJson() const;
  // "connected", "connecting" or "disconnected" (the status JSON's "connection").
  std::string ConnectionState() const;
  Counters counters() const;
  // Journals what is still in memory and stops the background thread. Idempotent.
  void Stop();

  class Impl;

 private:
  explicit Bridge(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace aiworld::bridge
