#pragma once
// PostgreSQL for tests. TestDatabase makes a fresh database in the server ./aiworld test started
// (AIWORLD_TEST_DATABASE_URL) and drops it afterwards; PgCluster runs a whole private server that
// a chaos test may stop and start.
#include <cstdint>
#include <string>

namespace aiworld::testing {

// URL of the maintenance database of the shared test server; fails the test with a clear message
// when ./aiworld test did not provide one.
std::string TestServerUrl();

class TestDatabase {
 public:
  TestDatabase();  // CREATE DATABASE aiworld_test_<random>
  ~TestDatabase();  // DROP DATABASE ... WITH (FORCE)
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
};

class PgCluster {
 public:
  PgCluster();   // initdb in a temp dir and start on a free port
  ~PgCluster();  // stop and remove
  void Stop();   // fast shutdown; connections are cut
  void Start();
  int port() const { return port_; }
  std::string url(const std::string& dbname = "postgres") const;

 private:
  void PgCtl(const std::string& args);
  std::string dir_;
  int port_ = 0;
};

int FreeTcpPort();

// The single integer a query returns, e.g. SELECT count(*) ...
int64_t QueryCount(const std::string& url, const std::string& sql);

}  // namespace aiworld::testing
