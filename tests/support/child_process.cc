#include "tests/support/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

extern char** environ;

namespace aiworld::testing {

ChildProcess::ChildProcess(std::string program, std::vector<std::string> args, std::map<std::string, std::string> env) {
  char tmpl[] = "/tmp/aiworld-test-output-XXXXXX";
  int fd = mkstemp(tmpl);
  output_path_ = tmpl;
  std::vector<std::string> envs;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv = *e;
    std::string key = kv.substr(0, kv.find('='));
    if (!env.contains(key)) envs.push_back(kv);
  }
  for (const auto& [k, v] : env) envs.push_back(k + "=" + v);
  std::vector<char*> argv;
  argv.push_back(program.data());
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (std::string& e : envs) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_ = fork();
  if (pid_ == 0) {
    // Child: its own process group so a stray grandchild is not left behind; default signal mask.
    setpgid(0, 0);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, STDIN_FILENO);
    execve(program.c_str(), argv.data(), envp.data());
    dprintf(STDERR_FILENO, "exec %s failed\n", program.c_str());
    _exit(127);
  }
  close(fd);
}

ChildProcess::~ChildProcess() {
  if (running()) {
    kill(pid_, SIGKILL);
    WaitExit(absl::Seconds(10));
  }
  unlink(output_path_.c_str());
}

std::string ChildProcess::Output() const {
  std::ifstream in(output_path_);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool ChildProcess::running() {
  if (exit_code_.has_value() || pid_ <= 0) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
  }
  return true;
}

bool ChildProcess::WaitForOutput(const std::string& text, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (Output().find(text) != std::string::npos) return true;
    if (!running()) return Output().find(text) != std::string::npos;
    absl::SleepFor(absl::Milliseconds(50));
  }
  return false;
}

void ChildProcess::Signal(int sig) {
  if (running()) kill(pid_, sig);
}

std::optional<int> ChildProcess::WaitExit(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (running()) {
    if (absl::Now() >= deadline) return std::nullopt;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return exit_code_;
}

RunResult Run(const std::string& program, const std::vector<std::string>& args,
              const std::map<std::string, std::string>& env, absl::Duration timeout) {
  ChildProcess p(program, args, env);
  RunResult r;
  std::optional<int> code = p.WaitExit(timeout);
  r.exit_code = code.value_or(-1);
  r.output = p.Output();
  return r;
}

std::string BinaryPath(const std::string& name) { return absl::StrCat(AIWORLD_BIN_DIR, "/", name); }

std::string BufPath() {
  if (const char* p = std::getenv("AIWORLD_BUF"); p != nullptr && *p != '\0') return p;
  return AIWORLD_DEFAULT_BUF;
}

std::optional<int> LogIntField(const std::string& output, const std::string& message, const std::string& field) {
  std::istringstream lines(output);
  std::string line;
  const std::regex re(absl::StrCat("\"", field, "\":([0-9]+)"));
  while (std::getline(lines, line)) {
    if (line.find(absl::StrCat("\"msg\":\"", message, "\"")) == std::string::npos) continue;
    std::smatch m;
    if (std::regex_search(line, m, re)) return std::stoi(m[1].str());
  }
  return std::nullopt;
}

}  // namespace aiworld::testing
