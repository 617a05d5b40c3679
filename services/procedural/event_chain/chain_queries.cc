#include "services/procedural/event_chain/chain_queries.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/procedural/event_chain/chain_store.h"

namespace aiworld::procedural {

absl::StatusOr<v1::ListEventChainsResponse> ListEventChains(agentkit::StateStore& chain_state,
                                                            const v1::ListEventChainsRequest& request) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  if (!v1::ContentStatus_IsValid(request.status())) return absl::InvalidArgumentError("status: unknown value");
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();
  std::vector<v1::EventChain> chains = ChainStore(chain_state, request.server_id()).Chains();
  std::erase_if(chains, [&](const v1::EventChain& c) {
    return request.status() != v1::CONTENT_STATUS_UNSPECIFIED && c.status() != request.status();
  });
  std::stable_sort(chains.begin(), chains.end(), [](const v1::EventChain& a, const v1::EventChain& b) {
    const absl::Time ta = FromProto(a.started_at()), tb = FromProto(b.started_at());
    if (ta != tb) return ta > tb;
    return ChainNumberOf(a.chain_id()) > ChainNumberOf(b.chain_id());
  });
  v1::ListEventChainsResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < chains.size() && i < *offset + size; ++i) {
    v1::EventChain* out = response.add_chains();
    *out = std::move(chains[i]);
    out->clear_steps();
  }
  if (*offset + size < chains.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

absl::StatusOr<v1::GetEventChainResponse> GetEventChain(agentkit::StateStore& chain_state,
                                                        const v1::GetEventChainRequest& request) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  if (request.chain_id().empty() || request.chain_id().size() > 64) {
    return absl::InvalidArgumentError("chain_id: 1..64 bytes required");
  }
  const uint64_t number = ChainNumberOf(request.chain_id());
  std::optional<v1::EventChain> chain =
      number == 0 ? std::nullopt : ChainStore(chain_state, request.server_id()).Chain(number);
  if (!chain.has_value()) {
    return absl::NotFoundError(absl::StrCat("chain_id: no chain ", request.chain_id(), " on server ", request.server_id()));
  }
  v1::GetEventChainResponse response;
  *response.mutable_chain() = *std::move(chain);
  return response;
}

}  // namespace aiworld::procedural
