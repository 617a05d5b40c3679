#pragma once
// Tier 2 of the decision engine: earlier decisions, per decision type.
//
// Lookup tries the exact cache key first, then the nearest earlier decision of the same type by the
// cosine similarity of the feature vectors (same length, both non-zero), if it reaches the threshold.
// Entries older than the TTL are never returned. Each type holds at most max_entries_per_type
// entries; the least recently used goes first. Thread-safe.
#include <cstdint>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "runtime/clock.h"

namespace aiworld::decision {

struct DecisionCacheOptions {
  absl::Duration ttl = absl::Hours(1);
  double similarity_threshold = 0.85;
  size_t max_entries_per_type = 10000;
};

struct CacheHit {
  std::string text;
  bool exact = false;
  double similarity = 1.0;  // 1 for an exact hit
};

struct DecisionCacheStats {
  int64_t exact_hits = 0;
  int64_t similarity_hits = 0;
  int64_t misses = 0;
  int64_t evictions = 0;
  int64_t expired = 0;
  size_t entries = 0;
};

// Cosine similarity; 0 when the lengths differ, a vector is empty or zero.
double CosineSimilarity(const std::vector<double>& a, const std::vector<double>& b);

class DecisionCache {
 public:
  explicit DecisionCache(DecisionCacheOptions options = {}, const Clock& clock = SystemClock::Instance());

  // threshold: the similarity threshold for this lookup; nullopt: the configured one.
  // allow_similarity false: exact key only.
  std::optional<CacheHit> Lookup(absl::string_view type, absl::string_view key, const std::vector<double>& features,
                                 std::optional<double> threshold = std::nullopt, bool allow_similarity = true);

  // Stores (or replaces) a decision. An empty key stores it for the similarity search only.
  void Put(absl::string_view type, absl::string_view key, const std::vector<double>& features, absl::string_view text);
  // The same, for a decision stored earlier (restored from a DecisionStore); ignored past its TTL.
  void PutStoredAt(absl::string_view type, absl::string_view key, const std::vector<double>& features,
                   absl::string_view text, absl::Time stored_at);

  // Every live entry, oldest use first, as one JSON document; Restore() takes it back (entries past
  // their TTL by then are dropped). Restore adds to what is there.
  std::string Snapshot() const;
  absl::Status Restore(absl::string_view snapshot);

  DecisionCacheStats Stats() const;
  size_t size() const;
  const DecisionCacheOptions& options() const { return options_; }

 private:
  struct Entry {
    std::string key;  // real key, or "#<seq>" for key-less entries
    bool keyed = true;
    std::vector<double> features;
    double norm = 0;
    std::string text;
    absl::Time stored_at;
  };
  struct TypeCache {
    std::list<Entry> lru;  // front: most recently used
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key;
  };

  void PutLocked(const std::string& type, std::string key, std::vector<double> features, std::string text,
                 absl::Time stored_at) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const DecisionCacheOptions options_;
  const Clock& clock_;
  mutable absl::Mutex mu_;
  std::map<std::string, TypeCache, std::less<>> types_ ABSL_GUARDED_BY(mu_);
  uint64_t seq_ ABSL_GUARDED_BY(mu_) = 0;
  DecisionCacheStats stats_ ABSL_GUARDED_BY(mu_);
};

}  // namespace aiworld::decision
