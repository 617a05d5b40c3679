#pragma once
// Structured logging: one JSON object per line on stderr, or readable text when stderr is a
// terminal. Fields never carry secrets; callers mask before logging.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace aiworld::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };
enum class Format { kJson, kText };

struct Field {
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(v ? v : "") {}
  Field(std::string_view k, bool v) : key(k), value(v ? "true" : "false"), raw(true) {}
  template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>>>
  Field(std::string_view k, T v) : key(k), value(std::to_string(v)), raw(true) {}
  Field(std::string_view k, absl::Duration d) : key(k), value(absl::FormatDuration(d)) {}
  Field(std::string_view k, const absl::Status& s) : key(k), value(s.ToString()) {}

  std::string key;
  std::string value;
  bool raw = false;  // emitted without quotes in JSON (numbers, booleans)
};

// Called once from main. `component` names the binary in every line.
void Configure(std::string_view component, Format format, Level min_level);
// "json", "text" or "auto" (text on a terminal, JSON otherwise).
bool ParseFormat(std::string_view s, Format* out);
bool ParseLevel(std::string_view s, Level* out);

// Renders one line (without the newline). Exposed for tests.
std::string FormatLine(Format format, absl::Time at, Level level, std::string_view component,
                       std::string_view message, absl::Span<const Field> fields);

void Write(Level level, std::string_view message, absl::Span<const Field> fields);
inline void Write(Level level, std::string_view message, std::initializer_list<Field> fields = {}) {
  Write(level, message, absl::Span<const Field>(fields.begin(), fields.size()));
}
inline void Debug(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kDebug, m, f); }
inline void Info(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kInfo, m, f); }
inline void Warn(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kWarn, m, f); }
inline void Error(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kError, m, f); }

}  // namespace aiworld::log
