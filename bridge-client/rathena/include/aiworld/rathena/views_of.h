#pragma once
// Copies rAthena's game objects into the plain views of views.h. Templates, so that this header
// needs no rAthena header: map/ai_bridge.cpp instantiates them with map_session_data, mob_data,
// npc_data and struct item (rAthena upstream 754c50b5, after PR #9362 "Derive map units from
// block_list": units inherit block_list, so the position is sd.m/sd.x/sd.y and the GID sd.id), and
// tests/rathena/views_of_test.cpp with fakes that use the same field names and types.
//
// Field names read (rAthena 754c50b5):
//   map_session_data  id, x, y, group_id, state.autotrade, status.{char_id, account_id, name,
//                     base_level, job_level, class_, party_id, guild_id, zeny}
//   mob_data          id, x, y, mob_id, level, name, get_bosstype() (0 none, 1 mini-boss, 2 MVP)
//   npc_data          id, x, y, name, exname, class_
//   struct item       nameid, refine, card[MAX_SLOTS]
// Map names are not in the units (only the map index m): the caller passes
// map_getmapdata(m)->name.
//
// C++17, no rAthena, gRPC or protobuf header.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "aiworld/rathena/views.h"

namespace aiworld::rathena {

// rAthena's names are fixed char arrays, normally NUL-terminated; never read past the array.
template <size_t N>
std::string FixedString(const char (&text)[N]) {
  size_t length = 0;
  while (length < N && text[length] != '\0') ++length;
  return std::string(text, length);
}

inline std::string MapNameOr(const char* map_name) { return map_name == nullptr ? std::string() : std::string(map_name); }

template <class Sd>
PlayerView PlayerViewOf(const Sd& sd, const char* map_name) {
  PlayerView v;
  v.char_id = static_cast<uint32_t>(sd.status.char_id);
  v.account_id = static_cast<uint32_t>(sd.status.account_id);
  v.name = FixedString(sd.status.name);
  v.map = MapNameOr(map_name);
  v.x = static_cast<int32_t>(sd.x);
  v.y = static_cast<int32_t>(sd.y);
  v.base_level = static_cast<uint32_t>(sd.status.base_level);
  v.job_level = static_cast<uint32_t>(sd.status.job_level);
  // class_ is an int16 job id; jobs above 32767 do not exist, negative ones are invalid.
  v.job_id = sd.status.class_ < 0 ? 0u : static_cast<uint32_t>(sd.status.class_);
  v.party_id = sd.status.party_id < 0 ? 0u : static_cast<uint32_t>(sd.status.party_id);
  v.guild_id = sd.status.guild_id < 0 ? 0u : static_cast<uint32_t>(sd.status.guild_id);
  v.group_id = sd.group_id < 0 ? 0u : static_cast<uint32_t>(sd.group_id);
  v.zeny = static_cast<int64_t>(sd.status.zeny);
  v.autotrade = sd.state.autotrade != 0;
  return v;
}

// get_bosstype() is not const in rAthena, hence Md& (a const fake deduces Md = const Fake).
template <class Md>
MonsterView MonsterViewOf(Md& md, const char* map_name) {
  MonsterView v;
  v.gid = static_cast<uint32_t>(md.id);
  v.mob_id = static_cast<int32_t>(md.mob_id);
  v.level = md.level < 0 ? 0u : static_cast<uint32_t>(md.level);
  v.name = FixedString(md.name);
  v.map = MapNameOr(map_name);
  v.x = static_cast<int32_t>(md.x);
  v.y = static_cast<int32_t>(md.y);
  // e_mob_bosstype: BOSSTYPE_NONE 0, BOSSTYPE_MINIBOSS 1, BOSSTYPE_MVP 2.
  switch (static_cast<int>(md.get_bosstype())) {
    case 2: v.boss = BossType::kMvp; break;
    case 1: v.boss = BossType::kMiniBoss; break;
    default: v.boss = BossType::kNone; break;
  }
  return v;
}

template <class Nd>
NpcView NpcViewOf(const Nd& nd, const char* map_name) {
  NpcView v;
  v.gid = static_cast<uint32_t>(nd.id);
  v.name = FixedString(nd.name);
  v.exname = FixedString(nd.exname);
  v.sprite = static_cast<int32_t>(nd.class_);
  v.map = MapNameOr(map_name);
  v.x = static_cast<int32_t>(nd.x);
  v.y = static_cast<int32_t>(nd.y);
  return v;
}

// card[0] of forged, brewed and pet-egg items holds a marker, not a card (itemdb.hpp CARD0_*).
constexpr uint32_t kCard0Forge = 0x00FF;
constexpr uint32_t kCard0Create = 0x00FE;
constexpr uint32_t kCard0Pet = 0x0100;

// One stack of a struct item: amount and unit price come from where it is being moved (the trade
// deal, the vending list). rAthena's struct item is packed: fields are read by value only.
template <class Item>
ItemView ItemViewOf(const Item& item, int64_t amount, int64_t unit_price = 0) {
  ItemView v;
  v.item_id = static_cast<uint32_t>(item.nameid);
  v.amount = amount < 0 ? 0u : static_cast<uint32_t>(amount);
  // refine is a char: read as unsigned so a +200 grade never turns negative.
  v.refine = static_cast<uint32_t>(static_cast<unsigned char>(item.refine));
  const size_t slots = sizeof(item.card) / sizeof(item.card[0]);
  const uint32_t card0 = static_cast<uint32_t>(item.card[0]);
  const bool special = card0 == kCard0Forge || card0 == kCard0Create || card0 == kCard0Pet;
  if (!special) {
    for (size_t i = 0; i < slots; ++i) {
      const uint32_t card = static_cast<uint32_t>(item.card[i]);
      if (card != 0) v.card_ids.push_back(card);
    }
  }
  v.unit_price = unit_price < 0 ? 0u : static_cast<uint32_t>(unit_price);
  return v;
}

// The items one side of a trade offers: deal.item[i] holds an inventory index and an amount
// (amount 0: an empty slot).
template <class Sd>
std::vector<ItemView> TradeItemsOf(const Sd& sd) {
  std::vector<ItemView> items;
  const size_t slots = sizeof(sd.deal.item) / sizeof(sd.deal.item[0]);
  const size_t inventory = sizeof(sd.inventory.u.items_inventory) / sizeof(sd.inventory.u.items_inventory[0]);
  for (size_t i = 0; i < slots; ++i) {
    const int64_t amount = sd.deal.item[i].amount;
    const int64_t index = sd.deal.item[i].index;
    if (amount <= 0 || index < 0 || static_cast<size_t>(index) >= inventory) continue;
    items.push_back(ItemViewOf(sd.inventory.u.items_inventory[index], amount));
  }
  return items;
}

// One line of a vending purchase: the buyer asked for `amount` of the vendor's cart index
// `cart_index`; the price is the vendor's vending[] entry for that index (0 when none matches).
template <class Sd>
ItemView VendingItemOf(const Sd& vendor, int32_t cart_index, int64_t amount) {
  int64_t price = 0;
  const size_t listed = vendor.vend_num < 0 ? 0 : static_cast<size_t>(vendor.vend_num);
  const size_t capacity = sizeof(vendor.vending) / sizeof(vendor.vending[0]);
  for (size_t j = 0; j < listed && j < capacity; ++j) {
    if (vendor.vending[j].index == cart_index) {
      price = static_cast<int64_t>(vendor.vending[j].value);
      break;
    }
  }
  const size_t cart = sizeof(vendor.cart.u.items_cart) / sizeof(vendor.cart.u.items_cart[0]);
  if (cart_index < 0 || static_cast<size_t>(cart_index) >= cart) {
    ItemView unknown;
    unknown.amount = amount < 0 ? 0u : static_cast<uint32_t>(amount);
    unknown.unit_price = static_cast<uint32_t>(price);
    return unknown;
  }
  return ItemViewOf(vendor.cart.u.items_cart[cart_index], amount, price);
}

}  // namespace aiworld::rathena
