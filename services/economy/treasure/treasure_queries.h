#pragma once
// Economy.ListTreasures and Economy.GetCardFragments over the Treasure agent's state. Bad input is
// INVALID_ARGUMENT naming the field. `now` is the mesh clock: a live treasure past its despawn time
// is reported EXPIRED. Treasures are newest first; coordinates only with include_positions, hints
// only with include_hints; the page token is the decimal offset of the next page.
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/economy.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::economy {

absl::StatusOr<v1::ListTreasuresResponse> ListTreasures(agentkit::StateStore& treasure_state,
                                                        const v1::ListTreasuresRequest& request, absl::Time now);
// Zeros (with the exchange rate 100) for a character that never found a fragment.
absl::StatusOr<v1::GetCardFragmentsResponse> GetCardFragments(agentkit::StateStore& treasure_state,
                                                              const v1::GetCardFragmentsRequest& request);

}  // namespace aiworld::economy
