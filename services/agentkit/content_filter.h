#pragma once
// The content filter every generated text (dialogue, broadcasts, names, arc text) passes before it can
// become an action (DESIGN §2). It repairs and cleans text so that nothing a model writes can colour,
// tag or script the game, cuts it to the kind's byte bound at a character boundary, and rejects it
// when a deny-list entry matches or too little is left.
//
// Clean(kind, text), in this order:
//  1. UTF-8 is decoded strictly; invalid bytes (stray continuations, truncated, overlong, surrogates,
//     above U+10FFFF) are removed one by one.
//  2. Characters: tab, newlines (CR, LF, VT, FF, NEL, U+2028/9) and Unicode spaces (NBSP, U+2000..200A,
//     U+3000, ...) become a space; every other control character (C0, DEL, C1), invisible format
//     character (zero-width, bidi override/isolate, soft hyphen, BOM, word joiner) and noncharacter is
//     removed. '"' and '\' are removed (a text can never leave a quoted rAthena script string), and in
//     names also '#', ':' and ',' (rAthena's hidden-name and unique-name separators, the script header
//     separator).
//  3. rAthena colour codes ('^' + 6 hex digits, either case) and client tags ('<' optional '/' then
//     1..32 ASCII letters and '>', e.g. <ITEM>, </NAVI>, <URL>, <INFO>) are removed, repeatedly, so
//     removing one can never assemble another ("^^FF0000FF0000" is removed whole). A lone '^' ("^_^")
//     or '<' ("<3") stays. Whitespace is collapsed to one space and the text trimmed.
//  4. The text is cut to the kind's max_bytes at a UTF-8 character boundary, then trimmed again.
//  5. INVALID_ARGUMENT "text: contains a denied word" when a deny-list entry matches the cleaned text
//     (before or after the cut), then INVALID_ARGUMENT when fewer than min_bytes are left.
//
// Deny-list matching works on a folded copy: ASCII letters lower-cased, fullwidth forms mapped to ASCII,
// Latin-1 accented letters to their base letter (ß -> ss, æ -> ae), combining marks and variation
// selectors ignored. Words are runs of letters, digits and other non-ASCII characters; everything else
// separates. An entry (one or more words) matches whole consecutive words only, so "classic" passes an
// entry "ass". Obfuscation by separators is caught when every letter stands alone: a run of two or
// more one-character words ("b.a.d", "b a d", "a b-a-d") is joined and an entry matches anywhere
// inside it. Not caught, on purpose: leetspeak ("b4d"), repeated letters ("baaad"), partial splits
// ("ba d"), and words inside other words.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace aiworld::agentkit {

enum class TextKind { kDialogue, kBroadcast, kName, kArcText };

// "dialogue", "broadcast", "name", "arc text".
const char* TextKindName(TextKind kind);

class ContentFilter {
 public:
  struct Bounds {
    size_t min_bytes = 1;
    size_t max_bytes = 255;
  };
  struct Options {
    Bounds dialogue{1, 255};
    Bounds broadcast{1, 255};
    Bounds name{1, 23};  // rAthena NAME_LENGTH (24) minus the terminating NUL
    Bounds arc_text{1, 2000};
    // Words or phrases, matched as described above. Entries with no letter or digit are refused.
    std::vector<std::string> deny_list;

    Bounds& For(TextKind kind);
    const Bounds& For(TextKind kind) const;
  };

  // INVALID_ARGUMENT when a bound has max_bytes 0 or min_bytes above max_bytes, or a deny-list entry
  // is not valid UTF-8 or has no letter or digit.
  static absl::StatusOr<ContentFilter> Create(Options options);
  // The default bounds and an empty deny list.
  static ContentFilter Default();

  absl::StatusOr<std::string> Clean(TextKind kind, std::string_view text) const;

  const Options& options() const { return options_; }

  struct DenyIndex;  // the normalised deny list (internal)

 private:
  ContentFilter(Options options, std::shared_ptr<const DenyIndex> deny);

  Options options_;
  std::shared_ptr<const DenyIndex> deny_;
};

// Reads a deny list: one word or phrase per line; '#' starts a comment (whole line or trailing);
// surrounding whitespace and blank lines are ignored. NOT_FOUND when the file cannot be opened,
// INVALID_ARGUMENT naming path and line for a line that is not UTF-8 or has no letter or digit.
absl::StatusOr<std::vector<std::string>> LoadDenyList(const std::string& path);

}  // namespace aiworld::agentkit
