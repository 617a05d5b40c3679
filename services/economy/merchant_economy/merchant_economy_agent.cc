#include "services/economy/merchant_economy/merchant_economy_agent.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/proto_time.h"
#include "services/core/quest/generated_text.h"
#include "services/economy/market/price_book.h"
#include "services/economy/market/shop_actions.h"
#include "services/economy/merchant_economy/economy_analysis.h"
#include "services/economy/merchant_economy/merchant_store.h"

namespace aiworld::economy {
namespace {

const char* ConditionWord(v1::MarketCondition c) {
  switch (c) {
    case v1::MARKET_CONDITION_INFLATION: return "inflation";
    case v1::MARKET_CONDITION_DEFLATION: return "deflation";
    case v1::MARKET_CONDITION_ITEM_GLUT: return "item glut";
    case v1::MARKET_CONDITION_ITEM_SCARCITY: return "item scarcity";
    default: return "balanced";
  }
}

void JobCause(const agentkit::AgentContext& ctx, v1::Action& a, std::string summary) {
  a.mutable_cause()->mutable_job()->set_job(kJobAnalyze);
  *a.mutable_cause()->mutable_job()->mutable_slot() = ToProto(ctx.now);
  a.mutable_cause()->set_summary(summary.substr(0, 200));
}

}  // namespace

std::vector<v1::JobSpec> MerchantEconomyAgent::jobs() const {
  v1::JobSpec j;
  j.set_name(kJobAnalyze);
  j.set_description("economy analysis every 6 h: price adjustments within caps, zeny sink on inflation");
  *j.mutable_schedule()->mutable_interval()->mutable_every() = ToProto(kAnalysisInterval);
  j.mutable_timeout()->set_seconds(60);
  return {j};
}

absl::Status MerchantEconomyAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                                std::vector<v1::Action>*) {
  MerchantStore store(*ctx.state, ctx.server_id);
  std::optional<std::vector<v1::ZenySink>> sinks;  // read once, only when a shop purchase comes
  bool sinks_changed = false;
  for (const v1::RoutedEvent* e : events) {
    const v1::GameEvent& ev = e->event();
    if (ev.has_login() && ev.char_id() != 0) {
      store.SeeCharacter(ev.char_id(), ev.account_id(), ev.login().zeny(), ctx.now);
    } else if (ev.has_logout() && ev.char_id() != 0) {
      store.SeeCharacter(ev.char_id(), ev.account_id(), ev.logout().zeny(), ctx.now);
    } else if (ev.has_npc_shop_trade() && ev.npc_shop_trade().direction() == v1::SHOP_DIRECTION_BUY) {
      if (!sinks.has_value()) sinks = store.Sinks();
      for (v1::ZenySink& sink : *sinks) {
        if (!SinkRunning(sink, ctx.now)) continue;
        sink.set_drained_zeny(sink.drained_zeny() + ev.npc_shop_trade().total_zeny());
        sinks_changed = true;
      }
    }
  }
  if (sinks_changed) {
    for (const v1::ZenySink& sink : *sinks) store.PutSink(sink);
  }
  return absl::OkStatus();
}

absl::Status MerchantEconomyAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job != kJobAnalyze) return Agent::RunJob(ctx, job, actions);
  Analyze(ctx, actions);
  return absl::OkStatus();
}

