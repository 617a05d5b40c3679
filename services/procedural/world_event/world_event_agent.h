#pragma once
// The WorldEvent agent (procedural group, "world_event"): threshold rules on the world snapshot
// (reference §3.4, see world_event_rules.h) with cooldowns kept in state.
//   world_event.check   every 60 s
//     1. a running event past its end: COMPLETED (RemoveMonsters for an invasion's demons)
//     2. an invasion's next wave when due (every 15 minutes): SpawnMonster on prt_fild01-03
//     3. with no event running, the first rule that is off cooldown, whose condition holds and
//        whose probability roll passes starts: server Broadcast, StartWorldEvent on the event NPC
//        with its effects, SetMapFlag on its maps (ttl = its duration), the first wave of an
//        invasion; its cooldown starts.
// It subscribes to no event: everything it needs is in the snapshot.
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::procedural {

inline constexpr const char* kJobWorldEventCheck = "world_event.check";

class WorldEventAgent final : public agentkit::Agent {
 public:
  explicit WorldEventAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : catalogue_(catalogue) {}

  std::string name() const override { return "world_event"; }
  std::string description() const override {
    return "world events from snapshot thresholds with persistent cooldowns: broadcasts, event NPCs, map flags";
  }
  std::vector<v1::EventKind> subscriptions() const override { return {}; }
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;

 private:
  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::procedural
