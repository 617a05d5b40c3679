#include "services/core/dialogue/talk.h"

#include "runtime/proto_time.h"
#include "services/core/dialogue/dialogue_reply.h"
#include "services/core/memory/npc_key.h"

namespace aiworld::core {

absl::Status ValidateTalkRequest(const v1::TalkRequest& r) {
  if (r.server_id().empty() || r.server_id().size() > 32) return absl::InvalidArgumentError("server_id: must be 1..32 bytes");
  if (absl::Status s = ValidateNpcRef(r.npc(), "npc"); !s.ok()) return s;
  if (r.npc_name().size() > 50) return absl::InvalidArgumentError("npc_name: must be 0..50 bytes");
  if (r.char_id() < 150000) return absl::InvalidArgumentError("char_id: must be >= 150000");
  if (r.char_name().empty() || r.char_name().size() > 23) return absl::InvalidArgumentError("char_name: must be 1..23 bytes");
  if (r.text().empty() || r.text().size() > 255) return absl::InvalidArgumentError("text: must be 1..255 bytes");
  if (r.map().size() > 11) return absl::InvalidArgumentError("map: must be 0..11 bytes");
  if (r.base_level() > 999) return absl::InvalidArgumentError("base_level: must be 0..999");
  if (r.job_id() > 65535) return absl::InvalidArgumentError("job_id: must be 0..65535");
  return absl::OkStatus();
}

absl::StatusOr<v1::TalkResponse> Talk(const agentkit::AgentContext& ctx, StandingSource& standing, const v1::TalkRequest& request) {
  if (absl::Status s = ValidateTalkRequest(request); !s.ok()) return s;
  DialogueLine line;
  line.server_id = request.server_id();
  line.npc = request.npc();
  line.npc_name = request.npc_name();
  line.char_id = request.char_id();
  line.char_name = request.char_name();
  line.text = request.text();
  line.map = request.map();
  line.base_level = request.base_level();
  line.job_id = request.job_id();
  line.at = request.has_now() ? FromProto(request.now()) : ctx.now;
  absl::StatusOr<DialogueReply> reply = Converse(ctx, standing.Lookup(request.server_id(), request.char_id()), line);
  if (!reply.ok()) return reply.status();

  v1::TalkResponse response;
  response.set_reply(reply->text);
  if (reply->emotion.has_value()) response.set_emotion(*reply->emotion);
  response.set_mood(reply->mood);
  response.set_tier(reply->decision.tier);
  for (const std::string& a : reply->suggested_actions) response.add_suggested_actions(a);
  response.set_filtered(reply->filtered);
  *response.mutable_latency() = ToProto(reply->decision.latency);
  return response;
}

}  // namespace aiworld::core
