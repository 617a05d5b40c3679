#include "runtime/migrations.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace aiworld {

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

absl::StatusOr<std::vector<Migration>> ParseMigrations(const std::vector<MigrationFile>& files) {
  static const std::regex kName(R"(^([0-9]{4})_[a-z0-9_]+\.sql$)");
  std::vector<Migration> out;
  for (const MigrationFile& f : files) {
    std::smatch m;
    if (!std::regex_match(f.name, m, kName)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "migration file \"", f.name, "\" is not named NNNN_lowercase_words.sql"));
    }
    Migration mig;
    mig.version = std::stoi(m[1].str());
    mig.name = f.name;
    mig.sql = f.sql;
    mig.checksum = Sha256Hex(f.sql);
    if (mig.version == 0) {
      return absl::InvalidArgumentError(absl::StrCat("migration \"", f.name, "\": versions start at 0001"));
    }
    out.push_back(std::move(mig));
  }
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) {
      return absl::InvalidArgumentError(absl::StrCat("migrations \"", out[i - 1].name, "\" and \"",
                                                     out[i].name, "\" share version ", out[i].version));
    }
  }
  return out;
}

absl::StatusOr<std::vector<MigrationFile>> ReadMigrationDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return absl::NotFoundError(absl::StrCat("cannot read migrations directory ", dir, ": ", ec.message()));
  std::vector<MigrationFile> files;
  for (const auto& entry : it) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    if (!in.good() && !in.eof()) return absl::InternalError(absl::StrCat("cannot read ", entry.path().string()));
    files.push_back({entry.path().filename().string(), buf.str()});
  }
  return files;
}

const std::vector<Migration>& EmbeddedMigrations() {
  static const std::vector<Migration> migrations = [] {
    absl::StatusOr<std::vector<Migration>> parsed = ParseMigrations(EmbeddedMigrationFiles());
    if (!parsed.ok()) {
      std::fprintf(stderr, "internal error: embedded migrations are malformed: %s\n",
                   std::string(parsed.status().message()).c_str());
      std::abort();
    }
    return *std::move(parsed);
  }();
  return migrations;
}

int RequiredSchemaVersion() {
  const auto& m = EmbeddedMigrations();
  return m.empty() ? 0 : m.back().version;
}

}  // namespace aiworld
