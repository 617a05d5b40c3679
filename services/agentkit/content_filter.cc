#include "services/agentkit/content_filter.h"

#include <fstream>
#include <utility>

#include "absl/status/status.h"

namespace aiworld::agentkit {

namespace {

// --- UTF-8 -------------------------------------------------------------------------------------

// Decodes the code point starting at s[i] strictly. Returns its length, or 0 when the byte at i does
// not start a valid sequence (then only that byte is dropped and decoding resumes at i + 1).
size_t DecodeOne(std::string_view s, size_t i, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  size_t len = 0;
  char32_t min = 0;
  char32_t v = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, min = 0x80, v = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, min = 0x800, v = b0 & 0x0Fu;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, min = 0x10000, v = b0 & 0x07u;
  } else {
    return 0;  // stray continuation byte, C0/C1 (always overlong), F5..FF
  }
  if (s.size() - i < len) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0u) != 0x80u) return 0;
    v = (v << 6) | (b & 0x3Fu);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return len;
}

// Calls f(code point) for every valid code point of s, skipping invalid bytes. Returns false when
// any byte was skipped.
template <typename F>
bool ForEachCodePoint(std::string_view s, F&& f) {
  bool valid = true;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const size_t len = DecodeOne(s, i, &cp);
    if (len == 0) {
      valid = false;
      ++i;
      continue;
    }
    f(cp);
    i += len;
  }
  return valid;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// --- character classes -------------------------------------------------------------------------

enum class CharClass { kKeep, kSpace, kDrop };

CharClass Classify(char32_t c, TextKind kind) {
  // Line breaks, tabs and Unicode spaces: one space (collapsed later).
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
      c == 0x2029 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
      c == 0x205F || c == 0x3000) {
    return CharClass::kSpace;
  }
  // C0, DEL, C1.
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return CharClass::kDrop;
  // Invisible format characters: soft hyphen, Mongolian vowel separator, zero-width and direction
  // marks, bidi embeddings/overrides/isolates, word joiner and invisible operators, BOM, interlinear
  // annotation, tag characters.
  if (c == 0xAD || c == 0x180E || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
      (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) ||
      (c >= 0xE0000 && c <= 0xE007F)) {
    return CharClass::kDrop;
  }
  // Noncharacters.
  if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFEu) == 0xFFFEu) return CharClass::kDrop;
  // A text can never end a quoted rAthena script string or escape inside one.
  if (c == '"' || c == '\\') return CharClass::kDrop;
  // Names: rAthena's "Shown#hidden" and "Name::unique" separators, the script header separator.
  if (kind == TextKind::kName && (c == '#' || c == ':' || c == ',')) return CharClass::kDrop;
  return CharClass::kKeep;
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

constexpr size_t kMaxTagLetters = 32;

// `out` held no colour code and no client tag before its last character was appended, so a new one
// can only end at that character: remove it. What is left is a prefix of a clean string, so clean.
void RemovePatternAtEnd(std::string& out) {
  const size_t n = out.size();
  if (n >= 7 && out[n - 7] == '^') {
    bool hex = true;
    for (size_t k = n - 6; k < n; ++k) hex = hex && IsHex(out[k]);
    if (hex) {
      out.resize(n - 7);
      return;
    }
  }
  if (n == 0 || out[n - 1] != '>') return;
  size_t i = n - 1;  // first letter of the tag name
  while (i > 0 && n - 1 - i <= kMaxTagLetters && IsAsciiAlpha(out[i - 1])) --i;
  const size_t letters = n - 1 - i;
  if (letters == 0 || letters > kMaxTagLetters) return;
  if (i > 0 && out[i - 1] == '/') --i;
  if (i > 0 && out[i - 1] == '<') out.resize(i - 1);
}

// --- deny-list folding -------------------------------------------------------------------------

enum class Fold { kWord, kSeparator, kIgnore };

