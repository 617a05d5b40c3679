#include "tests/support/fake_llm_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "runtime/json_escape.h"

namespace aiworld::testing {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

void SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

}  // namespace

FakeReply FakeReply::Json(int status, std::string body) {
  FakeReply r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

FakeReply FakeReply::OpenAiOk(const std::string& text, int prompt_tokens, int completion_tokens,
                              const std::string& model) {
  return Json(200, absl::StrCat(
      R"({"id":"chatcmpl-9x1","object":"chat.completion","created":1717000000,"model":)", JsonQuote(model),
      R"(,"choices":[{"index":0,"message":{"role":"assistant","content":)", JsonQuote(text),
      R"(},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":)", prompt_tokens,
      R"(,"completion_tokens":)", completion_tokens, R"(,"total_tokens":)", prompt_tokens + completion_tokens,
      R"(},"system_fingerprint":"fp_44709d6fcb"})"));
}

FakeReply FakeReply::AnthropicOk(const std::string& text, int input_tokens, int output_tokens,
                                 const std::string& model) {
  return Json(200, absl::StrCat(
      R"({"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":)", JsonQuote(model),
      R"(,"content":[{"type":"text","text":)", JsonQuote(text),
      R"(}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":)", input_tokens,
      R"(,"output_tokens":)", output_tokens, "}}"));
}

FakeReply FakeReply::RateLimited(int retry_after_seconds) {
  FakeReply r = Json(429, R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})");
  r.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
  return r;
}

FakeReply FakeReply::ServerError() {
  return Json(500, R"({"error":{"message":"The server had an error","type":"server_error"}})");
}

FakeReply FakeReply::Hang() {
  FakeReply r;
  r.mode = Mode::kHang;
  return r;
}

FakeReply FakeReply::Truncated(std::string body) {
  FakeReply r = Json(200, std::move(body));
  r.mode = Mode::kTruncated;
  return r;
}

FakeLlmServer::FakeLlmServer() : default_reply_(FakeReply::ServerError()) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("fake llm server: socket failed");
  const int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || ::listen(listen_fd_, 64) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("fake llm server: bind/listen failed");
  }
  socklen_t len = sizeof(addr);
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

FakeLlmServer::~FakeLlmServer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  stopped_cv_.notify_all();
  acceptor_.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    workers.swap(workers_);
  }
  for (std::thread& t : workers) t.join();
  ::close(listen_fd_);
}

std::string FakeLlmServer::base_url() const { return absl::StrCat("http://127.0.0.1:", port_); }

void FakeLlmServer::Enqueue(FakeReply reply) {
  std::lock_guard<std::mutex> lock(mu_);
  queue_.push_back(std::move(reply));
}

void FakeLlmServer::SetDefault(FakeReply reply) {
  std::lock_guard<std::mutex> lock(mu_);
  default_reply_ = std::move(reply);
}

std::vector<RecordedRequest> FakeLlmServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

size_t FakeLlmServer::request_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_.size();
}

FakeReply FakeLlmServer::NextReply() {
  if (queue_.empty()) return default_reply_;
  FakeReply r = std::move(queue_.front());
  queue_.pop_front();
  return r;
}

void FakeLlmServer::AcceptLoop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    timeval tv{5, 0};  // a silent client cannot pin a worker forever
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    std::lock_guard<std::mutex> lock(mu_);
    workers_.emplace_back([this, fd] { Serve(fd); });
  }
}

void FakeLlmServer::Serve(int fd) {
  std::string data;
  char buf[4096];
  size_t header_end = std::string::npos;
  while ((header_end = data.find("\r\n\r\n")) == std::string::npos && data.size() < (1 << 20)) {
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) {
      ::close(fd);
      return;
    }
    data.append(buf, static_cast<size_t>(n));
  }
  if (header_end == std::string::npos) {
    ::close(fd);
    return;
  }
  RecordedRequest req;
  const std::string head = data.substr(0, header_end);
  size_t line_end = head.find("\r\n");
  const std::string request_line = head.substr(0, line_end);
  const size_t sp1 = request_line.find(' ');
  const size_t sp2 = request_line.find(' ', sp1 + 1);
  req.method = request_line.substr(0, sp1);
  req.path = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    size_t next = head.find("\r\n", pos);
    if (next == std::string::npos) next = head.size();
    const std::string line = head.substr(pos, next - pos);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) req.headers[Lower(Trim(line.substr(0, colon)))] = Trim(line.substr(colon + 1));
    pos = next + 2;
  }
  if (Lower(req.headers["expect"]) == "100-continue") SendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n");
  const size_t length = req.headers.count("content-length") ? std::strtoul(req.headers["content-length"].c_str(), nullptr, 10) : 0;
  req.body = data.substr(header_end + 4);
  while (req.body.size() < length) {
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    req.body.append(buf, static_cast<size_t>(n));
  }
  if (req.headers.count("expect") && req.headers["expect"].empty()) req.headers.erase("expect");

  FakeReply reply;
  {
    std::unique_lock<std::mutex> lock(mu_);
    requests_.push_back(req);
    reply = NextReply();
    if (reply.mode == FakeReply::Mode::kHang) {
      stopped_cv_.wait(lock, [this] { return stopping_.load(); });
      ::close(fd);
      return;
    }
  }
  const size_t announced = reply.body.size() + (reply.mode == FakeReply::Mode::kTruncated ? 100 : 0);
  std::string out = absl::StrCat("HTTP/1.1 ", reply.status, " ", Reason(reply.status), "\r\n");
  for (const auto& [name, value] : reply.headers) absl::StrAppend(&out, name, ": ", value, "\r\n");
  absl::StrAppend(&out, "Content-Length: ", announced, "\r\nConnection: close\r\n\r\n", reply.body);
  SendAll(fd, out);
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
}

}  // namespace aiworld::testing
