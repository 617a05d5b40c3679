#include <set>
#include <sstream>

#include "aiworld/rathena/runtime.h"

namespace aiworld::rathena {
namespace {

std::set<std::string> CommaList(const std::string& text) {
  std::set<std::string> items;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const size_t a = item.find_first_not_of(" \t");
    if (a == std::string::npos) continue;
    const size_t b = item.find_last_not_of(" \t");
    items.insert(item.substr(a, b - a + 1));
  }
  return items;
}

bool ParseBool(const std::string& v, bool* out) {
  if (v == "true" || v == "yes" || v == "1") *out = true;
  else if (v == "false" || v == "no" || v == "0") *out = false;
  else return false;
  return true;
}

}  // namespace

LoadedRuntimeConfig LoadRuntimeConfig(const std::vector<std::string>& paths) {
  LoadedRuntimeConfig loaded;
  bridge::LoadedOptions options = bridge::LoadOptions(paths);
  loaded.warnings = std::move(options.warnings);
  if (!options.error.empty()) {
    loaded.error = options.error;
    return loaded;
  }
  RuntimeConfig& c = loaded.config;
  c.bridge = options.options;
  const std::map<std::string, std::set<std::string>*> lists = {
      {"templates", &c.allow.templates},   {"event_npcs", &c.allow.event_npcs},     {"map_flags", &c.allow.map_flags},
      {"statuses", &c.allow.statuses},     {"movable_npcs", &c.allow.movable_npcs},
  };
  const std::map<std::string, bool*> flags = {
      {"enabled", &c.enabled},
      {"emit_party_chat", &c.facade.emit_party_chat},
      {"emit_guild_chat", &c.facade.emit_guild_chat},
      {"emit_autotrade_logins", &c.facade.emit_autotrade_logins},
  };
  for (const auto& [key, value] : options.game) {
    if (auto list = lists.find(key); list != lists.end()) {
      *list->second = CommaList(value);
    } else if (auto flag = flags.find(key); flag != flags.end()) {
      if (!ParseBool(value, flag->second)) {
        loaded.error = "game." + key + " = \"" + value + "\" is not true or false";
        return loaded;
      }
    } else {
      loaded.warnings.push_back("unknown key game." + key + " (ignored)");
    }
  }
  if (c.enabled && c.bridge.server_id.empty()) loaded.error = "gateway.server_id is required (1..32 bytes of [a-z0-9_-])";
  else if (c.enabled && c.bridge.key.empty()) loaded.error = "gateway.key is required (Admin.IssueServerKey, or ./aiworld key)";
  return loaded;
}

}  // namespace aiworld::rathena
