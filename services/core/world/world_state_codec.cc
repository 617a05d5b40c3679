#include "services/core/world/world_state_codec.h"

#include <optional>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aiworld::core::world {
namespace {

constexpr char kOnlineHeader[] = "world.online/1";
constexpr char kCharsHeader[] = "world.chars/1";
constexpr char kDayHeader[] = "world.day/1";
constexpr char kActivityHeader[] = "world.activity/1";

// Map names are rAthena map_index names; anything else (whitespace, too long) is never stored.
std::string MapWord(const std::string& map) { return map.empty() ? "-" : map; }
std::string MapFromWord(absl::string_view word) { return word == "-" ? "" : std::string(word); }

// Reads the space-separated fields of one record line.
class Fields {
 public:
  explicit Fields(absl::string_view line) : fields_(absl::StrSplit(line, ' ', absl::SkipEmpty())) {}
  absl::string_view tag() const { return fields_.empty() ? absl::string_view() : fields_[0]; }
  size_t size() const { return fields_.size(); }

  template <typename T>
  bool Int(T* out) {
    if (next_ >= fields_.size()) return false;
    return absl::SimpleAtoi(fields_[next_++], out);
  }
  bool Flag(bool* out) {
    uint32_t v = 0;
    if (!Int(&v) || v > 1) return false;
    *out = v == 1;
    return true;
  }
  bool Word(std::string* out) {
    if (next_ >= fields_.size()) return false;
    *out = MapFromWord(fields_[next_++]);
    return true;
  }
  bool done() const { return next_ == fields_.size(); }

 private:
  std::vector<absl::string_view> fields_;
  size_t next_ = 1;  // after the tag
};

// Runs `record` on each line after the header; a false return or an unknown tag is an error.
template <typename Record>
absl::Status ForEachRecord(const std::string& text, absl::string_view header, Record record) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n', absl::SkipEmpty());
  if (lines.empty() || lines[0] != header) {
    return absl::DataLossError(absl::StrCat("line 1: expected header \"", header, "\""));
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    Fields f(lines[i]);
    if (!record(f) || !f.done()) {
      return absl::DataLossError(absl::StrCat("line ", i + 1, ": malformed \"", f.tag(), "\" record"));
    }
  }
  return absl::OkStatus();
}

absl::Status InKey(const std::string& key, absl::Status s) {
  if (s.ok()) return s;
  return absl::DataLossError(absl::StrCat("world state ", key, ": ", s.message()));
}

void AppendSales(std::string* out, char tag, const std::map<uint32_t, ItemSales>& sales) {
  for (const auto& [item, s] : sales) absl::StrAppend(out, std::string(1, tag), " ", item, " ", s.amount, " ", s.zeny, "\n");
}

bool ReadSales(Fields& f, std::map<uint32_t, ItemSales>* sales) {
  uint32_t item = 0;
  ItemSales s;
  if (!f.Int(&item) || !f.Int(&s.amount) || !f.Int(&s.zeny)) return false;
  (*sales)[item] = s;
  return true;
}

}  // namespace

std::string OnlineKey(const std::string& server_id) { return server_id + "/online"; }
std::string CharsKey(const std::string& server_id) { return server_id + "/chars"; }
std::string DayKey(const std::string& server_id) { return server_id + "/day"; }
std::string ActivityKey(const std::string& server_id) { return server_id + "/activity"; }
std::string ExternalKey(const std::string& server_id) { return server_id + "/external"; }

std::string EncodeOnline(const ServerWorldState& state) {
  std::string out = absl::StrCat(kOnlineHeader, "\n");
  for (const auto& [id, c] : state.online) {
    absl::StrAppend(&out, "c ", id, " ", c.account_id, " ", MapWord(c.map), " ", c.base_level, " ", c.job_id, " ",
                    c.autotrade ? 1 : 0, " ", c.zeny, " ", c.seen, "\n");
  }
  return out;
}

