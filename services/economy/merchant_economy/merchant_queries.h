#pragma once
// Economy.GetMarketReport and Economy.ListZenySinks over the MerchantEconomy agent's state. Bad
// input is INVALID_ARGUMENT naming the field. A sink past its end is reported COMPLETED as of `now`
// (the mesh clock). Sinks are newest first; the page token is the decimal offset of the next page.
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/economy.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::economy {

// An unset report before the first analysis.
absl::StatusOr<v1::GetMarketReportResponse> GetMarketReport(agentkit::StateStore& merchant_state,
                                                            const v1::GetMarketReportRequest& request);
absl::StatusOr<v1::ListZenySinksResponse> ListZenySinks(agentkit::StateStore& merchant_state,
                                                        const v1::ListZenySinksRequest& request, absl::Time now);

}  // namespace aiworld::economy
