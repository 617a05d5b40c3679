#include "aiworld/rathena/runtime.h"

#include <chrono>

namespace aiworld::rathena {
namespace {

int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

class Runtime::Sink : public EventSink {
 public:
  explicit Sink(bridge::Bridge& bridge) : bridge_(bridge) {}
  bool Emit(bridge::Event event) override { return bridge_.Emit(std::move(event)); }

 private:
  bridge::Bridge& bridge_;
};

std::unique_ptr<Runtime> Runtime::Start(const RuntimeConfig& config, Game& game, std::string* error) {
  std::unique_ptr<Runtime> runtime(new Runtime());
  runtime->bridge_ = bridge::Bridge::Start(config.bridge, error);
  if (runtime->bridge_ == nullptr) return nullptr;
  runtime->sink_ = std::make_unique<Sink>(*runtime->bridge_);
  runtime->facade_ = std::make_unique<Facade>(*runtime->sink_, runtime->units_, WallClockMs, config.facade);
  runtime->executor_ = std::make_unique<ActionExecutor>(game, runtime->units_, WallClockMs, config.allow);
  bridge::Bridge* bridge = runtime->bridge_.get();
  runtime->pump_ = std::make_unique<ActionPump>(
      [bridge](size_t max, const std::function<bridge::ActionResult(const bridge::Action&)>& handler) {
        return bridge->PollActions(max, handler);
      },
      *runtime->executor_, static_cast<size_t>(config.bridge.poll_max_actions));
  runtime->poll_interval_ms_ = config.bridge.poll_interval_ms;
  return runtime;
}

Runtime::~Runtime() { Stop(); }

std::string Runtime::ConnectionState() const { return bridge_ == nullptr ? "off" : bridge_->ConnectionState(); }

std::string Runtime::StatusJson() const { return bridge_ == nullptr ? "{}" : bridge_->StatusJson(); }

void Runtime::Stop() {
  if (bridge_ != nullptr) bridge_->Stop();
}

}  // namespace aiworld::rathena
