// The content filter (services/agentkit/content_filter): a table of hostile and odd inputs with the
// expected text or rejection, options and the deny-list loader, and random bytes that must always come
// out as clean, bounded UTF-8.
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "services/agentkit/content_filter.h"

namespace {

using aiworld::agentkit::ContentFilter;
using aiworld::agentkit::LoadDenyList;
using aiworld::agentkit::TextKind;

ContentFilter TestFilter() {
  ContentFilter::Options options;
  options.deny_list = {"bad", "ass", "Evil Wizard"};
  auto filter = ContentFilter::Create(options);
  REQUIRE(filter.ok());
  return *filter;
}

// An independent strict UTF-8 check: returns the code points, or nothing when invalid.
std::optional<std::vector<char32_t>> DecodeStrict(const std::string& s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return std::nullopt;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t k = 1; k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (c & 0x3F);
    }
    const char32_t min = n == 1 ? 0 : n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    out.push_back(cp);
    i += n;
  }
  return out;
}

struct Case {
  const char* what;
  TextKind kind;
  std::string input;
  std::optional<std::string> expected;  // nothing: rejected
  std::string error = {};               // part of the rejection message
};

const std::string kDenied = "text: contains a denied word";
const std::string kEmpty = "text: empty after cleaning";

std::vector<Case> Cases() {
  const TextKind D = TextKind::kDialogue, B = TextKind::kBroadcast, N = TextKind::kName,
                 A = TextKind::kArcText;
  return {
      {"plain text passes unchanged", D, "Hello, adventurer! 50% off; today only.",
       "Hello, adventurer! 50% off; today only."},
      {"colour codes removed", B, "^FF0000Red^000000 alert", "Red alert"},
      {"lower-case colour code removed", D, "^ff00aaPink", "Pink"},
      {"nested colour codes cannot reassemble", D, "^^FF0000FF0000x^F^FF0000F0000y", "xy"},
      {"colour code assembled by a removed quote is removed", D, "^FF\"0000Hi", "Hi"},
      {"emoticon caret stays", D, "^_^ hi ^12345", "^_^ hi ^12345"},
      {"C0 and DEL removed, ANSI escape defused", D, "a\x01" "b\x7F c\x1B[31m", "ab c[31m"},
      {"C1 removed, NEL becomes a space", D, "a\xC2\x9B" "b\xC2\x85" "c", "ab c"},
      {"newlines in dialogue become one space", D, "line one\n\n\r\nline two", "line one line two"},
      {"newlines and tabs in broadcast become spaces and are trimmed", B, "\r\nhello\tworld\r\n",
       "hello world"},
      {"invalid UTF-8 bytes removed", D, "caf\xC3" "\xFF" "e ok\xC0\xAF" "ok \xED\xA0\x80" "x\x80",
       "cafe okok x"},
      {"valid multibyte text kept", D, "Poring \xED\x8F\xAC\xEB\xA7\x81 \xE2\x82\xAC" "5",
       "Poring \xED\x8F\xAC\xEB\xA7\x81 \xE2\x82\xAC" "5"},
      {"script quotes removed", D, "Hi\"; set Zeny, 999999; mes \"", "Hi; set Zeny, 999999; mes"},
      {"backslash escapes removed", D, "a\\\"b\\n", "abn"},
      {"item and info tags removed", B, "<ITEM>Red Potion<INFO>501</INFO></ITEM>", "Red Potion501"},
      {"navi tag removed", D, "Go <NAVI>[Prontera]<INFO>prontera,150,150,0,000,0</INFO></NAVI> now",
       "Go [Prontera]prontera,150,150,0,000,0 now"},
      {"lower-case url tag removed", D, "<url>x</url>", "x"},
      {"tag assembled by removing a tag is removed", D, "<IT<ITEM>EM>x</NA</NAVI>VI>", "x"},
      {"heart and comparisons stay", D, "<3 you, 1 < 2 > 0", "<3 you, 1 < 2 > 0"},
      {"whitespace collapsed, unicode spaces too", D, "  a   b \xE3\x80\x80\xC2\xA0 c  ", "a b c"},
      {"zero-width characters removed", D, "Z\xE2\x80\x8B" "e\xEF\xBB\xBFny", "Zeny"},
      {"bidi override removed", D, "abc\xE2\x80\xAE" "def", "abcdef"},
      {"dialogue cut at 255 bytes before a 3-byte character", D, std::string(254, 'a') + "\xE2\x82\xAC",
       std::string(254, 'a')},
      {"arc text cut at 2000 bytes before a 3-byte character", A,
       std::string(1998, 'x') + "\xED\x8F\xAC" + "tail", std::string(1998, 'x')},
      {"arc text of 2000 bytes ending in a 3-byte character kept", A,
       std::string(1997, 'x') + "\xED\x8F\xAC", std::string(1997, 'x') + "\xED\x8F\xAC"},
      {"name over 23 bytes cut", N, "Sir Reginald the Magnificent", "Sir Reginald the Magnif"},
      {"name cut at a space is trimmed", N, "Abcdefghij Klmnopqrstu Vw", "Abcdefghij Klmnopqrstu"},
      {"name of 3-byte characters cut at a character boundary", N,
       "\xED\x8F\xAC\xED\x8F\xAC\xED\x8F\xAC\xED\x8F\xAC\xED\x8F\xAC\xED\x8F\xAC\xED\x8F\xAC\xED\x8F\xAC",
       "\xED\x8F\xAC\xED\x8F\xAC\xED\x8F\xAC\xED\x8F\xAC\xED\x8F\xAC\xED\x8F\xAC\xED\x8F\xAC"},
      {"name loses rAthena separators", N, "Guard#hidden::uniq,x", "Guardhiddenuniqx"},
      {"dialogue keeps hash and colon", D, "Room #3: open", "Room #3: open"},
      {"denied word in any case", D, "That is BAD.", std::nullopt, kDenied},
      {"denied word spelled with dots", D, "you are b.a.d", std::nullopt, kDenied},
      {"denied word spelled with spaces", B, "so B a D", std::nullopt, kDenied},
      {"denied word spelled with separators after a one-letter word", D, "a b-a_d idea", std::nullopt,
       kDenied},
      {"denied word hidden by a colour code", D, "b^FF0000ad", std::nullopt, kDenied},
      {"denied word hidden by zero-width space", D, "b\xE2\x80\x8B" "ad", std::nullopt, kDenied},
      {"denied word in fullwidth letters", D, "\xEF\xBC\xA2\xEF\xBC\xA1\xEF\xBC\xA4", std::nullopt, kDenied},
      {"denied word with accents", D, "so b\xC3\xA1" "d", std::nullopt, kDenied},
      {"denied word with a combining accent", D, "ba\xCC\x81" "d", std::nullopt, kDenied},
      {"denied phrase across collapsed whitespace", A, "The evil\n\n  WIZARD returns", std::nullopt,
       kDenied},
      {"denied word made whole by the cut", N, std::string(19, 'x') + " Badly", std::nullopt, kDenied},
      {"innocent words containing denied words pass", D, "A classic badge, badly passed. Evil wizardry.",
       "A classic badge, badly passed. Evil wizardry."},
      {"partial split is not an obfuscation", D, "ba d", "ba d"},
      {"empty text rejected", D, "", std::nullopt, kEmpty},
      {"only control characters rejected", B, "\x01\x02 \n\t\x7F", std::nullopt, kEmpty},
      {"only colour codes and quotes rejected", N, "^FF0000\"\"^00ff00", std::nullopt, kEmpty},
      {"only tags rejected", D, "<ITEM></ITEM>", std::nullopt, kEmpty},
  };
}

