#include "bridge-client/src/proto_mapping.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <charconv>

namespace aiworld::bridge {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

bool IsIndex(const std::string& s, int* index) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *index);
  return ec == std::errc() && ptr == s.data() + s.size() && *index >= 0;
}

bool SetScalar(Message* m, const FieldDescriptor* f, const Event::Value& v, bool repeated, std::string* error) {
  const Reflection* r = m->GetReflection();
  const auto* i = std::get_if<int64_t>(&v);
  const auto* d = std::get_if<double>(&v);
  const auto* b = std::get_if<bool>(&v);
  const auto* s = std::get_if<std::string>(&v);
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      if (!i) break;
      repeated ? r->AddInt32(m, f, static_cast<int32_t>(*i)) : r->SetInt32(m, f, static_cast<int32_t>(*i));
      return true;
    case FieldDescriptor::CPPTYPE_INT64:
      if (!i) break;
      repeated ? r->AddInt64(m, f, *i) : r->SetInt64(m, f, *i);
      return true;
    case FieldDescriptor::CPPTYPE_UINT32:
      if (!i || *i < 0) break;
      repeated ? r->AddUInt32(m, f, static_cast<uint32_t>(*i)) : r->SetUInt32(m, f, static_cast<uint32_t>(*i));
      return true;
    case FieldDescriptor::CPPTYPE_UINT64:
      if (!i || *i < 0) break;
      repeated ? r->AddUInt64(m, f, static_cast<uint64_t>(*i)) : r->SetUInt64(m, f, static_cast<uint64_t>(*i));
      return true;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      if (!d && !i) break;
      repeated ? r->AddDouble(m, f, d ? *d : static_cast<double>(*i)) : r->SetDouble(m, f, d ? *d : static_cast<double>(*i));
      return true;
    case FieldDescriptor::CPPTYPE_FLOAT:
      if (!d && !i) break;
      repeated ? r->AddFloat(m, f, static_cast<float>(d ? *d : *i)) : r->SetFloat(m, f, static_cast<float>(d ? *d : *i));
      return true;
    case FieldDescriptor::CPPTYPE_BOOL:
      if (!b) break;
      repeated ? r->AddBool(m, f, *b) : r->SetBool(m, f, *b);
      return true;
    case FieldDescriptor::CPPTYPE_STRING:
      if (!s) break;
      repeated ? r->AddString(m, f, *s) : r->SetString(m, f, *s);
      return true;
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* value = s ? f->enum_type()->FindValueByName(*s) : (i ? f->enum_type()->FindValueByNumber(static_cast<int>(*i)) : nullptr);
      if (value == nullptr) {
        *error = f->full_name() + ": no such enum value";
        return false;
      }
      repeated ? r->AddEnum(m, f, value) : r->SetEnum(m, f, value);
      return true;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      // google.protobuf.Duration / Timestamp from a number of milliseconds.
      const std::string& type = f->message_type()->full_name();
      if ((type == "google.protobuf.Duration" || type == "google.protobuf.Timestamp") && i) {
        Message* sub = repeated ? r->AddMessage(m, f) : r->MutableMessage(m, f);
        const Reflection* sr = sub->GetReflection();
        sr->SetInt64(sub, sub->GetDescriptor()->FindFieldByName("seconds"), *i / 1000);
        sr->SetInt32(sub, sub->GetDescriptor()->FindFieldByName("nanos"), static_cast<int32_t>((*i % 1000) * 1000000));
        return true;
      }
      break;
    }
  }
  *error = f->full_name() + ": value of the wrong type";
  return false;
}

bool SetPath(Message* root, const std::string& path, const Event::Value& value, std::string* error) {
  const std::vector<std::string> parts = Split(path);
  Message* m = root;
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* f = m->GetDescriptor()->FindFieldByName(parts[i]);
    if (f == nullptr) {
      *error = path + ": " + m->GetDescriptor()->full_name() + " has no field " + parts[i];
      return false;
    }
    const Reflection* r = m->GetReflection();
    const bool last = i + 1 == parts.size();
    if (f->is_repeated()) {
      int index = -1;
      if (!last && IsIndex(parts[i + 1], &index) && f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        const int size = r->FieldSize(*m, f);
        if (index > size) {
          *error = path + ": index " + parts[i + 1] + " skips entries (size " + std::to_string(size) + ")";
          return false;
        }
        m = index == size ? r->AddMessage(m, f) : r->MutableRepeatedMessage(m, f, index);
        ++i;  // the index part is consumed
        if (i + 1 == parts.size()) {
          *error = path + ": names a message, not a field";
          return false;
        }
        continue;
      }
      if (last) return SetScalar(m, f, value, true, error);  // "ids": appends
      // "ids.N" of repeated scalars: N == size appends, as for messages; earlier entries are kept.
      if (i + 2 == parts.size() && IsIndex(parts[i + 1], &index)) {
        const int size = r->FieldSize(*m, f);
        if (index == size) return SetScalar(m, f, value, true, error);
        *error = path + ": index " + parts[i + 1] + (index < size ? " is already set" : " skips entries") + " (size " +
                 std::to_string(size) + ")";
        return false;
      }
      *error = path + ": " + parts[i] + " is repeated; give an index";
      return false;
    }
    if (last) return SetScalar(m, f, value, false, error);
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      *error = path + ": " + parts[i] + " is not a message";
      return false;
    }
    m = r->MutableMessage(m, f);
  }
  return true;
}

