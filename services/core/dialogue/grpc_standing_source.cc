#include "services/core/dialogue/grpc_standing_source.h"

#include <chrono>

namespace aiworld::core {

GrpcStandingSource::GrpcStandingSource(const std::shared_ptr<grpc::Channel>& channel, absl::Duration deadline)
    : stub_(v1::Progression::NewStub(channel)), deadline_(deadline) {}

Standing GrpcStandingSource::Lookup(const std::string& server_id, uint32_t char_id) {
  grpc::ClientContext context;
  // An RPC deadline, not game time: the wall clock is right here.
  context.set_deadline(std::chrono::system_clock::now() + absl::ToChronoMicroseconds(deadline_));
  v1::GetPlayerStandingRequest request;
  request.set_server_id(server_id);
  request.set_char_id(char_id);
  v1::GetPlayerStandingResponse response;
  if (!stub_->GetPlayerStanding(&context, request, &response).ok()) return {};
  return StandingFrom(response.standing());
}

}  // namespace aiworld::core
