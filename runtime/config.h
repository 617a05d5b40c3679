#pragma once
// Configuration by flags with AIWORLD_* environment fallbacks. Precedence: flag, then
// environment, then default. Values are validated by type at parse time so a bad value is
// reported with the flag and the variable it came from, before anything starts.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace aiworld {

struct FlagSpec {
  enum class Type { kString, kInt, kDuration, kHostPort, kBool };
  enum class Sensitivity { kPlain, kSecret, kUrlCredentials };

  std::string name;           // without dashes, e.g. "grpc-addr"
  std::string env;            // e.g. "AIWORLD_GRPC_ADDR"; empty for flag-only
  std::string default_value;  // may be empty
  std::string help;
  Type type = Type::kString;
  Sensitivity sensitivity = Sensitivity::kPlain;
};

struct ProgramInfo {
  std::string binary;   // e.g. "aiworld-core"
  std::string summary;  // one line on what it does
  std::string usage_notes;  // optional paragraph after the flag list
};

class Config {
 public:
  using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
  enum class Source { kDefault, kEnvironment, kFlag };

  // args excludes argv[0]. --help and --version are always accepted.
  static absl::StatusOr<Config> Parse(const ProgramInfo& program, std::vector<FlagSpec> specs,
                                      const std::vector<std::string>& args, const EnvLookup& env);
  static EnvLookup ProcessEnvironment();

  bool help_requested() const { return help_; }
  bool version_requested() const { return version_; }
  std::string HelpText() const;
  // Every flag with its value (secrets masked) and where it came from, in declaration order.
  std::vector<std::pair<std::string, std::string>> MaskedSummary() const;

  // The name must be declared; asking for an undeclared flag is a programming error (aborts).
  const std::string& Get(std::string_view name) const;
  int64_t GetInt(std::string_view name) const;
  absl::Duration GetDuration(std::string_view name) const;
  bool GetBool(std::string_view name) const;
  Source SourceOf(std::string_view name) const;

 private:
  struct Entry {
    FlagSpec spec;
    std::string value;
    Source source = Source::kDefault;
  };
  const Entry& Find(std::string_view name) const;

  ProgramInfo program_;
  std::vector<Entry> entries_;
  bool help_ = false;
  bool version_ = false;
};

// postgresql://user:secret@host/db -> postgresql://user:****@host/db; "password=x" -> "password=****".
std::string MaskUrlCredentials(std::string_view url);

// Parses "host:port" (port 0..65535); "[::1]:50051" and ":50051" accepted.
bool IsValidHostPort(std::string_view s);

}  // namespace aiworld
