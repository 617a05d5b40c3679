#include "services/economy/query/economy_service.h"

#include "services/agentkit/group_states.h"
#include "services/economy/market/market_queries.h"
#include "services/economy/merchant_economy/merchant_queries.h"
#include "services/economy/treasure/treasure_queries.h"

namespace aiworld::economy {
namespace {

using agentkit::StateStore;

// Answers from one agent's state: fn(StateStore&) -> StatusOr<Response>.
template <typename Response, typename Fn>
grpc::Status FromAgent(PgPool& db, const std::string& agent, Response* response, Fn fn) {
  return agentkit::AnswerFromAgent(db, "economy", agent, response, fn);
}

}  // namespace

grpc::Status EconomyService::GetItemPrice(grpc::ServerContext*, const v1::GetItemPriceRequest* request,
                                          v1::GetItemPriceResponse* response) {
  return FromAgent(db_, "economy", response, [&](StateStore& s) { return economy::GetItemPrice(s, *request, clock_.Now()); });
}

grpc::Status EconomyService::ListItemPrices(grpc::ServerContext*, const v1::ListItemPricesRequest* request,
                                            v1::ListItemPricesResponse* response) {
  return FromAgent(db_, "economy", response, [&](StateStore& s) { return economy::ListItemPrices(s, *request, clock_.Now()); });
}

grpc::Status EconomyService::GetMarketReport(grpc::ServerContext*, const v1::GetMarketReportRequest* request,
                                             v1::GetMarketReportResponse* response) {
  return FromAgent(db_, "merchant_economy", response, [&](StateStore& s) { return economy::GetMarketReport(s, *request); });
}

grpc::Status EconomyService::ListZenySinks(grpc::ServerContext*, const v1::ListZenySinksRequest* request,
                                           v1::ListZenySinksResponse* response) {
  return FromAgent(db_, "merchant_economy", response,
                   [&](StateStore& s) { return economy::ListZenySinks(s, *request, clock_.Now()); });
}

grpc::Status EconomyService::ListTreasures(grpc::ServerContext*, const v1::ListTreasuresRequest* request,
                                           v1::ListTreasuresResponse* response) {
  return FromAgent(db_, "treasure", response, [&](StateStore& s) { return economy::ListTreasures(s, *request, clock_.Now()); });
}

grpc::Status EconomyService::GetCardFragments(grpc::ServerContext*, const v1::GetCardFragmentsRequest* request,
                                              v1::GetCardFragmentsResponse* response) {
  return FromAgent(db_, "treasure", response, [&](StateStore& s) { return economy::GetCardFragments(s, *request); });
}

}  // namespace aiworld::economy
