#pragma once
// Between the public, protobuf-free types of aiworld/bridge.h and the aiworld.v1 messages, by
// protobuf reflection on field names, so the facade stays small as the contracts grow.
#include <string>

#include "aiworld/bridge.h"
#include "aiworld/v1/actions.pb.h"
#include "aiworld/v1/events.pb.h"

namespace aiworld::bridge {

// Fills `out` from the event; false with a reason naming the kind or path when it does not fit.
bool ToGameEvent(const Event& event, int64_t now_unix_ms, uint64_t event_id, v1::GameEvent* out, std::string* error);
// Flattens an action for the game.
Action FromAction(const v1::Action& action);

}  // namespace aiworld::bridge
