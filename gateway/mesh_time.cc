#include "gateway/mesh_time.h"

#include <optional>

#include "runtime/log.h"

namespace aiworld::gateway {
namespace {

constexpr char kSelect[] =
    "SELECT round(extract(epoch FROM anchor_real) * 1000000)::bigint,"
    "       round(extract(epoch FROM anchor_mesh) * 1000000)::bigint, game_day_seconds"
    " FROM gateway.mesh_clock WHERE id";

MeshAnchor FromRow(const pqxx::row& row) {
  MeshAnchor a;
  a.anchor_real = absl::FromUnixMicros(row[0].as<int64_t>());
  a.anchor_mesh = absl::FromUnixMicros(row[1].as<int64_t>());
  a.game_day_seconds = row[2].as<uint32_t>();
  return a;
}

}  // namespace

absl::StatusOr<MeshAnchor> LoadMeshAnchor(PgPool& db, const Clock& real, uint32_t game_day_seconds) {
  if (absl::Status v = ValidateGameDaySeconds(game_day_seconds, "--game-day-seconds"); !v.ok()) return v;
  MeshAnchor anchor;
  bool created = false;
  bool rescaled = false;
  uint32_t previous_scale = 0;
  absl::Status s = db.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    const int64_t now_us = absl::ToUnixMicros(real.Now());
    pqxx::result inserted = tx.exec_params(
        "INSERT INTO gateway.mesh_clock (id, anchor_real, anchor_mesh, game_day_seconds)"
        " VALUES (true, timestamptz 'epoch' + $1::bigint * interval '1 microsecond',"
        "         timestamptz 'epoch' + $1::bigint * interval '1 microsecond', $2)"
        " ON CONFLICT (id) DO NOTHING RETURNING 1",
        now_us, game_day_seconds);
    created = !inserted.empty();
    anchor = FromRow(tx.exec1(std::string(kSelect) + " FOR UPDATE"));
    if (anchor.game_day_seconds != game_day_seconds) {
      previous_scale = anchor.game_day_seconds;
      anchor = Reanchor(anchor, absl::FromUnixMicros(now_us), game_day_seconds);
      tx.exec_params0(
          "UPDATE gateway.mesh_clock SET anchor_real = timestamptz 'epoch' + $1::bigint * interval '1 microsecond',"
          " anchor_mesh = timestamptz 'epoch' + $2::bigint * interval '1 microsecond', game_day_seconds = $3,"
          " updated_at = now() WHERE id",
          absl::ToUnixMicros(anchor.anchor_real), absl::ToUnixMicros(anchor.anchor_mesh), game_day_seconds);
      rescaled = true;
    }
    tx.commit();
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  const std::string mesh_now = absl::FormatTime(MeshTimeAt(anchor, real.Now()), absl::UTCTimeZone());
  if (created) {
    log::Info("mesh clock anchored", {{"game_day_seconds", game_day_seconds}, {"mesh_now", mesh_now}});
  } else if (rescaled) {
    log::Info("mesh clock re-anchored at a new scale",
              {{"from_game_day_seconds", previous_scale}, {"game_day_seconds", game_day_seconds}, {"mesh_now", mesh_now}});
  } else {
    log::Info("mesh clock loaded", {{"game_day_seconds", game_day_seconds}, {"mesh_now", mesh_now}});
  }
  return anchor;
}

absl::StatusOr<bool> RefreshMeshClock(PgPool& db, ScaledClock& clock) {
  std::optional<MeshAnchor> stored;
  absl::Status s = db.Run([&](pqxx::connection& c) {
    pqxx::nontransaction tx(c);
    pqxx::result r = tx.exec(kSelect);
    if (!r.empty()) stored = FromRow(r[0]);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (!stored.has_value()) return absl::NotFoundError("gateway.mesh_clock: no anchor yet");
  const uint32_t before = clock.game_day_seconds();
  if (!clock.SetAnchor(*stored)) return false;
  log::Warn("mesh clock changed by another gateway; following it (give every replica the same --game-day-seconds)",
            {{"from_game_day_seconds", before}, {"game_day_seconds", stored->game_day_seconds}});
  return true;
}

}  // namespace aiworld::gateway
