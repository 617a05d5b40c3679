#pragma once
// The agent groups as the gateway sees them: one channel per group (round_robin over every
// address a name resolves to, so a group scales by replicas) and what each group subscribes to,
// learned from AgentGroup.Describe and refreshed on an interval.
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "aiworld/v1/agent_group.grpc.pb.h"

namespace aiworld::gateway {

struct GroupEndpoint {
  std::string group;    // "core", ...
  std::string address;  // host:port, ipv4:a:1,b:2, dns:///name:port
};

class GroupDirectory {
 public:
  GroupDirectory(std::vector<GroupEndpoint> endpoints, absl::Duration describe_deadline);
  ~GroupDirectory();

  std::vector<std::string> groups() const;
  v1::AgentGroup::StubInterface& Stub(const std::string& group);
  // Event kinds the group's enabled agents subscribe to; nullopt until a Describe succeeded.
  std::optional<std::set<int>> Subscriptions(const std::string& group) const;
  // The channel to a group, for its query service (e.g. Core.GetWorldSnapshot); null if unknown.
  std::shared_ptr<grpc::Channel> Channel(const std::string& group) const;
  // The group one of whose agents declares the job (by the last Describe answers), and its spec.
  std::optional<std::pair<std::string, v1::JobSpec>> JobOwner(const std::string& job) const;
  // Last Describe answer (or nullopt) and its error, for Admin.
  std::optional<v1::DescribeResponse> LastDescription(const std::string& group, std::string* error) const;

  // Describes every group once, now.
  void RefreshAll();
  void StartRefreshing(absl::Duration interval);
  void Stop();

 private:
  struct Entry {
    std::string address;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<v1::AgentGroup::Stub> stub;
    std::optional<v1::DescribeResponse> description;
    std::string last_error;
  };
  void Refresh(const std::string& group);

  const absl::Duration describe_deadline_;
  mutable absl::Mutex mu_;
  std::map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  absl::Notification stop_;
  std::thread refresher_;
};

// A channel to an address with round_robin balancing over all the addresses it names.
std::shared_ptr<grpc::Channel> RoundRobinChannel(const std::string& address);

}  // namespace aiworld::gateway
