// Native import benchmark: reads a file into memory, then times import + stage counts
// (best of N runs). Prints one JSON line. Used by scripts/bench; not a test.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/analysis/funnel_analysis.hpp"
#include "engine/import/lead_import.hpp"
#include "engine/import/lead_table.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: import_bench FILE [RUNS]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  // seconds: import + stage counts (the measure); analysis_seconds: the full analysis
  // alone; app_seconds: import + full analysis, exactly what the app does when a file arrives.
  double best = 1e30, analysis_best = 1e30, app_best = 1e30;
  uint64_t customers = 0, rows = 0;
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    funnel::ImportResult r = funnel::ImportLeads(bytes);
    const funnel::StageCounts c = funnel::CountStages(r.table, false);
    const auto t1 = Clock::now();
    best = std::min(best, seconds(t0, t1));
    const auto t2 = Clock::now();
    const funnel::FunnelAnalysis a = funnel::AnalyzeFunnel(r.table);
    analysis_best = std::min(analysis_best, seconds(t2, Clock::now()));
    const auto t3 = Clock::now();
    {
      funnel::ImportResult again = funnel::ImportLeads(bytes);
      const funnel::FunnelAnalysis full = funnel::AnalyzeFunnel(again.table);
      app_best = std::min(app_best, seconds(t3, Clock::now()));
      if (full.counts.reached != a.counts.reached) return 1;
    }
    customers = c.reached.empty() ? 0 : c.reached.back();
    rows = c.rows;
  }
  std::printf("{\"bytes\": %zu, \"rows\": %llu, \"last_stage\": %llu, \"seconds\": %.4f, \"mb_per_s\": %.1f, "
              "\"analysis_seconds\": %.4f, \"app_seconds\": %.4f}\n",
              bytes.size(), static_cast<unsigned long long>(rows), static_cast<unsigned long long>(customers),
              best, static_cast<double>(bytes.size()) / 1e6 / best, analysis_best, app_best);
  return 0;
}
