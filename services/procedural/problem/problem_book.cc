#include "services/procedural/problem/problem_book.h"

#include <algorithm>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "runtime/proto_time.h"

namespace aiworld::procedural {
namespace {

std::string ProblemKey(const std::string& server, const std::string& id) { return absl::StrCat("p/", server, "/", id); }
std::string ProgressKey(const std::string& server, const std::string& id) { return absl::StrCat("g/", server, "/", id); }
std::string ContributionPrefix(const std::string& server, const std::string& id) {
  return absl::StrCat("c/", server, "/", id, "/");
}

uint32_t ParseCount(const std::optional<std::string>& value) {
  uint32_t n = 0;
  if (value.has_value()) (void)absl::SimpleAtoi(*value, &n);
  return n;
}

}  // namespace

std::string EncodeProgress(const ProblemProgress& progress) {
  return absl::StrCat("v1 ", progress.kills, " ", progress.goal, progress.spawn_tag.empty() ? "" : " ", progress.spawn_tag);
}

absl::StatusOr<ProblemProgress> DecodeProgress(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, ' ');
  if (parts.empty() || parts[0] != "v1") return absl::InvalidArgumentError("progress: unknown version");
  if (parts.size() < 3 || parts.size() > 4) return absl::InvalidArgumentError("progress: expected kills, goal and a tag");
  ProblemProgress p;
  if (!absl::SimpleAtoi(parts[1], &p.kills)) return absl::InvalidArgumentError("progress.kills: not a count");
  if (!absl::SimpleAtoi(parts[2], &p.goal)) return absl::InvalidArgumentError("progress.goal: not a count");
  if (parts.size() == 4) p.spawn_tag = std::string(parts[3]);
  return p;
}

std::optional<v1::Problem> ProblemBook::Get(const std::string& server_id, const std::string& problem_id) const {
  std::optional<std::string> bytes = state_.Get(ProblemKey(server_id, problem_id));
  v1::Problem p;
  if (!bytes.has_value() || !p.ParseFromString(*bytes)) return std::nullopt;
  return p;
}

void ProblemBook::Put(const v1::Problem& problem) {
  state_.Put(ProblemKey(problem.server_id(), problem.problem_id()), problem.SerializeAsString());
}

std::vector<v1::Problem> ProblemBook::OfServer(const std::string& server_id) const {
  std::vector<v1::Problem> out;
  for (const auto& [key, value] : state_.Scan(absl::StrCat("p/", server_id, "/"))) {
    v1::Problem p;
    if (p.ParseFromString(value)) out.push_back(std::move(p));
  }
  return out;
}

std::optional<v1::Problem> ProblemBook::Active(const std::string& server_id) const {
  for (v1::Problem& p : OfServer(server_id)) {
    if (p.status() == v1::CONTENT_STATUS_ACTIVE) return std::move(p);
  }
  return std::nullopt;
}

std::string ProblemBook::NextProblemId(const std::string& server_id) {
  const std::string key = absl::StrCat("n/", server_id);
  const uint32_t next = ParseCount(state_.Get(key)) + 1;
  state_.Put(key, std::to_string(next));
  return absl::StrCat("problem_", next);
}

std::string ProblemBook::SpawnTagOf(const std::string& problem_id) { return "aiw_" + problem_id; }

ProblemProgress ProblemBook::Progress(const std::string& server_id, const std::string& problem_id) const {
  std::optional<std::string> text = state_.Get(ProgressKey(server_id, problem_id));
  if (!text.has_value()) return {};
  absl::StatusOr<ProblemProgress> p = DecodeProgress(*text);
  return p.ok() ? *p : ProblemProgress{};
}

void ProblemBook::PutProgress(const std::string& server_id, const std::string& problem_id, const ProblemProgress& progress) {
  state_.Put(ProgressKey(server_id, problem_id), EncodeProgress(progress));
}

bool ProblemBook::AddContribution(const std::string& server_id, const std::string& problem_id, uint32_t char_id, uint32_t by) {
  const std::string key = absl::StrCat(ContributionPrefix(server_id, problem_id), char_id);
  std::optional<std::string> had = state_.Get(key);
  state_.Put(key, std::to_string(ParseCount(had) + by));
  return !had.has_value();
}

std::vector<Participant> ProblemBook::TopParticipants(const std::string& server_id, const std::string& problem_id,
                                                      size_t limit) const {
  const std::string prefix = ContributionPrefix(server_id, problem_id);
  std::vector<Participant> out;
  for (const auto& [key, value] : state_.Scan(prefix)) {
    Participant p;
    if (!absl::SimpleAtoi(key.substr(prefix.size()), &p.char_id)) continue;
    p.contribution = ParseCount(value);
    out.push_back(p);
  }
  std::sort(out.begin(), out.end(), [](const Participant& a, const Participant& b) {
    if (a.contribution != b.contribution) return a.contribution > b.contribution;
    return a.char_id < b.char_id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

uint64_t ProblemBook::EraseCharacters(const std::vector<uint32_t>& char_ids) {
  const std::set<std::string> ids = [&] {
    std::set<std::string> s;
    for (uint32_t id : char_ids) s.insert(std::to_string(id));
    return s;
  }();
  uint64_t removed = 0;
  for (const auto& [key, value] : state_.Scan("c/")) {
    const size_t slash = key.rfind('/');
    if (slash == std::string::npos || !ids.contains(key.substr(slash + 1))) continue;
    state_.Erase(key);
    ++removed;
  }
  return removed;
}

std::optional<std::string> ActiveProblemMap(agentkit::StateStore& problem_state, const std::string& server_id, absl::Time now) {
  std::optional<v1::Problem> p = ProblemBook(problem_state).Active(server_id);
  if (!p.has_value() || p->target_map().empty()) return std::nullopt;
  if (p->has_expires_at() && FromProto(p->expires_at()) <= now) return std::nullopt;
  return p->target_map();
}

}  // namespace aiworld::procedural
