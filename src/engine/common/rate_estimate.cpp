#include "engine/common/rate_estimate.hpp"

#include <algorithm>
#include <cmath>

namespace funnel {

RateEstimate EstimateRate(uint64_t k, uint64_t n) {
  RateEstimate e;
  e.n = n;
  e.k = std::min(k, n);
  e.small_sample = n < 30 || e.k < 5 || n - e.k < 5;
  if (n == 0) {
    e.wilson_high = 1.0;  // nothing observed: anything is possible
    return e;
  }
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(e.k) / nn;
  e.rate = p;
  // Wilson score interval: (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)
  constexpr double z = 1.959963984540054;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / nn;
  const double centre = (p + z2 / (2.0 * nn)) / denom;
  const double half = z * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / denom;
  e.wilson_low = std::clamp(centre - half, 0.0, 1.0);
  e.wilson_high = std::clamp(centre + half, 0.0, 1.0);
  return e;
}

}  // namespace funnel
