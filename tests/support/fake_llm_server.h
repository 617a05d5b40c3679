#pragma once
// A tiny threaded HTTP/1.1 server on 127.0.0.1 (port 0) for provider tests. It records every
// request and answers each from a script: queued replies first, then the default reply.
// One request per connection ("Connection: close").
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace aiworld::testing {

struct RecordedRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct FakeReply {
  enum class Mode {
    kNormal,     // status, headers, body, exact Content-Length
    kHang,       // reads the request, then sends nothing until the server stops
    kTruncated,  // announces Content-Length = body + 100, sends body, closes
  };
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  Mode mode = Mode::kNormal;

  static FakeReply Json(int status, std::string body);
  // Real wire formats of a successful completion.
  static FakeReply OpenAiOk(const std::string& text, int prompt_tokens, int completion_tokens,
                            const std::string& model = "gpt-4o-mini");
  static FakeReply AnthropicOk(const std::string& text, int input_tokens, int output_tokens,
                               const std::string& model = "claude-3-haiku-20240307");
  static FakeReply RateLimited(int retry_after_seconds);  // 429 with Retry-After
  static FakeReply ServerError();                         // 500
  static FakeReply Hang();
  static FakeReply Truncated(std::string body);
};

class FakeLlmServer {
 public:
  FakeLlmServer();  // listening when constructed
  ~FakeLlmServer();
  FakeLlmServer(const FakeLlmServer&) = delete;
  FakeLlmServer& operator=(const FakeLlmServer&) = delete;

  int port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:PORT"

  void Enqueue(FakeReply reply);
  void SetDefault(FakeReply reply);

  std::vector<RecordedRequest> requests() const;
  size_t request_count() const;

 private:
  void AcceptLoop();
  void Serve(int fd);
  FakeReply NextReply();

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;

  mutable std::mutex mu_;
  std::condition_variable stopped_cv_;
  std::deque<FakeReply> queue_;
  FakeReply default_reply_;
  std::vector<RecordedRequest> requests_;
  std::vector<std::thread> workers_;
};

}  // namespace aiworld::testing
