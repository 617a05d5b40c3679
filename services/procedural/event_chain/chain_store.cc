#include "services/procedural/event_chain/chain_store.h"

#include <algorithm>
#include <cstdio>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/procedural/adaptive_dungeon/flat_record.h"

namespace aiworld::procedural {
namespace {

std::string Padded(uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%010llu", static_cast<unsigned long long>(n));
  return buf;
}

std::vector<int64_t> Wide(const std::vector<uint32_t>& v) { return {v.begin(), v.end()}; }

std::vector<uint32_t> Narrow(const std::vector<int64_t>& v) {
  std::vector<uint32_t> out;
  for (int64_t x : v) out.push_back(static_cast<uint32_t>(x));
  return out;
}

}  // namespace

bool ChainRun::Add(std::vector<uint32_t>& list, uint32_t char_id) {
  if (char_id == 0 || std::find(list.begin(), list.end(), char_id) != list.end()) return false;
  list.push_back(char_id);
  return true;
}

std::string ChainIdOf(uint64_t number) { return absl::StrCat("chain-", number); }

uint64_t ChainNumberOf(const std::string& chain_id) {
  uint64_t n = 0;
  if (!absl::StartsWith(chain_id, "chain-") || !absl::SimpleAtoi(chain_id.substr(6), &n)) return 0;
  return n;
}

uint64_t ChainStore::NextNumber() {
  uint64_t next = 1;
  if (std::optional<std::string> v = state_.Get(Key("next")); v.has_value()) {
    if (!absl::SimpleAtoi(*v, &next)) next = 1;
  }
  state_.Put(Key("next"), std::to_string(next + 1));
  return next;
}

void ChainStore::Put(const v1::EventChain& chain, const ChainRun& run) {
  state_.Put(Key("c/" + Padded(run.number)), chain.SerializeAsString());
  FlatRecord r;
  r.SetInt("number", static_cast<int64_t>(run.number));
  r.SetInt("level", run.level);
  r.SetInt("difficulty", run.difficulty);
  r.SetDouble("scale", run.scale);
  r.Set("attitude", run.attitude);
  r.Set("mark", run.mark);
  r.SetInts("participants", Wide(run.participants));
  r.SetInt("kind", static_cast<int>(run.kind));
  r.Set("tag", run.tag);
  r.Set("map", run.map);
  r.SetInt("mob", run.mob_id);
  r.SetInt("target", run.target);
  r.SetInt("progress", run.progress);
  r.SetInts("contributors", Wide(run.contributors));
  state_.Put(Key("run/" + Padded(run.number)), r.Encode());
}

std::optional<v1::EventChain> ChainStore::Chain(uint64_t number) {
  const std::optional<std::string> bytes = state_.Get(Key("c/" + Padded(number)));
  v1::EventChain chain;
  if (!bytes.has_value() || !chain.ParseFromString(*bytes)) return std::nullopt;
  return chain;
}

std::optional<ChainRun> ChainStore::Run(uint64_t number) {
  const std::optional<std::string> bytes = state_.Get(Key("run/" + Padded(number)));
  if (!bytes.has_value()) return std::nullopt;
  absl::StatusOr<FlatRecord> r = FlatRecord::Decode(*bytes);
  if (!r.ok()) return std::nullopt;
  ChainRun run;
  run.number = static_cast<uint64_t>(r->GetInt("number"));
  run.level = static_cast<uint32_t>(r->GetInt("level", 1));
  run.difficulty = static_cast<uint32_t>(r->GetInt("difficulty", 1));
  run.scale = r->GetDouble("scale", 1.0);
  run.attitude = r->Get("attitude", "neutral");
  run.mark = r->Get("mark");
  run.participants = Narrow(r->GetInts("participants"));
  run.kind = static_cast<StepKind>(r->GetInt("kind"));
  run.tag = r->Get("tag");
  run.map = r->Get("map");
  run.mob_id = static_cast<int>(r->GetInt("mob"));
  run.target = static_cast<uint32_t>(r->GetInt("target", 1));
  run.progress = static_cast<uint32_t>(r->GetInt("progress"));
  run.contributors = Narrow(r->GetInts("contributors"));
  return run;
}

std::vector<v1::EventChain> ChainStore::Chains() {
  std::vector<v1::EventChain> out;
  for (const auto& [key, value] : state_.Scan(Key("c/"))) {
    v1::EventChain chain;
    if (chain.ParseFromString(value)) out.push_back(std::move(chain));
  }
  return out;
}

uint64_t ChainStore::EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids) {
  auto gone = [&](uint32_t c) { return std::find(char_ids.begin(), char_ids.end(), c) != char_ids.end(); };
  uint64_t removed = 0;
  for (const auto& [key, value] : state.Scan("chain/")) {
    if (!absl::StrContains(key, "/run/")) continue;
    absl::StatusOr<FlatRecord> r = FlatRecord::Decode(value);
    if (!r.ok()) continue;
    bool changed = false;
    for (const char* field : {"participants", "contributors"}) {
      std::vector<uint32_t> list = Narrow(r->GetInts(field));
      const size_t before = list.size();
      std::erase_if(list, gone);
      if (list.size() == before) continue;
      removed += before - list.size();
      r->SetInts(field, Wide(list));
      changed = true;
    }
    if (changed) state.Put(key, r->Encode());
  }
  return removed;
}

std::vector<v1::EventChain> ChainStore::Active() {
  std::vector<v1::EventChain> out = Chains();
  std::erase_if(out, [](const v1::EventChain& c) { return c.status() != v1::CONTENT_STATUS_ACTIVE; });
  return out;
}

}  // namespace aiworld::procedural
