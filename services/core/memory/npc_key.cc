#include "services/core/memory/npc_key.h"

#include "absl/strings/str_cat.h"

namespace aiworld::core {
namespace {
std::string Escaped(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '|': out += "%7C"; break;
      case ',': out += "%2C"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

bool IsTagChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }
}  // namespace

std::string NpcKey(const v1::NpcRef& npc) {
  switch (npc.ref_case()) {
    case v1::NpcRef::kTag: return npc.tag().empty() ? "" : "t:" + Escaped(npc.tag());
    case v1::NpcRef::kExname: return npc.exname().empty() ? "" : "x:" + Escaped(npc.exname());
    default: return "";
  }
}

absl::Status ValidateNpcRef(const v1::NpcRef& npc, absl::string_view field) {
  switch (npc.ref_case()) {
    case v1::NpcRef::kTag:
      if (npc.tag().empty() || npc.tag().size() > 24) return absl::InvalidArgumentError(absl::StrCat(field, ".tag: must be 1..24 bytes"));
      for (char c : npc.tag()) {
        if (!IsTagChar(c)) return absl::InvalidArgumentError(absl::StrCat(field, ".tag: only [a-z0-9_] allowed"));
      }
      return absl::OkStatus();
    case v1::NpcRef::kExname:
      if (npc.exname().empty() || npc.exname().size() > 50) {
        return absl::InvalidArgumentError(absl::StrCat(field, ".exname: must be 1..50 bytes"));
      }
      return absl::OkStatus();
    default: return absl::InvalidArgumentError(absl::StrCat(field, ": set tag or exname"));
  }
}

v1::NpcRef NpcRefOf(std::string_view npc_tag, std::string_view npc_exname) {
  v1::NpcRef ref;
  if (!npc_tag.empty()) {
    ref.set_tag(std::string(npc_tag));
  } else {
    ref.set_exname(std::string(npc_exname));
  }
  return ref;
}

}  // namespace aiworld::core
