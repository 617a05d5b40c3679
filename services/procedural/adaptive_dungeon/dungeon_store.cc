#include "services/procedural/adaptive_dungeon/dungeon_store.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/procedural/adaptive_dungeon/flat_record.h"

namespace aiworld::procedural {
namespace {

std::vector<int64_t> Wide(const std::vector<uint32_t>& v) { return {v.begin(), v.end()}; }

std::vector<uint32_t> Narrow(const std::vector<int64_t>& v) {
  std::vector<uint32_t> out;
  for (int64_t x : v) out.push_back(static_cast<uint32_t>(x));
  return out;
}

std::optional<Instance> DecodeInstance(const std::string& bytes) {
  absl::StatusOr<FlatRecord> r = FlatRecord::Decode(bytes);
  if (!r.ok()) return std::nullopt;
  Instance i;
  i.id = static_cast<uint64_t>(r->GetInt("id"));
  i.day = r->Get("day");
  i.party_id = static_cast<uint32_t>(r->GetInt("party"));
  i.members = Narrow(r->GetInts("members"));
  i.map = r->Get("map");
  i.started_at = absl::FromUnixSeconds(r->GetInt("started"));
  i.deadline = absl::FromUnixSeconds(r->GetInt("deadline"));
  i.floor = static_cast<uint32_t>(r->GetInt("floor", 1));
  i.floors = static_cast<uint32_t>(r->GetInt("floors", 1));
  i.kills = static_cast<uint32_t>(r->GetInt("kills"));
  i.target = static_cast<uint32_t>(r->GetInt("target"));
  i.status = static_cast<v1::ContentStatus>(r->GetInt("status", v1::CONTENT_STATUS_ACTIVE));
  return i;
}

}  // namespace

bool Instance::HasMember(uint32_t char_id) const {
  return std::find(members.begin(), members.end(), char_id) != members.end();
}

std::string GateTag(const std::string& day) { return "dgn_gate_" + absl::StrReplaceAll(day, {{"-", ""}}); }

uint64_t InstanceIdOfTag(const std::string& spawn_tag) {
  uint64_t id = 0;
  if (!absl::StartsWith(spawn_tag, "dgi_") || !absl::SimpleAtoi(spawn_tag.substr(4), &id)) return 0;
  return id;
}

void DungeonStore::SavePlan(const DungeonPlan& plan) {
  const std::string& day = plan.dungeon.day();
  state_.Put(Key("day/" + day), plan.dungeon.SerializeAsString());
  FlatRecord r;
  r.SetStrings("maps", plan.instance_maps);
  r.Set("gate_map", plan.gate.map());
  r.SetInt("gate_x", plan.gate.x());
  r.SetInt("gate_y", plan.gate.y());
  r.SetInt("boss", plan.boss_mob_id);
  r.SetInt("band_low", plan.band.low);
  r.SetInt("band_high", plan.band.high);
  state_.Put(Key("plan/" + day), r.Encode());
  state_.Put(Key("current"), day);
}

std::optional<DungeonPlan> DungeonStore::CurrentPlan() {
  const std::optional<std::string> day = state_.Get(Key("current"));
  if (!day.has_value()) return std::nullopt;
  return PlanOf(*day);
}

std::optional<DungeonPlan> DungeonStore::PlanOf(const std::string& day) {
  const std::optional<std::string> dungeon = state_.Get(Key("day/" + day));
  const std::optional<std::string> extra = state_.Get(Key("plan/" + day));
  if (!dungeon.has_value() || !extra.has_value()) return std::nullopt;
  DungeonPlan plan;
  if (!plan.dungeon.ParseFromString(*dungeon)) return std::nullopt;
  absl::StatusOr<FlatRecord> r = FlatRecord::Decode(*extra);
  if (!r.ok()) return std::nullopt;
  plan.instance_maps = r->GetStrings("maps");
  plan.gate.set_map(r->Get("gate_map"));
  plan.gate.set_x(static_cast<int32_t>(r->GetInt("gate_x")));
  plan.gate.set_y(static_cast<int32_t>(r->GetInt("gate_y")));
  plan.boss_mob_id = static_cast<int>(r->GetInt("boss"));
  plan.band.low = static_cast<uint32_t>(r->GetInt("band_low", 1));
  plan.band.high = static_cast<uint32_t>(r->GetInt("band_high", 1));
  return plan;
}

void DungeonStore::Prune(const std::string& keep_from_day) {
  for (const char* kind : {"day/", "plan/"}) {
    const std::string prefix = Key(kind);
    for (const auto& [key, value] : state_.Scan(prefix)) {
      if (key.substr(prefix.size()) < keep_from_day) state_.Erase(key);
    }
  }
  for (const Instance& i : Instances()) {
    if (i.day < keep_from_day) state_.Erase(Key(absl::StrCat("instance/", i.id)));
  }
}

uint64_t DungeonStore::NextInstanceId() {
  uint64_t next = 1;
  if (std::optional<std::string> v = state_.Get(Key("next_instance")); v.has_value()) {
    if (!absl::SimpleAtoi(*v, &next)) next = 1;
  }
  state_.Put(Key("next_instance"), std::to_string(next + 1));
  return next;
}

void DungeonStore::PutInstance(const Instance& i) {
  FlatRecord r;
  r.SetInt("id", static_cast<int64_t>(i.id));
  r.Set("day", i.day);
  r.SetInt("party", i.party_id);
  r.SetInts("members", Wide(i.members));
  r.Set("map", i.map);
  r.SetInt("started", absl::ToUnixSeconds(i.started_at));
  r.SetInt("deadline", absl::ToUnixSeconds(i.deadline));
  r.SetInt("floor", i.floor);
  r.SetInt("floors", i.floors);
  r.SetInt("kills", i.kills);
  r.SetInt("target", i.target);
  r.SetInt("status", i.status);
  state_.Put(Key(absl::StrCat("instance/", i.id)), r.Encode());
}

std::optional<Instance> DungeonStore::GetInstance(uint64_t id) {
  const std::optional<std::string> bytes = state_.Get(Key(absl::StrCat("instance/", id)));
  if (!bytes.has_value()) return std::nullopt;
  return DecodeInstance(*bytes);
}

std::vector<Instance> DungeonStore::Instances() {
  std::vector<Instance> out;
  for (const auto& [key, value] : state_.Scan(Key("instance/"))) {
    if (std::optional<Instance> i = DecodeInstance(value)) out.push_back(*std::move(i));
  }
  std::sort(out.begin(), out.end(), [](const Instance& a, const Instance& b) { return a.id < b.id; });
  return out;
}

std::optional<GateWait> DungeonStore::GetWait(uint32_t party_id) {
  const std::optional<std::string> bytes = state_.Get(Key(absl::StrCat("gate_wait/", party_id)));
  if (!bytes.has_value()) return std::nullopt;
  absl::StatusOr<FlatRecord> r = FlatRecord::Decode(*bytes);
  if (!r.ok()) return std::nullopt;
  GateWait w;
  w.members = Narrow(r->GetInts("members"));
  w.since = absl::FromUnixSeconds(r->GetInt("since"));
  return w;
}

void DungeonStore::PutWait(uint32_t party_id, const GateWait& wait) {
  FlatRecord r;
  r.SetInts("members", Wide(wait.members));
  r.SetInt("since", absl::ToUnixSeconds(wait.since));
  state_.Put(Key(absl::StrCat("gate_wait/", party_id)), r.Encode());
}

uint64_t DungeonStore::EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids) {
  uint64_t removed = 0;
  for (const auto& [key, value] : state.Scan("dungeon/")) {
    if (!absl::StrContains(key, "/instance/") && !absl::StrContains(key, "/gate_wait/")) continue;
    absl::StatusOr<FlatRecord> r = FlatRecord::Decode(value);
    if (!r.ok()) continue;
    std::vector<uint32_t> members = Narrow(r->GetInts("members"));
    const size_t before = members.size();
    std::erase_if(members, [&](uint32_t c) { return std::find(char_ids.begin(), char_ids.end(), c) != char_ids.end(); });
    if (members.size() == before) continue;
    removed += before - members.size();
    r->SetInts("members", Wide(members));
    state.Put(key, r->Encode());
  }
  return removed;
}

void DungeonStore::EraseWait(uint32_t party_id) { state_.Erase(Key(absl::StrCat("gate_wait/", party_id))); }

}  // namespace aiworld::procedural
