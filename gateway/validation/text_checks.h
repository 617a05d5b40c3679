#pragma once
// Byte-level checks of untrusted text for the event validator: UTF-8 well-formedness, control
// characters, and a strict JSON syntax check. No allocation on the success path; every function
// is total (any input, no exceptions, bounded recursion).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace aiworld::gateway {

// Offset of the first byte that does not begin a well-formed UTF-8 sequence, or nullopt when
// all of `text` is UTF-8. Overlong forms, surrogates (U+D800..U+DFFF) and code points above
// U+10FFFF are not well-formed (Unicode 15, table 3-7).
std::optional<size_t> FindInvalidUtf8(std::string_view text);

struct CodePointAt {
  char32_t code_point;
  size_t offset;  // byte offset in the text
};

// The first control character of well-formed UTF-8 `text`: C0 (U+0000..U+001F), DEL (U+007F)
// or C1 (U+0080..U+009F). Tab and newline are control characters too.
std::optional<CodePointAt> FindControlCharacter(std::string_view text);

struct JsonSyntaxError {
  size_t offset;         // byte offset where the problem was seen
  std::string expected;  // what was expected there, e.g. "':' after an object key"
};

// Deepest nesting of objects and arrays CheckJsonObject accepts.
inline constexpr int kMaxJsonDepth = 64;

// Checks that `text` is exactly one JSON object (RFC 8259), optionally surrounded by JSON
// whitespace. Strict: no comments, trailing commas, single quotes, NaN, leading zeros or raw
// control characters in strings. Also refused, as I-JSON (RFC 7493) and PostgreSQL jsonb do:
// \u escapes naming an unpaired surrogate, and \u0000. Nesting deeper than kMaxJsonDepth is
// refused. Does not check UTF-8 (use FindInvalidUtf8) nor duplicate keys.
std::optional<JsonSyntaxError> CheckJsonObject(std::string_view text);

}  // namespace aiworld::gateway
