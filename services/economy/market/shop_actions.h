#pragma once
// UpdateShop actions: one per NPC shop seen selling the item. Idempotency keys name the shop by a
// stable hash of its exname, so they stay printable ASCII whatever the exname holds.
#include <cstdint>
#include <string>
#include <vector>

#include "aiworld/v1/actions.pb.h"

namespace aiworld::economy {

// 16 hex digits of a stable hash of the exname.
std::string ShopKey(const std::string& shop_exname);

// "<key_prefix>/<ShopKey(exname)>" for each shop; origin tier RULES, priority NORMAL; the caller
// adds the cause.
std::vector<v1::Action> ShopPriceActions(const std::string& key_prefix, const std::vector<std::string>& shops,
                                         uint32_t item_id, uint32_t price);

}  // namespace aiworld::economy
