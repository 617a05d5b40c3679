#pragma once
// The one random source of the process. Decisions that must repeat on redelivery take a
// SeededRandom built from stable keys (server and batch, or job and slot).
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string_view>

namespace aiworld {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual uint64_t NextU64() = 0;

  // Uniform in [0, 1).
  double Uniform01();
  // Uniform in [lo, hi], both inclusive; lo <= hi.
  int64_t UniformInt(int64_t lo, int64_t hi);
  // True with probability p (clamped to [0, 1]).
  bool Bernoulli(double p);
};

class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(uint64_t seed) : engine_(seed) {}
  // Same keys, same sequence, on every machine and every run.
  static SeededRandom FromKeys(std::initializer_list<std::string_view> keys);
  uint64_t NextU64() override { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

// Stable 64-bit FNV-1a over the keys, with a separator so ("ab","c") != ("a","bc").
uint64_t StableSeed(std::initializer_list<std::string_view> keys);

// Non-deterministic source for the process (seeded once from std::random_device).
RandomSource& ProcessRandom();

}  // namespace aiworld
