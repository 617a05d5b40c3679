#include "services/core/memory/memory_agent.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/core/memory/list_index.h"
#include "services/core/memory/npc_key.h"

namespace aiworld::core {
namespace {
std::string NameOf(const v1::GameEvent& e) {
  return e.char_name().empty() ? absl::StrCat("character ", e.char_id()) : e.char_name();
}

absl::Time TimeOf(const agentkit::AgentContext& ctx, const v1::GameEvent& e) {
  return e.has_occurred_at() ? FromProto(e.occurred_at()) : ctx.now;
}

std::string ItemList(const GameCatalogue& catalogue, const google::protobuf::RepeatedPtrField<v1::TradedItem>& items) {
  std::string out;
  int shown = 0;
  for (const v1::TradedItem& item : items) {
    if (shown == 3) {
      absl::StrAppend(&out, " and ", items.size() - 3, " more");
      break;
    }
    const ItemInfo* info = catalogue.FindItem(item.item_id());
    absl::StrAppend(&out, shown == 0 ? "" : ", ", item.amount(), " ",
                    info != nullptr ? info->name : absl::StrCat("item ", item.item_id()));
    ++shown;
  }
  return out;
}
}  // namespace

uint32_t ImportanceOfZeny(uint64_t zeny) {
  if (zeny == 0) return 1;
  const long importance = 1 + std::lround(std::log10(static_cast<double>(zeny)));
  return static_cast<uint32_t>(std::clamp(importance, 1L, 10L));
}

absl::Status MemoryAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                       std::vector<v1::Action>*) {
  MemoryBook book(*ctx.state, ctx.server_id, policy_);
  for (const v1::RoutedEvent* routed : events) {
    const v1::GameEvent& e = routed->event();
    if (e.char_id() == 0) continue;
    const absl::Time at = TimeOf(ctx, e);
    v1::NpcRef npc;
    NewMemory m;
    m.map = e.map();
    if (e.has_npc_interaction()) {
      const v1::NpcInteraction& i = e.npc_interaction();
      npc = NpcRefOf(i.npc_tag(), i.npc_exname());
      if (i.kind() == v1::NPC_INTERACTION_KIND_CLICK) {
        const std::vector<v1::Memory> known = book.Memories(npc, e.char_id());
        if (!known.empty() && at - FromProto(known.back().created_at()) < kVisitGap) continue;
        m.kind = v1::MEMORY_KIND_EVENT;
        m.content = absl::StrCat(NameOf(e), " stopped by.");
        m.importance = 1;
        m.valence = 0.05;
      } else if (i.kind() == v1::NPC_INTERACTION_KIND_MENU_CHOICE && i.menu_choice() != 255 && i.menu_choice() != 0) {
        m.kind = v1::MEMORY_KIND_CONVERSATION;
        m.content = absl::StrCat(NameOf(e), " chose \"",
                                 i.menu_option().empty() ? absl::StrCat("option ", i.menu_choice()) : CutUtf8(i.menu_option(), 200),
                                 "\".");
        m.importance = 2;
        m.valence = 0;
      } else {
        continue;  // typed text is the Dialogue agent's; amounts and closing say nothing worth keeping
      }
    } else if (e.has_npc_shop_trade()) {
      const v1::NpcShopTrade& t = e.npc_shop_trade();
      if (t.shop_exname().empty()) continue;
      npc.set_exname(t.shop_exname());
      const bool buy = t.direction() == v1::SHOP_DIRECTION_BUY;
      m.kind = v1::MEMORY_KIND_EVENT;
      m.content = absl::StrCat(NameOf(e), buy ? " bought " : " sold me ", ItemList(catalogue_, t.items()), " for ",
                               t.total_zeny(), " zeny.");
      m.importance = ImportanceOfZeny(t.total_zeny());
      m.valence = buy ? 0.3 : 0.2;
    } else {
      continue;
    }
    // A bad event (e.g. an exname over 50 bytes) is skipped; the rest of the batch is remembered.
    (void)book.Record(npc, e.char_id(), e.account_id(), m, at);
  }
  return absl::OkStatus();
}

std::vector<uint32_t> MemoryAgent::CharactersOf(agentkit::StateStore& state, uint32_t account_id) {
  return PlayerKeyIndex(state).CharactersOf(account_id);
}

uint64_t MemoryAgent::ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) {
  return MemoryBook(state, "", policy_).ErasePlayer(account_id, char_ids);
}

}  // namespace aiworld::core
