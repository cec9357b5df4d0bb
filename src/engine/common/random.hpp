// The engine's one random number generator. SplitMix64: small, fast, and the same sequence on
// every platform, so seeded results (Monte Carlo, synthetic exports) are bit-identical natively
// and in WebAssembly.
#pragma once

#include <cstddef>
#include <cstdint>

namespace funnel {

struct Rng {
  uint64_t state;

  uint64_t Next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }  // [0, 1)
  size_t Below(size_t n) { return static_cast<size_t>(Uniform() * static_cast<double>(n)); }  // [0, n)
  bool Chance(double p) { return Uniform() < p; }
};

}  // namespace funnel
