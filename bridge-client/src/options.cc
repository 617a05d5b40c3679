// LoadOptions: the ai_bridge.conf reader. Every known key is read; unknown keys are warned about.
#include <fstream>
#include <functional>
#include <map>

#include "aiworld/bridge.h"

namespace aiworld::bridge {
namespace {

std::string Trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  const size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

bool ParseInt(const std::string& v, int* out, int min, int max) {
  try {
    size_t used = 0;
    const long n = std::stol(v, &used);
    if (used != v.size() || n < min || n > max) return false;
    *out = static_cast<int>(n);
    return true;
  } catch (...) {
    return false;
  }
}

// A comment starts with '#' or ';' at the start of a line or after a blank, so values keep them:
// rAthena's unique NPC names look like "Kafra#prt1".
std::string WithoutComment(const std::string& line) {
  for (size_t i = 0; i < line.size(); ++i) {
    if ((line[i] == '#' || line[i] == ';') && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return line.substr(0, i);
  }
  return line;
}

using Setter = std::function<bool(const std::string&)>;
// "section.key" -> how to set it and what a valid value looks like.
using OptionKeys = std::map<std::string, std::pair<Setter, std::string>>;

void ReadFile(const std::string& path, std::istream& in, const OptionKeys& keys, LoadedOptions& loaded);

}  // namespace

LoadedOptions LoadOptions(const std::string& path) { return LoadOptions(std::vector<std::string>{path}); }

LoadedOptions LoadOptions(const std::vector<std::string>& paths) {
  LoadedOptions loaded;
  Options& o = loaded.options;
  auto integer = [](int* field, int min, int max) -> Setter {
    return [=](const std::string& v) { return ParseInt(v, field, min, max); };
  };
  auto text = [](std::string* field) -> Setter {
    return [=](const std::string& v) {
      *field = v;
      return true;
    };
  };
  auto boolean = [](bool* field) -> Setter {
    return [=](const std::string& v) {
      if (v == "true" || v == "yes" || v == "1") *field = true;
      else if (v == "false" || v == "no" || v == "0") *field = false;
      else return false;
      return true;
    };
  };
  const OptionKeys keys = {
      {"gateway.address", {text(&o.gateway_address), "host:port"}},
      {"gateway.server_id", {text(&o.server_id), "1..32 bytes of [a-z0-9_-]"}},
      {"gateway.key", {text(&o.key), "aiw_..."}},
      {"gateway.tls_ca_file", {text(&o.tls_ca_file), "a PEM file"}},
      {"batching.batch_size", {integer(&o.batch_size, 1, 1000), "1..1000"}},
      {"batching.batch_interval_ms", {integer(&o.batch_interval_ms, 1, 60000), "1..60000"}},
      {"queue.ring_capacity", {integer(&o.ring_capacity, 100, 10000000), "100..10000000"}},
      {"queue.action_queue_capacity", {integer(&o.action_queue_capacity, 1, 10000), "1..10000"}},
      {"journal.path", {text(&o.journal_dir), "a directory"}},
      {"journal.segment_mb", {integer(&o.journal_segment_mb, 1, 1024), "1..1024"}},
      {"journal.sync", {boolean(&o.journal_sync), "true or false"}},
      {"breaker.failure_threshold", {integer(&o.breaker_failure_threshold, 1, 1000), "1..1000"}},
      {"breaker.open_ms", {integer(&o.breaker_open_ms, 100, 3600000), "100..3600000"}},
      {"reconnect.initial_ms", {integer(&o.reconnect_initial_ms, 10, 60000), "10..60000"}},
      {"reconnect.max_ms", {integer(&o.reconnect_max_ms, 10, 600000), "10..600000"}},
      {"poll.max_actions", {integer(&o.poll_max_actions, 1, 1000), "1..1000"}},
      {"poll.interval_ms", {integer(&o.poll_interval_ms, 10, 10000), "10..10000"}},
  };
  if (paths.empty()) loaded.error = "no bridge configuration file given";
  for (size_t file = 0; file < paths.size() && loaded.error.empty(); ++file) {
    const std::string& path = paths[file];
    std::ifstream in(path);
    if (!in) {
      if (file == 0) loaded.error = path + ": cannot read the bridge configuration";
      continue;
    }
    ReadFile(path, in, keys, loaded);
  }
  if (loaded.error.empty() && o.reconnect_max_ms < o.reconnect_initial_ms) {
    loaded.error = paths.front() + ": reconnect.max_ms is below reconnect.initial_ms";
  }
  return loaded;
}

namespace {

void ReadFile(const std::string& path, std::istream& in, const OptionKeys& keys, LoadedOptions& loaded) {
  std::string section;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = path + ":" + std::to_string(number);
    line = Trim(WithoutComment(line));
    if (line.empty()) continue;
    if (line.front() == '[') {
      if (line.back() != ']') {
        loaded.error = where + ": a section header looks like [name]";
        return;
      }
      section = Trim(line.substr(1, line.size() - 2));
      continue;
    }
    const size_t eq = line.find('=');
    if (eq == std::string::npos) {
      loaded.error = where + ": expected key = value";
      return;
    }
    const std::string key = section + "." + Trim(line.substr(0, eq));
    const std::string value = Trim(line.substr(eq + 1));
    if (section == "game") {
      loaded.game[key.substr(5)] = value;
      continue;
    }
    auto it = keys.find(key);
    if (it == keys.end()) {
      loaded.warnings.push_back(where + ": unknown key " + key + " (ignored)");
      continue;
    }
    if (!it->second.first(value)) {
      loaded.error = where + ": " + key + " = \"" + value + "\" is not " + it->second.second;
      return;
    }
  }
}

}  // namespace

std::string Action::Get(const std::string& path, const std::string& fallback) const {
  auto it = fields.find(path);
  return it == fields.end() ? fallback : it->second;
}

int64_t Action::GetInt(const std::string& path, int64_t fallback) const {
  auto it = fields.find(path);
  if (it == fields.end()) return fallback;
  try {
    return std::stoll(it->second);
  } catch (...) {
    return fallback;
  }
}

}  // namespace aiworld::bridge
