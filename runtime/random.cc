#include "runtime/random.h"

#include <algorithm>
#include <mutex>

namespace aiworld {

double RandomSource::Uniform01() {
  // 53 random bits give every representable double in [0, 1) with step 2^-53.
  return static_cast<double>(NextU64() >> 11) * 0x1.0p-53;
}

int64_t RandomSource::UniformInt(int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
  if (span == 0) return static_cast<int64_t>(NextU64());  // the full 64-bit range
  // Rejection sampling keeps the result unbiased.
  const uint64_t limit = UINT64_MAX - (UINT64_MAX % span);
  uint64_t r;
  do {
    r = NextU64();
  } while (r >= limit);
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + r % span);
}

bool RandomSource::Bernoulli(double p) { return Uniform01() < std::clamp(p, 0.0, 1.0); }

uint64_t StableSeed(std::initializer_list<std::string_view> keys) {
  uint64_t h = 14695981039346656037ull;
  for (std::string_view key : keys) {
    for (unsigned char c : key) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff;
    h *= 1099511628211ull;
  }
  return h;
}

SeededRandom SeededRandom::FromKeys(std::initializer_list<std::string_view> keys) {
  return SeededRandom(StableSeed(keys));
}

namespace {
class LockedRandom final : public RandomSource {
 public:
  LockedRandom() : engine_(std::random_device{}()) {}
  uint64_t NextU64() override {
    std::lock_guard<std::mutex> lock(mu_);
    return engine_();
  }

 private:
  std::mutex mu_;
  std::mt19937_64 engine_;
};
}  // namespace

RandomSource& ProcessRandom() {
  static LockedRandom random;
  return random;
}

}  // namespace aiworld
