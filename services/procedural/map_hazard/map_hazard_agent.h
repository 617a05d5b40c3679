#pragma once
// The MapHazard agent (procedural group, "map_hazard"): themed hazards on quiet maps (reference
// §3.8; maps and types in hazard_sites.h and hazard_types.h).
//   map_hazard.daily   daily 00:30   expire what is over, then 4 new hazards, each: SetMapFlag
//                                    loadevent (the hazard NPC's OnPCLoadMapEvent applies the
//                                    player effects), SetWeather when the hazard shows, and
//                                    StartWorldEvent on "AIW_Evt_MapHazard" with its effects, all
//                                    for 24 hours; one server Broadcast naming them
//   map_hazard.expire  every hour    hazards past their end: EXPIRED
//   MapChange, Login   a character arriving on a hazard's map meets it (counted once per hazard)
// The active world problem's map gets a negative hazard: read from the Problem agent's state. The
// reference queried world_problems.map_name, a column that does not exist (it is target_map), so
// its hazards never knew where the problem was.
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::procedural {

inline constexpr const char* kJobHazardDaily = "map_hazard.daily";
inline constexpr const char* kJobHazardExpire = "map_hazard.expire";
inline constexpr const char* kHazardNpc = "AIW_Evt_MapHazard";
inline constexpr const char* kProblemAgent = "problem";
inline constexpr absl::Duration kHazardDuration = absl::Hours(24);

class MapHazardAgent final : public agentkit::Agent {
 public:
  explicit MapHazardAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : catalogue_(catalogue) {}

  std::string name() const override { return "map_hazard"; }
  std::string description() const override {
    return "daily themed hazards on quiet maps: map flags, weather and hazard NPC events with their ttl";
  }
  std::vector<v1::EventKind> subscriptions() const override { return {v1::EVENT_KIND_MAP_CHANGE, v1::EVENT_KIND_LOGIN}; }
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  void PlaceHazards(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions);

  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::procedural
