#include <catch2/catch.hpp>

#include "runtime/json_escape.h"
#include "runtime/log.h"

using aiworld::log::Field;
using aiworld::log::Format;
using aiworld::log::Level;

TEST_CASE("JSON log lines carry time, level, component, message and typed fields", "[unit]") {
  const absl::Time at = absl::FromUnixMillis(1700000000123);
  const std::string line = aiworld::log::FormatLine(Format::kJson, at, Level::kWarn, "core", "db \"down\"",
                                                    {Field("port", 50052), Field("ready", false), Field("map", "prontera")});
  CHECK(line ==
        "{\"ts\":\"2023-11-14T22:13:20.123Z\",\"level\":\"warn\",\"component\":\"core\",\"msg\":\"db \\\"down\\\"\","
        "\"port\":50052,\"ready\":false,\"map\":\"prontera\"}");
}

TEST_CASE("text log lines are readable and quote values with spaces", "[unit]") {
  const std::string line = aiworld::log::FormatLine(Format::kText, absl::UnixEpoch(), Level::kInfo, "gateway", "serving",
                                                    {Field("services", "a b"), Field("port", 1)});
  CHECK(line == "1970-01-01T00:00:00.000Z info gateway: serving services=\"a b\" port=1");
}

TEST_CASE("JSON quoting escapes control characters and replaces invalid UTF-8", "[unit]") {
  CHECK(aiworld::JsonQuote("a\nb\t\x01") == "\"a\\nb\\t\\u0001\"");
  CHECK(aiworld::JsonQuote("caf\xC3\xA9") == "\"caf\xC3\xA9\"");
  CHECK(aiworld::JsonQuote("bad\xC3") == "\"bad\xEF\xBF\xBD\"");
  CHECK(aiworld::JsonQuote("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
}

TEST_CASE("log format and level names parse", "[unit]") {
  Format f;
  Level l;
  CHECK(aiworld::log::ParseFormat("json", &f));
  CHECK(f == Format::kJson);
  CHECK_FALSE(aiworld::log::ParseFormat("xml", &f));
  CHECK(aiworld::log::ParseLevel("debug", &l));
  CHECK(l == Level::kDebug);
  CHECK_FALSE(aiworld::log::ParseLevel("loud", &l));
}
