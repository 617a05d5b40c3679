#pragma once
// The Archaeology agent (procedural group, "archaeology"): dig spots by traffic, digs, artifacts,
// collections and levels (reference §3.14).
//
//   archaeology.dig_spots  daily 02:00  expired spots closed, old records pruned; DAILY_DIG_SPOT_COUNT
//                                       (15) new spots (dig_site_planner.h) -> SpawnNpc of the hidden
//                                       template "AIW_Tpl_DigSpot" (sprite 111 HIDDEN_NPC) with a 48 h
//                                       ttl, and one Broadcast
//   NpcInteraction CLICK (a touch) on an open "dig_*" spot: the spot is dug (COMPLETED) and removed
//     (RemoveNpc); the artifact (artifact_rules.h) is given as its real item (GiveReward) and told to
//     the character (Broadcast PLAYER); the level is kept in "aiw_arch_level"; a completed collection
//     sets "aiw_arch_<collection>" = 1 (and "aiw_title$" for the fossils' Paleontologist); a treasure
//     map opens a secret map for 30 min ("aiw_arch_secret$" and "aiw_arch_secret_until").
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/procedural/archaeology/dig_site_planner.h"

namespace aiworld::procedural {

inline constexpr const char* kJobDigSpots = "archaeology.dig_spots";
inline constexpr const char* kDigSpotTemplate = "AIW_Tpl_DigSpot";
inline constexpr int kHiddenNpcSprite = 111;
inline constexpr absl::Duration kDigSpotLifetime = absl::Hours(48);  // DIG_SPOT_DESPAWN_HOURS
inline constexpr absl::Duration kDigSpotRetention = absl::Hours(24 * 7);

struct ArchaeologyOptions {
  int daily_spots = kDefaultDailyDigSpots;  // DAILY_DIG_SPOT_COUNT
};

class ArchaeologyAgent final : public agentkit::Agent {
 public:
  explicit ArchaeologyAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn(), ArchaeologyOptions options = {})
      : catalogue_(catalogue), options_(options) {}

  std::string name() const override { return "archaeology"; }
  std::string description() const override {
    return "dig spots on quiet maps; digs yield real artifacts, collections, levels and secret maps";
  }
  std::vector<v1::EventKind> subscriptions() const override { return {v1::EVENT_KIND_NPC_INTERACTION}; }
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  void PlaceSpots(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const;
  void OnDig(agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::vector<v1::Action>* actions) const;

  const GameCatalogue& catalogue_;
  const ArchaeologyOptions options_;
};

}  // namespace aiworld::procedural
