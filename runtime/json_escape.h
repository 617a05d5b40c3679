#pragma once
#include <string>
#include <string_view>

namespace aiworld {

// Returns s as a JSON string literal, quotes included. Invalid UTF-8 bytes are replaced by
// U+FFFD so the output is always valid JSON.
std::string JsonQuote(std::string_view s);

}  // namespace aiworld
