#include "gateway/pg_arrays.h"

#include "absl/strings/numbers.h"

namespace aiworld::gateway {

void PgArray::Add(const std::string& text) {
  Separator();
  body_ += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') body_ += '\\';
    body_ += c;
  }
  body_ += '"';
}

void PgArray::AddBytes(const std::string& bytes) {
  static const char kHex[] = "0123456789abcdef";
  Separator();
  body_ += "\"\\\\x";  // the element is \x..., and the backslash is escaped inside the literal
  for (unsigned char b : bytes) {
    body_ += kHex[b >> 4];
    body_ += kHex[b & 0xF];
  }
  body_ += '"';
}

void PgArray::AddInt(int64_t v) {
  Separator();
  body_ += std::to_string(v);
}

void PgArray::AddNull() {
  Separator();
  body_ += "NULL";
}

std::vector<int64_t> ParseIntArray(const std::string& literal) {
  std::vector<int64_t> out;
  std::string current;
  for (char c : literal) {
    if (c == '{' || c == '}' || c == ',') {
      int64_t v;
      if (!current.empty() && absl::SimpleAtoi(current, &v)) out.push_back(v);
      current.clear();
    } else {
      current += c;
    }
  }
  return out;
}

}  // namespace aiworld::gateway
