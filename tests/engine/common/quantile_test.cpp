#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>

#include "engine/common/quantile.hpp"

using funnel::NearestRankIndex;

TEST_CASE("nearest rank: the ceil(q n)-th smallest value, 0-based", "[quantile]") {
  STATIC_REQUIRE(NearestRankIndex(10, 1, 2) == 4);  // median of 10: the 5th, the lower middle
  CHECK(NearestRankIndex(11, 1, 2) == 5);
  CHECK(NearestRankIndex(10, 9, 10) == 8);
  CHECK(NearestRankIndex(11, 9, 10) == 9);
  CHECK(NearestRankIndex(1, 1, 2) == 0);
  CHECK(NearestRankIndex(1, 995, 1000) == 0);
  CHECK(NearestRankIndex(0, 1, 2) == 0);
  CHECK(NearestRankIndex(3, 0, 100) == 0);
  CHECK(NearestRankIndex(3, 100, 100) == 2);
  CHECK(NearestRankIndex(100000, 995, 1000) == 99499);
  CHECK(NearestRankIndex(100000, 5, 1000) == 499);
  CHECK(NearestRankIndex(1000001, 80, 100) == 800000);
}

// The Monte Carlo's quantiles used ceil(q × n) in doubles; the exact integer rank is the same
// for every draw count a scenario allows (100 to 1,000,000), so results did not move.
TEST_CASE("nearest rank matches ceil(q n) for the Monte Carlo's levels", "[quantile]") {
  struct Level { double q; size_t num, den; };
  for (const Level l : {Level{0.5, 50, 100}, Level{0.8, 80, 100}, Level{0.9, 90, 100}, Level{0.995, 995, 1000},
                        Level{0.005, 5, 1000}}) {
    for (size_t n = 100; n <= 1000000; n += 997) {
      const auto rank = static_cast<size_t>(std::ceil(l.q * static_cast<double>(n)));
      REQUIRE(NearestRankIndex(n, l.num, l.den) == rank - 1);
    }
  }
}
