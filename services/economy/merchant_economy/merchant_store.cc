#include "services/economy/merchant_economy/merchant_store.h"

#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "runtime/proto_time.h"

namespace aiworld::economy {
namespace {

struct CharacterZeny {
  uint32_t account = 0;
  uint32_t zeny = 0;
  int64_t last_seen = 0;
};

std::optional<CharacterZeny> DecodeCharacter(const std::string& text) {
  std::vector<std::string> f = absl::StrSplit(text, ';');
  CharacterZeny c;
  if (f.size() != 4 || f[0] != "z1" || !absl::SimpleAtoi(f[1], &c.account) || !absl::SimpleAtoi(f[2], &c.zeny) ||
      !absl::SimpleAtoi(f[3], &c.last_seen)) {
    return std::nullopt;
  }
  return c;
}

// The char id at the end of "char/<server>/<char_id>".
std::optional<uint32_t> CharIdOf(const std::string& key) {
  uint32_t id = 0;
  const size_t slash = key.rfind('/');
  if (slash == std::string::npos || !absl::SimpleAtoi(key.substr(slash + 1), &id)) return std::nullopt;
  return id;
}

}  // namespace

bool SinkRunning(const v1::ZenySink& sink, absl::Time now) {
  return sink.status() == v1::CONTENT_STATUS_ACTIVE && FromProto(sink.started_at()) <= now && now < FromProto(sink.ends_at());
}

void MerchantStore::SeeCharacter(uint32_t char_id, uint32_t account_id, uint32_t zeny, absl::Time now) {
  state_.Put(absl::StrCat("char/", server_id_, "/", char_id), absl::StrCat("z1;", account_id, ";", zeny, ";", absl::ToUnixSeconds(now)));
}

Population MerchantStore::ActivePopulation(absl::Time now) const {
  Population p;
  const int64_t since = absl::ToUnixSeconds(now - kActiveCharacterWindow);
  for (const auto& [key, raw] : state_.Scan(absl::StrCat("char/", server_id_, "/"))) {
    std::optional<CharacterZeny> c = DecodeCharacter(raw);
    if (!c.has_value() || c->last_seen <= since) continue;
    p.total_zeny += c->zeny;
    ++p.active;
  }
  return p;
}

std::optional<v1::MarketReport> MerchantStore::Report() const {
  std::optional<std::string> raw = state_.Get(absl::StrCat("report/", server_id_));
  v1::MarketReport report;
  if (!raw.has_value() || !report.ParseFromString(*raw)) return std::nullopt;
  return report;
}

void MerchantStore::PutReport(const v1::MarketReport& report) {
  state_.Put(absl::StrCat("report/", server_id_), report.SerializeAsString());
}

std::optional<absl::Time> MerchantStore::LastAdjustment(v1::MarketCondition condition) const {
  std::optional<std::string> raw = state_.Get(absl::StrCat("adjusted/", server_id_, "/", static_cast<int>(condition)));
  int64_t at = 0;
  if (!raw.has_value() || !absl::SimpleAtoi(*raw, &at)) return std::nullopt;
  return absl::FromUnixSeconds(at);
}

void MerchantStore::SetLastAdjustment(v1::MarketCondition condition, absl::Time at) {
  state_.Put(absl::StrCat("adjusted/", server_id_, "/", static_cast<int>(condition)), std::to_string(absl::ToUnixSeconds(at)));
}

std::vector<v1::ZenySink> MerchantStore::Sinks() const {
  std::vector<v1::ZenySink> out;
  for (const auto& [key, raw] : state_.Scan(absl::StrCat("sink/", server_id_, "/"))) {
    v1::ZenySink sink;
    if (sink.ParseFromString(raw)) out.push_back(std::move(sink));
  }
  return out;
}

void MerchantStore::PutSink(const v1::ZenySink& sink) {
  state_.Put(absl::StrCat("sink/", server_id_, "/", sink.sink_id()), sink.SerializeAsString());
}

void MerchantStore::EraseSink(const std::string& sink_id) { state_.Erase(absl::StrCat("sink/", server_id_, "/", sink_id)); }

std::string MerchantStore::NextSinkId() {
  const std::string key = absl::StrCat("next/", server_id_);
  uint64_t last = 0;
  if (std::optional<std::string> raw = state_.Get(key); raw.has_value()) (void)absl::SimpleAtoi(*raw, &last);
  ++last;
  state_.Put(key, std::to_string(last));
  return absl::StrCat("sink_", last);
}

std::vector<uint32_t> MerchantStore::CharactersOf(agentkit::StateStore& state, uint32_t account_id) {
  std::set<uint32_t> chars;
  for (const auto& [key, raw] : state.Scan("char/")) {
    std::optional<CharacterZeny> c = DecodeCharacter(raw);
    std::optional<uint32_t> id = CharIdOf(key);
    if (c.has_value() && id.has_value() && c->account == account_id) chars.insert(*id);
  }
  return {chars.begin(), chars.end()};
}

uint64_t MerchantStore::EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids) {
  const std::set<uint32_t> chars(char_ids.begin(), char_ids.end());
  uint64_t removed = 0;
  for (const auto& [key, raw] : state.Scan("char/")) {
    std::optional<uint32_t> id = CharIdOf(key);
    if (id.has_value() && chars.contains(*id)) {
      state.Erase(key);
      ++removed;
    }
  }
  return removed;
}

}  // namespace aiworld::economy
