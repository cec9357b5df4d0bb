// Forecast benchmark: the Monte Carlo of the open pipeline, 10,000 open records (p spread from
// 0 to 0.6, amounts 5,000–50,000) × N draws; best of R runs. Prints one JSON line. Not a test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "engine/forecast/forecast.hpp"

int main(int argc, char** argv) {
  const int draws = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
  std::vector<funnel::WinCandidate> items;
  for (int i = 0; i < 10000; ++i) items.push_back({(i % 61) / 100.0, 5000.0 + (i * 37 % 45001), true});
  double best = 1e30, p50 = 0;
  for (int r = 0; r < runs; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    const funnel::WinDraws d = funnel::SimulateWins(items, draws, 1);
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
    p50 = d.total_revenue[d.total_revenue.size() / 2];
  }
  std::printf("{\"open\": 10000, \"draws\": %d, \"ms\": %.1f, \"p50\": %.0f}\n", draws, best, p50);
  return 0;
}
