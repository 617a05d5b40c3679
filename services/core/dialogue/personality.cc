#include "services/core/dialogue/personality.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "runtime/random.h"
#include "services/core/memory/npc_key.h"

namespace aiworld::core {
namespace {
constexpr double kTraitCutoff = 0.7;
constexpr char kVersion[] = "P1:";

double Trait(std::string_view server_id, std::string_view npc_key, std::string_view trait) {
  return static_cast<double>(StableSeed({server_id, npc_key, trait}) >> 11) * 0x1.0p-53;
}

bool InUnit(double v) { return v >= 0.0 && v <= 1.0; }
}  // namespace

Personality DerivePersonality(std::string_view server_id, std::string_view npc_key) {
  Personality p;
  p.openness = Trait(server_id, npc_key, "openness");
  p.conscientiousness = Trait(server_id, npc_key, "conscientiousness");
  p.extraversion = Trait(server_id, npc_key, "extraversion");
  p.agreeableness = Trait(server_id, npc_key, "agreeableness");
  p.neuroticism = Trait(server_id, npc_key, "neuroticism");
  return p;
}

v1::NpcMood MoodOf(const Personality& p) {
  if (p.agreeableness > kTraitCutoff) return v1::NPC_MOOD_FRIENDLY;
  if (p.neuroticism > kTraitCutoff) return v1::NPC_MOOD_ANXIOUS;
  if (p.extraversion > kTraitCutoff) return v1::NPC_MOOD_ENTHUSIASTIC;
  if (p.openness > kTraitCutoff) return v1::NPC_MOOD_CURIOUS;
  if (p.conscientiousness > kTraitCutoff) return v1::NPC_MOOD_PROFESSIONAL;
  return v1::NPC_MOOD_NEUTRAL;
}

const char* MoodName(v1::NpcMood mood) {
  switch (mood) {
    case v1::NPC_MOOD_FRIENDLY: return "friendly";
    case v1::NPC_MOOD_ANXIOUS: return "anxious";
    case v1::NPC_MOOD_ENTHUSIASTIC: return "enthusiastic";
    case v1::NPC_MOOD_CURIOUS: return "curious";
    case v1::NPC_MOOD_PROFESSIONAL: return "professional";
    default: return "neutral";
  }
}

std::optional<uint32_t> EmotionOf(v1::NpcMood mood) {
  switch (mood) {
    case v1::NPC_MOOD_FRIENDLY: return 18;      // ET_SMILE
    case v1::NPC_MOOD_ANXIOUS: return 4;        // ET_SWEAT
    case v1::NPC_MOOD_ENTHUSIASTIC: return 21;  // ET_BEST
    case v1::NPC_MOOD_CURIOUS: return 1;        // ET_QUESTION
    case v1::NPC_MOOD_PROFESSIONAL: return 33;  // ET_OK
    default: return std::nullopt;
  }
}

std::string PersonalityBook::Key(const v1::NpcRef& npc) const { return absl::StrCat("persona|", server_id_, "|", NpcKey(npc)); }

Personality PersonalityBook::Of(const v1::NpcRef& npc) const {
  if (const std::optional<std::string> v = state_.Get(Key(npc)); v.has_value() && v->rfind(kVersion, 0) == 0) {
    const std::vector<std::string> parts = absl::StrSplit(v->substr(3), ',');
    double t[5];
    bool ok = parts.size() == 5;
    for (size_t i = 0; ok && i < 5; ++i) ok = absl::SimpleAtod(parts[i], &t[i]) && InUnit(t[i]);
    if (ok) return Personality{t[0], t[1], t[2], t[3], t[4]};
  }
  return DerivePersonality(server_id_, NpcKey(npc));
}

absl::Status PersonalityBook::Set(const v1::NpcRef& npc, const Personality& p) {
  if (absl::Status s = ValidateNpcRef(npc, "npc"); !s.ok()) return s;
  if (!InUnit(p.openness)) return absl::InvalidArgumentError("openness: must be 0..1");
  if (!InUnit(p.conscientiousness)) return absl::InvalidArgumentError("conscientiousness: must be 0..1");
  if (!InUnit(p.extraversion)) return absl::InvalidArgumentError("extraversion: must be 0..1");
  if (!InUnit(p.agreeableness)) return absl::InvalidArgumentError("agreeableness: must be 0..1");
  if (!InUnit(p.neuroticism)) return absl::InvalidArgumentError("neuroticism: must be 0..1");
  state_.Put(Key(npc), absl::StrCat(kVersion, p.openness, ",", p.conscientiousness, ",", p.extraversion, ",",
                                    p.agreeableness, ",", p.neuroticism));
  return absl::OkStatus();
}

}  // namespace aiworld::core
