#include "gateway/server_keys.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "absl/strings/str_cat.h"
#include "runtime/migrations.h"

namespace aiworld::gateway {
namespace {

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  RAND_bytes(buf.data(), static_cast<int>(buf.size()));  // secrets: OpenSSL's CSPRNG, not the game's random
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : buf) {
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

bool IsHex(const std::string& s) { return s.find_first_not_of("0123456789abcdef") == std::string::npos; }

}  // namespace

bool ServerKeys::IsValidServerId(const std::string& id) {
  if (id.empty() || id.size() > 32) return false;
  return id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
}

absl::StatusOr<std::string> ServerKeys::TokenFromAuthorization(const std::string& header) {
  static const std::string kPrefix = "Bearer ";
  if (header.size() <= kPrefix.size() || header.compare(0, kPrefix.size(), kPrefix) != 0) {
    return absl::UnauthenticatedError("missing bridge key: send metadata \"authorization: Bearer aiw_...\"");
  }
  return header.substr(kPrefix.size());
}

absl::StatusOr<IssuedKey> ServerKeys::Issue(const std::string& server_id, const std::string& label) {
  if (!IsValidServerId(server_id)) {
    return absl::InvalidArgumentError("server_id: must be 1..32 bytes of a-z, 0-9, '_' or '-'");
  }
  if (label.size() > 128) return absl::InvalidArgumentError("label: at most 128 bytes");
  IssuedKey key{absl::StrCat("k", RandomHex(8)), server_id, ""};
  const std::string secret = RandomHex(24);
  key.token = absl::StrCat("aiw_", key.key_id, "_", secret);
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params0("INSERT INTO gateway.server_keys (key_id, server_id, secret_hash, label) VALUES ($1, $2, $3, $4)",
                    key.key_id, server_id, Sha256Hex(secret), label);
    tx.commit();
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return key;
}

absl::Status ServerKeys::Revoke(const std::string& key_id) {
  return db_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    pqxx::result r = tx.exec_params(
        "UPDATE gateway.server_keys SET revoked_at = coalesce(revoked_at, now()) WHERE key_id = $1", key_id);
    tx.commit();
    if (r.affected_rows() == 0) return absl::NotFoundError(absl::StrCat("key_id: no key ", key_id));
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<KeyInfo>> ServerKeys::List(const std::string& server_id_filter) {
  std::vector<KeyInfo> keys;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec_params(
        "SELECT key_id, server_id, label, extract(epoch FROM created_at)::float8, extract(epoch FROM revoked_at)::float8 "
        "FROM gateway.server_keys WHERE ($1 = '' OR server_id = $1) ORDER BY created_at, key_id",
        server_id_filter);
    const auto time_of = [](const pqxx::field& f) { return absl::FromUnixMicros(static_cast<int64_t>(f.as<double>() * 1e6)); };
    for (const auto& row : r) {
      KeyInfo key{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(), time_of(row[3]), std::nullopt};
      if (!row[4].is_null()) key.revoked_at = time_of(row[4]);
      keys.push_back(std::move(key));
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return keys;
}

absl::StatusOr<std::string> ServerKeys::Authenticate(const std::string& token) {
  // aiw_k<16 hex>_<48 hex>
  if (token.size() != 4 + 17 + 1 + 48 || token.compare(0, 4, "aiw_") != 0 || token[21] != '_') {
    return absl::UnauthenticatedError("malformed bridge key");
  }
  const std::string key_id = token.substr(4, 17);
  const std::string secret = token.substr(22);
  if (key_id[0] != 'k' || !IsHex(key_id.substr(1)) || !IsHex(secret)) {
    return absl::UnauthenticatedError("malformed bridge key");
  }
  std::string server_id;
  bool matches = false;
  absl::Status s = db_.Run([&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec_params(
        "SELECT server_id, secret_hash FROM gateway.server_keys WHERE key_id = $1 AND revoked_at IS NULL", key_id);
    if (r.empty()) return absl::OkStatus();
    server_id = r[0][0].as<std::string>();
    const std::string stored = r[0][1].as<std::string>();
    const std::string presented = Sha256Hex(secret);
    matches = stored.size() == presented.size() && CRYPTO_memcmp(stored.data(), presented.data(), stored.size()) == 0;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!matches) return absl::UnauthenticatedError("unknown or revoked bridge key");
  return server_id;
}

}  // namespace aiworld::gateway
