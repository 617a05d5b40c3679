#pragma once
// The ten map hazards of the reference (original-system.md §3.8) with their polarity and main
// effects, the client weather that shows them, and which ones suit a map's theme.
//
//   blood_moon        negative  monster HP x1.3, ATK x1.4, DEF x1.2; player flee x0.9; drops x1.15
//   magic_storm       mixed     cast time x0.7, flee x0.85, SP regen x1.3          (clouds)
//   thick_fog         mixed     hit x0.85, ranged damage x1.15                     (fog)
//   fairy_blessing    positive  drops x1.2, LUK x1.1                               (cherry blossoms)
//   mana_drain        negative  SP regen 0, SP cost x0.5
//   scorching_heat    mixed     fire x1.3, water x0.8
//   frozen_wasteland  mixed     water x1.3, fire x0.8, ASPD and move x0.9          (snow)
//   toxic_miasma      negative  10 HP lost per second, poison x1.4, drops x1.1    (fog)
//   holy_ground       positive  damage to undead x1.5, to demons x1.3
//   chaotic_void      negative  one random stat x0.8..1.2 (ours: the reference says "variance"),
//                               drops x1.25                                        (clouds2)
//
// Themes (the catalogue's map themes; the reference matched map-name prefixes):
//   undead -> blood_moon, holy_ground, toxic_miasma     desert -> scorching_heat, mana_drain
//   snow   -> frozen_wasteland, magic_storm             forest, jungle -> fairy_blessing, thick_fog
//   cave   -> toxic_miasma, chaotic_void                any other theme -> any of the ten
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aiworld/v1/actions.pb.h"
#include "aiworld/v1/procedural.pb.h"
#include "runtime/random.h"

namespace aiworld::procedural {

struct HazardSpec {
  v1::HazardType type = v1::HAZARD_TYPE_UNSPECIFIED;
  const char* name = "";     // "blood_moon"
  const char* display = "";  // "Blood Moon"
  v1::HazardPolarity polarity = v1::HAZARD_POLARITY_UNSPECIFIED;
  v1::WeatherEffect weather = v1::WEATHER_EFFECT_UNSPECIFIED;  // UNSPECIFIED: no visible weather
};

// The ten hazards in the reference's order.
const std::vector<HazardSpec>& HazardTypes();
const HazardSpec& HazardSpecOf(v1::HazardType type);  // UNSPECIFIED: the first
const char* PolarityName(v1::HazardPolarity polarity);

// The hazards that suit a catalogue theme (every hazard for a theme with none of its own).
std::vector<v1::HazardType> HazardsForTheme(std::string_view theme);

// The effects of a hazard; chaotic_void draws its stat and multiplier from `random`.
std::vector<v1::StatModifier> HazardEffects(v1::HazardType type, RandomSource& random);

}  // namespace aiworld::procedural
