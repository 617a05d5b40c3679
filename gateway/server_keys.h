#pragma once
// Per-server bridge keys: "aiw_<key id>_<secret>". Only the SHA-256 of the secret is stored, in
// gateway.server_keys; a key speaks for exactly one server_id until it is revoked.
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "runtime/pg_pool.h"

namespace aiworld::gateway {

struct IssuedKey {
  std::string key_id;
  std::string server_id;
  std::string token;  // the whole key; shown once, never stored
};

struct KeyInfo {
  std::string key_id;
  std::string server_id;
  std::string label;
  absl::Time created_at;
  std::optional<absl::Time> revoked_at;
};

class ServerKeys {
 public:
  explicit ServerKeys(PgPool& db) : db_(db) {}

  absl::StatusOr<IssuedKey> Issue(const std::string& server_id, const std::string& label);
  // NOT_FOUND for an unknown key id; revoking twice is fine.
  absl::Status Revoke(const std::string& key_id);
  absl::StatusOr<std::vector<KeyInfo>> List(const std::string& server_id_filter);
  // The server a bearer token speaks for, or UNAUTHENTICATED (the message never says which part
  // was wrong beyond "malformed" vs "unknown or revoked").
  absl::StatusOr<std::string> Authenticate(const std::string& token);

  // "Bearer <token>" from an authorization header value, or UNAUTHENTICATED.
  static absl::StatusOr<std::string> TokenFromAuthorization(const std::string& header);
  // Server ids: 1..32 bytes of [a-z0-9_-], as events.proto says.
  static bool IsValidServerId(const std::string& server_id);

 private:
  PgPool& db_;
};

}  // namespace aiworld::gateway
