#include "gateway/validation/event_validator.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/generated_enum_reflection.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gateway/validation/text_checks.h"

namespace aiworld::gateway {
namespace {

using Event = v1::GameEvent;

// ---------------------------------------------------------------- limits (common.proto, events.proto)

constexpr int64_t kMinCharId = 150'000;
constexpr int64_t kMinAccountId = 2'000'000;
constexpr int64_t kMinMobId = 1001;
constexpr int64_t kMaxCell = 32767;
constexpr int64_t kMaxLevel = 999;
constexpr int64_t kMaxJobId = 65535;
constexpr int64_t kMaxGroupId = 99;
constexpr int64_t kMaxPlayers = 65535;
constexpr int64_t kMaxRefine = 20;
constexpr int64_t kMaxMenuChoice = 255;  // 1..254 an option, 255 cancel
constexpr int64_t kMinNpcSprite = -1;    // FAKE_NPC
constexpr int64_t kMaxNpcSprite = 65535;
constexpr int64_t kMaxZeny = v1::LIMIT_MAX_ZENY;
constexpr int64_t kMaxItemAmount = v1::LIMIT_MAX_ITEM_AMOUNT;

constexpr int kMaxBatchEvents = v1::LIMIT_MAX_BATCH_EVENTS;
constexpr size_t kMaxMessageBytes = v1::LIMIT_MAX_MESSAGE_BYTES;
constexpr int kMaxCards = 4;            // rAthena MAX_SLOTS
constexpr int kMaxTradeItems = 10;      // rAthena trade window
constexpr int kMaxVendingItems = 12;    // rAthena MAX_VENDING
constexpr int kMaxShopItems = 100;
constexpr int kMaxPartyMembers = 11;    // MAX_PARTY 12 minus the killer
constexpr int kMaxDamageDealers = 30;   // rAthena DAMAGELOG_SIZE
constexpr int kMaxServerMaps = 1500;    // rAthena MAX_MAP_PER_SERVER

// Byte limits. Game text limits are in the game's encoding (see CheckGameText).
constexpr size_t kServerIdBytes = v1::LIMIT_SERVER_ID_MAX_BYTES;
constexpr size_t kMapNameBytes = v1::LIMIT_MAP_NAME_MAX_BYTES;
constexpr size_t kTagBytes = v1::LIMIT_TAG_MAX_BYTES;
constexpr size_t kIdBytes = v1::LIMIT_ID_MAX_BYTES;
constexpr size_t kNameBytes = v1::LIMIT_NAME_MAX_BYTES;
constexpr size_t kNpcNameBytes = v1::LIMIT_NPC_NAME_MAX_BYTES;
constexpr size_t kTextBytes = v1::LIMIT_TEXT_MAX_BYTES;
constexpr size_t kShopTitleBytes = 80;    // rAthena MESSAGE_SIZE
constexpr size_t kChannelNameBytes = 19;  // rAthena CHAN_NAME_LENGTH 20 incl. NUL
constexpr size_t kVersionBytes = 64;
constexpr size_t kMinJsonBytes = 2;
constexpr size_t kMaxJsonBytes = v1::LIMIT_CUSTOM_JSON_MAX_BYTES;
constexpr size_t kMaxReasonBytes = 255;  // RejectedEvent.reason

constexpr absl::Duration kMaxSession = absl::Hours(24 * 366);

// google.protobuf.Timestamp: 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z.
constexpr int64_t kMinTimestampSeconds = -62'135'596'800;
constexpr int64_t kMaxTimestampSeconds = 253'402'300'799;
// google.protobuf.Duration: +-10,000 years.
constexpr int64_t kMaxDurationSeconds = 315'576'000'000;
constexpr int32_t kMaxNanos = 999'999'999;

// ---------------------------------------------------------------- character sets

struct Charset {
  std::string_view name;  // as the contract writes it
  bool (*allows)(unsigned char);
};

constexpr bool IsLowerOrDigit(unsigned char b) { return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9'); }

constexpr Charset kServerIdChars{"[a-z0-9_-]", [](unsigned char b) { return IsLowerOrDigit(b) || b == '_' || b == '-'; }};
constexpr Charset kMapNameChars{"[a-z0-9_@-]",
                                [](unsigned char b) { return IsLowerOrDigit(b) || b == '_' || b == '@' || b == '-'; }};
constexpr Charset kTagChars{"[a-z0-9_]", [](unsigned char b) { return IsLowerOrDigit(b) || b == '_'; }};
constexpr Charset kCustomNameChars{"[a-z0-9_.]", [](unsigned char b) { return IsLowerOrDigit(b) || b == '_' || b == '.'; }};
constexpr Charset kPrintableAscii{"printable ASCII", [](unsigned char b) { return b >= 0x20 && b <= 0x7E; }};

// ---------------------------------------------------------------- describing values in reasons

absl::string_view ToAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// One byte of untrusted input: 'x' when printable, else 0x1f.
std::string ByteName(char c) {
  const auto b = static_cast<unsigned char>(c);
  if (b > 0x20 && b < 0x7F && b != '\'') return absl::StrCat("'", std::string(1, c), "'");
  return absl::StrCat("0x", absl::Hex(b, absl::kZeroPad2));
}

// Untrusted text in a reason: quoted, hex-escaped (so always ASCII) and cut at 24 bytes.
std::string Quoted(std::string_view s) {
  constexpr size_t kShown = 24;
  return absl::StrCat("\"", absl::CHexEscape(ToAbsl(s.substr(0, kShown))), "\"", s.size() > kShown ? "..." : "");
}

std::string_view PayloadName(const Event& e) {
  const google::protobuf::FieldDescriptor* field = Event::descriptor()->FindFieldByNumber(e.payload_case());
  return field != nullptr ? std::string_view(field->name()) : std::string_view("payload");
}

// ---------------------------------------------------------------- the first fault and its path

struct Fault {
  std::string field;
  std::string reason;
};

void AppendToPath(std::string& path, std::string_view name) {
  if (name.empty()) return;
  if (!path.empty()) path += '.';
  path += name;
}

// Keeps the first fault found in a message, with the full path of its field. Checks of nested
// messages run inside a Scope, which prefixes their field names ("trade.items_given[2]").
class FieldChecker {
 public:
  class [[nodiscard]] Scope {
   public:
    Scope(std::string& prefix, size_t restore) : prefix_(prefix), restore_(restore) {}
    ~Scope() { prefix_.resize(restore_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    std::string& prefix_;
    size_t restore_;
  };

  Scope Enter(std::string_view name) {
    const size_t restore = prefix_.size();
    AppendToPath(prefix_, name);
    return Scope(prefix_, restore);
  }
  Scope Enter(std::string_view name, int index) {
    const size_t restore = prefix_.size();
    AppendToPath(prefix_, name);
    absl::StrAppend(&prefix_, "[", index, "]");
    return Scope(prefix_, restore);
  }

  bool failed() const { return fault_.has_value(); }

  // `field` is relative to the current scope; empty names the scope itself.
  void Fail(std::string_view field, std::string reason) {
    if (fault_) return;
    std::string path = prefix_;
    AppendToPath(path, field);
    if (reason.size() > kMaxReasonBytes) reason.resize(kMaxReasonBytes);  // reasons are ASCII
    fault_ = Fault{std::move(path), std::move(reason)};
  }

  std::optional<Fault> TakeFault() { return std::move(fault_); }

 private:
  std::string prefix_;
  std::optional<Fault> fault_;
};

// ---------------------------------------------------------------- numbers

void CheckRange(FieldChecker& c, std::string_view field, int64_t value, int64_t lo, int64_t hi) {
  if (value < lo || value > hi) c.Fail(field, absl::StrCat("must be ", lo, "..", hi, ", got ", value));
}

void CheckAtLeast(FieldChecker& c, std::string_view field, int64_t value, int64_t lo) {
  if (value < lo) c.Fail(field, absl::StrCat("must be >= ", lo, ", got ", value));
}

// `condition` completes "must be 0 ...", e.g. "unless boss_type is BOSS_TYPE_MVP".
void CheckZero(FieldChecker& c, std::string_view field, int64_t value, std::string_view condition) {
  if (value != 0) c.Fail(field, absl::StrCat("must be 0 ", ToAbsl(condition), ", got ", value));
}

void CheckZeny(FieldChecker& c, std::string_view field, int64_t value, int64_t lo) {
  if (value < lo || value > kMaxZeny) {
    c.Fail(field, absl::StrCat("must be ", lo, "..", kMaxZeny, " zeny (MAX_ZENY), got ", value));
  }
}

void CheckCell(FieldChecker& c, std::string_view field, int64_t value) { CheckRange(c, field, value, 0, kMaxCell); }

void CheckCharId(FieldChecker& c, std::string_view field, int64_t value, bool zero_allowed) {
  if (value >= kMinCharId || (zero_allowed && value == 0)) return;
  c.Fail(field, absl::StrCat("must be ", zero_allowed ? "0 or " : "", "a char_id >= ", kMinCharId, ", got ", value));
}

void CheckAccountId(FieldChecker& c, std::string_view field, int64_t value) {
  if (value < kMinAccountId) {
    c.Fail(field, absl::StrCat("must be an account_id >= ", kMinAccountId, ", got ", value));
  }
}

void CheckMobId(FieldChecker& c, std::string_view field, int64_t value) {
  if (value < kMinMobId) c.Fail(field, absl::StrCat("must be a mob id >= ", kMinMobId, ", got ", value));
}

void CheckCount(FieldChecker& c, std::string_view field, int count, int lo, int hi) {
  if (count < lo || count > hi) {
    c.Fail(field, absl::StrCat("must have ", lo, "..", hi, " entries, got ", count));
  }
}

// Enums are open in proto3: a value outside the enum is refused too. `required` refuses 0
// (*_UNSPECIFIED).
template <typename E>
void CheckEnum(FieldChecker& c, std::string_view field, int value, bool required) {
  const google::protobuf::EnumDescriptor* d = google::protobuf::GetEnumDescriptor<E>();
  const bool known = d->FindValueByNumber(value) != nullptr;
  if (known && !(required && value == 0)) return;
  int lo = std::numeric_limits<int>::max(), hi = std::numeric_limits<int>::min();
  for (int i = 0; i < d->value_count(); ++i) {
    const int number = d->value(i)->number();
    if (required && number == 0) continue;
    lo = std::min(lo, number);
    hi = std::max(hi, number);
  }
  c.Fail(field, absl::StrCat("must be a ", d->name(), " value ", lo, "..", hi, ", got ", value,
                             known ? absl::StrCat(" (", d->FindValueByNumber(value)->name(), ")") : ""));
}

// ---------------------------------------------------------------- texts

// Text that can be shown: well-formed UTF-8 without control characters.
void CheckShowable(FieldChecker& c, std::string_view field, std::string_view text) {
  if (const auto bad = FindInvalidUtf8(text)) {
    c.Fail(field, absl::StrCat("must be valid UTF-8, byte ", *bad, " is ", ByteName(text[*bad])));
  } else if (const auto control = FindControlCharacter(text)) {
    c.Fail(field, absl::StrFormat("must not contain control characters, got U+%04X at byte %d",
                                  static_cast<uint32_t>(control->code_point), control->offset));
  }
}

// Text from the game: `game_max` is rAthena's buffer size in the game's encoding; the UTF-8 text
// may be LIMIT_UTF8_EXPANSION times longer (common.proto).
void CheckGameText(FieldChecker& c, std::string_view field, std::string_view text, size_t min, size_t game_max) {
  const size_t max = game_max * v1::LIMIT_UTF8_EXPANSION;
  if (text.size() < min || text.size() > max) {
    c.Fail(field, absl::StrCat("must be ", min, "..", max, " bytes of UTF-8 (", min, "..", game_max,
                               " in the game's encoding), got ", text.size()));
    return;
  }
  CheckShowable(c, field, text);
}

// Text with a plain UTF-8 byte limit.
void CheckPlainText(FieldChecker& c, std::string_view field, std::string_view text, size_t min, size_t max) {
  if (text.size() < min || text.size() > max) {
    c.Fail(field, absl::StrCat("must be ", min, "..", max, " bytes, got ", text.size()));
    return;
  }
  CheckShowable(c, field, text);
}

// An identifier: min..max bytes, each of `chars`.
void CheckToken(FieldChecker& c, std::string_view field, std::string_view text, size_t min, size_t max,
                const Charset& chars) {
  const auto expected = [&] { return absl::StrCat("must be ", min, "..", max, " bytes of ", ToAbsl(chars.name)); };
  if (text.size() < min || text.size() > max) {
    c.Fail(field, absl::StrCat(expected(), ", got ", text.size()));
    return;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (!chars.allows(static_cast<unsigned char>(text[i]))) {
      c.Fail(field, absl::StrCat(expected(), ", byte ", i, " is ", ByteName(text[i])));
      return;
    }
  }
}

void CheckMapName(FieldChecker& c, std::string_view field, std::string_view name, bool required) {
  CheckToken(c, field, name, required ? 1 : 0, kMapNameBytes, kMapNameChars);
}

// spawn_tag, npc_tag in events: empty (not a mesh spawn) or a mesh tag.
void CheckOptionalTag(FieldChecker& c, std::string_view field, std::string_view tag) {
  CheckToken(c, field, tag, 0, kTagBytes, kTagChars);
}

void CheckCustomJson(FieldChecker& c, std::string_view field, std::string_view json) {
  if (json.size() < kMinJsonBytes || json.size() > kMaxJsonBytes) {
    c.Fail(field, absl::StrCat("must be a JSON object of ", kMinJsonBytes, "..", kMaxJsonBytes, " bytes, got ",
                               json.size()));
  } else if (const auto bad = FindInvalidUtf8(json)) {
    c.Fail(field, absl::StrCat("must be valid UTF-8, byte ", *bad, " is ", ByteName(json[*bad])));
  } else if (const auto error = CheckJsonObject(json)) {
    c.Fail(field, absl::StrCat("must be a JSON object: expected ", error->expected, " at byte ", error->offset));
  }
}

// ---------------------------------------------------------------- times

bool IsValidTimestamp(const google::protobuf::Timestamp& t) {
  return t.seconds() >= kMinTimestampSeconds && t.seconds() <= kMaxTimestampSeconds && t.nanos() >= 0 &&
         t.nanos() <= kMaxNanos;
}

std::string InvalidTimestampReason(const google::protobuf::Timestamp& t) {
  return absl::StrCat("must be a valid timestamp (0001-01-01..9999-12-31 UTC, nanos 0..999999999), got seconds ",
                      t.seconds(), " nanos ", t.nanos());
}

absl::Time ToTime(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

void CheckOccurredAt(FieldChecker& c, const Event& e, absl::Time now, const ValidationLimits& limits) {
  if (!e.has_occurred_at()) {
    c.Fail("occurred_at", "required, missing");
    return;
  }
  if (!IsValidTimestamp(e.occurred_at())) {
    c.Fail("occurred_at", InvalidTimestampReason(e.occurred_at()));
    return;
  }
  const absl::Time at = ToTime(e.occurred_at());
  if (at > now + limits.max_future_skew) {
    c.Fail("occurred_at", absl::StrCat("must be at most ", absl::FormatDuration(limits.max_future_skew),
                                       " ahead of the gateway clock, is ", absl::FormatDuration(at - now), " ahead"));
  } else if (at < now - limits.max_age) {
    c.Fail("occurred_at", absl::StrCat("must be at most ", absl::FormatDuration(limits.max_age),
                                       " old by the gateway clock, is ", absl::FormatDuration(now - at), " old"));
  }
}

// An optional google.protobuf.Duration (unset = 0): 0..max. `max_note` explains max, may be empty.
void CheckDuration(FieldChecker& c, std::string_view field, bool has, const google::protobuf::Duration& d,
                   absl::Duration max, std::string_view max_note) {
  if (!has) return;
  const bool valid = d.seconds() >= -kMaxDurationSeconds && d.seconds() <= kMaxDurationSeconds &&
                     d.nanos() >= -kMaxNanos && d.nanos() <= kMaxNanos &&
                     !(d.seconds() > 0 && d.nanos() < 0) && !(d.seconds() < 0 && d.nanos() > 0);
  if (!valid) {
    c.Fail(field, absl::StrCat("must be a valid duration (seconds within +-315576000000, nanos of the same sign "
                               "within +-999999999), got seconds ", d.seconds(), " nanos ", d.nanos()));
    return;
  }
  const absl::Duration value = absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
  if (value < absl::ZeroDuration() || value > max) {
    const std::string expected = max == absl::InfiniteDuration()
                                     ? std::string(">= 0")
                                     : absl::StrCat("0..", absl::FormatDuration(max), ToAbsl(max_note));
    c.Fail(field, absl::StrCat("must be ", expected, ", got ", absl::FormatDuration(value)));
  }
}

// ---------------------------------------------------------------- envelope

enum class Actor { kRequired, kOptional, kNone };

// Who acts: a character for every kind but server_status (none) and custom (either).
Actor ActorOf(Event::PayloadCase kind) {
  switch (kind) {
    case Event::kServerStatus: return Actor::kNone;
    case Event::kCustom:
    case Event::PAYLOAD_NOT_SET: return Actor::kOptional;
    default: return Actor::kRequired;
  }
}

// A place: required for every kind but server_status and custom.
bool PlaceRequired(Event::PayloadCase kind) {
  return kind != Event::kServerStatus && kind != Event::kCustom && kind != Event::PAYLOAD_NOT_SET;
}

void CheckEventServerId(FieldChecker& c, std::string_view event_server_id, std::string_view batch_server_id) {
  if (event_server_id.empty() || event_server_id == batch_server_id) return;
  c.Fail("server_id", absl::StrCat("must be empty or equal to the batch's server_id ", Quoted(batch_server_id),
                                   ", got ", Quoted(event_server_id)));
}

void CheckActor(FieldChecker& c, const Event& e) {
  switch (ActorOf(e.payload_case())) {
    case Actor::kNone:
      if (e.char_id() != 0) {
        c.Fail("char_id", absl::StrCat("must be 0 for ", ToAbsl(PayloadName(e)), " events, got ", e.char_id()));
      }
      break;
    case Actor::kRequired: CheckCharId(c, "char_id", e.char_id(), /*zero_allowed=*/false); break;
    case Actor::kOptional: CheckCharId(c, "char_id", e.char_id(), /*zero_allowed=*/true); break;
  }
  if (e.char_id() == 0) {
    CheckZero(c, "account_id", e.account_id(), "when char_id is 0");
    if (!e.char_name().empty()) {
      c.Fail("char_name", absl::StrCat("must be empty when char_id is 0, got ", e.char_name().size(), " bytes"));
    }
  } else {
    CheckAccountId(c, "account_id", e.account_id());
  }
  CheckGameText(c, "char_name", e.char_name(), 0, kNameBytes);
  CheckRange(c, "base_level", e.base_level(), 0, kMaxLevel);
  CheckRange(c, "job_level", e.job_level(), 0, kMaxLevel);
  CheckRange(c, "job_id", e.job_id(), 0, kMaxJobId);
}

void CheckPlace(FieldChecker& c, const Event& e) {
  CheckMapName(c, "map", e.map(), PlaceRequired(e.payload_case()));
  CheckCell(c, "x", e.x());
  CheckCell(c, "y", e.y());
}

// ---------------------------------------------------------------- payloads

void CheckTradedItem(FieldChecker& c, const v1::TradedItem& item) {
  CheckAtLeast(c, "item_id", item.item_id(), 1);
  CheckRange(c, "amount", item.amount(), 1, kMaxItemAmount);
  CheckRange(c, "refine", item.refine(), 0, kMaxRefine);
  CheckCount(c, "card_ids", item.card_ids_size(), 0, kMaxCards);
  for (int i = 0; i < item.card_ids_size() && !c.failed(); ++i) {
    auto scope = c.Enter("card_ids", i);
    CheckAtLeast(c, "", item.card_ids(i), 1);  // empty slots are left out
  }
  CheckZeny(c, "unit_price", item.unit_price(), 0);
}

void CheckTradedItems(FieldChecker& c, std::string_view field,
                      const google::protobuf::RepeatedPtrField<v1::TradedItem>& items, int min, int max) {
  CheckCount(c, field, items.size(), min, max);
  for (int i = 0; i < items.size() && !c.failed(); ++i) {
    auto scope = c.Enter(field, i);
    CheckTradedItem(c, items.Get(i));
  }
}

void CheckCharIdList(FieldChecker& c, std::string_view field, const google::protobuf::RepeatedField<uint32_t>& ids,
                     int max) {
  CheckCount(c, field, ids.size(), 0, max);
  for (int i = 0; i < ids.size() && !c.failed(); ++i) {
    auto scope = c.Enter(field, i);
    CheckCharId(c, "", ids.Get(i), /*zero_allowed=*/false);
  }
}

void CheckLogin(FieldChecker& c, const v1::Login& p) {
  CheckRange(c, "group_id", p.group_id(), 0, kMaxGroupId);
  CheckZeny(c, "zeny", p.zeny(), 0);
}

void CheckLogout(FieldChecker& c, const v1::Logout& p) {
  CheckEnum<v1::LogoutReason>(c, "reason", p.reason(), /*required=*/true);
  CheckDuration(c, "session", p.has_session(), p.session(), kMaxSession, " (366 days)");
  CheckZeny(c, "zeny", p.zeny(), 0);
}

void CheckMapChange(FieldChecker& c, const v1::MapChange& p) {
  CheckMapName(c, "from_map", p.from_map(), /*required=*/true);
  CheckCell(c, "from_x", p.from_x());
  CheckCell(c, "from_y", p.from_y());
  CheckEnum<v1::MapChangeCause>(c, "cause", p.cause(), /*required=*/true);
}

void CheckMonsterKilled(FieldChecker& c, const v1::MonsterKilled& p) {
  CheckMobId(c, "mob_id", p.mob_id());
  CheckRange(c, "mob_level", p.mob_level(), 1, kMaxLevel);
  CheckEnum<v1::BossType>(c, "boss_type", p.boss_type(), /*required=*/true);
  CheckGameText(c, "mob_name", p.mob_name(), 1, kNameBytes);
  CheckOptionalTag(c, "spawn_tag", p.spawn_tag());
  CheckCharId(c, "last_hit_char_id", p.last_hit_char_id(), /*zero_allowed=*/true);
  if (p.boss_type() == v1::BOSS_TYPE_MVP) {
    CheckCharId(c, "mvp_char_id", p.mvp_char_id(), /*zero_allowed=*/true);
  } else {
    CheckZero(c, "mvp_char_id", p.mvp_char_id(), "unless boss_type is BOSS_TYPE_MVP");
  }
  CheckCharIdList(c, "party_member_char_ids", p.party_member_char_ids(), kMaxPartyMembers);
  CheckCharIdList(c, "damage_dealer_char_ids", p.damage_dealer_char_ids(), kMaxDamageDealers);
}

void CheckPlayerDied(FieldChecker& c, const v1::PlayerDied& p) {
  CheckEnum<v1::KillerKind>(c, "killer_kind", p.killer_kind(), /*required=*/true);
  if (p.killer_kind() == v1::KILLER_KIND_MONSTER) {
    CheckMobId(c, "killer_mob_id", p.killer_mob_id());
  } else {
    CheckZero(c, "killer_mob_id", p.killer_mob_id(), "unless killer_kind is KILLER_KIND_MONSTER");
  }
  CheckOptionalTag(c, "killer_spawn_tag", p.killer_spawn_tag());
  if (p.killer_kind() == v1::KILLER_KIND_PLAYER) {
    CheckCharId(c, "killer_char_id", p.killer_char_id(), /*zero_allowed=*/false);
    CheckAccountId(c, "killer_account_id", p.killer_account_id());
  } else {
    CheckZero(c, "killer_char_id", p.killer_char_id(), "unless killer_kind is KILLER_KIND_PLAYER");
    CheckZero(c, "killer_account_id", p.killer_account_id(), "unless killer_kind is KILLER_KIND_PLAYER");
  }
  CheckGameText(c, "killer_name", p.killer_name(), 0, kNameBytes);
}

void CheckNpcInteraction(FieldChecker& c, const v1::NpcInteraction& p) {
  CheckEnum<v1::NpcInteractionKind>(c, "kind", p.kind(), /*required=*/true);
  CheckGameText(c, "npc_name", p.npc_name(), 1, kNpcNameBytes);
  CheckGameText(c, "npc_exname", p.npc_exname(), 1, kNpcNameBytes);
  CheckRange(c, "npc_sprite", p.npc_sprite(), kMinNpcSprite, kMaxNpcSprite);
  CheckOptionalTag(c, "npc_tag", p.npc_tag());
  if (p.kind() == v1::NPC_INTERACTION_KIND_TEXT_INPUT || p.kind() == v1::NPC_INTERACTION_KIND_WHISPER) {
    CheckGameText(c, "text", p.text(), 1, kTextBytes);
  } else if (!p.text().empty()) {
    c.Fail("text", absl::StrCat("must be empty unless kind is NPC_INTERACTION_KIND_TEXT_INPUT or "
                                "NPC_INTERACTION_KIND_WHISPER, got ", p.text().size(), " bytes"));
  }
  if (p.kind() == v1::NPC_INTERACTION_KIND_MENU_CHOICE) {
    CheckRange(c, "menu_choice", p.menu_choice(), 1, kMaxMenuChoice);
  } else {
    CheckZero(c, "menu_choice", p.menu_choice(), "unless kind is NPC_INTERACTION_KIND_MENU_CHOICE");
  }
  CheckGameText(c, "menu_option", p.menu_option(), 0, kTextBytes);
  CheckRange(c, "amount", p.amount(), std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
}

void CheckChat(FieldChecker& c, const v1::Chat& p) {
  CheckEnum<v1::ChatChannel>(c, "channel", p.channel(), /*required=*/true);
  CheckGameText(c, "text", p.text(), 1, kTextBytes);
  if (p.channel() == v1::CHAT_CHANNEL_WHISPER) {
    CheckCharId(c, "target_char_id", p.target_char_id(), /*zero_allowed=*/true);
  } else {
    CheckZero(c, "target_char_id", p.target_char_id(), "unless channel is CHAT_CHANNEL_WHISPER");
  }
  CheckGameText(c, "target_name", p.target_name(), 0, kNameBytes);
  const bool channel = p.channel() == v1::CHAT_CHANNEL_CHANNEL;
  CheckGameText(c, "channel_name", p.channel_name(), channel ? 1 : 0, kChannelNameBytes);
  if (!p.channel_name().empty() && p.channel_name()[0] == '#') {
    c.Fail("channel_name", "must be the channel name without '#', got a leading '#'");
  }
}

void CheckTrade(FieldChecker& c, const v1::Trade& p) {
  CheckCharId(c, "partner_char_id", p.partner_char_id(), /*zero_allowed=*/false);
  CheckAccountId(c, "partner_account_id", p.partner_account_id());
  CheckGameText(c, "partner_name", p.partner_name(), 1, kNameBytes);
  CheckTradedItems(c, "items_given", p.items_given(), 0, kMaxTradeItems);
  CheckTradedItems(c, "items_received", p.items_received(), 0, kMaxTradeItems);
  CheckZeny(c, "zeny_given", p.zeny_given(), 0);
  CheckZeny(c, "zeny_received", p.zeny_received(), 0);
}

void CheckVendingSale(FieldChecker& c, const v1::VendingSale& p) {
  CheckCharId(c, "vendor_char_id", p.vendor_char_id(), /*zero_allowed=*/false);
  CheckAccountId(c, "vendor_account_id", p.vendor_account_id());
  CheckGameText(c, "vendor_name", p.vendor_name(), 1, kNameBytes);
  CheckGameText(c, "shop_title", p.shop_title(), 0, kShopTitleBytes);
  CheckTradedItems(c, "items", p.items(), 1, kMaxVendingItems);
  CheckZeny(c, "total_zeny", p.total_zeny(), 1);
  CheckZeny(c, "vendor_zeny", p.vendor_zeny(), 0);
  if (p.vendor_zeny() > p.total_zeny()) {
    c.Fail("vendor_zeny", absl::StrCat("must be at most total_zeny (", p.total_zeny(), ", before vending tax), got ",
                                       p.vendor_zeny()));
  }
}

void CheckNpcShopTrade(FieldChecker& c, const v1::NpcShopTrade& p) {
  CheckEnum<v1::ShopDirection>(c, "direction", p.direction(), /*required=*/true);
  CheckEnum<v1::ShopKind>(c, "shop_kind", p.shop_kind(), /*required=*/true);
  CheckGameText(c, "shop_exname", p.shop_exname(), 1, kNpcNameBytes);
  CheckGameText(c, "shop_name", p.shop_name(), 1, kNpcNameBytes);
  CheckTradedItems(c, "items", p.items(), 1, kMaxShopItems);
  CheckZeny(c, "total_zeny", p.total_zeny(), 1);
}

void CheckLevelUp(FieldChecker& c, const v1::LevelUp& p) {
  CheckEnum<v1::LevelKind>(c, "kind", p.kind(), /*required=*/true);
  CheckRange(c, "old_level", p.old_level(), 1, kMaxLevel - 1);
  if (p.new_level() <= p.old_level() || p.new_level() > kMaxLevel) {
    c.Fail("new_level", absl::StrCat("must be old_level + 1..", kMaxLevel, " = ", int64_t{p.old_level()} + 1, "..",
                                     kMaxLevel, ", got ", p.new_level()));
  }
}

void CheckJobChange(FieldChecker& c, const v1::JobChange& p, const Event& e) {
  CheckRange(c, "old_job_id", p.old_job_id(), 0, kMaxJobId);
  CheckRange(c, "new_job_id", p.new_job_id(), 0, kMaxJobId);
  if (p.new_job_id() != e.job_id()) {
    c.Fail("new_job_id", absl::StrCat("must equal the envelope job_id (", e.job_id(), "), got ", p.new_job_id()));
  }
  CheckRange(c, "old_job_level", p.old_job_level(), 1, kMaxLevel);
}

// An rAthena quest has its quest_db id; a generated quest has none (0) and is named by its key.
void CheckQuestIdentity(FieldChecker& c, int32_t quest_id, const std::string& mesh_quest_key) {
  CheckToken(c, "mesh_quest_key", mesh_quest_key, 0, kIdBytes, kPrintableAscii);
  if (mesh_quest_key.empty()) CheckAtLeast(c, "quest_id", quest_id, 1);
  else CheckAtLeast(c, "quest_id", quest_id, 0);
}

void CheckQuestAccepted(FieldChecker& c, const v1::QuestAccepted& p) { CheckQuestIdentity(c, p.quest_id(), p.mesh_quest_key()); }

void CheckQuestCompleted(FieldChecker& c, const v1::QuestCompleted& p) {
  CheckQuestIdentity(c, p.quest_id(), p.mesh_quest_key());
  CheckDuration(c, "time_taken", p.has_time_taken(), p.time_taken(), absl::InfiniteDuration(), "");
}

void CheckItemPickedUp(FieldChecker& c, const v1::ItemPickedUp& p) {
  if (!p.has_item()) {
    c.Fail("item", "required, missing");
  } else {
    auto scope = c.Enter("item");
    CheckTradedItem(c, p.item());
  }
  CheckEnum<v1::PickupSource>(c, "source", p.source(), /*required=*/true);
  if (p.source() == v1::PICKUP_SOURCE_MONSTER) {
    CheckMobId(c, "source_mob_id", p.source_mob_id());
  } else {
    CheckZero(c, "source_mob_id", p.source_mob_id(), "unless source is PICKUP_SOURCE_MONSTER");
  }
}

// party_created / guild_created: the new id is also in the envelope.
void CheckCreatedGroup(FieldChecker& c, std::string_view id_field, uint32_t id, uint32_t envelope_id,
                       std::string_view name_field, std::string_view name) {
  CheckAtLeast(c, id_field, id, 1);
  if (id != envelope_id) {
    c.Fail(id_field, absl::StrCat("must equal the envelope ", ToAbsl(id_field), " (", envelope_id, "), got ", id));
  }
  CheckGameText(c, name_field, name, 1, kNameBytes);
}

void CheckServerStatus(FieldChecker& c, const v1::ServerStatus& p) {
  CheckEnum<v1::ServerPhase>(c, "phase", p.phase(), /*required=*/true);
  CheckRange(c, "online_players", p.online_players(), 0, kMaxPlayers);
  CheckRange(c, "autotraders", p.autotraders(), 0, kMaxPlayers);
  if (p.autotraders() > p.online_players()) {
    c.Fail("autotraders", absl::StrCat("must be at most online_players (", p.online_players(), "), got ",
                                       p.autotraders()));
  }
  CheckCount(c, "maps", p.maps_size(), 0, kMaxServerMaps);
  for (int i = 0; i < p.maps_size() && !c.failed(); ++i) {
    auto scope = c.Enter("maps", i);
    CheckMapName(c, "map", p.maps(i).map(), /*required=*/true);
    CheckRange(c, "players", p.maps(i).players(), 1, kMaxPlayers);
  }
  CheckDuration(c, "uptime", p.has_uptime(), p.uptime(), absl::InfiniteDuration(), "");
  CheckPlainText(c, "rathena_version", p.rathena_version(), 0, kVersionBytes);
}

void CheckCustom(FieldChecker& c, const v1::Custom& p) {
  CheckToken(c, "name", p.name(), 1, kIdBytes, kCustomNameChars);
  CheckCustomJson(c, "json", p.json());
}

void CheckPayload(FieldChecker& c, const Event& e) {
  if (e.payload_case() == Event::PAYLOAD_NOT_SET) return;  // reported with the envelope
  auto scope = c.Enter(PayloadName(e));
  switch (e.payload_case()) {
    case Event::kLogin: return CheckLogin(c, e.login());
    case Event::kLogout: return CheckLogout(c, e.logout());
    case Event::kMapChange: return CheckMapChange(c, e.map_change());
    case Event::kMonsterKilled: return CheckMonsterKilled(c, e.monster_killed());
    case Event::kPlayerDied: return CheckPlayerDied(c, e.player_died());
    case Event::kNpcInteraction: return CheckNpcInteraction(c, e.npc_interaction());
    case Event::kChat: return CheckChat(c, e.chat());
    case Event::kTrade: return CheckTrade(c, e.trade());
    case Event::kVendingSale: return CheckVendingSale(c, e.vending_sale());
    case Event::kNpcShopTrade: return CheckNpcShopTrade(c, e.npc_shop_trade());
    case Event::kLevelUp: return CheckLevelUp(c, e.level_up());
    case Event::kJobChange: return CheckJobChange(c, e.job_change(), e);
    case Event::kQuestAccepted: return CheckQuestAccepted(c, e.quest_accepted());
    case Event::kQuestCompleted: return CheckQuestCompleted(c, e.quest_completed());
    case Event::kItemPickedUp: return CheckItemPickedUp(c, e.item_picked_up());
    case Event::kPartyCreated: {
      const auto& p = e.party_created();
      return CheckCreatedGroup(c, "party_id", p.party_id(), e.party_id(), "party_name", p.party_name());
    }
    case Event::kGuildCreated: {
      const auto& p = e.guild_created();
      return CheckCreatedGroup(c, "guild_id", p.guild_id(), e.guild_id(), "guild_name", p.guild_name());
    }
    case Event::kServerStatus: return CheckServerStatus(c, e.server_status());
    case Event::kCustom: return CheckCustom(c, e.custom());
    case Event::PAYLOAD_NOT_SET: return;
  }
}

std::optional<Fault> FindEventFault(const Event& e, std::string_view batch_server_id, absl::Time now,
                                    const ValidationLimits& limits) {
  FieldChecker c;
  CheckEventServerId(c, e.server_id(), batch_server_id);
  if (e.event_id() == 0) c.Fail("event_id", "must be >= 1, got 0");
  CheckOccurredAt(c, e, now, limits);
  if (e.payload_case() == Event::PAYLOAD_NOT_SET) {
    c.Fail("payload", "must have exactly one payload kind set (login, chat, custom, ...), got none");
  }
  CheckActor(c, e);
  CheckPlace(c, e);
  CheckEnum<v1::Priority>(c, "priority", e.priority(), /*required=*/false);
  CheckPayload(c, e);
  return c.TakeFault();
}

EventRejection ToRejection(uint32_t index, Fault fault) {
  return EventRejection{index, std::move(fault.field), std::move(fault.reason)};
}

}  // namespace

EventValidator::EventValidator(ValidationLimits limits, const aiworld::Clock& clock)
    : limits_(limits), clock_(clock) {}

absl::Status EventValidator::CheckBatch(const v1::EventBatch& batch, std::string_view authenticated_server_id) const {
  FieldChecker c;
  CheckToken(c, "server_id", batch.server_id(), 1, kServerIdBytes, kServerIdChars);
  if (!c.failed() && !authenticated_server_id.empty() && batch.server_id() != authenticated_server_id) {
    return absl::PermissionDeniedError(absl::StrCat("server_id: ", Quoted(batch.server_id()),
                                                    " is not the server bound to the key (",
                                                    Quoted(authenticated_server_id), ")"));
  }
  if (batch.sequence() == 0) c.Fail("sequence", "must be >= 1, got 0");
  const int count = batch.events_size();
  if (count == 0) {
    c.Fail("events", absl::StrCat("0 events, must be 1..", kMaxBatchEvents, " per batch"));
  } else if (count > kMaxBatchEvents) {
    c.Fail("events", absl::StrCat(count, " events, at most ", kMaxBatchEvents, " per batch"));
  }
  if (batch.has_sent_at() && !IsValidTimestamp(batch.sent_at())) {
    c.Fail("sent_at", InvalidTimestampReason(batch.sent_at()));
  }
  if (!c.failed()) {
    const size_t bytes = batch.ByteSizeLong();
    if (bytes > kMaxMessageBytes) {
      c.Fail("events", absl::StrCat("batch is ", bytes, " bytes serialized, at most ", kMaxMessageBytes, " (4 MiB)"));
    }
  }
  if (auto fault = c.TakeFault()) return absl::InvalidArgumentError(absl::StrCat(fault->field, ": ", fault->reason));
  return absl::OkStatus();
}

std::optional<EventRejection> EventValidator::CheckEvent(const v1::GameEvent& event, uint32_t index,
                                                         std::string_view server_id) const {
  if (auto fault = FindEventFault(event, server_id, clock_.Now(), limits_)) return ToRejection(index, *std::move(fault));
  return std::nullopt;
}

std::vector<EventRejection> EventValidator::CheckEvents(const v1::EventBatch& batch) const {
  std::vector<EventRejection> rejected;
  const absl::Time now = clock_.Now();
  uint64_t last_accepted_id = 0;
  for (int i = 0; i < batch.events_size(); ++i) {
    const Event& event = batch.events(i);
    auto fault = FindEventFault(event, batch.server_id(), now, limits_);
    if (!fault && event.event_id() <= last_accepted_id) {
      fault = Fault{"event_id", absl::StrCat("must be greater than the event_id of the last accepted event before it (",
                                             last_accepted_id, "), got ", event.event_id())};
    }
    if (fault) {
      rejected.push_back(ToRejection(static_cast<uint32_t>(i), *std::move(fault)));
    } else {
      last_accepted_id = event.event_id();
    }
  }
  return rejected;
}

}  // namespace aiworld::gateway
