#include "bridge-client/sim/simulated_server.h"

#include <algorithm>
#include <filesystem>
#include <thread>

namespace aiworld::sim {
namespace {
using Clock = std::chrono::steady_clock;
}

double Percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const size_t i = static_cast<size_t>(std::clamp(p / 100.0 * static_cast<double>(samples.size() - 1), 0.0,
                                                  static_cast<double>(samples.size() - 1)));
  return samples[i];
}

SimulatedServer::SimulatedServer(std::string server_id, bridge::Options options, const GameCatalogue& catalogue,
                                 int players, uint64_t seed, int index)
    : server_id_(std::move(server_id)),
      options_(std::move(options)),
      world_(catalogue, players, seed, index),
      next_event_id_(static_cast<uint64_t>(
                         std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
                             .count()) * 1000) {}

bool SimulatedServer::Start(std::string* error) {
  std::filesystem::create_directories(options_.journal_dir);
  const std::string applied_path = options_.journal_dir + "/sim_applied_ids";
  {
    std::ifstream in(applied_path);
    std::string id;
    while (std::getline(in, id)) {
      if (!id.empty()) applied_ids_.insert(id);
    }
  }
  applied_file_.open(applied_path, std::ios::app);
  bridge_ = bridge::Bridge::Start(options_, error);
  last_step_ = Clock::now();
  return bridge_ != nullptr;
}

void SimulatedServer::Step(double events_per_second) {
  const Clock::time_point now = Clock::now();
  owed_events_ += std::chrono::duration<double>(now - last_step_).count() * events_per_second;
  last_step_ = now;
  while (owed_events_ >= 1) {
    bridge::Event e = world_.NextEvent();
    e.event_id = ++next_event_id_;
    emitted_at_[e.event_id] = now;
    bridge_->Emit(std::move(e));
    owed_events_ -= 1;
  }
  Poll();
  // Forget emit times no action will name any more (a minute is far past any delivery).
  if (emitted_at_.size() > 200000) {
    for (auto it = emitted_at_.begin(); it != emitted_at_.end();) {
      it = now - it->second > std::chrono::minutes(1) ? emitted_at_.erase(it) : std::next(it);
    }
  }
}

void SimulatedServer::Poll() {
  bridge_->PollActions(static_cast<size_t>(options_.poll_max_actions), [this](const bridge::Action& a) {
    const Clock::time_point now = Clock::now();
    for (uint64_t id : a.cause_event_ids) {
      auto it = emitted_at_.find(id);
      if (it != emitted_at_.end()) {
        stats_.latency_ms.push_back(std::chrono::duration<double, std::milli>(now - it->second).count());
        break;
      }
    }
    if (!applied_ids_.insert(a.action_id).second) ++stats_.applied_twice;
    applied_file_ << a.action_id << '\n';
    applied_file_.flush();
    ++stats_.actions_by_kind[a.kind];
    ++stats_.actions_by_agent[(a.group.empty() ? "?" : a.group) + "/" + (a.agent.empty() ? "?" : a.agent)];
    bridge::ActionResult r = world_.Apply(a);
    if (r.outcome == bridge::Outcome::kDone) {
      ++stats_.actions_applied;
    } else {
      ++stats_.invalid_actions;
      ++stats_.invalid_by_reason[a.group + "/" + a.agent + " " + a.kind + ": " + r.reason];
    }
    return r;
  });
}

void SimulatedServer::Drain(std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    Poll();
    const bridge::Counters c = bridge_->counters();
    if (c.events_acked + c.events_rejected + c.invalid_events >= c.emitted) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Poll();
}

void SimulatedServer::Stop() {
  if (bridge_) {
    stats_.bridge = bridge_->counters();
    stats_.status_json = bridge_->StatusJson();
    bridge_->Stop();
  }
}

ServerStats SimulatedServer::Stats() const {
  ServerStats s = stats_;
  if (bridge_) {
    s.bridge = bridge_->counters();
    s.status_json = bridge_->StatusJson();
  }
  return s;
}

}  // namespace aiworld::sim
