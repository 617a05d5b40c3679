#include "services/procedural/problem/problem_queries.h"

#include <algorithm>

#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/procedural/problem/problem_book.h"

namespace aiworld::procedural {

absl::StatusOr<v1::GetCurrentProblemResponse> GetCurrentProblem(agentkit::StateStore& problem_state,
                                                               const v1::GetCurrentProblemRequest& request) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  v1::GetCurrentProblemResponse response;
  if (std::optional<v1::Problem> p = ProblemBook(problem_state).Active(request.server_id())) *response.mutable_problem() = *std::move(p);
  return response;
}

absl::StatusOr<v1::ListProblemsResponse> ListProblems(agentkit::StateStore& problem_state, const v1::ListProblemsRequest& request) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  if (!v1::ContentStatus_IsValid(request.status())) return absl::InvalidArgumentError("status: unknown value");
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();

  std::vector<v1::Problem> problems = ProblemBook(problem_state).OfServer(request.server_id());
  std::erase_if(problems, [&](const v1::Problem& p) {
    return request.status() != v1::CONTENT_STATUS_UNSPECIFIED && p.status() != request.status();
  });
  std::stable_sort(problems.begin(), problems.end(), [](const v1::Problem& a, const v1::Problem& b) {
    const absl::Time ta = FromProto(a.created_at()), tb = FromProto(b.created_at());
    if (ta != tb) return ta > tb;
    return a.problem_id() > b.problem_id();
  });
  v1::ListProblemsResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < problems.size() && i < *offset + size; ++i) *response.add_problems() = problems[i];
  if (*offset + size < problems.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

}  // namespace aiworld::procedural
