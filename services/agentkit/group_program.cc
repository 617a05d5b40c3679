#include "services/agentkit/group_program.h"

#include <unistd.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/agentkit/agent_group_service.h"

namespace aiworld {

int RunGroupProgram(const GroupProgram& program, const GroupFactory& make_group, int argc, char** argv) {
  using T = FlagSpec::Type;
  ServerProgram server{
      .info = {absl::StrCat("aiworld-", program.group), program.summary, ""},
      .component = program.group,
      .default_grpc_port = program.default_grpc_port,
      .default_metrics_port = program.default_metrics_port,
      .extra_flags =
          {{"llm-providers", "AIWORLD_LLM_PROVIDERS", "",
            "LLM providers in failover order, e.g. kind=openai,name=deepseek,url=https://api.deepseek.com/v1,"
            "model=deepseek-chat,key=env:DEEPSEEK_API_KEY;kind=anthropic,... (empty: templates only)"},
           {"llm-mode", "AIWORLD_LLM_MODE", "balanced", "decision engine mode: aggressive, balanced, quality"},
           {"llm-daily-budget-usd", "AIWORLD_LLM_DAILY_BUDGET_USD", "0", "daily LLM budget of this group, all providers (0: none)", T::kString},
           {"llm-monthly-budget-usd", "AIWORLD_LLM_MONTHLY_BUDGET_USD", "0", "monthly LLM budget (0: none)", T::kString}},
  };
  server.extra_flags.insert(server.extra_flags.end(), program.extra_flags.begin(), program.extra_flags.end());
  return RunServerProgram(server, argc, argv, [&](ServerEnvironment& env) -> absl::StatusOr<ServerParts> {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    double daily = 0, monthly = 0;
    if (!absl::SimpleAtod(env.config.Get("llm-daily-budget-usd"), &daily) || daily < 0) {
      return absl::InvalidArgumentError("--llm-daily-budget-usd: not a number of dollars >= 0");
    }
    if (!absl::SimpleAtod(env.config.Get("llm-monthly-budget-usd"), &monthly) || monthly < 0) {
      return absl::InvalidArgumentError("--llm-monthly-budget-usd: not a number of dollars >= 0");
    }
    agentkit::AgentToolsOptions tool_options;
    tool_options.group = program.group;
    tool_options.providers = env.config.Get("llm-providers");
    tool_options.mode = env.config.Get("llm-mode");
    tool_options.daily_budget_usd = daily;
    tool_options.monthly_budget_usd = monthly;
    absl::StatusOr<std::unique_ptr<agentkit::AgentTools>> made =
        agentkit::AgentTools::Create(tool_options, env.database, env.clock, env.metrics);
    if (!made.ok()) return made.status();
    std::shared_ptr<agentkit::AgentTools> tools = *std::move(made);
    absl::StatusOr<GroupParts> group = make_group(env, tools);
    if (!group.ok()) return group.status();
    auto service = std::make_shared<agentkit::AgentGroupService>(agentkit::GroupIdentity{program.group, program.kind, host},
                                                                 group->agents, env.database, env.clock, env.metrics, tools);
    service->SetWorldSource(group->world);
    ServerParts parts;
    parts.services = {{service, v1::AgentGroup::service_full_name()},
                      {group->query_service, group->query_service_name}};
    parts.background = group->background;
    parts.background.push_back(tools->background());
    return parts;
  });
}

}  // namespace aiworld
