#include "services/economy/merchant_economy/merchant_queries.h"

#include <algorithm>

#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/economy/merchant_economy/merchant_store.h"

namespace aiworld::economy {

absl::StatusOr<v1::GetMarketReportResponse> GetMarketReport(agentkit::StateStore& merchant_state,
                                                            const v1::GetMarketReportRequest& request) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  v1::GetMarketReportResponse response;
  if (std::optional<v1::MarketReport> report = MerchantStore(merchant_state, request.server_id()).Report()) {
    *response.mutable_report() = *std::move(report);
  }
  return response;
}

absl::StatusOr<v1::ListZenySinksResponse> ListZenySinks(agentkit::StateStore& merchant_state,
                                                        const v1::ListZenySinksRequest& request, absl::Time now) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();

  std::vector<v1::ZenySink> sinks = MerchantStore(merchant_state, request.server_id()).Sinks();
  for (v1::ZenySink& s : sinks) {
    if (s.status() == v1::CONTENT_STATUS_ACTIVE && FromProto(s.ends_at()) <= now) s.set_status(v1::CONTENT_STATUS_COMPLETED);
  }
  if (!request.include_inactive()) {
    std::erase_if(sinks, [](const v1::ZenySink& s) { return s.status() != v1::CONTENT_STATUS_ACTIVE; });
  }
  std::stable_sort(sinks.begin(), sinks.end(), [](const v1::ZenySink& a, const v1::ZenySink& b) {
    const absl::Time ta = FromProto(a.started_at()), tb = FromProto(b.started_at());
    if (ta != tb) return ta > tb;
    if (a.sink_id().size() != b.sink_id().size()) return a.sink_id().size() > b.sink_id().size();
    return a.sink_id() > b.sink_id();
  });
  v1::ListZenySinksResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < sinks.size() && i < *offset + size; ++i) *response.add_sinks() = sinks[i];
  if (*offset + size < sinks.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

}  // namespace aiworld::economy
