#include "gateway/validation/text_checks.h"

#include <cstdint>

namespace aiworld::gateway {
namespace {

bool InRange(unsigned char b, unsigned char lo, unsigned char hi) { return b >= lo && b <= hi; }

// Length of the well-formed UTF-8 sequence starting at text[i], or 0 when there is none.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto at = [&](size_t k) -> unsigned char {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  const unsigned char b0 = at(0);
  if (b0 < 0x80) return 1;
  // Allowed range of the second byte depends on the first (excludes overlongs, surrogates and
  // values above U+10FFFF); later bytes are always 80..BF.
  unsigned char lo = 0x80, hi = 0xBF;
  size_t length = 0;
  if (InRange(b0, 0xC2, 0xDF)) {
    length = 2;
  } else if (InRange(b0, 0xE0, 0xEF)) {
    length = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (InRange(b0, 0xF0, 0xF4)) {
    length = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;  // 80..C1 (continuation or overlong lead) and F5..FF
  }
  if (!InRange(at(1), lo, hi)) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (!InRange(at(k), 0x80, 0xBF)) return 0;
  }
  return length;
}

// Recursive-descent recogniser of RFC 8259 JSON text. Records the first error and stops.
class JsonChecker {
 public:
  explicit JsonChecker(std::string_view text) : text_(text) {}

  std::optional<JsonSyntaxError> CheckObjectDocument() {
    SkipWhitespace();
    if (Peek() != '{') return Error("'{' (the document must be a JSON object)");
    if (!Value(0)) return error_;
    SkipWhitespace();
    if (pos_ != text_.size()) return Error("end of the document after the object");
    return std::nullopt;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }

  std::optional<JsonSyntaxError> Error(std::string expected) {
    if (!error_) error_ = JsonSyntaxError{pos_, std::move(expected)};
    return error_;
  }
  bool Fail(std::string expected) {
    Error(std::move(expected));
    return false;
  }

  void SkipWhitespace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) ++pos_;
  }

  bool Value(int depth) {
    SkipWhitespace();
    switch (Peek()) {
      case '{': return Object(depth + 1);
      case '[': return Array(depth + 1);
      case '"': return String();
      case 't': return Literal("true");
      case 'f': return Literal("false");
      case 'n': return Literal("null");
      default:
        if (Peek() == '-' || (Peek() >= '0' && Peek() <= '9')) return Number();
        return Fail("a value (object, array, string, number, true, false or null)");
    }
  }

  bool Object(int depth) {
    if (depth > kMaxJsonDepth) return Fail("nesting at most " + std::to_string(kMaxJsonDepth) + " deep");
    ++pos_;  // '{'
    SkipWhitespace();
    if (Peek() == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      SkipWhitespace();
      if (Peek() != '"') return Fail("'\"' starting an object key");
      if (!String()) return false;
      SkipWhitespace();
      if (Peek() != ':') return Fail("':' after an object key");
      ++pos_;
      if (!Value(depth)) return false;
      SkipWhitespace();
      if (Peek() == '}') {
        ++pos_;
        return true;
      }
      if (Peek() != ',') return Fail("',' or '}' after an object member");
      ++pos_;
    }
  }

  bool Array(int depth) {
    if (depth > kMaxJsonDepth) return Fail("nesting at most " + std::to_string(kMaxJsonDepth) + " deep");
    ++pos_;  // '['
    SkipWhitespace();
    if (Peek() == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      if (!Value(depth)) return false;
      SkipWhitespace();
      if (Peek() == ']') {
        ++pos_;
        return true;
      }
      if (Peek() != ',') return Fail("',' or ']' after an array element");
      ++pos_;
    }
  }

  bool Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return Fail("true, false or null");
    pos_ += word.size();
    return true;
  }

  bool Digits() {
    if (!(Peek() >= '0' && Peek() <= '9')) return Fail("a digit");
    while (Peek() >= '0' && Peek() <= '9') ++pos_;
    return true;
  }

  bool Number() {
    if (Peek() == '-') ++pos_;
    if (Peek() == '0') {
      ++pos_;
      if (Peek() >= '0' && Peek() <= '9') return Fail("no leading zero in a number");
    } else if (!Digits()) {
      return false;
    }
    if (Peek() == '.') {
      ++pos_;
      if (!Digits()) return false;
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (!Digits()) return false;
    }
    return true;
  }

  // Four hex digits at pos_; advances past them.
  std::optional<uint32_t> Hex4() {
    uint32_t value = 0;
    for (int k = 0; k < 4; ++k, ++pos_) {
      const char c = Peek();
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        Fail("4 hex digits after \\u");
        return std::nullopt;
      }
    }
    return value;
  }

  // At the 'u' of "\u"; consumes the escape, and the low half of a surrogate pair.
  bool UnicodeEscape() {
    const size_t start = pos_ - 1;  // the backslash
    ++pos_;                         // 'u'
    const auto unit = Hex4();
    if (!unit) return false;
    if (*unit == 0) {
      pos_ = start;
      return Fail("no \\u0000 escape (not storable as text)");
    }
    if (*unit >= 0xDC00 && *unit <= 0xDFFF) {
      pos_ = start;
      return Fail("no unpaired low surrogate escape");
    }
    if (*unit < 0xD800 || *unit > 0xDBFF) return true;
    // A high surrogate must be followed by an escaped low surrogate.
    if (text_.substr(pos_, 2) != "\\u") return Fail("\\u escape of a low surrogate after a high one");
    pos_ += 2;
    const auto low = Hex4();
    if (!low) return false;
    if (*low < 0xDC00 || *low > 0xDFFF) {
      pos_ -= 6;
      return Fail("\\u escape of a low surrogate after a high one");
    }
    return true;
  }

  bool String() {
    ++pos_;  // opening quote
    while (true) {
      if (AtEnd()) return Fail("'\"' closing the string");
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return Fail("no raw control character in a string (escape it)");
      if (c != '\\') {
        ++pos_;
        continue;
      }
      ++pos_;
      switch (Peek()) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          ++pos_;
          break;
        case 'u':
          if (!UnicodeEscape()) return false;
          break;
        default:
          return Fail("an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
      }
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::optional<JsonSyntaxError> error_;
};

}  // namespace

std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    // ASCII fast path.
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

std::optional<CodePointAt> FindControlCharacter(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x20 || b == 0x7F) return CodePointAt{b, i};
    // C1 controls are U+0080..U+009F, encoded C2 80..C2 9F. In well-formed UTF-8 a C2 byte is
    // always a lead byte, so this cannot match inside another sequence.
    if (b == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return CodePointAt{next, i};
    }
  }
  return std::nullopt;
}

std::optional<JsonSyntaxError> CheckJsonObject(std::string_view text) {
  return JsonChecker(text).CheckObjectDocument();
}

}  // namespace aiworld::gateway