TEST_CASE("content filter cleans or rejects hostile and odd inputs", "[unit]") {
  const ContentFilter filter = TestFilter();
  const std::vector<Case> cases = Cases();
  REQUIRE(cases.size() >= 25);
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.what) {
      const auto result = filter.Clean(c.kind, c.input);
      if (c.expected) {
        INFO(result.status().ToString());
        REQUIRE(result.ok());
        CHECK(*result == *c.expected);
      } else {
        REQUIRE_FALSE(result.ok());
        CHECK(result.status().code() == absl::StatusCode::kInvalidArgument);
        CHECK(std::string(result.status().message()) == c.error);
      }
    }
  }
}

TEST_CASE("content filter bounds per kind and the minimum", "[unit]") {
  const ContentFilter def = ContentFilter::Default();
  CHECK(def.options().dialogue.max_bytes == 255);
  CHECK(def.options().broadcast.max_bytes == 255);
  CHECK(def.options().name.max_bytes == 23);
  CHECK(def.options().arc_text.max_bytes == 2000);
  CHECK(def.options().For(TextKind::kName).min_bytes == 1);
  CHECK(def.Clean(TextKind::kDialogue, "bad").ok());  // no deny list by default

  ContentFilter::Options options;
  options.name = {3, 10};
  auto filter = ContentFilter::Create(options);
  REQUIRE(filter.ok());
  CHECK(*filter->Clean(TextKind::kName, "Poring King Of All") == "Poring Kin");
  const auto shorty = filter->Clean(TextKind::kName, "\"Al\"");
  REQUIRE_FALSE(shorty.ok());
  CHECK(std::string(shorty.status().message()) ==
        "text: 2 bytes after cleaning, fewer than the minimum 3 for name");
}