void Flatten(const Message& m, const std::string& prefix, std::map<std::string, std::string>* out) {
  const Reflection* r = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    const std::string name = prefix + f->name();
    const std::string type = f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE ? f->message_type()->full_name() : "";
    auto scalar = [&](int index) -> std::string {
      const bool rep = index >= 0;
      switch (f->cpp_type()) {
        case FieldDescriptor::CPPTYPE_INT32: return std::to_string(rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
        case FieldDescriptor::CPPTYPE_INT64: return std::to_string(rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f));
        case FieldDescriptor::CPPTYPE_UINT32: return std::to_string(rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
        case FieldDescriptor::CPPTYPE_UINT64: return std::to_string(rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
        case FieldDescriptor::CPPTYPE_DOUBLE: return std::to_string(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f));
        case FieldDescriptor::CPPTYPE_FLOAT: return std::to_string(rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f));
        case FieldDescriptor::CPPTYPE_BOOL: return (rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? "true" : "false";
        case FieldDescriptor::CPPTYPE_STRING: return rep ? r->GetRepeatedString(m, f, index) : r->GetString(m, f);
        case FieldDescriptor::CPPTYPE_ENUM: return (rep ? r->GetRepeatedEnum(m, f, index) : r->GetEnum(m, f))->name();
        default: return "";
      }
    };
    if (f->is_map()) {
      for (int i = 0; i < r->FieldSize(m, f); ++i) {
        const Message& entry = r->GetRepeatedMessage(m, f, i);
        const Reflection* er = entry.GetReflection();
        const auto* kd = entry.GetDescriptor()->FindFieldByName("key");
        const auto* vd = entry.GetDescriptor()->FindFieldByName("value");
        (*out)[name + "." + er->GetString(entry, kd)] = er->GetString(entry, vd);
      }
    } else if (type == "google.protobuf.Duration") {
      const Message& d = r->GetMessage(m, f);
      const Reflection* dr = d.GetReflection();
      (*out)[name] = std::to_string(dr->GetInt64(d, d.GetDescriptor()->FindFieldByName("seconds")));
    } else if (f->is_repeated()) {
      for (int i = 0; i < r->FieldSize(m, f); ++i) {
        if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
          Flatten(r->GetRepeatedMessage(m, f, i), name + "." + std::to_string(i) + ".", out);
        } else {
          (*out)[name + "." + std::to_string(i)] = scalar(i);
        }
      }
    } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      Flatten(r->GetMessage(m, f), name + ".", out);
    } else {
      (*out)[name] = scalar(-1);
    }
  }
}

}  // namespace

bool ToGameEvent(const Event& event, int64_t now_unix_ms, uint64_t event_id, v1::GameEvent* out, std::string* error) {
  const Descriptor* d = v1::GameEvent::descriptor();
  const FieldDescriptor* payload = d->FindFieldByName(event.kind());
  if (payload == nullptr || payload->containing_oneof() == nullptr) {
    *error = "unknown event kind \"" + event.kind() + "\"";
    return false;
  }
  out->set_event_id(event.event_id != 0 ? event.event_id : event_id);
  const int64_t at = event.occurred_at_unix_ms != 0 ? event.occurred_at_unix_ms : now_unix_ms;
  out->mutable_occurred_at()->set_seconds(at / 1000);
  out->mutable_occurred_at()->set_nanos(static_cast<int32_t>((at % 1000) * 1000000));
  out->set_char_id(event.char_id);
  out->set_account_id(event.account_id);
  out->set_map(event.map);
  out->set_x(event.x);
  out->set_y(event.y);
  out->set_char_name(event.char_name);
  out->set_base_level(event.base_level);
  out->set_job_level(event.job_level);
  out->set_job_id(event.job_id);
  out->set_party_id(event.party_id);
  out->set_guild_id(event.guild_id);
  out->set_priority(static_cast<v1::Priority>(event.priority));
  Message* body = out->GetReflection()->MutableMessage(out, payload);  // sets the oneof even with no fields
  for (const Event::Field& f : event.fields()) {
    if (!SetPath(body, f.path, f.value, error)) return false;
  }
  return true;
}

Action FromAction(const v1::Action& a) {
  Action out;
  out.action_id = a.action_id();
  out.attempt = a.attempt();
  out.target_char_id = a.target().char_id();
  out.target_map = a.target().map();
  out.agent = a.origin().agent();
  out.group = v1::AgentGroupKind_Name(a.origin().group());
  for (const v1::EventRef& ref : a.cause().events()) out.cause_event_ids.push_back(ref.event_id());
  const FieldDescriptor* kind = a.GetReflection()->GetOneofFieldDescriptor(a, v1::Action::descriptor()->FindOneofByName("kind"));
  if (kind != nullptr) {
    out.kind = kind->name();
    Flatten(a.GetReflection()->GetMessage(a, kind), "", &out.fields);
  }
  return out;
}

}  // namespace aiworld::bridge
