#include "runtime/config.h"

#include <cstdlib>
#include <regex>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/match.h"

namespace aiworld {
namespace {

absl::Status CheckValue(const FlagSpec& spec, const std::string& value) {
  using Type = FlagSpec::Type;
  switch (spec.type) {
    case Type::kString:
      return absl::OkStatus();
    case Type::kInt: {
      int64_t v;
      if (absl::SimpleAtoi(value, &v)) return absl::OkStatus();
      return absl::InvalidArgumentError(absl::StrCat("\"", value, "\" is not an integer"));
    }
    case Type::kDuration: {
      absl::Duration d;
      if (absl::ParseDuration(value, &d) && d >= absl::ZeroDuration()) return absl::OkStatus();
      return absl::InvalidArgumentError(
          absl::StrCat("\"", value, "\" is not a duration like 10s, 500ms or 1m30s"));
    }
    case Type::kHostPort:
      if (IsValidHostPort(value)) return absl::OkStatus();
      return absl::InvalidArgumentError(
          absl::StrCat("\"", value, "\" is not an address like 127.0.0.1:50051"));
    case Type::kBool:
      if (value == "true" || value == "false") return absl::OkStatus();
      return absl::InvalidArgumentError(absl::StrCat("\"", value, "\" is not true or false"));
  }
  return absl::OkStatus();
}

std::string Masked(const FlagSpec& spec, const std::string& value) {
  switch (spec.sensitivity) {
    case FlagSpec::Sensitivity::kPlain: return value;
    case FlagSpec::Sensitivity::kSecret: return value.empty() ? "" : "****";
    case FlagSpec::Sensitivity::kUrlCredentials: return MaskUrlCredentials(value);
  }
  return value;
}

}  // namespace

bool IsValidHostPort(std::string_view s) {
  const size_t colon = s.rfind(':');
  if (colon == std::string_view::npos) return false;
  std::string_view host = s.substr(0, colon);
  const std::string port_text(s.substr(colon + 1));
  int port;
  if (!absl::SimpleAtoi(port_text, &port) || port < 0 || port > 65535) return false;
  if (host.starts_with("[")) return host.ends_with("]") && host.size() > 2;
  if (host.starts_with("dns:") || host.starts_with("ipv4:")) return true;
  return host.find_first_of(" /\t") == std::string_view::npos;
}

std::string MaskUrlCredentials(std::string_view url) {
  std::string s(url);
  // URI form: scheme://user:password@host
  static const std::regex kUri(R"(^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*):[^@/]*@)");
  s = std::regex_replace(s, kUri, "$1:****@");
  // keyword/value form and URI query parameters
  static const std::regex kKeyword(R"((password\s*=\s*)('[^']*'|[^\s&]*))");
  s = std::regex_replace(s, kKeyword, "$1****");
  return s;
}

Config::EnvLookup Config::ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

absl::StatusOr<Config> Config::Parse(const ProgramInfo& program, std::vector<FlagSpec> specs,
                                     const std::vector<std::string>& args, const EnvLookup& env) {
  Config config;
  config.program_ = program;
  for (FlagSpec& spec : specs) {
    Entry e;
    e.value = spec.default_value;
    e.spec = std::move(spec);
    config.entries_.push_back(std::move(e));
  }
  auto find = [&](std::string_view name) -> Entry* {
    for (Entry& e : config.entries_) {
      if (e.spec.name == name) return &e;
    }
    return nullptr;
  };

  for (Entry& e : config.entries_) {
    if (e.spec.env.empty() || !env) continue;
    if (std::optional<std::string> v = env(e.spec.env); v.has_value()) {
      e.value = *v;
      e.source = Source::kEnvironment;
    }
  }

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      config.help_ = true;
      continue;
    }
    if (arg == "--version") {
      config.version_ = true;
      continue;
    }
    if (!absl::StartsWith(arg, "--")) {
      return absl::InvalidArgumentError(
          absl::StrCat("unexpected argument \"", arg, "\" (flags look like --name=value; see --help)"));
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    Entry* e = find(name);
    if (e == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name, " (see --help)"));
    }
    if (!value.has_value()) {
      if (e->spec.type == FlagSpec::Type::kBool) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return absl::InvalidArgumentError(absl::StrCat("flag --", name, " needs a value"));
      }
    }
    e->value = *value;
    e->source = Source::kFlag;
  }

  if (config.help_ || config.version_) return config;
  for (const Entry& e : config.entries_) {
    if (absl::Status s = CheckValue(e.spec, e.value); !s.ok()) {
      std::string from = e.source == Source::kEnvironment ? absl::StrCat(" (from ", e.spec.env, ")")
                         : e.source == Source::kDefault   ? " (default)"
                                                          : "";
      return absl::InvalidArgumentError(
          absl::StrCat("invalid value for --", e.spec.name, from, ": ", s.message()));
    }
  }
  return config;
}

std::string Config::HelpText() const {
  std::string out = absl::StrCat("Usage: ", program_.binary, " [flags]\n\n", program_.summary, "\n\nFlags (each also read from its environment variable; a flag wins):\n");
  for (const Entry& e : entries_) {
    std::string head = absl::StrCat("  --", e.spec.name);
    if (e.spec.type != FlagSpec::Type::kBool) head += "=VALUE";
    absl::StrAppend(&out, absl::StrFormat("%-34s %s\n", head, e.spec.help));
    std::string tail = "";
    if (!e.spec.env.empty()) absl::StrAppend(&tail, "env ", e.spec.env);
    if (!e.spec.default_value.empty()) {
      absl::StrAppend(&tail, tail.empty() ? "" : "; ", "default ",
                      e.spec.sensitivity == FlagSpec::Sensitivity::kSecret ? "****" : Masked(e.spec, e.spec.default_value));
    }
    if (!tail.empty()) absl::StrAppend(&out, absl::StrFormat("%-34s (%s)\n", "", tail));
  }
  absl::StrAppend(&out, absl::StrFormat("%-34s %s\n", "  --help", "print this help and exit"));
  absl::StrAppend(&out, absl::StrFormat("%-34s %s\n", "  --version", "print the version and exit"));
  if (!program_.usage_notes.empty()) absl::StrAppend(&out, "\n", program_.usage_notes, "\n");
  return out;
}

std::vector<std::pair<std::string, std::string>> Config::MaskedSummary() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Entry& e : entries_) {
    const char* source = e.source == Source::kFlag ? "flag" : e.source == Source::kEnvironment ? "env" : "default";
    out.emplace_back(e.spec.name, absl::StrCat(Masked(e.spec, e.value), " (", source, ")"));
  }
  return out;
}

const Config::Entry& Config::Find(std::string_view name) const {
  for (const Entry& e : entries_) {
    if (e.spec.name == name) return e;
  }
  std::fprintf(stderr, "internal error: flag --%.*s was never declared\n", static_cast<int>(name.size()), name.data());
  std::abort();
}

const std::string& Config::Get(std::string_view name) const { return Find(name).value; }

int64_t Config::GetInt(std::string_view name) const {
  int64_t v = 0;
  (void)absl::SimpleAtoi(Find(name).value, &v);  // validated in Parse
  return v;
}

absl::Duration Config::GetDuration(std::string_view name) const {
  absl::Duration d;
  (void)absl::ParseDuration(Find(name).value, &d);  // validated in Parse
  return d;
}

bool Config::GetBool(std::string_view name) const { return Find(name).value == "true"; }

Config::Source Config::SourceOf(std::string_view name) const { return Find(name).source; }

}  // namespace aiworld
