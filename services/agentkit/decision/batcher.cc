#include "services/agentkit/decision/batcher.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace aiworld::decision {

namespace {

BatcherOptions Normalized(BatcherOptions o) {
  if (o.max_batch == 0) o.max_batch = 1;
  if (o.max_wait < absl::ZeroDuration()) o.max_wait = absl::ZeroDuration();
  return o;
}

std::chrono::steady_clock::duration ToChrono(absl::Duration d) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(absl::ToChronoNanoseconds(d));
}

}  // namespace

Batcher::Batcher(std::shared_ptr<llm::LlmProvider> provider, BatcherOptions options)
    : provider_(std::move(provider)), options_(Normalized(options)) {
  worker_ = std::thread([this] { Run(); });
}

Batcher::~Batcher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

std::future<BatchResult> Batcher::Submit(BatchItem item) {
  Pending p{std::move(item), {}};
  std::future<BatchResult> f = p.promise.get_future();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      BatchResult r;
      r.text = absl::UnavailableError("batcher is stopping");
      p.promise.set_value(std::move(r));
      return f;
    }
    Group& g = groups_[p.item.type];
    if (g.items.empty()) g.deadline = std::chrono::steady_clock::now() + ToChrono(options_.max_wait);
    g.items.push_back(std::move(p));
  }
  cv_.notify_all();
  return f;
}

int64_t Batcher::provider_calls() const {
  std::lock_guard<std::mutex> lock(mu_);
  return calls_;
}

void Batcher::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    auto next = std::chrono::steady_clock::time_point::max();
    std::vector<Pending> ready;
    for (auto it = groups_.begin(); it != groups_.end(); ++it) {
      Group& g = it->second;
      if (g.items.size() >= options_.max_batch || g.deadline <= now || stopping_) {
        const size_t n = std::min(options_.max_batch, g.items.size());
        ready.assign(std::make_move_iterator(g.items.begin()), std::make_move_iterator(g.items.begin() + n));
        g.items.erase(g.items.begin(), g.items.begin() + static_cast<std::ptrdiff_t>(n));
        if (g.items.empty()) groups_.erase(it);  // the rest (if any) keeps its past deadline
        break;
      }
      next = std::min(next, g.deadline);
    }
    if (!ready.empty()) {
      ++calls_;
      lock.unlock();
      Flush(std::move(ready));
      lock.lock();
      continue;
    }
    if (stopping_ && groups_.empty()) return;
    if (groups_.empty()) {
      cv_.wait(lock);
    } else {
      cv_.wait_until(lock, next);
    }
  }
}

std::string Batcher::MergedSystem(absl::string_view system, size_t n) {
  std::string s(system);
  if (!s.empty()) s += "\n\n";
  absl::StrAppend(&s, "You answer ", n,
                  " independent requests at once. Reply with ONLY a JSON array of exactly ", n,
                  " strings: element i is your complete answer to request i, in the same order. "
                  "No keys, no commentary, no code fences.");
  return s;
}

std::string Batcher::MergedPrompt(const std::vector<std::string>& prompts) {
  std::string s = absl::StrCat("Answer each of these ", prompts.size(), " requests on its own.\n");
  for (size_t i = 0; i < prompts.size(); ++i) absl::StrAppend(&s, "\nRequest ", i + 1, ":\n", prompts[i], "\n");
  absl::StrAppend(&s, "\nReply with a JSON array of exactly ", prompts.size(), " strings.");
  return s;
}

absl::StatusOr<std::vector<std::string>> Batcher::ParseReply(absl::string_view reply, size_t n) {
  const size_t open = reply.find('[');
  const size_t close = reply.rfind(']');
  if (open == absl::string_view::npos || close == absl::string_view::npos || close < open) {
    return absl::InternalError("malformed batch reply: no JSON array");
  }
  google::protobuf::ListValue list;
  if (!google::protobuf::util::JsonStringToMessage(std::string(reply.substr(open, close - open + 1)), &list).ok()) {
    return absl::InternalError("malformed batch reply: not valid JSON");
  }
  if (static_cast<size_t>(list.values_size()) != n) {
    return absl::InternalError(absl::StrCat("malformed batch reply: ", list.values_size(), " answers for ", n,
                                            " requests"));
  }
  std::vector<std::string> out;
  out.reserve(n);
  for (const auto& v : list.values()) {
    if (v.kind_case() != google::protobuf::Value::kStringValue) {
      return absl::InternalError("malformed batch reply: an answer is not a string");
    }
    std::string text(absl::StripAsciiWhitespace(v.string_value()));
    if (text.empty()) return absl::InternalError("malformed batch reply: an empty answer");
    out.push_back(std::move(text));
  }
  return out;
}

void Batcher::Flush(std::vector<Pending> batch) {
  const size_t n = batch.size();
  llm::LlmRequest request;
  request.request_type = batch.front().item.type;
  request.temperature = batch.front().item.temperature;
  if (n == 1) {
    request.system = batch.front().item.system;
    request.messages.emplace_back("user", batch.front().item.prompt);
    request.max_tokens = batch.front().item.max_tokens;
  } else {
    std::vector<std::string> prompts;
    int tokens = 0;
    for (const Pending& p : batch) {
      prompts.push_back(p.item.prompt);
      tokens += p.item.max_tokens;
    }
    request.system = MergedSystem(batch.front().item.system, n);
    request.messages.emplace_back("user", MergedPrompt(prompts));
    request.max_tokens = std::min(tokens, options_.max_tokens_cap);
  }

  const absl::StatusOr<llm::LlmResponse> response = provider_->Complete(request);
  const int64_t cost = response.ok() ? response->cost_micros : 0;
  absl::StatusOr<std::vector<std::string>> answers;
  if (!response.ok()) {
    answers = response.status();
  } else if (n == 1) {
    answers = std::vector<std::string>{response->text};
  } else {
    answers = ParseReply(response->text, n);
  }
  for (size_t i = 0; i < n; ++i) {
    BatchResult r;
    r.batch_size = n;
    r.charged = i == 0;
    // The cost split evenly; the remainder goes to the first member so the shares add up.
    r.cost_micros = cost / static_cast<int64_t>(n) + (i == 0 ? cost % static_cast<int64_t>(n) : 0);
    if (response.ok()) r.provider = response->provider;
    r.malformed_reply = response.ok() && !answers.ok();
    if (answers.ok()) {
      r.text = std::move((*answers)[i]);
    } else {
      r.text = answers.status();
    }
    batch[i].promise.set_value(std::move(r));
  }
}

}  // namespace aiworld::decision
