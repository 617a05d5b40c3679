#pragma once
// How core files an NPC's state: "x:<exname>" for a server NPC, "t:<tag>" for one the mesh spawned.
// '%', '|', ',' and newlines are percent-escaped, so a key never contains a separator of the keys and
// lists built from it, and one NPC's key is never the prefix of another's records.
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "aiworld/v1/common.pb.h"

namespace aiworld::core {

// Empty when the ref names neither a tag nor an exname.
std::string NpcKey(const v1::NpcRef& npc);

// INVALID_ARGUMENT naming `field` (e.g. "npc") unless exactly one of tag (1..24 bytes of [a-z0-9_])
// or exname (1..50 bytes) is set.
absl::Status ValidateNpcRef(const v1::NpcRef& npc, absl::string_view field);

// The NpcRef of an interaction: the mesh tag when the NPC was spawned by the mesh, else the exname.
v1::NpcRef NpcRefOf(std::string_view npc_tag, std::string_view npc_exname);

}  // namespace aiworld::core
