// Forecast benchmark: the Monte Carlo of the open pipeline, 10,000 open records of 500 ages (p
// falling from 0.35 for the youngest to 0 for the oldest, Σp ≈ 880) × N draws, with amounts of
// their own (5,000–50,000) and with one average amount; best of R runs. Prints one JSON line.
// Not a test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "engine/forecast/forecast.hpp"

int main(int argc, char** argv) {
  const int draws = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  auto run = [&](bool own_amounts) {
    std::vector<funnel::WinCandidate> items;
    for (int i = 0; i < 10000; ++i) {
      const int age = i % 500;
      const double p = 0.35 * (1.0 - age / 500.0) * (1.0 - age / 500.0);
      items.push_back({p, own_amounts ? 5000.0 + (i * 37 % 45001) : 25000.0, true});
    }
    double best = 1e30;
    for (int r = 0; r < runs; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      const funnel::WinDraws d = funnel::SimulateWins(items, draws, 1);
      const auto t1 = std::chrono::steady_clock::now();
      best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    return best;
  };
  const double own = run(true), average = run(false);
  std::printf("{\"open\": 10000, \"draws\": %d, \"ms_own_amounts\": %.1f, \"ms_average_amount\": %.1f}\n", draws, own, average);
  return 0;
}
