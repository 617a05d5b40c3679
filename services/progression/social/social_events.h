#pragma once
// Social events in towns (reference §3.13): today's events from the world snapshot, who takes
// part, and what they receive.
//   plan      daily 07:00: up to 5 events, one per town with players (snapshot towns with players
//             now or visits today, busiest first; none: no event today), types drawn without
//             repeats; each is a StartWorldEvent of the event NPC "AIW_Evt_Social" for its
//             duration and a server Broadcast (text through the decision engine and the filter)
//   take part a character's event in the event's town while it runs, as the type asks (a party
//             for a picnic, public chat for the dance challenge, a trade or vending sale for the
//             fair, being there for the rest); at most max_participants
//   rewards   once the event has its minimum of participants, each participant once: GiveReward
//             (items), SetCharVariable "aiw_social_title" (title), ApplyStatus (buffs)
#include <string>
#include <vector>

#include "aiworld/v1/actions.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/progression/social/social_book.h"
#include "services/progression/social/social_rules.h"

namespace aiworld::progression {

// Events past their end: COMPLETED when they reached their minimum, else EXPIRED.
void EndSocialEvents(const agentkit::AgentContext& ctx, SocialBook& book);

// Today's events; appends their actions (caused by the job slot).
void PlanSocialEvents(const agentkit::AgentContext& ctx, SocialBook& book, const GameCatalogue& catalogue, const std::string& job,
                      std::vector<v1::Action>* actions);

// Whether this game event takes part in an event of this spec (place and time are checked apart).
bool TakesPart(const SocialEventSpec& spec, const v1::GameEvent& e);

// Records the event's character as a participant of `event` and appends the rewards now due.
// Returns true when `event` changed.
bool JoinSocialEvent(const agentkit::AgentContext& ctx, SocialBook& book, v1::SocialEvent& event, const v1::RoutedEvent& e,
                     std::vector<v1::Action>* actions);

}  // namespace aiworld::progression
