#pragma once
// Where the Problem agent keeps its problems: v1::Problem messages in its StateStore, with the
// kill progress and the participants of each. This header is also how sibling agents read the
// current problem (MapHazard, through ctx.StateOf("problem") and ActiveProblemMap).
//
// Keys (server ids never contain '/'):
//   p/<server>/<problem_id>            the problem (v1::Problem, serialized)
//   g/<server>/<problem_id>            its progress, "v1 <kills> <goal> <spawn_tag>"
//   c/<server>/<problem_id>/<char_id>  a participant's contribution (decimal kills)
//   n/<server>                         the last problem number handed out
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

struct ProblemProgress {
  uint32_t kills = 0;
  uint32_t goal = 0;
  std::string spawn_tag;  // empty: the problem spawned nothing and counts kills on its map
};

std::string EncodeProgress(const ProblemProgress& progress);
// INVALID_ARGUMENT naming the part that is wrong.
absl::StatusOr<ProblemProgress> DecodeProgress(absl::string_view text);

struct Participant {
  uint32_t char_id = 0;
  uint32_t contribution = 0;
};

class ProblemBook {
 public:
  explicit ProblemBook(agentkit::StateStore& state) : state_(state) {}

  std::optional<v1::Problem> Get(const std::string& server_id, const std::string& problem_id) const;
  void Put(const v1::Problem& problem);
  // Every problem of the server, in key order.
  std::vector<v1::Problem> OfServer(const std::string& server_id) const;
  // The server's problem with status ACTIVE (there is at most one), whether or not it is past its
  // deadline (the hourly expiry decides that).
  std::optional<v1::Problem> Active(const std::string& server_id) const;

  // "problem_<n>" with n counting from 1 per server; the spawn tag is "aiw_problem_<n>".
  std::string NextProblemId(const std::string& server_id);
  static std::string SpawnTagOf(const std::string& problem_id);

  ProblemProgress Progress(const std::string& server_id, const std::string& problem_id) const;
  void PutProgress(const std::string& server_id, const std::string& problem_id, const ProblemProgress& progress);

  // Adds to a participant's contribution; returns true when the character is new to the problem.
  bool AddContribution(const std::string& server_id, const std::string& problem_id, uint32_t char_id, uint32_t by);
  // Participants by contribution (largest first, then the lower char id), at most `limit`.
  std::vector<Participant> TopParticipants(const std::string& server_id, const std::string& problem_id, size_t limit) const;
  // Removes the contributions of these characters on every problem; returns the entries removed.
  uint64_t EraseCharacters(const std::vector<uint32_t>& char_ids);

 private:
  agentkit::StateStore& state_;
};

// The target map of the server's active problem while `now` is before its deadline; nullopt when
// there is none. (The reference's hazard job read a column map_name that world_problems does not
// have — the target is target_map — so hazards never saw the problem.)
std::optional<std::string> ActiveProblemMap(agentkit::StateStore& problem_state, const std::string& server_id, absl::Time now);

}  // namespace aiworld::procedural
