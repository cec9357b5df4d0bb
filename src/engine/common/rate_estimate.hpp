// An observed conversion rate k/n with its uncertainty: Wilson 95 % interval (shown beside the
// rate) and the Beta(k+1, n-k+1) posterior the Monte Carlo draws from. docs/math.md.
#pragma once

#include <cstdint>

namespace funnel {

struct RateEstimate {
  uint64_t k = 0;  // converted
  uint64_t n = 0;  // eligible
  double rate = 0.0;         // k / n; 0 when n == 0
  double wilson_low = 0.0;   // 95 % Wilson score interval
  double wilson_high = 0.0;
  bool small_sample = false; // n < 30, k < 5 or n − k < 5: the interval is wide, say so

  // Posterior Beta(k+1, n−k+1): mean (k+1)/(n+2).
  double posterior_alpha() const { return static_cast<double>(k) + 1.0; }
  double posterior_beta() const { return static_cast<double>(n - k) + 1.0; }
};

// k is clamped to n. z = 1.959964 (95 %).
RateEstimate EstimateRate(uint64_t k, uint64_t n);

}  // namespace funnel
