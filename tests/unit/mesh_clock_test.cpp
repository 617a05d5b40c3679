// The mesh clock: game time that runs game_day_seconds real seconds per game day (DESIGN §5).
#include <catch2/catch.hpp>

#include "runtime/clock.h"
#include "gateway/game_time.h"
#include "runtime/mesh_clock.h"
#include "runtime/proto_time.h"

using aiworld::ManualClock;
using aiworld::MeshAnchor;
using aiworld::ScaledClock;

namespace {

const absl::Time kReal = absl::FromUnixSeconds(1'700'000'000);  // 2023-11-14 22:13:20 UTC
const absl::Time kMesh = absl::FromUnixSeconds(1'600'000'000);

MeshAnchor Anchor(uint32_t game_day_seconds) {
  MeshAnchor a;
  a.anchor_real = kReal;
  a.anchor_mesh = kMesh;
  a.game_day_seconds = game_day_seconds;
  return a;
}

}  // namespace

TEST_CASE("at 86400 real seconds per game day mesh time moves with real time from its anchor", "[unit]") {
  ManualClock real(kReal);
  ScaledClock mesh(real, Anchor(86400));
  CHECK(mesh.Now() == kMesh);
  real.Advance(absl::Seconds(90));
  CHECK(mesh.Now() == kMesh + absl::Seconds(90));
  CHECK(mesh.MeshAt(kReal - absl::Hours(1)) == kMesh - absl::Hours(1));
}

TEST_CASE("at 60 real seconds per game day one real minute is one mesh day and one real second 24 mesh minutes", "[unit]") {
  ManualClock real(kReal);
  ScaledClock mesh(real, Anchor(60));
  real.Advance(absl::Seconds(1));
  CHECK(mesh.Now() == kMesh + absl::Minutes(24));
  real.Advance(absl::Seconds(59));
  CHECK(mesh.Now() == kMesh + absl::Hours(24));
  real.Advance(absl::Milliseconds(1));
  CHECK(mesh.Now() == kMesh + absl::Hours(24) + absl::Milliseconds(1440));
  CHECK(mesh.game_day_seconds() == 60);
}

TEST_CASE("a scale that does not divide a day is exact to the microsecond", "[unit]") {
  ManualClock real(kReal);
  ScaledClock mesh(real, Anchor(3600 * 7));  // 7 real hours per game day: x 24/7
  real.Advance(absl::Hours(7));
  CHECK(mesh.Now() == kMesh + absl::Hours(24));
  real.Advance(absl::Seconds(7));
  CHECK(mesh.Now() == kMesh + absl::Hours(24) + absl::Seconds(24));
}

TEST_CASE("re-anchoring at a new scale continues from the current mesh time and never goes back", "[unit]") {
  const MeshAnchor fast = Anchor(60);
  const absl::Time real_now = kReal + absl::Seconds(30);  // half a mesh day later
  const MeshAnchor slow = aiworld::Reanchor(fast, real_now, 86400);
  CHECK(slow.anchor_real == real_now);
  CHECK(slow.anchor_mesh == kMesh + absl::Hours(12));
  CHECK(slow.game_day_seconds == 86400);
  CHECK(aiworld::MeshTimeAt(slow, real_now) == aiworld::MeshTimeAt(fast, real_now));
  CHECK(aiworld::MeshTimeAt(slow, real_now + absl::Seconds(1)) == kMesh + absl::Hours(12) + absl::Seconds(1));

  // And back to fast: still continuous.
  const MeshAnchor again = aiworld::Reanchor(slow, real_now + absl::Seconds(10), 60);
  CHECK(again.anchor_mesh == kMesh + absl::Hours(12) + absl::Seconds(10));
  CHECK(aiworld::MeshTimeAt(again, real_now + absl::Seconds(11)) == again.anchor_mesh + absl::Minutes(24));
}

TEST_CASE("re-anchoring truncates to microseconds as PostgreSQL stores them", "[unit]") {
  const MeshAnchor a = aiworld::Reanchor(Anchor(86400), kReal + absl::Nanoseconds(1500), 600);
  CHECK(a.anchor_real == kReal + absl::Microseconds(1));
  CHECK(a.anchor_mesh == kMesh + absl::Microseconds(1));
}

TEST_CASE("a clock following another replica's anchor says whether it changed", "[unit]") {
  ManualClock real(kReal);
  ScaledClock mesh(real, Anchor(86400));
  CHECK_FALSE(mesh.SetAnchor(Anchor(86400)));
  CHECK(mesh.SetAnchor(Anchor(120)));
  CHECK(mesh.game_day_seconds() == 120);
  real.Advance(absl::Seconds(120));
  CHECK(mesh.Now() == kMesh + absl::Hours(24));
}

TEST_CASE("game day seconds are accepted from 60 to 86400 and refused outside naming the field", "[unit]") {
  CHECK(aiworld::ValidateGameDaySeconds(60).ok());
  CHECK(aiworld::ValidateGameDaySeconds(86400).ok());
  const absl::Status low = aiworld::ValidateGameDaySeconds(59, "--game-day-seconds");
  CHECK(low.code() == absl::StatusCode::kInvalidArgument);
  CHECK(low.message().find("--game-day-seconds") == 0);
  CHECK(aiworld::ValidateGameDaySeconds(86401).code() == absl::StatusCode::kInvalidArgument);
  CHECK(aiworld::ValidateGameDaySeconds(0).code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("an action's game times become real times at the mesh clock's scale", "[unit]") {
  aiworld::MeshAnchor anchor;
  anchor.anchor_real = absl::FromUnixSeconds(1'700'000'000);
  anchor.anchor_mesh = absl::FromUnixSeconds(1'800'000'000);
  anchor.game_day_seconds = 60;  // a game day a minute: 1440 game seconds per real second
  aiworld::v1::Action a;
  *a.mutable_expires_at() = aiworld::ToProto(anchor.anchor_mesh + absl::Hours(24));
  a.mutable_set_map_flag()->mutable_ttl()->set_seconds(24 * 3600);
  aiworld::gateway::ToRealTime(anchor, a);
  INFO("a 24 h game-time ttl lasts one real minute; a mesh instant a game day ahead is a real minute ahead");
  CHECK(a.set_map_flag().ttl().seconds() == 60);
  CHECK(aiworld::FromProto(a.expires_at()) == anchor.anchor_real + absl::Minutes(1));

  aiworld::MeshAnchor real_time;  // 86400 s a day, anchors equal: nothing changes
  aiworld::v1::Action same = a;
  aiworld::gateway::ToRealTime(real_time, same);
  CHECK(same.SerializeAsString() == a.SerializeAsString());
  CHECK(absl::Trunc(aiworld::RealDuration(anchor, absl::Seconds(1)), absl::Microseconds(1)) == absl::Microseconds(694));
}