// Folds one code point for matching, appending word characters to `word`.
Fold FoldInto(char32_t c, std::string& word) {
  if (c < 0x80) {
    const char a = static_cast<char>(c);
    if (a >= 'A' && a <= 'Z') {
      word.push_back(static_cast<char>(a - 'A' + 'a'));
      return Fold::kWord;
    }
    if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) {
      word.push_back(a);
      return Fold::kWord;
    }
    return Fold::kSeparator;
  }
  if (c >= 0xFF01 && c <= 0xFF5E) return FoldInto(c - 0xFEE0, word);  // fullwidth ASCII
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF)) {
    return Fold::kIgnore;  // combining marks, variation selectors
  }
  if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) {
    // Latin-1 letters, upper (C0..DE) and lower (E0..FF) case share one table.
    static constexpr const char* kLatin1[32] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss"};
    const char32_t index = c == 0xFF ? 0x1D : (c - 0xC0) & 0x1Fu;  // ÿ -> y
    word += kLatin1[index];
    return Fold::kWord;
  }
  if (c < 0xC0 || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
      c == 0xFF00 || (c >= 0xFF5F && c <= 0xFF65)) {
    return Fold::kSeparator;  // Latin-1 symbols, general and CJK punctuation, halfwidth punctuation
  }
  AppendUtf8(word, c);  // any other character is part of a word, compared as is
  return Fold::kWord;
}

struct Token {
  std::string text;
  size_t chars = 0;  // characters folded into it
};

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  Token current;
  ForEachCodePoint(text, [&](char32_t c) {
    switch (FoldInto(c, current.text)) {
      case Fold::kWord:
        ++current.chars;
        break;
      case Fold::kSeparator:
        if (current.chars > 0) tokens.push_back(std::move(current));
        current = Token{};
        break;
      case Fold::kIgnore:
        break;
    }
  });
  if (current.chars > 0) tokens.push_back(std::move(current));
  return tokens;
}

absl::Status CheckBounds(const ContentFilter::Options& options, TextKind kind) {
  const ContentFilter::Bounds& b = options.For(kind);
  const char* names[] = {"dialogue", "broadcast", "name", "arc_text"};
  const std::string field = std::string("options.") + names[static_cast<int>(kind)];
  if (b.max_bytes == 0) return absl::InvalidArgumentError(field + ".max_bytes: must be at least 1");
  if (b.min_bytes > b.max_bytes) {
    return absl::InvalidArgumentError(field + ".min_bytes: above max_bytes");
  }
  return absl::OkStatus();
}

std::string TrimAscii(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(ws) - b + 1));
}

}  // namespace

const char* TextKindName(TextKind kind) {
  switch (kind) {
    case TextKind::kDialogue:
      return "dialogue";
    case TextKind::kBroadcast:
      return "broadcast";
    case TextKind::kName:
      return "name";
    case TextKind::kArcText:
      return "arc text";
  }
  return "text";
}

ContentFilter::Bounds& ContentFilter::Options::For(TextKind kind) {
  return const_cast<Bounds&>(static_cast<const Options*>(this)->For(kind));
}

const ContentFilter::Bounds& ContentFilter::Options::For(TextKind kind) const {
  switch (kind) {
    case TextKind::kDialogue:
      return dialogue;
    case TextKind::kBroadcast:
      return broadcast;
    case TextKind::kName:
      return name;
    case TextKind::kArcText:
      return arc_text;
  }
  return dialogue;
}

struct ContentFilter::DenyIndex {
  struct Entry {
    std::vector<std::string> words;
    std::string joined;  // the words run together, for the one-letter-word obfuscation
  };
  std::vector<Entry> entries;

