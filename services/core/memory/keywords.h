#pragma once
// The words that make two texts "about the same thing", for ranking memories against a query: runs of
// letters and digits (ASCII lower-cased; any non-ASCII byte counts as a letter), at least 3 bytes,
// minus a short list of English filler words.
#include <string>
#include <string_view>
#include <vector>

namespace aiworld::core {

// Sorted, without duplicates.
std::vector<std::string> Keywords(std::string_view text);

// Share of `query` (sorted keywords) found in `words` (sorted keywords): 0..1; 0 for an empty query.
double KeywordOverlap(const std::vector<std::string>& query, const std::vector<std::string>& words);

// The first keyword of `query` that `words` has too, or "".
std::string FirstSharedKeyword(const std::vector<std::string>& query, const std::vector<std::string>& words);

}  // namespace aiworld::core