absl::Status DecodeOnline(const std::string& text, ServerWorldState* state) {
  return ForEachRecord(text, kOnlineHeader, [&](Fields& f) {
    if (f.tag() != "c") return false;
    uint32_t id = 0;
    OnlineChar c;
    if (!f.Int(&id) || !f.Int(&c.account_id) || !f.Word(&c.map) || !f.Int(&c.base_level) || !f.Int(&c.job_id) ||
        !f.Flag(&c.autotrade) || !f.Int(&c.zeny) || !f.Int(&c.seen)) {
      return false;
    }
    state->online[id] = std::move(c);
    return true;
  });
}

// 1000 ids a line keeps lines short.
std::string EncodeChars(const ServerWorldState& state) {
  std::string out = absl::StrCat(kCharsHeader, "\n");
  size_t on_line = 0;
  for (uint32_t id : state.chars_today) {
    absl::StrAppend(&out, on_line == 0 ? "c" : "", " ", id);
    if (++on_line == 1000) {
      out += "\n";
      on_line = 0;
    }
  }
  if (on_line != 0) out += "\n";
  return out;
}

absl::Status DecodeChars(const std::string& text, ServerWorldState* state) {
  return ForEachRecord(text, kCharsHeader, [&](Fields& f) {
    if (f.tag() != "c") return false;
    for (size_t i = 1; i < f.size(); ++i) {
      uint32_t id = 0;
      if (!f.Int(&id)) return false;
      state->chars_today.insert(id);
    }
    return true;
  });
}

std::string EncodeDay(const ServerWorldState& state) {
  std::string out = absl::StrCat(kDayHeader, "\n", "day ", state.day, " ", state.peak_online_today, "\n");
  AppendSales(&out, 'p', state.prices_today);
  AppendSales(&out, 'y', state.prices_yesterday);
  return out;
}

absl::Status DecodeDay(const std::string& text, ServerWorldState* state) {
  return ForEachRecord(text, kDayHeader, [&](Fields& f) {
    if (f.tag() == "day") return f.Int(&state->day) && f.Int(&state->peak_online_today);
    if (f.tag() == "p") return ReadSales(f, &state->prices_today);
    if (f.tag() == "y") return ReadSales(f, &state->prices_yesterday);
    return false;
  });
}

std::string EncodeActivity(const ServerWorldState& state) {
  std::string out = absl::StrCat(kActivityHeader, "\n", "seq ", state.last_batch_sequence, "\n", "event_at ",
                                 state.last_event_at_micros, "\n", "hour ", state.hour, "\n");
  for (const auto& [name, m] : state.maps) {
    absl::StrAppend(&out, "m ", MapWord(name), " ", m.current.visits, " ", m.current.kills, " ", m.current.deaths, " ",
                    m.previous.visits, " ", m.previous.kills, " ", m.previous.deaths, " ", m.visits_today, " ",
                    m.kills_today, " ", m.mvp_kills_today, "\n");
  }
  for (const auto& [mob, m] : state.mvps) {
    absl::StrAppend(&out, "v ", mob, " ", m.current, " ", m.previous, " ", m.today, " ", m.last_killed_at, "\n");
  }
  for (const HourBucket& b : state.hours) {
    const CombatCounts& c = b.combat;
    const ZenyCounts& z = b.zeny;
    absl::StrAppend(&out, "b ", b.hour, " ", c.monster_kills, " ", c.mvp_kills, " ", c.miniboss_kills, " ", c.player_deaths,
                    " ", c.pvp_kills, " ", z.trades, " ", z.trade_zeny, " ", z.vending_sales, " ", z.vending_zeny, " ");
    absl::StrAppend(&out, z.shop_buy_zeny, " ", z.shop_sell_zeny, " ", z.reward_zeny, "\n");
  }
  return out;
}

