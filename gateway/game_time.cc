#include "gateway/game_time.h"

#include <google/protobuf/duration.pb.h>

#include <string>

#include "runtime/proto_time.h"

namespace aiworld::gateway {
namespace {

bool IsGameSpan(const google::protobuf::FieldDescriptor& f) {
  return f.message_type() == google::protobuf::Duration::descriptor() &&
         (f.name() == "ttl" || f.name() == "duration" || f.name() == "time_limit");
}

// Scales the game-time spans of a message and of the messages inside it.
void ScaleSpans(const MeshAnchor& anchor, google::protobuf::Message& m) {
  const google::protobuf::Reflection* r = m.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const google::protobuf::FieldDescriptor* f : fields) {
    if (f->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE || f->is_map()) continue;
    if (f->is_repeated()) {
      for (int i = 0; i < r->FieldSize(m, f); ++i) ScaleSpans(anchor, *r->MutableRepeatedMessage(&m, f, i));
      continue;
    }
    google::protobuf::Message* inner = r->MutableMessage(&m, f);
    if (IsGameSpan(*f)) {
      auto* d = static_cast<google::protobuf::Duration*>(inner);
      *d = ToProto(RealDuration(anchor, FromProto(*d)));
    } else {
      ScaleSpans(anchor, *inner);
    }
  }
}

}  // namespace

void ToRealTime(const MeshAnchor& anchor, v1::Action& action) {
  if (anchor.game_day_seconds == 86400 && anchor.anchor_mesh == anchor.anchor_real) return;
  if (action.has_not_before()) *action.mutable_not_before() = ToProto(RealTimeAt(anchor, FromProto(action.not_before())));
  if (action.has_expires_at()) *action.mutable_expires_at() = ToProto(RealTimeAt(anchor, FromProto(action.expires_at())));
  const google::protobuf::FieldDescriptor* kind =
      action.GetReflection()->GetOneofFieldDescriptor(action, v1::Action::descriptor()->FindOneofByName("kind"));
  if (kind != nullptr) ScaleSpans(anchor, *action.GetReflection()->MutableMessage(&action, kind));
}

}  // namespace aiworld::gateway
