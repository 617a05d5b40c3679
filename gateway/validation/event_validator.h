#pragma once
// Validation of event batches from rAthena bridges (DESIGN §7: every input is validated, a bad
// field is named). The rules are the field comments of proto/aiworld/v1/events.proto and
// common.proto. A batch-level problem refuses the whole batch; an event-level problem refuses
// only that event (BatchAck.rejected), the rest of the batch is kept.
//
// Reasons say what was expected and what was seen, e.g. "must be 1..11 bytes of [a-z0-9_@-],
// got 14". They are printable ASCII of at most 255 bytes (RejectedEvent.reason) and never quote
// untrusted text verbatim: values are hex-escaped and cut short.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "aiworld/v1/events.pb.h"
#include "runtime/clock.h"

namespace aiworld::gateway {

// One refused event, as reported in BatchAck.rejected.
struct EventRejection {
  uint32_t index;      // 0-based position in the batch
  std::string field;   // path of the offending field, e.g. "chat.text", "trade.items_given[2].amount"
  std::string reason;  // what was expected and what was seen
};

struct ValidationLimits {
  absl::Duration max_future_skew = absl::Minutes(5);  // occurred_at later than now + this: rejected
  absl::Duration max_age = absl::Hours(24 * 7);       // occurred_at older than now - this: rejected
};

class EventValidator {
 public:
  // `clock` must outlive the validator.
  EventValidator(ValidationLimits limits, const aiworld::Clock& clock);

  // Problems that refuse the whole batch. INVALID_ARGUMENT for: zero or more than 1000 events,
  // server_id empty, longer than 32 bytes or not of [a-z0-9_-], sequence 0, an invalid sent_at,
  // more than 4 MiB serialized. PERMISSION_DENIED when authenticated_server_id is not empty and
  // differs from server_id (bridge.proto: a server_id must equal the server bound to the key).
  // The message starts with the field, e.g. "events: 1001 events, at most 1000 per batch".
  absl::Status CheckBatch(const v1::EventBatch& batch, std::string_view authenticated_server_id) const;

  // One event: nullopt when valid, else the first problem found. `server_id` is the batch's; the
  // event's own server_id must be empty or equal to it. Does not check the event_id order across
  // the batch (CheckEvents does).
  std::optional<EventRejection> CheckEvent(const v1::GameEvent& event, uint32_t index,
                                           std::string_view server_id) const;

  // All refused events of a batch, in index order: CheckEvent of each (with one reading of the
  // clock), plus event_id order: an event whose event_id is not greater than that of the last
  // accepted event before it is refused, so the accepted events have strictly increasing ids.
  std::vector<EventRejection> CheckEvents(const v1::EventBatch& batch) const;

 private:
  ValidationLimits limits_;
  const aiworld::Clock& clock_;
};

}  // namespace aiworld::gateway
