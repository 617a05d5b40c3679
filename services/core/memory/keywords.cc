#include "services/core/memory/keywords.h"

#include <algorithm>
#include <set>

namespace aiworld::core {
namespace {
bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool IsFiller(const std::string& w) {
  static const std::set<std::string> kFiller = {
      "the",  "and",  "you",   "your", "for",  "are",  "with", "have", "this", "that", "what",  "where",
      "when", "who",  "how",   "why",  "from", "was",  "not",  "but",  "can",  "any",  "all",   "about",
      "just", "some", "there", "here", "its",  "it's", "did",  "does", "will", "would", "could", "should",
      "they", "them", "then",  "than", "into", "out",  "our",  "his",  "her",  "she",  "him",   "said",
      "replied"};
  return kFiller.contains(w);
}
}  // namespace

std::vector<std::string> Keywords(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3 && !IsFiller(word)) out.push_back(word);
    word.clear();
  };
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsWordByte(c)) {
      word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
    } else {
      flush();
    }
  }
  flush();
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double KeywordOverlap(const std::vector<std::string>& query, const std::vector<std::string>& words) {
  if (query.empty()) return 0;
  size_t shared = 0;
  for (const std::string& q : query) shared += std::binary_search(words.begin(), words.end(), q) ? 1 : 0;
  return static_cast<double>(shared) / static_cast<double>(query.size());
}

std::string FirstSharedKeyword(const std::vector<std::string>& query, const std::vector<std::string>& words) {
  for (const std::string& q : query) {
    if (std::binary_search(words.begin(), words.end(), q)) return q;
  }
  return "";
}

}  // namespace aiworld::core
