#include "gateway/group_directory.h"

#include "runtime/log.h"

namespace aiworld::gateway {

std::shared_ptr<grpc::Channel> RoundRobinChannel(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetLoadBalancingPolicyName("round_robin");
  args.SetMaxReceiveMessageSize(8 * 1024 * 1024);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

GroupDirectory::GroupDirectory(std::vector<GroupEndpoint> endpoints, absl::Duration describe_deadline)
    : describe_deadline_(describe_deadline) {
  absl::MutexLock lock(&mu_);
  for (GroupEndpoint& e : endpoints) {
    Entry entry;
    entry.address = e.address;
    entry.channel = RoundRobinChannel(e.address);
    entry.stub = v1::AgentGroup::NewStub(entry.channel);
    entries_.emplace(e.group, std::move(entry));
  }
}

GroupDirectory::~GroupDirectory() { Stop(); }

std::vector<std::string> GroupDirectory::groups() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> names;
  for (const auto& [name, entry] : entries_) names.push_back(name);
  return names;
}

v1::AgentGroup::StubInterface& GroupDirectory::Stub(const std::string& group) {
  absl::MutexLock lock(&mu_);
  return *entries_.at(group).stub;  // stubs live as long as the directory; calls on them are thread-safe
}

std::shared_ptr<grpc::Channel> GroupDirectory::Channel(const std::string& group) const {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(group);
  return it == entries_.end() ? nullptr : it->second.channel;
}

std::optional<std::pair<std::string, v1::JobSpec>> GroupDirectory::JobOwner(const std::string& job) const {
  absl::MutexLock lock(&mu_);
  for (const auto& [group, entry] : entries_) {
    if (!entry.description.has_value()) continue;
    for (const v1::AgentDescriptor& agent : entry.description->agents()) {
      for (const v1::JobSpec& spec : agent.jobs()) {
        if (spec.name() == job) return std::make_pair(group, spec);
      }
    }
  }
  return std::nullopt;
}

std::optional<std::set<int>> GroupDirectory::Subscriptions(const std::string& group) const {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(group);
  if (it == entries_.end() || !it->second.description.has_value()) return std::nullopt;
  std::set<int> kinds;
  for (const auto& agent : it->second.description->agents()) {
    if (!agent.enabled()) continue;
    for (int kind : agent.subscribed_events()) kinds.insert(kind);
  }
  return kinds;
}

std::optional<v1::DescribeResponse> GroupDirectory::LastDescription(const std::string& group, std::string* error) const {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(group);
  if (it == entries_.end()) return std::nullopt;
  if (error != nullptr) *error = it->second.last_error;
  return it->second.description;
}

void GroupDirectory::Refresh(const std::string& group) {
  v1::AgentGroup::StubInterface& stub = Stub(group);
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + describe_deadline_));
  v1::DescribeResponse response;
  const grpc::Status s = stub.Describe(&ctx, v1::DescribeRequest(), &response);
  absl::MutexLock lock(&mu_);
  Entry& entry = entries_.at(group);
  if (s.ok()) {
    if (!entry.description.has_value()) {
      log::Info("group described", {{"group", group}, {"agents", response.agents_size()}, {"version", response.version()}});
    }
    entry.description = std::move(response);
    entry.last_error.clear();
  } else {
    if (entry.last_error.empty()) {
      log::Warn("group not reachable", {{"group", group}, {"address", entry.address}, {"error", s.error_message()}});
    }
    entry.last_error = s.error_message().empty() ? "unavailable" : s.error_message();
  }
}

void GroupDirectory::RefreshAll() {
  for (const std::string& g : groups()) Refresh(g);
}

void GroupDirectory::StartRefreshing(absl::Duration interval) {
  refresher_ = std::thread([this, interval] {
    RefreshAll();
    while (!stop_.WaitForNotificationWithTimeout(interval)) RefreshAll();
  });
}

void GroupDirectory::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (refresher_.joinable()) refresher_.join();
}

}  // namespace aiworld::gateway
