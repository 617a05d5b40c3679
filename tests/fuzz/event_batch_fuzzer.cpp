// libFuzzer target: untrusted bytes as a bridge would send them, decoded as an EventBatch (the
// DispatchEvents payload) and as a ConnectRequest (a Connect stream frame), then validated.
// Beyond "no crash, no AddressSanitizer report, no leak" it checks the validator's promises:
// rejections in strictly increasing index order within the batch, field paths of 1..128 bytes,
// reasons of 1..255 bytes of printable ASCII, and a deterministic answer. The custom-JSON and
// UTF-8 checks also get the raw bytes directly.
#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "aiworld/v1/bridge.pb.h"
#include "aiworld/v1/events.pb.h"
#include "gateway/validation/event_validator.h"
#include "gateway/validation/text_checks.h"
#include "runtime/clock.h"
#include "tests/fuzz/fuzz_time.h"

namespace {

using aiworld::gateway::EventRejection;
using aiworld::gateway::EventValidator;

[[noreturn]] void Violation(const char* what) {
  std::fprintf(stderr, "event_batch_fuzzer: invariant violated: %s\n", what);
  std::abort();
}

bool IsPrintableAscii(std::string_view s) {
  for (const char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

const EventValidator& Validator() {
  static const aiworld::ManualClock clock(aiworld::fuzz::FuzzNow());
  static const EventValidator validator(aiworld::gateway::ValidationLimits{}, clock);
  return validator;
}

void CheckRejections(const aiworld::v1::EventBatch& batch, const std::vector<EventRejection>& rejected) {
  int64_t previous = -1;
  for (const EventRejection& r : rejected) {
    if (static_cast<int64_t>(r.index) <= previous) Violation("rejections out of index order");
    if (r.index >= static_cast<uint32_t>(batch.events_size())) Violation("rejection index beyond the batch");
    if (r.field.empty() || r.field.size() > 128 || !IsPrintableAscii(r.field)) Violation("bad field path");
    if (r.reason.empty() || r.reason.size() > 255 || !IsPrintableAscii(r.reason)) Violation("bad reason");
    previous = r.index;
  }
}

void ValidateBatch(const aiworld::v1::EventBatch& batch) {
  const EventValidator& validator = Validator();
  const absl::Status anonymous = validator.CheckBatch(batch, "");
  const absl::Status bound = validator.CheckBatch(batch, batch.server_id());
  if (anonymous.code() != bound.code()) Violation("CheckBatch depends on a matching authenticated server");
  if (!anonymous.ok() && (anonymous.message().empty() || !IsPrintableAscii(std::string_view(
                                                             anonymous.message().data(), anonymous.message().size())))) {
    Violation("bad batch status message");
  }
  // The gateway only looks at the events of a batch that passed, but the validator must survive
  // any batch.
  const std::vector<EventRejection> rejected = validator.CheckEvents(batch);
  CheckRejections(batch, rejected);
  if (validator.CheckEvents(batch).size() != rejected.size()) Violation("CheckEvents is not deterministic");
}

}  // namespace

// protobuf logs an ERROR for every string field with invalid UTF-8 it refuses to parse; at tens
// of thousands of inputs a second that drowns the fuzzer's output and slows it down.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  google::protobuf::SetLogHandler(nullptr);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const int length = size > static_cast<size_t>(INT32_MAX) ? INT32_MAX : static_cast<int>(size);

  aiworld::v1::EventBatch batch;
  if (batch.ParseFromArray(data, length)) ValidateBatch(batch);

  aiworld::v1::ConnectRequest request;
  if (request.ParseFromArray(data, length) && request.has_event_batch()) ValidateBatch(request.event_batch());

  // The text checks on raw bytes: must be total and report offsets inside the input.
  if (const auto bad = aiworld::gateway::FindInvalidUtf8(bytes); bad && *bad >= size) Violation("UTF-8 offset");
  if (const auto error = aiworld::gateway::CheckJsonObject(bytes); error && error->offset > size) {
    Violation("JSON offset");
  }
  return 0;
}
