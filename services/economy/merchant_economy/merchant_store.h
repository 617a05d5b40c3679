#pragma once
// The MerchantEconomy agent's state.
//
// Keys:  char/<server>/<char_id>        "z1;<account_id>;<zeny on hand>;<last seen unix s>" (from
//                                       login and logout reports)
//        report/<server>                v1::MarketReport (the latest analysis)
//        adjusted/<server>/<condition>  unix seconds of the last price adjustment for the condition
//        sink/<server>/<sink_id>        v1::ZenySink (sink ids "sink_<n>")
//        next/<server>                  last sink number handed out
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/economy.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::economy {

inline constexpr absl::Duration kActiveCharacterWindow = absl::Hours(24 * 7);
inline constexpr absl::Duration kSinkRetention = absl::Hours(24 * 30);

struct Population {
  int64_t total_zeny = 0;
  uint32_t active = 0;
};

class MerchantStore {
 public:
  MerchantStore(agentkit::StateStore& state, std::string server_id) : state_(state), server_id_(std::move(server_id)) {}

  void SeeCharacter(uint32_t char_id, uint32_t account_id, uint32_t zeny, absl::Time now);
  // Characters seen within kActiveCharacterWindow before `now` and the zeny they last reported.
  Population ActivePopulation(absl::Time now) const;

  std::optional<v1::MarketReport> Report() const;
  void PutReport(const v1::MarketReport& report);

  std::optional<absl::Time> LastAdjustment(v1::MarketCondition condition) const;
  void SetLastAdjustment(v1::MarketCondition condition, absl::Time at);

  std::vector<v1::ZenySink> Sinks() const;
  void PutSink(const v1::ZenySink& sink);
  void EraseSink(const std::string& sink_id);
  std::string NextSinkId();

  // Account -> its characters known on any server; erasing removes their zeny records.
  static std::vector<uint32_t> CharactersOf(agentkit::StateStore& state, uint32_t account_id);
  static uint64_t EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids);

 private:
  agentkit::StateStore& state_;
  const std::string server_id_;
};

// A sink counts as running while started_at <= now < ends_at.
bool SinkRunning(const v1::ZenySink& sink, absl::Time now);

}  // namespace aiworld::economy
