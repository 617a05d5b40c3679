#pragma once
// aiworld.v1.Core: the core group's queries, each over the agents' state in one transaction. Talk,
// RecordChoice and GenerateStoryArc write (memories, rate limits, choices, arcs) and decide like
// the agents do, through the group's decision engine and content filter.
#include <memory>

#include "aiworld/v1/core.grpc.pb.h"
#include "runtime/clock.h"
#include "runtime/pg_pool.h"
#include "services/agentkit/agent_tools.h"
#include "services/core/dialogue/standing_source.h"
#include "services/core/storyline/storyline.h"

namespace aiworld::core {

class CoreService final : public v1::Core::Service {
 public:
  CoreService(PgPool& db, const Clock& clock, std::shared_ptr<agentkit::AgentTools> tools,
              std::shared_ptr<StandingSource> standing, const Storyline& storyline);

  grpc::Status Talk(grpc::ServerContext*, const v1::TalkRequest*, v1::TalkResponse*) override;
  grpc::Status GetMemories(grpc::ServerContext*, const v1::GetMemoriesRequest*, v1::GetMemoriesResponse*) override;
  grpc::Status ListQuests(grpc::ServerContext*, const v1::ListQuestsRequest*, v1::ListQuestsResponse*) override;
  grpc::Status GetQuest(grpc::ServerContext*, const v1::GetQuestRequest*, v1::GetQuestResponse*) override;
  grpc::Status GetStoryArc(grpc::ServerContext*, const v1::GetStoryArcRequest*, v1::GetStoryArcResponse*) override;
  grpc::Status ListStoryArcs(grpc::ServerContext*, const v1::ListStoryArcsRequest*, v1::ListStoryArcsResponse*) override;
  grpc::Status GenerateStoryArc(grpc::ServerContext*, const v1::GenerateStoryArcRequest*,
                                v1::GenerateStoryArcResponse*) override;
  grpc::Status RecordChoice(grpc::ServerContext*, const v1::RecordChoiceRequest*, v1::RecordChoiceResponse*) override;
  grpc::Status GetWorldSnapshot(grpc::ServerContext*, const v1::GetWorldSnapshotRequest*,
                                v1::GetWorldSnapshotResponse*) override;

 private:
  PgPool& db_;
  const Clock& clock_;
  const std::shared_ptr<agentkit::AgentTools> tools_;
  const std::shared_ptr<StandingSource> standing_;
  const Storyline& storyline_;
};

}  // namespace aiworld::core
