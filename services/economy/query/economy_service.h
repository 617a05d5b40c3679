#pragma once
// aiworld.v1.Economy: the economy group's queries, each over its agent's state in one read
// transaction, as of mesh time.
#include "aiworld/v1/economy.grpc.pb.h"
#include "runtime/clock.h"
#include "runtime/pg_pool.h"

namespace aiworld::economy {

class EconomyService final : public v1::Economy::Service {
 public:
  EconomyService(PgPool& db, const Clock& mesh_clock) : db_(db), clock_(mesh_clock) {}

  grpc::Status GetItemPrice(grpc::ServerContext*, const v1::GetItemPriceRequest*, v1::GetItemPriceResponse*) override;
  grpc::Status ListItemPrices(grpc::ServerContext*, const v1::ListItemPricesRequest*, v1::ListItemPricesResponse*) override;
  grpc::Status GetMarketReport(grpc::ServerContext*, const v1::GetMarketReportRequest*, v1::GetMarketReportResponse*) override;
  grpc::Status ListZenySinks(grpc::ServerContext*, const v1::ListZenySinksRequest*, v1::ListZenySinksResponse*) override;
  grpc::Status ListTreasures(grpc::ServerContext*, const v1::ListTreasuresRequest*, v1::ListTreasuresResponse*) override;
  grpc::Status GetCardFragments(grpc::ServerContext*, const v1::GetCardFragmentsRequest*,
                                v1::GetCardFragmentsResponse*) override;

 private:
  PgPool& db_;
  const Clock& clock_;
};

}  // namespace aiworld::economy
