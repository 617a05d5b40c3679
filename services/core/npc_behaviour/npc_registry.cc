#include "services/core/npc_behaviour/npc_registry.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/core/memory/npc_key.h"

namespace aiworld::core {
namespace {
constexpr char kVersion[] = "N1";

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string Unescape(absl::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
      out += s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i];
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string TimeField(absl::Time t) { return t == absl::InfinitePast() ? "" : absl::StrCat(absl::ToUnixSeconds(t)); }

absl::Time ParseTime(absl::string_view s) {
  int64_t v = 0;
  return s.empty() || !absl::SimpleAtoi(s, &v) ? absl::InfinitePast() : absl::FromUnixSeconds(v);
}
}  // namespace

std::string EncodeKnownNpc(const KnownNpc& n) {
  const bool tag = n.ref.has_tag();
  return absl::StrJoin({std::string(kVersion), std::string(tag ? "t" : "x"), Escape(tag ? n.ref.tag() : n.ref.exname()),
                        Escape(n.name), n.sprite.has_value() ? absl::StrCat(*n.sprite) : std::string(),
                        std::string(n.shop ? "1" : "0"), Escape(n.map), absl::StrCat(n.home_x), absl::StrCat(n.home_y),
                        absl::StrCat(n.x), absl::StrCat(n.y), TimeField(n.last_seen), TimeField(n.last_acted),
                        absl::StrCat(n.waypoint)},
                       "\t");
}

std::optional<KnownNpc> DecodeKnownNpc(const std::string& value) {
  const std::vector<absl::string_view> f = absl::StrSplit(value, '\t');
  if (f.size() != 14 || f[0] != kVersion) return std::nullopt;
  KnownNpc n;
  if (f[1] == "t") {
    n.ref.set_tag(Unescape(f[2]));
  } else {
    n.ref.set_exname(Unescape(f[2]));
  }
  n.name = Unescape(f[3]);
  int sprite = 0;
  if (!f[4].empty() && absl::SimpleAtoi(f[4], &sprite)) n.sprite = sprite;
  n.shop = f[5] == "1";
  n.map = Unescape(f[6]);
  if (!absl::SimpleAtoi(f[7], &n.home_x) || !absl::SimpleAtoi(f[8], &n.home_y) || !absl::SimpleAtoi(f[9], &n.x) ||
      !absl::SimpleAtoi(f[10], &n.y) || !absl::SimpleAtoi(f[13], &n.waypoint)) {
    return std::nullopt;
  }
  n.last_seen = ParseTime(f[11]);
  n.last_acted = ParseTime(f[12]);
  return n;
}

std::string NpcRegistry::Key(const v1::NpcRef& ref) const { return absl::StrCat("npc|", server_id_, "|", NpcKey(ref)); }

void NpcRegistry::Observe(const v1::GameEvent& e, absl::Time at) {
  v1::NpcRef ref;
  std::string name;
  std::optional<int> sprite;
  bool shop = false;
  if (e.has_npc_interaction()) {
    const v1::NpcInteraction& i = e.npc_interaction();
    ref = NpcRefOf(i.npc_tag(), i.npc_exname());
    name = i.npc_name();
    sprite = i.npc_sprite();
  } else if (e.has_npc_shop_trade()) {
    ref.set_exname(e.npc_shop_trade().shop_exname());
    name = e.npc_shop_trade().shop_name();
    shop = true;
  } else {
    return;
  }
  if (!ValidateNpcRef(ref, "npc").ok() || e.map().empty()) return;
  const std::string key = Key(ref);
  KnownNpc n;
  if (const std::optional<std::string> v = state_.Get(key); v.has_value() && DecodeKnownNpc(*v).has_value()) {
    n = *DecodeKnownNpc(*v);
  } else {
    if (Count() >= kMaxNpcs) return;
    SetCount(Count() + 1);
    n.ref = ref;
  }
  if (n.map != e.map()) {  // new, or moved to another map: it lives where it was met
    n.map = e.map();
    n.home_x = n.x = e.x();
    n.home_y = n.y = e.y();
    n.waypoint = 0;
  }
  if (!name.empty()) n.name = name;
  if (sprite.has_value()) n.sprite = sprite;
  n.shop = n.shop || shop;
  n.last_seen = std::max(n.last_seen, at);
  Save(n);
}

std::vector<KnownNpc> NpcRegistry::All() const {
  std::vector<KnownNpc> out;
  for (const auto& [key, value] : state_.Scan(absl::StrCat("npc|", server_id_, "|"))) {
    if (std::optional<KnownNpc> n = DecodeKnownNpc(value)) out.push_back(*std::move(n));
  }
  return out;
}

void NpcRegistry::Save(const KnownNpc& npc) { state_.Put(Key(npc.ref), EncodeKnownNpc(npc)); }

void NpcRegistry::Forget(const KnownNpc& npc) {
  if (!state_.Get(Key(npc.ref)).has_value()) return;
  state_.Erase(Key(npc.ref));
  SetCount(Count() > 0 ? Count() - 1 : 0);
}

size_t NpcRegistry::Count() const {
  size_t n = 0;
  if (const std::optional<std::string> v = state_.Get(absl::StrCat("count|", server_id_)); v.has_value()) {
    (void)absl::SimpleAtoi(*v, &n);
  }
  return n;
}

void NpcRegistry::SetCount(size_t n) { state_.Put(absl::StrCat("count|", server_id_), absl::StrCat(n)); }

}  // namespace aiworld::core
