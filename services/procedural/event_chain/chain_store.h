#pragma once
// The EventChain's state in its StateStore, per server:
//   chain/<server>/c/<n>     v1::EventChain with its steps (serialized)
//   chain/<server>/run/<n>   FlatRecord: what the public record does not say (level, the next
//                            step's difficulty scale, the current step's map, monsters, tag,
//                            target and progress, who took part)
//   chain/<server>/next      the next chain number
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"
#include "services/procedural/event_chain/chain_rules.h"

namespace aiworld::procedural {

struct ChainRun {
  uint64_t number = 0;
  uint32_t level = 1;
  uint32_t difficulty = 1;
  double scale = 1.0;          // difficulty factor of the current step (from the previous outcome)
  std::string attitude = "neutral";
  std::string mark;            // "blessing" / "corruption" from the previous outcome
  std::vector<uint32_t> participants;  // everyone who took part in any step
  // The current step.
  StepKind kind = StepKind::kTalk;
  std::string tag;             // spawn tag or NPC tag, "chn<n>_s<step>"
  std::string map;
  int mob_id = 0;              // hunt: the monster; boss: the boss
  uint32_t target = 1;
  uint32_t progress = 0;
  std::vector<uint32_t> contributors;  // of the current step

  static bool Add(std::vector<uint32_t>& list, uint32_t char_id);
};

// "chain-<n>" and back (0 when not a chain id).
std::string ChainIdOf(uint64_t number);
uint64_t ChainNumberOf(const std::string& chain_id);

class ChainStore {
 public:
  ChainStore(agentkit::StateStore& state, std::string server_id) : state_(state), server_(std::move(server_id)) {}

  uint64_t NextNumber();
  void Put(const v1::EventChain& chain, const ChainRun& run);
  std::optional<v1::EventChain> Chain(uint64_t number);
  std::optional<ChainRun> Run(uint64_t number);
  std::vector<v1::EventChain> Chains();  // every chain of the server, by number
  std::vector<v1::EventChain> Active();

  // Removes these characters from every chain's participants and contributors (every server);
  // returns the entries removed.
  static uint64_t EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids);

 private:
  std::string Key(const std::string& rest) const { return "chain/" + server_ + "/" + rest; }

  agentkit::StateStore& state_;
  const std::string server_;
};

}  // namespace aiworld::procedural
