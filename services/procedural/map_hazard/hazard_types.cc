#include "services/procedural/map_hazard/hazard_types.h"

#include <cmath>

namespace aiworld::procedural {
namespace {

v1::StatModifier Mod(const char* stat, double multiplier, int32_t add = 0) {
  v1::StatModifier m;
  m.set_stat(stat);
  m.set_multiplier(multiplier);
  m.set_add(add);
  return m;
}

}  // namespace

const std::vector<HazardSpec>& HazardTypes() {
  using v1::HazardPolarity;
  static const std::vector<HazardSpec> types = {
      {v1::HAZARD_TYPE_BLOOD_MOON, "blood_moon", "Blood Moon", v1::HAZARD_POLARITY_NEGATIVE, v1::WEATHER_EFFECT_UNSPECIFIED},
      {v1::HAZARD_TYPE_MAGIC_STORM, "magic_storm", "Magic Storm", v1::HAZARD_POLARITY_MIXED, v1::WEATHER_EFFECT_CLOUDS},
      {v1::HAZARD_TYPE_THICK_FOG, "thick_fog", "Thick Fog", v1::HAZARD_POLARITY_MIXED, v1::WEATHER_EFFECT_FOG},
      {v1::HAZARD_TYPE_FAIRY_BLESSING, "fairy_blessing", "Fairy Blessing", v1::HAZARD_POLARITY_POSITIVE, v1::WEATHER_EFFECT_SAKURA},
      {v1::HAZARD_TYPE_MANA_DRAIN, "mana_drain", "Mana Drain", v1::HAZARD_POLARITY_NEGATIVE, v1::WEATHER_EFFECT_UNSPECIFIED},
      {v1::HAZARD_TYPE_SCORCHING_HEAT, "scorching_heat", "Scorching Heat", v1::HAZARD_POLARITY_MIXED, v1::WEATHER_EFFECT_UNSPECIFIED},
      {v1::HAZARD_TYPE_FROZEN_WASTELAND, "frozen_wasteland", "Frozen Wasteland", v1::HAZARD_POLARITY_MIXED, v1::WEATHER_EFFECT_SNOW},
      {v1::HAZARD_TYPE_TOXIC_MIASMA, "toxic_miasma", "Toxic Miasma", v1::HAZARD_POLARITY_NEGATIVE, v1::WEATHER_EFFECT_FOG},
      {v1::HAZARD_TYPE_HOLY_GROUND, "holy_ground", "Holy Ground", v1::HAZARD_POLARITY_POSITIVE, v1::WEATHER_EFFECT_UNSPECIFIED},
      {v1::HAZARD_TYPE_CHAOTIC_VOID, "chaotic_void", "Chaotic Void", v1::HAZARD_POLARITY_NEGATIVE, v1::WEATHER_EFFECT_CLOUDS2},
  };
  return types;
}

const HazardSpec& HazardSpecOf(v1::HazardType type) {
  for (const HazardSpec& s : HazardTypes()) {
    if (s.type == type) return s;
  }
  return HazardTypes().front();
}

const char* PolarityName(v1::HazardPolarity polarity) {
  switch (polarity) {
    case v1::HAZARD_POLARITY_POSITIVE: return "positive";
    case v1::HAZARD_POLARITY_NEGATIVE: return "negative";
    case v1::HAZARD_POLARITY_MIXED: return "mixed";
    default: return "unknown";
  }
}

std::vector<v1::HazardType> HazardsForTheme(std::string_view theme) {
  if (theme == "undead") return {v1::HAZARD_TYPE_BLOOD_MOON, v1::HAZARD_TYPE_HOLY_GROUND, v1::HAZARD_TYPE_TOXIC_MIASMA};
  if (theme == "desert") return {v1::HAZARD_TYPE_SCORCHING_HEAT, v1::HAZARD_TYPE_MANA_DRAIN};
  if (theme == "snow") return {v1::HAZARD_TYPE_FROZEN_WASTELAND, v1::HAZARD_TYPE_MAGIC_STORM};
  if (theme == "forest" || theme == "jungle") return {v1::HAZARD_TYPE_FAIRY_BLESSING, v1::HAZARD_TYPE_THICK_FOG};
  if (theme == "cave") return {v1::HAZARD_TYPE_TOXIC_MIASMA, v1::HAZARD_TYPE_CHAOTIC_VOID};
  std::vector<v1::HazardType> all;
  for (const HazardSpec& s : HazardTypes()) all.push_back(s.type);
  return all;
}

std::vector<v1::StatModifier> HazardEffects(v1::HazardType type, RandomSource& random) {
  switch (type) {
    case v1::HAZARD_TYPE_BLOOD_MOON:
      return {Mod("monster_hp", 1.3), Mod("monster_atk", 1.4), Mod("monster_def", 1.2), Mod("player_flee", 0.9),
              Mod("drop_rate", 1.15)};
    case v1::HAZARD_TYPE_MAGIC_STORM: return {Mod("cast_time", 0.7), Mod("player_flee", 0.85), Mod("sp_regen", 1.3)};
    case v1::HAZARD_TYPE_THICK_FOG: return {Mod("player_hit", 0.85), Mod("ranged_damage", 1.15)};
    case v1::HAZARD_TYPE_FAIRY_BLESSING: return {Mod("drop_rate", 1.2), Mod("luk", 1.1)};
    // SP regeneration stops: a multiplier of 0 reads as "unchanged" in StatModifier, so the
    // regeneration is taken away whole instead.
    case v1::HAZARD_TYPE_MANA_DRAIN: return {Mod("sp_regen", 1.0, -1000000), Mod("sp_cost", 0.5)};
    case v1::HAZARD_TYPE_SCORCHING_HEAT: return {Mod("fire_damage", 1.3), Mod("water_damage", 0.8)};
    case v1::HAZARD_TYPE_FROZEN_WASTELAND:
      return {Mod("water_damage", 1.3), Mod("fire_damage", 0.8), Mod("aspd", 0.9), Mod("move_speed", 0.9)};
    case v1::HAZARD_TYPE_TOXIC_MIASMA: return {Mod("hp_per_second", 1.0, -10), Mod("poison_damage", 1.4), Mod("drop_rate", 1.1)};
    case v1::HAZARD_TYPE_HOLY_GROUND: return {Mod("damage_to_undead", 1.5), Mod("damage_to_demon", 1.3)};
    case v1::HAZARD_TYPE_CHAOTIC_VOID: {
      static const char* const kStats[] = {"str", "agi", "vit", "int", "dex", "luk"};
      const char* stat = kStats[random.UniformInt(0, 5)];
      const double multiplier = std::round((0.8 + 0.4 * random.Uniform01()) * 100) / 100;
      return {Mod(stat, multiplier), Mod("drop_rate", 1.25)};
    }
    default: return {};
  }
}

}  // namespace aiworld::procedural
