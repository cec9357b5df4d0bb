// Plan benchmark: BuildPlan (reverse funnel, monthly plan, channels, money, 100,000 Monte Carlo
// draws over observed rates, sensitivity, what-if grid) on a realistic scenario; best of N.
// Prints one JSON line. Used by scripts/bench; not a test.
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "engine/plan/plan.hpp"

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 20;
  funnel::Scenario s = funnel::SampleScenario();
  // Rates observed in data (k of n), so every step from the entry stage on is uncertain.
  const uint64_t evidence[][2] = {{250, 10000}, {1200, 3000}, {600, 1200}, {360, 600}, {90, 360}};
  for (size_t i = 0; i < s.steps.size(); ++i) {
    s.steps[i].k = evidence[i][0];
    s.steps[i].n = evidence[i][1];
    s.steps[i].rate = static_cast<double>(evidence[i][0]) / static_cast<double>(evidence[i][1]);
  }
  s.channels = {{"Search", 0.5, 60, 150, {}}, {"Social", 0.3, 25, 0, {}}, {"Events", 0.2, 120, 40, {}}};
  s.draws = 100000;
  double best = 1e30, p90 = 0;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = funnel::BuildPlan(s);
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
    if (r) p90 = r->uncertainty.p90;
  }
  std::printf("{\"draws\": %d, \"ms\": %.3f, \"p90\": %.0f}\n", s.draws, best, p90);
  return 0;
}
