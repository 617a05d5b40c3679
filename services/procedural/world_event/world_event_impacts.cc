#include "services/procedural/world_event/world_event_impacts.h"

namespace aiworld::procedural {
namespace {

// Maps of the snapshot (busiest first, as it lists them) that the catalogue knows and `keep` accepts.
template <typename Keep>
std::vector<std::string> SnapshotMaps(const v1::WorldSnapshot& world, const GameCatalogue& catalogue, size_t limit, Keep keep) {
  std::vector<std::string> out;
  for (const v1::MapActivity& m : world.maps()) {
    if (out.size() >= limit) break;
    const MapInfo* info = catalogue.FindMap(m.map());
    if (info != nullptr && keep(m, *info)) out.push_back(m.map());
  }
  return out;
}

}  // namespace

const std::vector<std::string>& InvasionMaps() {
  static const std::vector<std::string> maps = {"prt_fild01", "prt_fild02", "prt_fild03"};
  return maps;
}

uint32_t InvasionWaves(int duration_minutes) {
  return duration_minutes <= 0 ? 0 : static_cast<uint32_t>(duration_minutes / kInvasionWaveMinutes);
}

WorldEventImpact ImpactOf(v1::WorldEventType type, int duration_minutes, const v1::WorldSnapshot& world,
                          const GameCatalogue& catalogue) {
  WorldEventImpact out;
  const MapFlagPlan loadevent{"loadevent", 0};
  switch (type) {
    case v1::WORLD_EVENT_TYPE_DEMONIC_INVASION:
      out.maps = InvasionMaps();
      out.flags = {loadevent};
      out.waves = InvasionWaves(duration_minutes);
      break;
    case v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN:
      out.maps = SnapshotMaps(world, catalogue, kCaravanTowns, [](const v1::MapActivity& m, const MapInfo& info) {
        return info.kind == MapKind::kTown && m.players_now() > 0;
      });
      if (out.maps.empty()) {
        for (const MapInfo* town : catalogue.MapsOfKind(MapKind::kTown)) {
          if (out.maps.size() >= kCaravanTowns) break;
          out.maps.push_back(town->name);
        }
      }
      out.flags = {loadevent};
      break;
    case v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST:
      out.maps = SnapshotMaps(world, catalogue, kMaxFlaggedMaps,
                              [](const v1::MapActivity& m, const MapInfo&) { return m.players_now() > 0; });
      out.flags = {{"bexp", 200}, {"jexp", 200}};
      break;
    case v1::WORLD_EVENT_TYPE_MVP_ENRAGED:
      out.maps = SnapshotMaps(world, catalogue, kMaxFlaggedMaps,
                              [](const v1::MapActivity& m, const MapInfo&) { return m.mvp_kills_today() > 0; });
      out.flags = {{"bexp", 200}, {"jexp", 200}};
      break;
    case v1::WORLD_EVENT_TYPE_MYTHIC_EVENT:
      out.maps = {kMythicMap};
      out.flags = {loadevent};
      break;
    default:
      break;
  }
  return out;
}

}  // namespace aiworld::procedural
