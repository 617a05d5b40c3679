#include "runtime/log.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "runtime/json_escape.h"

namespace aiworld::log {
namespace {

std::mutex g_mu;
std::string g_component = "aiworld";
Format g_format = Format::kJson;
std::atomic<int> g_min_level{static_cast<int>(Level::kInfo)};

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

}  // namespace

void Configure(std::string_view component, Format format, Level min_level) {
  std::lock_guard<std::mutex> lock(g_mu);
  g_component = std::string(component);
  g_format = format;
  g_min_level = static_cast<int>(min_level);
}

bool ParseFormat(std::string_view s, Format* out) {
  if (s == "json") *out = Format::kJson;
  else if (s == "text") *out = Format::kText;
  else if (s == "auto") *out = isatty(STDERR_FILENO) ? Format::kText : Format::kJson;
  else return false;
  return true;
}

bool ParseLevel(std::string_view s, Level* out) {
  if (s == "debug") *out = Level::kDebug;
  else if (s == "info") *out = Level::kInfo;
  else if (s == "warn") *out = Level::kWarn;
  else if (s == "error") *out = Level::kError;
  else return false;
  return true;
}

std::string FormatLine(Format format, absl::Time at, Level level, std::string_view component,
                       std::string_view message, absl::Span<const Field> fields) {
  const std::string ts = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", at, absl::UTCTimeZone());
  std::string line;
  if (format == Format::kJson) {
    absl::StrAppend(&line, "{\"ts\":\"", ts, "\",\"level\":\"", LevelName(level), "\",\"component\":",
                    JsonQuote(component), ",\"msg\":", JsonQuote(message));
    for (const Field& f : fields) {
      absl::StrAppend(&line, ",", JsonQuote(f.key), ":", f.raw ? f.value : JsonQuote(f.value));
    }
    line += "}";
  } else {
    absl::StrAppend(&line, ts, " ", LevelName(level), " ", std::string(component), ": ", std::string(message));
    for (const Field& f : fields) {
      const bool quote = !f.raw && f.value.find_first_of(" \t\"=") != std::string::npos;
      absl::StrAppend(&line, " ", f.key, "=", quote ? JsonQuote(f.value) : f.value);
    }
  }
  return line;
}

void Write(Level level, std::string_view message, absl::Span<const Field> fields) {
  if (static_cast<int>(level) < g_min_level.load()) return;
  std::lock_guard<std::mutex> lock(g_mu);
  std::string line = FormatLine(g_format, absl::Now(), level, g_component, message, fields);
  line += '\n';
  // One write per line so lines from several threads or processes never interleave.
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

}  // namespace aiworld::log
