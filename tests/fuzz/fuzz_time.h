#pragma once
// The fixed "now" of the event batch fuzzer; the seed corpus (make_corpus.cpp) dates its events
// around it so that valid events reach the payload checks.
#include "absl/time/time.h"

namespace aiworld::fuzz {

inline absl::Time FuzzNow() { return absl::FromUnixSeconds(1'740'830'400); }  // 2025-03-01T12:00:00Z

}  // namespace aiworld::fuzz