void MerchantEconomyAgent::Analyze(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const {
  MerchantStore store(*ctx.state, ctx.server_id);
  bool sink_running = false;
  for (v1::ZenySink& sink : store.Sinks()) {
    if (sink.status() == v1::CONTENT_STATUS_ACTIVE && FromProto(sink.ends_at()) <= ctx.now) {
      sink.set_status(v1::CONTENT_STATUS_COMPLETED);
      store.PutSink(sink);
    }
    if (SinkRunning(sink, ctx.now)) sink_running = true;
    if (sink.status() != v1::CONTENT_STATUS_ACTIVE && ctx.now - FromProto(sink.ends_at()) > kSinkRetention) {
      store.EraseSink(sink.sink_id());
    }
  }

  Population pop = store.ActivePopulation(ctx.now);
  if (pop.active == 0 && ctx.world != nullptr) {
    pop.active = ctx.world->players().online();
    pop.total_zeny = ctx.world->economy().zeny_on_hand_online();
  }
  if (pop.active == 0) return;  // nobody to measure: the reference's max(1, players) read this as deflation
  const int64_t per_capita = pop.total_zeny / pop.active;

  agentkit::StateStore* market_state = ctx.StateOf("economy");
  std::vector<ItemActivity> activity;
  if (market_state != nullptr) activity = PriceBook(*market_state, ctx.server_id, catalogue_).Activity(ctx.now);
  uint64_t supply = 0, demand = 0;
  int64_t market_zeny = 0;
  for (const ItemActivity& a : activity) {
    supply += a.totals.supply;
    demand += a.totals.demand;
    market_zeny += a.totals.zeny;
  }
  std::optional<double> ratio;
  if (demand > 0) {
    ratio = std::min(1'000'000.0, static_cast<double>(supply) / static_cast<double>(demand));
  } else if (supply > 0) {
    ratio = 1'000'000.0;
  }
  const EconomyReading reading = ReadEconomy(per_capita, ratio);

  v1::MarketReport report;
  *report.mutable_taken_at() = ToProto(ctx.now);
  report.set_condition(reading.condition);
  report.set_severity(reading.severity);
  report.set_total_zeny(pop.total_zeny);
  report.set_active_players(pop.active);
  report.set_zeny_per_capita(per_capita);
  report.set_inflation_rate(ctx.world != nullptr ? std::clamp(ctx.world->economy().inflation_rate(), -1.0, 10.0) : 0.0);
  report.set_supply_demand_ratio(ratio.value_or(0.0));
  report.set_trade_volume_24h(ctx.world != nullptr ? ctx.world->economy().trade_volume_24h() : market_zeny);
  *report.mutable_next_analysis_at() = ToProto(ctx.now + kAnalysisInterval);

  std::vector<ItemActivity> most_traded = activity;
  std::stable_sort(most_traded.begin(), most_traded.end(), [](const ItemActivity& a, const ItemActivity& b) {
    const uint64_t ua = a.totals.traded + a.totals.demand, ub = b.totals.traded + b.totals.demand;
    if (ua != ub) return ua > ub;
    return a.item_id < b.item_id;
  });
  for (size_t i = 0; i < most_traded.size() && i < kTopItems; ++i) {
    v1::TopItem* top = report.add_top_items();
    top->set_item_id(most_traded[i].item_id);
    top->set_units(most_traded[i].totals.traded);
    top->set_zeny(most_traded[i].totals.zeny);
  }

  const std::string slot = std::to_string(absl::ToUnixSeconds(ctx.now));
  const std::optional<absl::Time> last = store.LastAdjustment(reading.condition);
  if (reading.condition != v1::MARKET_CONDITION_BALANCED && market_state != nullptr &&
      (!last.has_value() || ctx.now - *last >= kAdjustmentCooldown)) {
    const double fraction = PriceAdjustmentFor(reading);
    PriceBook book(*market_state, ctx.server_id, catalogue_);
    uint32_t adjusted = 0;
    for (size_t i = 0; i < most_traded.size() && adjusted < kMaxAdjustedItems; ++i) {
      if (most_traded[i].totals.traded + most_traded[i].totals.demand == 0) break;  // loot nobody trades: sorted last
      const uint32_t item_id = most_traded[i].item_id;
      std::optional<uint32_t> price = book.Adjust(item_id, fraction, kMaxPriceAdjustment, ctx.now);
      if (!price.has_value()) continue;
      ++adjusted;
      for (v1::Action& a : ShopPriceActions(absl::StrCat("merchant_economy/", slot, "/", item_id), book.Shops(item_id), item_id, *price)) {
        JobCause(ctx, a, absl::StrFormat("%s (severity %.2f): item %d %+.0f%% -> %d zeny", ConditionWord(reading.condition),
                                         reading.severity, item_id, fraction * 100, *price));
        actions->push_back(std::move(a));
      }
    }
    if (adjusted > 0) store.SetLastAdjustment(reading.condition, ctx.now);
    report.set_adjusted_items(adjusted);
  }

  if (reading.condition == v1::MARKET_CONDITION_INFLATION && !sink_running) {
    const SinkTemplate& t = SinkFor(reading.severity);
    const int hours = static_cast<int>(ctx.random->UniformInt(t.min_hours, t.max_hours));
    v1::ZenySink sink;
    sink.set_sink_id(store.NextSinkId());
    sink.set_server_id(ctx.server_id);
    sink.set_type(t.type);
    sink.set_severity(reading.severity);
    sink.set_drain_fraction(t.drain);
    sink.set_target_drain_zeny(TargetDrain(reading.severity, pop.total_zeny, t.drain));
    sink.set_status(v1::CONTENT_STATUS_ACTIVE);
    *sink.mutable_started_at() = ToProto(ctx.now);
    *sink.mutable_ends_at() = ToProto(ctx.now + absl::Hours(hours));
    store.PutSink(sink);

    const std::string summary = absl::StrFormat("inflation: %d zeny per capita, severity %.2f: %s for %d h", per_capita,
                                                reading.severity, t.name, hours);
    v1::Action start;
    start.set_idempotency_key(absl::StrCat("merchant_economy/", sink.sink_id(), "/start"));
    start.set_priority(v1::PRIORITY_HIGH);
    start.mutable_origin()->set_tier(v1::TIER_RULES);
    *start.mutable_expires_at() = sink.ends_at();
    JobCause(ctx, start, summary);
    v1::StartWorldEvent* event = start.mutable_start_world_event();
    event->set_event_key(sink.sink_id());
    event->set_npc_exname(kZenySinkNpc);
    (*event->mutable_parameters())["sink_type"] = t.key;
    (*event->mutable_parameters())["severity"] = absl::StrFormat("%.2f", reading.severity);
    (*event->mutable_parameters())["drain_percent"] = absl::StrCat(static_cast<int>(t.drain * 100 + 0.5));
    (*event->mutable_parameters())["target_drain"] = absl::StrCat(sink.target_drain_zeny());
    *event->mutable_duration() = ToProto(absl::Hours(hours));
    actions->push_back(std::move(start));

    v1::Action told;
    told.set_idempotency_key(absl::StrCat("merchant_economy/", sink.sink_id(), "/announce"));
    told.mutable_origin()->set_tier(v1::TIER_RULES);
    JobCause(ctx, told, summary);
    told.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_SERVER);
    told.mutable_broadcast()->set_style(v1::BROADCAST_STYLE_YELLOW);
    told.mutable_broadcast()->set_text(core::CleanText(
        ctx, agentkit::TextKind::kBroadcast,
        absl::StrCat(t.name, ": ", t.description, ", for the next ", hours, hours == 1 ? " hour." : " hours."),
        "The merchants' guild opens a special sale.", 255));
    actions->push_back(std::move(told));
  }

  for (v1::DropRateAdvice& a : DropRateAdviceFor(activity)) *report.add_advice() = std::move(a);
  store.PutReport(report);
}

std::vector<uint32_t> MerchantEconomyAgent::CharactersOf(agentkit::StateStore& state, uint32_t account_id) {
  return MerchantStore::CharactersOf(state, account_id);
}

uint64_t MerchantEconomyAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  return MerchantStore::EraseCharacters(state, char_ids);
}

}  // namespace aiworld::economy
