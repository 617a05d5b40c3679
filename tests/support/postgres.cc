#include "tests/support/postgres.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <pqxx/pqxx>
#include <random>

#include "absl/strings/str_cat.h"

namespace aiworld::testing {
namespace {

std::string ReplaceDatabase(const std::string& url, const std::string& dbname) {
  // postgresql://user@host:port/dbname[?params]
  const size_t scheme = url.find("://");
  const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const size_t query = url.find('?');
  std::string out = slash == std::string::npos ? url + "/" : url.substr(0, slash + 1);
  out += dbname;
  if (query != std::string::npos) out += url.substr(query);
  return out;
}

std::string RunAs() { return geteuid() == 0 ? "runuser -u postgres -- " : ""; }

void Shell(const std::string& cmd) {
  const int rc = std::system(cmd.c_str());
  INFO("command: " << cmd);
  REQUIRE(rc == 0);
}

}  // namespace

std::string TestServerUrl() {
  const char* url = std::getenv("AIWORLD_TEST_DATABASE_URL");
  if (url == nullptr || *url == '\0') {
    FAIL("AIWORLD_TEST_DATABASE_URL is not set: run the suite with ./aiworld test, which starts a private PostgreSQL");
  }
  return url;
}

TestDatabase::TestDatabase() : admin_url_(TestServerUrl()) {
  std::random_device rd;
  name_ = absl::StrCat("aiworld_test_", rd() % 100000000);
  pqxx::connection c(admin_url_);
  pqxx::nontransaction(c).exec(absl::StrCat("CREATE DATABASE ", name_));
  url_ = ReplaceDatabase(admin_url_, name_);
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection c(admin_url_);
    pqxx::nontransaction(c).exec(absl::StrCat("DROP DATABASE IF EXISTS ", name_, " WITH (FORCE)"));
  } catch (const std::exception&) {
  }
}

int64_t QueryCount(const std::string& url, const std::string& sql) {
  pqxx::connection c(url);
  return pqxx::nontransaction(c).exec1(sql)[0].as<int64_t>();
}

int FreeTcpPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

PgCluster::PgCluster() {
  char tmpl[] = "/tmp/aiworld-pgcluster-XXXXXX";
  dir_ = mkdtemp(tmpl);
  port_ = FreeTcpPort();
  if (geteuid() == 0) Shell(absl::StrCat("chown postgres: ", dir_));
  Shell(absl::StrCat(RunAs(), "/usr/lib/postgresql/15/bin/initdb -D ", dir_,
                     "/data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >", dir_, "/initdb.log 2>&1"));
  Start();
}

PgCluster::~PgCluster() {
  std::system(absl::StrCat(RunAs(), "/usr/lib/postgresql/15/bin/pg_ctl -D ", dir_, "/data -m immediate -w stop >/dev/null 2>&1").c_str());
  std::system(absl::StrCat("rm -rf ", dir_).c_str());
}

void PgCluster::PgCtl(const std::string& args) {
  Shell(absl::StrCat(RunAs(), "/usr/lib/postgresql/15/bin/pg_ctl -D ", dir_, "/data -l ", dir_, "/log ", args, " >/dev/null"));
}

void PgCluster::Start() {
  PgCtl(absl::StrCat("-w -t 30 -o \"-p ", port_, " -k ", dir_, " -c listen_addresses=127.0.0.1 -c fsync=off\" start"));
}

void PgCluster::Stop() { PgCtl("-m fast -w stop"); }

std::string PgCluster::url(const std::string& dbname) const {
  return absl::StrCat("postgresql://postgres@127.0.0.1:", port_, "/", dbname);
}

}  // namespace aiworld::testing
