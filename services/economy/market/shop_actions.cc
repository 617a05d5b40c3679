#include "services/economy/market/shop_actions.h"

#include "absl/strings/str_format.h"
#include "runtime/random.h"

namespace aiworld::economy {

std::string ShopKey(const std::string& shop_exname) { return absl::StrFormat("%016x", StableSeed({shop_exname})); }

std::vector<v1::Action> ShopPriceActions(const std::string& key_prefix, const std::vector<std::string>& shops,
                                         uint32_t item_id, uint32_t price) {
  std::vector<v1::Action> out;
  for (const std::string& shop : shops) {
    v1::Action a;
    a.set_idempotency_key(absl::StrFormat("%s/%s", key_prefix, ShopKey(shop)));
    a.set_priority(v1::PRIORITY_NORMAL);
    a.mutable_origin()->set_tier(v1::TIER_RULES);
    v1::UpdateShop* update = a.mutable_update_shop();
    update->set_shop_exname(shop);
    update->set_item_id(item_id);
    update->set_price(price);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace aiworld::economy