TEST_CASE("content filter refuses bad options", "[unit]") {
  ContentFilter::Options zero;
  zero.broadcast.max_bytes = 0;
  CHECK(std::string(ContentFilter::Create(zero).status().message()) ==
        "options.broadcast.max_bytes: must be at least 1");
  ContentFilter::Options inverted;
  inverted.arc_text = {10, 5};
  CHECK(std::string(ContentFilter::Create(inverted).status().message()) ==
        "options.arc_text.min_bytes: above max_bytes");
  ContentFilter::Options punct;
  punct.deny_list = {"ok", "..."};
  CHECK(std::string(ContentFilter::Create(punct).status().message()) ==
        "options.deny_list[1]: has no letter or digit");
  ContentFilter::Options broken;
  broken.deny_list = {"b\xFF"};
  CHECK(ContentFilter::Create(broken).status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("deny list loads from a file with comments", "[unit]") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("aiworld_deny_" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "deny.txt").string();
  {
    std::ofstream out(path);
    out << "# words the game must never show\n\n  darn  \r\nheck # trailing comment\nevil wizard\n   # indented\n";
  }
  const auto list = LoadDenyList(path);
  REQUIRE(list.ok());
  CHECK(*list == std::vector<std::string>{"darn", "heck", "evil wizard"});

  ContentFilter::Options options;
  options.deny_list = *list;
  const auto filter = ContentFilter::Create(options);
  REQUIRE(filter.ok());
  CHECK_FALSE(filter->Clean(TextKind::kDialogue, "Oh d a r n it").ok());
  CHECK(filter->Clean(TextKind::kDialogue, "darning socks").ok());

  {
    std::ofstream out(path);
    out << "fine\n-- --\n";
  }
  CHECK(std::string(LoadDenyList(path).status().message()) == path + ":2: has no letter or digit");
  CHECK(LoadDenyList((dir / "missing.txt").string()).status().code() == absl::StatusCode::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST_CASE("content filter output is always clean and bounded for random bytes", "[unit]") {
  const ContentFilter filter = TestFilter();
  std::mt19937 rng(20240605);
  // Bytes biased towards the interesting ones, so colour codes, tags and multibyte text form often.
  const std::string pool = "^^^FFfa0099\"\"\\<</>>ITEMnavi #:,  \n\t\x01\x1B\x7F\xC2\x85\x9B\xE2\x80\x8B\xAE\xED\x8F\xAC\xFFxyz";
  const std::regex colour("\\^[0-9A-Fa-f]{6}");
  const std::regex tag("</?[A-Za-z]{1,32}>");
  const TextKind kinds[] = {TextKind::kDialogue, TextKind::kBroadcast, TextKind::kName, TextKind::kArcText};
  int cleaned = 0;
  for (int iteration = 0; iteration < 4000; ++iteration) {
    const TextKind kind = kinds[iteration % 4];
    const size_t length = std::uniform_int_distribution<size_t>(0, kind == TextKind::kArcText ? 2600 : 400)(rng);
    std::string input;
    for (size_t i = 0; i < length; ++i) {
      if (rng() % 3 == 0) {
        input.push_back(static_cast<char>(rng() & 0xFF));
      } else {
        input.push_back(pool[rng() % pool.size()]);
      }
    }
    const auto result = filter.Clean(kind, input);
    if (!result.ok()) {
      const std::string message(result.status().message());
      INFO(message);
      CHECK((message == kEmpty || message == kDenied));
      continue;
    }
    ++cleaned;
    const std::string& out = *result;
    const auto code_points = DecodeStrict(out);
    REQUIRE(code_points.has_value());
    for (char32_t c : *code_points) {
      INFO("code point " << static_cast<uint32_t>(c));
      REQUIRE_FALSE((c < 0x20 || (c >= 0x7F && c <= 0x9F)));
    }
    INFO(out);
    REQUIRE(out.size() <= filter.options().For(kind).max_bytes);
    REQUIRE(out.size() >= 1);
    REQUIRE_FALSE(std::regex_search(out, colour));
    REQUIRE_FALSE(std::regex_search(out, tag));
    REQUIRE(out.find('"') == std::string::npos);
    REQUIRE(out.find('\\') == std::string::npos);
    REQUIRE(out.find("  ") == std::string::npos);
    REQUIRE(out.front() != ' ');
    REQUIRE(out.back() != ' ');
    if (kind == TextKind::kName) REQUIRE(out.find_first_of("#:,") == std::string::npos);
  }
  CHECK(cleaned > 3000);  // most random inputs survive cleaning
}

}  // namespace