absl::Status DecodeActivity(const std::string& text, ServerWorldState* state) {
  return ForEachRecord(text, kActivityHeader, [&](Fields& f) {
    if (f.tag() == "seq") return f.Int(&state->last_batch_sequence);
    if (f.tag() == "event_at") return f.Int(&state->last_event_at_micros);
    if (f.tag() == "hour") return f.Int(&state->hour);
    if (f.tag() == "m") {
      std::string name;
      MapCounters m;
      if (!f.Word(&name) || name.empty() || !f.Int(&m.current.visits) || !f.Int(&m.current.kills) ||
          !f.Int(&m.current.deaths) || !f.Int(&m.previous.visits) || !f.Int(&m.previous.kills) ||
          !f.Int(&m.previous.deaths) || !f.Int(&m.visits_today) || !f.Int(&m.kills_today) || !f.Int(&m.mvp_kills_today)) {
        return false;
      }
      state->maps[name] = m;
      return true;
    }
    if (f.tag() == "v") {
      int32_t mob = 0;
      MvpCounters m;
      if (!f.Int(&mob) || !f.Int(&m.current) || !f.Int(&m.previous) || !f.Int(&m.today) || !f.Int(&m.last_killed_at)) return false;
      state->mvps[mob] = m;
      return true;
    }
    if (f.tag() == "b") {
      HourBucket b;
      CombatCounts& c = b.combat;
      ZenyCounts& z = b.zeny;
      if (!f.Int(&b.hour) || !f.Int(&c.monster_kills) || !f.Int(&c.mvp_kills) || !f.Int(&c.miniboss_kills) ||
          !f.Int(&c.player_deaths) || !f.Int(&c.pvp_kills) || !f.Int(&z.trades) || !f.Int(&z.trade_zeny) ||
          !f.Int(&z.vending_sales) || !f.Int(&z.vending_zeny) || !f.Int(&z.shop_buy_zeny) || !f.Int(&z.shop_sell_zeny) ||
          !f.Int(&z.reward_zeny)) {
        return false;
      }
      state->hours.push_back(b);
      return true;
    }
    return false;
  });
}

namespace {

struct Part {
  std::string key;
  std::string (*encode)(const ServerWorldState&);
  absl::Status (*decode)(const std::string&, ServerWorldState*);
};

std::vector<Part> PartsOf(const std::string& server_id) {
  return {{OnlineKey(server_id), &EncodeOnline, &DecodeOnline},
          {CharsKey(server_id), &EncodeChars, &DecodeChars},
          {DayKey(server_id), &EncodeDay, &DecodeDay},
          {ActivityKey(server_id), &EncodeActivity, &DecodeActivity}};
}

}  // namespace

absl::StatusOr<ServerWorldState> LoadWorldState(agentkit::StateStore& store, const std::string& server_id, StoredText* read) {
  ServerWorldState state;
  for (const Part& part : PartsOf(server_id)) {
    std::optional<std::string> text = store.Get(part.key);
    if (!text) continue;
    absl::Status s = InKey(part.key, part.decode(*text, &state));
    if (!s.ok()) return s;
    if (read != nullptr) (*read)[part.key] = *std::move(text);
  }
  return state;
}

void SaveWorldState(agentkit::StateStore& store, const std::string& server_id, const ServerWorldState& state,
                    const StoredText* read) {
  for (const Part& part : PartsOf(server_id)) {
    std::string text = part.encode(state);
    if (read != nullptr) {
      auto before = read->find(part.key);
      if (before != read->end() && before->second == text) continue;
    }
    store.Put(part.key, text);
  }
}

bool HasWorldState(agentkit::StateStore& store, const std::string& server_id) {
  return store.Get(ActivityKey(server_id)).has_value();
}

v1::WorldSnapshot LoadExternal(agentkit::StateStore& store, const std::string& server_id) {
  v1::WorldSnapshot external;
  if (std::optional<std::string> bytes = store.Get(ExternalKey(server_id))) {
    if (!external.ParseFromString(*bytes)) external.Clear();  // only a hint: unreadable means unknown
  }
  return external;
}

void SaveExternal(agentkit::StateStore& store, const std::string& server_id, const v1::WorldSnapshot& external) {
  store.Put(ExternalKey(server_id), external.SerializeAsString());
}

}  // namespace aiworld::core::world
