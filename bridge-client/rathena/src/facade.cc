#include "aiworld/rathena/facade.h"

#include <utility>

#include "gateway/validation/text_checks.h"

namespace aiworld::rathena {
namespace {

const char* BossTypeName(BossType type) {
  switch (type) {
    case BossType::kMvp: return "BOSS_TYPE_MVP";
    case BossType::kMiniBoss: return "BOSS_TYPE_MINIBOSS";
    case BossType::kNone: break;
  }
  return "BOSS_TYPE_NONE";
}

const char* LogoutReasonName(LogoutReason reason) {
  switch (reason) {
    case LogoutReason::kKicked: return "LOGOUT_REASON_KICKED";
    case LogoutReason::kServerShutdown: return "LOGOUT_REASON_SERVER_SHUTDOWN";
    case LogoutReason::kMapServerSwitch: return "LOGOUT_REASON_MAP_SERVER_SWITCH";
    case LogoutReason::kAutotrade: return "LOGOUT_REASON_AUTOTRADE";
    case LogoutReason::kQuit: break;
  }
  return "LOGOUT_REASON_QUIT";
}

const char* InteractionName(NpcInteractionKind kind) {
  switch (kind) {
    case NpcInteractionKind::kTextInput: return "NPC_INTERACTION_KIND_TEXT_INPUT";
    case NpcInteractionKind::kMenuChoice: return "NPC_INTERACTION_KIND_MENU_CHOICE";
    case NpcInteractionKind::kAmountInput: return "NPC_INTERACTION_KIND_AMOUNT_INPUT";
    case NpcInteractionKind::kWhisper: return "NPC_INTERACTION_KIND_WHISPER";
    case NpcInteractionKind::kClose: return "NPC_INTERACTION_KIND_CLOSE";
    case NpcInteractionKind::kClick: break;
  }
  return "NPC_INTERACTION_KIND_CLICK";
}

const char* ChannelName(ChatChannel channel) {
  switch (channel) {
    case ChatChannel::kParty: return "CHAT_CHANNEL_PARTY";
    case ChatChannel::kGuild: return "CHAT_CHANNEL_GUILD";
    case ChatChannel::kWhisper: return "CHAT_CHANNEL_WHISPER";
    case ChatChannel::kGlobal: break;
  }
  return "CHAT_CHANNEL_GLOBAL";
}

// rAthena strings are fixed-size char arrays: cut at the proto's bound on a UTF-8 boundary.
std::string Bounded(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// What players see over an NPC: its name before '#' (the exname keeps the whole unique name).
std::string DisplayName(const NpcView& npc) {
  const std::string display = npc.name.substr(0, npc.name.find('#'));
  return Bounded(display.empty() ? npc.exname : display, 50);
}

void SetItems(bridge::Event& e, const std::string& field, const std::vector<ItemView>& items, size_t max_items) {
  for (size_t i = 0; i < items.size() && i < max_items; ++i) {
    const ItemView& item = items[i];
    const std::string at = field + "." + std::to_string(i) + ".";
    e.Set(at + "item_id", item.item_id).Set(at + "amount", item.amount);
    if (item.refine != 0) e.Set(at + "refine", item.refine);
    for (size_t c = 0; c < item.card_ids.size(); ++c) e.Set(at + "card_ids." + std::to_string(c), item.card_ids[c]);
    if (item.unit_price != 0) e.Set(at + "unit_price", item.unit_price);
  }
}

void SetIds(bridge::Event& e, const std::string& field, const std::vector<uint32_t>& ids) {
  for (size_t i = 0; i < ids.size(); ++i) e.Set(field + "." + std::to_string(i), ids[i]);
}

bool ValidCustomName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string QuestKey(int32_t quest_id, const std::string& mesh_quest_key) {
  return std::to_string(quest_id) + "/" + mesh_quest_key;
}

}  // namespace

Facade::Facade(EventSink& sink, MeshUnits& units, std::function<int64_t()> now_ms, FacadeOptions options)
    : sink_(sink), units_(units), now_ms_(std::move(now_ms)), options_(options) {}

bridge::Event Facade::Envelope(const char* kind, const PlayerView& p) const {
  bridge::Event e(kind);
  e.char_id = p.char_id;
  e.account_id = p.account_id;
  e.map = p.map;
  e.x = p.x;
  e.y = p.y;
  e.char_name = Bounded(p.name, 23);
  e.base_level = p.base_level;
  e.job_level = p.job_level;
  e.job_id = p.job_id;
  e.party_id = p.party_id;
  e.guild_id = p.guild_id;
  e.occurred_at_unix_ms = now_ms_();
  return e;
}

void Facade::Send(bridge::Event event) { sink_.Emit(std::move(event)); }

Facade::Session& Facade::SessionOf(const PlayerView& player) {
  auto [it, inserted] = sessions_.try_emplace(player.char_id);
  if (inserted) {
    it->second.since_ms = now_ms_();
    it->second.map = player.map;
  }
  return it->second;
}

void Facade::Login(const PlayerView& player, bool changed_map_server) {
  if (player.autotrade && !options_.emit_autotrade_logins) return;
  Session& session = SessionOf(player);
  session.map = player.map;
  if (!changed_map_server) session.since_ms = now_ms_();
  bridge::Event e = Envelope("login", player);
  e.Set("changed_map_server", changed_map_server).Set("autotrade", player.autotrade);
  e.Set("group_id", player.group_id).Set("zeny", player.zeny);
  Send(std::move(e));
}

void Facade::Logout(const PlayerView& player, LogoutReason reason) {
  bridge::Event e = Envelope("logout", player);
  e.Set("reason", LogoutReasonName(reason)).Set("zeny", player.zeny);
  auto it = sessions_.find(player.char_id);
  if (it != sessions_.end()) {
    const int64_t session_ms = now_ms_() - it->second.since_ms;
    if (session_ms > 0) e.Set("session", session_ms);
    sessions_.erase(it);
  }
  Send(std::move(e));
}

void Facade::MapArrival(const PlayerView& player, const std::string& from_map, int32_t from_x, int32_t from_y,
                        MapChangeCause cause) {
  Session& session = SessionOf(player);
  if (session.map == player.map) return;
  const std::string previous = from_map.empty() ? session.map : from_map;
  session.map = player.map;
  if (previous.empty() || previous == player.map) return;
  bridge::Event e = Envelope("map_change", player);
  e.Set("from_map", previous);
  e.Set("cause", cause == MapChangeCause::kPortal    ? "MAP_CHANGE_CAUSE_PORTAL"
                 : cause == MapChangeCause::kRespawn ? "MAP_CHANGE_CAUSE_RESPAWN"
                                                     : "MAP_CHANGE_CAUSE_TELEPORT");
  if (from_x != 0 || from_y != 0) e.Set("from_x", from_x).Set("from_y", from_y);
  Send(std::move(e));
}

void Facade::MonsterKilled(const PlayerView& killer, const MonsterView& monster, const KillCredit& credit) {
  bridge::Event e = Envelope("monster_killed", killer);
  // The monster's cell, not the killer's: a bowman kills from afar.
  e.map = monster.map.empty() ? killer.map : monster.map;
  e.x = monster.x;
  e.y = monster.y;
  e.Set("mob_id", monster.mob_id).Set("mob_level", monster.level).Set("boss_type", BossTypeName(monster.boss));
  if (!monster.name.empty()) e.Set("mob_name", Bounded(monster.name, 23));
  e.Set("mob_gid", monster.gid);
  const std::string tag = units_.TagOfMonster(monster.gid);
  if (!tag.empty()) e.Set("spawn_tag", tag);
  units_.ForgetMonster(monster.gid);
  e.Set("last_hit_char_id", credit.last_hit_char_id != 0 ? credit.last_hit_char_id : killer.char_id);
  if (credit.mvp_char_id != 0) e.Set("mvp_char_id", credit.mvp_char_id);
  if (killer.party_id != 0) e.Set("party_id", killer.party_id);
  SetIds(e, "party_member_char_ids", credit.party_member_char_ids);
  SetIds(e, "damage_dealer_char_ids", credit.damage_dealer_char_ids);
  if (monster.boss == BossType::kMvp) e.priority = bridge::Priority::kHigh;
  Send(std::move(e));
}

void Facade::PlayerDied(const PlayerView& victim, const PlayerView* killer_player, const MonsterView* killer_monster,
                        bool pvp_map, bool gvg_map, bool battleground_map) {
  bridge::Event e = Envelope("player_died", victim);
  if (killer_player != nullptr) {
    e.Set("killer_kind", "KILLER_KIND_PLAYER").Set("killer_char_id", killer_player->char_id);
    e.Set("killer_account_id", killer_player->account_id).Set("killer_name", Bounded(killer_player->name, 23));
  } else if (killer_monster != nullptr) {
    e.Set("killer_kind", "KILLER_KIND_MONSTER").Set("killer_mob_id", killer_monster->mob_id);
    const std::string tag = units_.TagOfMonster(killer_monster->gid);
    if (!tag.empty()) e.Set("killer_spawn_tag", tag);
    if (!killer_monster->name.empty()) e.Set("killer_name", Bounded(killer_monster->name, 23));
  } else {
    e.Set("killer_kind", "KILLER_KIND_OTHER");
  }
  e.Set("pvp_map", pvp_map).Set("gvg_map", gvg_map).Set("battleground_map", battleground_map);
  Send(std::move(e));
}

void Facade::NpcInteraction(const PlayerView& player, const NpcView& npc, NpcInteractionKind kind, const std::string& text,
                            uint32_t menu_choice, int64_t amount) {
  const bool typed = kind == NpcInteractionKind::kTextInput || kind == NpcInteractionKind::kWhisper;
  if (typed && text.empty()) return;  // nothing was said
  bridge::Event e = Envelope("npc_interaction", player);
  e.Set("kind", InteractionName(kind)).Set("npc_gid", npc.gid);
  e.Set("npc_name", DisplayName(npc)).Set("npc_exname", Bounded(npc.exname, 50));
  e.Set("npc_sprite", npc.sprite);
  const std::string tag = units_.TagOfNpc(npc.gid);
  if (!tag.empty()) e.Set("npc_tag", tag);
  if (typed) e.Set("text", Bounded(text, 255));
  if (kind == NpcInteractionKind::kMenuChoice) {
    e.Set("menu_choice", menu_choice);
    if (!text.empty()) e.Set("menu_option", Bounded(text, 255));
  }
  if (kind == NpcInteractionKind::kAmountInput) e.Set("amount", amount);
  // Someone is waiting for the NPC to answer.
  if (typed) e.priority = bridge::Priority::kUrgent;
  Send(std::move(e));
}

void Facade::Chat(const PlayerView& player, ChatChannel channel, const std::string& text) {
  if (text.empty() || channel == ChatChannel::kWhisper) return;
  if (channel == ChatChannel::kParty && !options_.emit_party_chat) return;
  if (channel == ChatChannel::kGuild && !options_.emit_guild_chat) return;
  bridge::Event e = Envelope("chat", player);
  e.Set("channel", ChannelName(channel)).Set("text", Bounded(text, 255));
  Send(std::move(e));
}

void Facade::Trade(const PlayerView& player, const PlayerView& partner, const std::vector<ItemView>& given,
                   const std::vector<ItemView>& received, uint32_t zeny_given, uint32_t zeny_received) {
  bridge::Event e = Envelope("trade", player);
  e.Set("partner_char_id", partner.char_id).Set("partner_account_id", partner.account_id);
  e.Set("partner_name", Bounded(partner.name, 23));
  SetItems(e, "items_given", given, 10);
  SetItems(e, "items_received", received, 10);
  if (zeny_given != 0) e.Set("zeny_given", zeny_given);
  if (zeny_received != 0) e.Set("zeny_received", zeny_received);
  Send(std::move(e));
}

void Facade::VendingSale(const PlayerView& buyer, const PlayerView& vendor, const std::string& shop_title,
                         const std::vector<ItemView>& items, uint32_t total_zeny, uint32_t vendor_zeny) {
  if (items.empty() || total_zeny == 0) return;
  bridge::Event e = Envelope("vending_sale", buyer);
  e.map = vendor.map;
  e.x = vendor.x;
  e.y = vendor.y;
  e.Set("vendor_char_id", vendor.char_id).Set("vendor_account_id", vendor.account_id);
  e.Set("vendor_name", Bounded(vendor.name, 23)).Set("shop_title", Bounded(shop_title, 80));
  SetItems(e, "items", items, 12);
  e.Set("total_zeny", total_zeny).Set("vendor_zeny", vendor_zeny).Set("vendor_autotrade", vendor.autotrade);
  Send(std::move(e));
}

void Facade::NpcShopTrade(const PlayerView& player, const NpcView& shop, ShopDirection direction, ShopKind kind,
                          const std::vector<ItemView>& items, uint32_t total_zeny) {
  if (items.empty() || total_zeny == 0) return;
  bridge::Event e = Envelope("npc_shop_trade", player);
  e.Set("direction", direction == ShopDirection::kBuy ? "SHOP_DIRECTION_BUY" : "SHOP_DIRECTION_SELL");
  e.Set("shop_kind", kind == ShopKind::kMarket ? "SHOP_KIND_MARKET" : "SHOP_KIND_ZENY");
  e.Set("shop_exname", Bounded(shop.exname, 50));
  e.Set("shop_name", DisplayName(shop)).Set("shop_npc_gid", shop.gid);
  SetItems(e, "items", items, 100);
  e.Set("total_zeny", total_zeny);
  Send(std::move(e));
}

void Facade::LevelUp(const PlayerView& player, LevelKind kind, uint32_t old_level, uint32_t new_level) {
  if (new_level <= old_level) return;
  bridge::Event e = Envelope("level_up", player);
  e.Set("kind", kind == LevelKind::kJob ? "LEVEL_KIND_JOB" : "LEVEL_KIND_BASE");
  e.Set("old_level", old_level).Set("new_level", new_level);
  Send(std::move(e));
}

void Facade::JobChange(const PlayerView& player, uint32_t old_job_id, uint32_t old_job_level) {
  if (old_job_id == player.job_id) return;
  bridge::Event e = Envelope("job_change", player);
  e.Set("old_job_id", old_job_id).Set("new_job_id", player.job_id);
  if (old_job_level != 0) e.Set("old_job_level", old_job_level);
  Send(std::move(e));
}

void Facade::QuestAccepted(const PlayerView& player, int32_t quest_id, const std::string& mesh_quest_key) {
  if (quest_id < 1 && mesh_quest_key.empty()) return;
  SessionOf(player).quests_since_ms[QuestKey(quest_id, mesh_quest_key)] = now_ms_();
  bridge::Event e = Envelope("quest_accepted", player);
  if (quest_id > 0) e.Set("quest_id", quest_id);
  if (!mesh_quest_key.empty()) e.Set("mesh_quest_key", Bounded(mesh_quest_key, 64));
  Send(std::move(e));
}

void Facade::QuestCompleted(const PlayerView& player, int32_t quest_id, const std::string& mesh_quest_key) {
  if (quest_id < 1 && mesh_quest_key.empty()) return;
  bridge::Event e = Envelope("quest_completed", player);
  if (quest_id > 0) e.Set("quest_id", quest_id);
  if (!mesh_quest_key.empty()) e.Set("mesh_quest_key", Bounded(mesh_quest_key, 64));
  auto& quests = SessionOf(player).quests_since_ms;
  auto it = quests.find(QuestKey(quest_id, mesh_quest_key));
  if (it != quests.end()) {
    const int64_t taken_ms = now_ms_() - it->second;
    if (taken_ms > 0) e.Set("time_taken", taken_ms);
    quests.erase(it);
  }
  Send(std::move(e));
}

bool Facade::Custom(const PlayerView* player, const std::string& name, const std::string& json, std::string* error) {
  if (!ValidCustomName(name)) {
    *error = "name: must be 1..64 bytes of [a-z0-9_.], got \"" + Bounded(name, 64) + "\"";
    return false;
  }
  if (json.size() < 2 || json.size() > 4096) {
    *error = "json: must be 2..4096 bytes, got " + std::to_string(json.size());
    return false;
  }
  if (auto bad = gateway::FindInvalidUtf8(json)) {
    *error = "json: invalid UTF-8 at byte " + std::to_string(*bad);
    return false;
  }
  if (auto bad = gateway::CheckJsonObject(json)) {
    *error = "json: not a JSON object: expected " + bad->expected + " at byte " + std::to_string(bad->offset);
    return false;
  }
  bridge::Event e("custom");
  if (player != nullptr) e = Envelope("custom", *player);
  else e.occurred_at_unix_ms = now_ms_();
  e.Set("name", name).Set("json", json);
  Send(std::move(e));
  return true;
}

}  // namespace aiworld::rathena
