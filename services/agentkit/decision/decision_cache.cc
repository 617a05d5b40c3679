#include "services/agentkit/decision/decision_cache.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"

namespace aiworld::decision {

namespace {

double Norm(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x * x;
  return std::sqrt(s);
}

double Dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

}  // namespace

double CosineSimilarity(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.empty() || a.size() != b.size()) return 0;
  const double na = Norm(a), nb = Norm(b);
  if (!(na > 0) || !(nb > 0)) return 0;
  return Dot(a, b) / (na * nb);
}

DecisionCache::DecisionCache(DecisionCacheOptions options, const Clock& clock) : options_(options), clock_(clock) {}

std::optional<CacheHit> DecisionCache::Lookup(absl::string_view type, absl::string_view key,
                                              const std::vector<double>& features, std::optional<double> threshold,
                                              bool allow_similarity) {
  const absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  auto tc_it = types_.find(type);
  if (tc_it == types_.end()) {
    ++stats_.misses;
    return std::nullopt;
  }
  TypeCache& tc = tc_it->second;
  auto expired = [&](const Entry& e) { return now - e.stored_at >= options_.ttl; };

  if (!key.empty()) {
    auto it = tc.by_key.find(std::string(key));
    if (it != tc.by_key.end()) {
      if (expired(*it->second)) {
        tc.lru.erase(it->second);
        tc.by_key.erase(it);
        ++stats_.expired;
      } else {
        tc.lru.splice(tc.lru.begin(), tc.lru, it->second);  // most recently used
        ++stats_.exact_hits;
        return CacheHit{it->second->text, true, 1.0};
      }
    }
  }

  const double min_similarity = threshold.value_or(options_.similarity_threshold);
  const double norm = Norm(features);
  if (allow_similarity && norm > 0) {
    std::list<Entry>::iterator best = tc.lru.end();
    double best_similarity = -2;
    for (auto it = tc.lru.begin(); it != tc.lru.end();) {
      if (expired(*it)) {
        tc.by_key.erase(it->key);
        it = tc.lru.erase(it);
        ++stats_.expired;
        continue;
      }
      if (it->features.size() == features.size() && it->norm > 0) {
        const double s = Dot(it->features, features) / (it->norm * norm);
        if (s > best_similarity) {
          best_similarity = s;
          best = it;
        }
      }
      ++it;
    }
    if (best != tc.lru.end() && best_similarity >= min_similarity) {
      tc.lru.splice(tc.lru.begin(), tc.lru, best);
      ++stats_.similarity_hits;
      return CacheHit{best->text, false, best_similarity};
    }
  }
  ++stats_.misses;
  return std::nullopt;
}

void DecisionCache::Put(absl::string_view type, absl::string_view key, const std::vector<double>& features,
                        absl::string_view text) {
  const absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  PutLocked(std::string(type), std::string(key), features, std::string(text), now);
}

void DecisionCache::PutStoredAt(absl::string_view type, absl::string_view key, const std::vector<double>& features,
                                absl::string_view text, absl::Time stored_at) {
  if (clock_.Now() - stored_at >= options_.ttl) return;
  absl::MutexLock lock(&mu_);
  PutLocked(std::string(type), std::string(key), features, std::string(text), stored_at);
}

void DecisionCache::PutLocked(const std::string& type, std::string key, std::vector<double> features,
                              std::string text, absl::Time stored_at) {
  if (options_.max_entries_per_type == 0) return;
  TypeCache& tc = types_[type];
  const bool keyed = !key.empty();
  if (!keyed) key = absl::StrCat("\x01#", ++seq_);  // cannot collide with a caller key of printable text
  if (auto it = tc.by_key.find(key); it != tc.by_key.end()) {
    tc.lru.erase(it->second);
    tc.by_key.erase(it);
  }
  while (tc.lru.size() >= options_.max_entries_per_type) {
    tc.by_key.erase(tc.lru.back().key);
    tc.lru.pop_back();
    ++stats_.evictions;
  }
  Entry e;
  e.key = key;
  e.keyed = keyed;
  e.norm = Norm(features);
  e.features = std::move(features);
  e.text = std::move(text);
  e.stored_at = stored_at;
  tc.lru.push_front(std::move(e));
  tc.by_key.emplace(std::move(key), tc.lru.begin());
}

