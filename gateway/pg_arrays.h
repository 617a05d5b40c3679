#pragma once
// PostgreSQL array literals for set-based statements (unnest($1::text[], ...)). libpqxx 6.4 has no
// array parameters, so arrays travel as text literals; element values are quoted and escaped.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aiworld::gateway {

class PgArray {
 public:
  void Add(const std::string& text);           // a text element
  void AddBytes(const std::string& bytes);     // a bytea element (hex form)
  void AddInt(int64_t v);
  void AddNull();
  void AddOptional(const std::optional<std::string>& text) { text ? Add(*text) : AddNull(); }
  // "{...}" ready to bind as a parameter and cast in SQL, e.g. $1::text[].
  std::string Literal() const { return "{" + body_ + "}"; }
  bool empty() const { return body_.empty(); }

 private:
  void Separator() {
    if (!body_.empty()) body_ += ',';
  }
  std::string body_;
};

// Parses a one-dimensional int array as PostgreSQL prints it, e.g. "{1,2,3}".
std::vector<int64_t> ParseIntArray(const std::string& literal);

}  // namespace aiworld::gateway
