#pragma once
// The four agent groups by name ("core", "procedural", "progression", "economy") and by enum.
#include <string>

#include "aiworld/v1/common.pb.h"

namespace aiworld {

inline v1::AgentGroupKind GroupKind(const std::string& group) {
  if (group == "core") return v1::AGENT_GROUP_KIND_CORE;
  if (group == "procedural") return v1::AGENT_GROUP_KIND_PROCEDURAL;
  if (group == "progression") return v1::AGENT_GROUP_KIND_PROGRESSION;
  if (group == "economy") return v1::AGENT_GROUP_KIND_ECONOMY;
  return v1::AGENT_GROUP_KIND_UNSPECIFIED;
}

inline std::string GroupName(v1::AgentGroupKind kind) {
  switch (kind) {
    case v1::AGENT_GROUP_KIND_CORE: return "core";
    case v1::AGENT_GROUP_KIND_PROCEDURAL: return "procedural";
    case v1::AGENT_GROUP_KIND_PROGRESSION: return "progression";
    case v1::AGENT_GROUP_KIND_ECONOMY: return "economy";
    default: return "unknown";
  }
}

}  // namespace aiworld
