#pragma once
// Valid events of every payload kind and a catalogue of invalid ones, each with the field the
// validator must name and what its reason must say was expected. Shared by the validator's unit
// test and the pipeline test that checks nothing invalid reaches the queue. Times are relative to
// kNow; validate with a ManualClock set to it.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/events.pb.h"

namespace aiworld::testing::catalogue {

namespace v1 = aiworld::v1;

extern const absl::Time kNow;
inline constexpr char kServer[] = "ro-main_1";

void SetTime(google::protobuf::Timestamp* ts, absl::Time t);
v1::TradedItem Item(uint32_t item_id, uint32_t amount, uint32_t unit_price = 0);
// A valid event of the kind, one second before kNow.
v1::GameEvent ValidEvent(v1::EventKind kind);
// unit repeated `times` times.
std::string Repeat(std::string_view unit, size_t times);
// Every payload kind.
const std::vector<v1::EventKind>& AllKinds();
// kServer's batch 1 of `events` valid events of all kinds in turn, event ids from 100.
v1::EventBatch ValidBatch(int events);

struct InvalidEvent {
  std::string name;
  v1::EventKind kind;                          // the valid event to start from
  std::function<void(v1::GameEvent&)> mutate;  // makes it invalid
  std::string field;                           // expected path
  std::string expected;                        // what the reason must say was expected
};
const std::vector<InvalidEvent>& Catalogue();

}  // namespace aiworld::testing::catalogue