  bool Matches(std::string_view text) const {
    if (entries.empty()) return false;
    const std::vector<Token> tokens = Tokenize(text);
    for (const Entry& e : entries) {  // whole consecutive words
      for (size_t i = 0; i + e.words.size() <= tokens.size(); ++i) {
        size_t k = 0;
        while (k < e.words.size() && tokens[i + k].text == e.words[k]) ++k;
        if (k == e.words.size()) return true;
      }
    }
    for (size_t i = 0; i < tokens.size();) {  // runs of two or more one-character words
      size_t j = i;
      std::string run;
      while (j < tokens.size() && tokens[j].chars == 1) run += tokens[j++].text;
      if (j - i >= 2) {
        for (const Entry& e : entries) {
          if (run.find(e.joined) != std::string::npos) return true;
        }
      }
      i = j == i ? i + 1 : j;
    }
    return false;
  }
};

ContentFilter::ContentFilter(Options options, std::shared_ptr<const DenyIndex> deny)
    : options_(std::move(options)), deny_(std::move(deny)) {}

absl::StatusOr<ContentFilter> ContentFilter::Create(Options options) {
  for (TextKind kind : {TextKind::kDialogue, TextKind::kBroadcast, TextKind::kName, TextKind::kArcText}) {
    if (absl::Status s = CheckBounds(options, kind); !s.ok()) return s;
  }
  auto index = std::make_shared<DenyIndex>();
  for (size_t i = 0; i < options.deny_list.size(); ++i) {
    const std::string field = "options.deny_list[" + std::to_string(i) + "]";
    const std::string& entry = options.deny_list[i];
    if (!ForEachCodePoint(entry, [](char32_t) {})) {
      return absl::InvalidArgumentError(field + ": not valid UTF-8");
    }
    DenyIndex::Entry e;
    for (Token& t : Tokenize(entry)) {
      e.joined += t.text;
      e.words.push_back(std::move(t.text));
    }
    if (e.words.empty()) return absl::InvalidArgumentError(field + ": has no letter or digit");
    index->entries.push_back(std::move(e));
  }
  return ContentFilter(std::move(options), std::move(index));
}

ContentFilter ContentFilter::Default() { return *Create(Options{}); }

absl::StatusOr<std::string> ContentFilter::Clean(TextKind kind, std::string_view text) const {
  const Bounds& bounds = options_.For(kind);
  std::string out;
  out.reserve(text.size());
  ForEachCodePoint(text, [&](char32_t c) {
    switch (Classify(c, kind)) {
      case CharClass::kDrop:
        return;
      case CharClass::kSpace:
        if (!out.empty() && out.back() != ' ') out.push_back(' ');
        return;
      case CharClass::kKeep:
        AppendUtf8(out, c);
        if (c < 0x80) RemovePatternAtEnd(out);
        return;
    }
  });
  while (!out.empty() && out.back() == ' ') out.pop_back();

  if (deny_->Matches(out)) return absl::InvalidArgumentError("text: contains a denied word");
  if (out.size() > bounds.max_bytes) {
    size_t cut = bounds.max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0u) == 0x80u) --cut;
    out.resize(cut);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    // The cut can end a word early ("badly" -> "bad").
    if (deny_->Matches(out)) return absl::InvalidArgumentError("text: contains a denied word");
  }
  if (out.empty() && bounds.min_bytes > 0) return absl::InvalidArgumentError("text: empty after cleaning");
  if (out.size() < bounds.min_bytes) {
    return absl::InvalidArgumentError("text: " + std::to_string(out.size()) +
                                      " bytes after cleaning, fewer than the minimum " +
                                      std::to_string(bounds.min_bytes) + " for " + TextKindName(kind));
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> LoadDenyList(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("deny list " + path + ": cannot open");
  std::vector<std::string> entries;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    const std::string entry = TrimAscii(std::string_view(line).substr(0, line.find('#')));
    if (entry.empty()) continue;
    const std::string where = path + ":" + std::to_string(number);
    if (!ForEachCodePoint(entry, [](char32_t) {})) return absl::InvalidArgumentError(where + ": not valid UTF-8");
    if (Tokenize(entry).empty()) return absl::InvalidArgumentError(where + ": has no letter or digit");
    entries.push_back(entry);
  }
  if (in.bad()) return absl::DataLossError("deny list " + path + ": read failed");
  return entries;
}

}  // namespace aiworld::agentkit
