#pragma once
// Procedural.GetCurrentProblem and Procedural.ListProblems over the Problem agent's state. Bad
// input is INVALID_ARGUMENT naming the field. Pages are newest first; the page token is the
// decimal offset of the next page.
#include "absl/status/statusor.h"
#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

// The server's ACTIVE problem; an empty response when there is none.
absl::StatusOr<v1::GetCurrentProblemResponse> GetCurrentProblem(agentkit::StateStore& problem_state,
                                                               const v1::GetCurrentProblemRequest& request);
absl::StatusOr<v1::ListProblemsResponse> ListProblems(agentkit::StateStore& problem_state, const v1::ListProblemsRequest& request);

}  // namespace aiworld::procedural
