#pragma once
// Procedural.ListEventChains and GetEventChain over the EventChain's state. Bad input is
// INVALID_ARGUMENT naming the field; an unknown chain is NOT_FOUND. Lists are newest first, without
// steps; the page token is the decimal offset of the next page.
#include "absl/status/statusor.h"
#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

absl::StatusOr<v1::ListEventChainsResponse> ListEventChains(agentkit::StateStore& chain_state,
                                                            const v1::ListEventChainsRequest& request);
absl::StatusOr<v1::GetEventChainResponse> GetEventChain(agentkit::StateStore& chain_state,
                                                        const v1::GetEventChainRequest& request);

}  // namespace aiworld::procedural