std::string DecisionCache::Snapshot() const {
  using google::protobuf::ListValue;
  using google::protobuf::Struct;
  using google::protobuf::Value;
  Struct doc;
  (*doc.mutable_fields())["version"].set_number_value(1);
  ListValue* entries = (*doc.mutable_fields())["entries"].mutable_list_value();
  {
    const absl::Time now = clock_.Now();
    absl::MutexLock lock(&mu_);
    for (const auto& [type, tc] : types_) {
      for (auto it = tc.lru.rbegin(); it != tc.lru.rend(); ++it) {  // oldest use first
        if (now - it->stored_at >= options_.ttl) continue;
        Struct* e = entries->add_values()->mutable_struct_value();
        auto& f = *e->mutable_fields();
        f["type"].set_string_value(type);
        f["key"].set_string_value(it->keyed ? it->key : std::string());
        f["text"].set_string_value(it->text);
        // Whole microseconds fit a double exactly until the year 2255.
        f["stored_at_unix_micros"].set_number_value(static_cast<double>(absl::ToUnixMicros(it->stored_at)));
        ListValue* features = f["features"].mutable_list_value();
        for (double x : it->features) features->add_values()->set_number_value(x);
      }
    }
  }
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  (void)google::protobuf::util::MessageToJsonString(doc, &out, options);
  return out;
}

absl::Status DecisionCache::Restore(absl::string_view snapshot) {
  google::protobuf::Struct doc;
  if (!google::protobuf::util::JsonStringToMessage(std::string(snapshot), &doc).ok()) {
    return absl::InvalidArgumentError("decision cache snapshot: malformed JSON");
  }
  const auto version = doc.fields().find("version");
  if (version == doc.fields().end() || version->second.number_value() != 1) {
    return absl::InvalidArgumentError("decision cache snapshot: unknown version");
  }
  const auto entries = doc.fields().find("entries");
  if (entries == doc.fields().end() || !entries->second.has_list_value()) {
    return absl::InvalidArgumentError("decision cache snapshot: no entries");
  }
  struct Parsed {
    std::string type, key, text;
    std::vector<double> features;
    absl::Time at;
  };
  std::vector<Parsed> parsed;
  for (const auto& v : entries->second.list_value().values()) {
    if (!v.has_struct_value()) return absl::InvalidArgumentError("decision cache snapshot: entry is not an object");
    const auto& f = v.struct_value().fields();
    auto str = [&](const char* name) -> const google::protobuf::Value* {
      auto it = f.find(name);
      return it != f.end() && it->second.kind_case() == google::protobuf::Value::kStringValue ? &it->second : nullptr;
    };
    const auto* type = str("type");
    const auto* key = str("key");
    const auto* text = str("text");
    const auto at = f.find("stored_at_unix_micros");
    const auto features = f.find("features");
    if (type == nullptr || key == nullptr || text == nullptr || at == f.end() || !at->second.has_number_value() ||
        features == f.end() || !features->second.has_list_value()) {
      return absl::InvalidArgumentError("decision cache snapshot: entry lacks a field");
    }
    Parsed p{type->string_value(), key->string_value(), text->string_value(), {},
             absl::FromUnixMicros(static_cast<int64_t>(at->second.number_value()))};
    for (const auto& x : features->second.list_value().values()) {
      if (!x.has_number_value()) return absl::InvalidArgumentError("decision cache snapshot: feature is not a number");
      p.features.push_back(x.number_value());
    }
    parsed.push_back(std::move(p));
  }
  const absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  for (auto& p : parsed) {
    if (now - p.at >= options_.ttl) continue;
    PutLocked(p.type, std::move(p.key), std::move(p.features), std::move(p.text), p.at);
  }
  return absl::OkStatus();
}

DecisionCacheStats DecisionCache::Stats() const {
  absl::MutexLock lock(&mu_);
  DecisionCacheStats s = stats_;
  s.entries = 0;
  for (const auto& [type, tc] : types_) s.entries += tc.lru.size();
  return s;
}

size_t DecisionCache::size() const { return Stats().entries; }

}  // namespace aiworld::decision
