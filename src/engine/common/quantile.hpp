// Nearest-rank quantiles (docs/math.md): the q-quantile of n sorted values is the value of
// rank ⌈q·n⌉. q is a fraction num/den so the rank is exact integer arithmetic, the same on
// every platform.
#pragma once

#include <cstddef>

namespace funnel {

// 0-based index of the nearest-rank num/den-quantile among n values (0 when n is 0).
constexpr size_t NearestRankIndex(size_t n, size_t num, size_t den) {
  const size_t rank = (n * num + den - 1) / den;  // ⌈n · num / den⌉
  if (rank == 0) return 0;
  return rank - 1 < n ? rank - 1 : n - 1;
}

}  // namespace funnel
