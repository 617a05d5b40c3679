#pragma once
// StandingSource over aiworld.v1.Progression/GetPlayerStanding. Each lookup has a short deadline
// (default 50 ms, so a reply on templates stays well inside its budget) and degrades to "unknown" on
// any error: deadline, unavailable, bad answer.
#include <memory>

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "aiworld/v1/progression.grpc.pb.h"
#include "services/core/dialogue/standing_source.h"

namespace aiworld::core {

class GrpcStandingSource final : public StandingSource {
 public:
  explicit GrpcStandingSource(const std::shared_ptr<grpc::Channel>& channel, absl::Duration deadline = absl::Milliseconds(50));
  Standing Lookup(const std::string& server_id, uint32_t char_id) override;

 private:
  std::unique_ptr<v1::Progression::Stub> stub_;
  const absl::Duration deadline_;
};

}  // namespace aiworld::core
