#include "engine/plan/uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine/common/quantile.hpp"
#include "engine/common/rate_estimate.hpp"

namespace funnel {

double DeterministicLog(double x) {
  if (!(x > 0.0)) return -INFINITY;
  if (!std::isfinite(x)) return x;
  // x = m · 2^e with m in [√½, √2): log x = e·ln2 + 2·atanh((m−1)/(m+1)).
  uint64_t bits;
  std::memcpy(&bits, &x, 8);
  int e = static_cast<int>((bits >> 52) & 0x7FF);
  if (e == 0) {  // subnormal: scale up first
    x *= 0x1.0p54;
    std::memcpy(&bits, &x, 8);
    e = static_cast<int>((bits >> 52) & 0x7FF) - 54;
  }
  e -= 1023;
  bits = (bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull;  // m in [1, 2)
  double m;
  std::memcpy(&m, &bits, 8);
  if (m > 1.4142135623730951) {
    m *= 0.5;
    ++e;
  }
  const double t = (m - 1.0) / (m + 1.0);  // |t| ≤ 0.1716
  const double t2 = t * t;
  // atanh series to t^23: error below 1e-17 for |t| ≤ 0.1716.
  double sum = 1.0 / 23.0;
  for (int k = 21; k >= 1; k -= 2) sum = sum * t2 + 1.0 / static_cast<double>(k);
  return static_cast<double>(e) * 0.6931471805599453 + 2.0 * t * sum;
}

double SampleGamma(double shape, Rng& rng) {
  // Marsaglia & Tsang (2000), "A simple method for generating gamma variables"; shape ≥ 1.
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    // Standard normal by the polar method (sqrt is exact in IEEE arithmetic; log is ours).
    double u, v, s;
    do {
      u = 2.0 * rng.Uniform() - 1.0;
      v = 2.0 * rng.Uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double x = u * std::sqrt(-2.0 * DeterministicLog(s) / s);
    double w = 1.0 + c * x;
    if (w <= 0.0) continue;
    w = w * w * w;
    const double U = rng.Uniform();
    const double x2 = x * x;
    if (U < 1.0 - 0.0331 * x2 * x2) return d * w;
    if (DeterministicLog(U) < 0.5 * x2 + d * (1.0 - w + DeterministicLog(w))) return d * w;
  }
}

double SampleBeta(double alpha, double beta, Rng& rng) {
  const double x = SampleGamma(alpha, rng);
  const double y = SampleGamma(beta, rng);
  return x + y > 0.0 ? x / (x + y) : 0.5;
}

namespace {

double Customers(const Scenario& s) { return s.revenue_goal / s.deal_size; }

// Leads needed at the entry stage for given rates of the steps from the entry stage on.
double LeadsNeeded(double customers, const std::vector<double>& rates) {
  double product = 1.0;
  for (double r : rates) product *= r;
  return product > 0.0 ? customers / product : INFINITY;
}

std::vector<double> PointRates(const Scenario& s, size_t entry) {
  std::vector<double> rates;
  for (size_t i = entry; i < s.steps.size(); ++i) rates.push_back(s.steps[i].rate);
  return rates;
}

}  // namespace

MonteCarlo RunMonteCarlo(const Scenario& s, double planned_leads) {
  MonteCarlo mc;
  const size_t entry = EntryStageIndex(s);
  mc.stage = entry < s.stages.size() ? s.stages[entry] : "";
  mc.draws = s.draws;
  mc.seed = s.seed;
  const double customers = Customers(s);
  const std::vector<double> point = PointRates(s, entry);
  const double point_leads = LeadsNeeded(customers, point);
  mc.planned_leads = planned_leads > 0.0 ? planned_leads : std::ceil(point_leads - 1e-9 * point_leads);

  // Each uncertain step's posterior is represented by a pool of exact Beta draws; the Monte
  // Carlo resamples the pools independently. 4,096 per step keeps a plan under a frame.
  constexpr size_t kPool = 4096;
  Rng rng{s.seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull};
  std::vector<std::vector<double>> pools(point.size());
  for (size_t i = 0; i < point.size(); ++i) {
    const Step& st = s.steps[entry + i];
    if (st.n == 0) continue;  // typed: exact
    mc.uncertain = true;
    const RateEstimate est = EstimateRate(st.k, st.n);
    if (est.small_sample) mc.small_sample_steps.push_back(entry + i);
    pools[i].resize(kPool);
    for (double& r : pools[i]) r = SampleBeta(est.posterior_alpha(), est.posterior_beta(), rng);
  }

  const size_t draws = static_cast<size_t>(std::max(1, s.draws));
  std::vector<double> needed(draws);
  uint64_t hits = 0;
  for (size_t d = 0; d < draws; ++d) {
    double product = 1.0;
    for (size_t i = 0; i < point.size(); ++i) {
      product *= pools[i].empty() ? point[i] : pools[i][rng.Next() >> 52];  // 12 bits: 0..4095
    }
    const double leads = product > 0.0 ? customers / product : 1e300;
    needed[d] = leads;
    hits += leads <= mc.planned_leads;
  }
  mc.p_hit = static_cast<double>(hits) / static_cast<double>(draws);
  // Nearest-rank quantiles by successive partial partitions (no full sort: a plan must fit in
  // a frame). Each partition works on the part the next quantile lies in.
  const size_t i50 = NearestRankIndex(draws, 50, 100), i80 = NearestRankIndex(draws, 80, 100);
  const size_t i90 = NearestRankIndex(draws, 90, 100), i995 = NearestRankIndex(draws, 995, 1000);
  const size_t i005 = NearestRankIndex(draws, 5, 1000);
  auto at = [&](size_t i) { return needed.begin() + static_cast<std::ptrdiff_t>(i); };
  std::nth_element(needed.begin(), at(i50), needed.end());
  if (i80 > i50) std::nth_element(at(i50 + 1), at(i80), needed.end());
  if (i90 > i80) std::nth_element(at(i80 + 1), at(i90), needed.end());
  if (i995 > i90) std::nth_element(at(i90 + 1), at(i995), needed.end());
  if (i005 < i50) std::nth_element(needed.begin(), at(i005), at(i50));
  mc.p50 = std::ceil(needed[i50] - 1e-9);
  mc.p80 = std::ceil(needed[i80] - 1e-9);
  mc.p90 = std::ceil(needed[i90] - 1e-9);

  // Histogram between the 0.5th and 99.5th percentiles, 30 bins.
  const double lo = needed[i005], hi = needed[i995];
  constexpr int kBins = 30;
  if (hi > lo) {
    mc.histogram_counts.assign(kBins, 0);
    for (int b = 0; b <= kBins; ++b) mc.histogram_edges.push_back(lo + (hi - lo) * b / kBins);
    for (double v : needed) {
      if (v < lo || v > hi) continue;
      const int b = std::min(kBins - 1, static_cast<int>((v - lo) / (hi - lo) * kBins));
      ++mc.histogram_counts[static_cast<size_t>(b)];
    }
  }
  return mc;
}

std::vector<SensitivityBar> Sensitivity(const Scenario& s) {
  std::vector<SensitivityBar> bars;
  const size_t entry = EntryStageIndex(s);
  const double customers = Customers(s);
  const std::vector<double> point = PointRates(s, entry);
  for (size_t i = 0; i < point.size(); ++i) {
    SensitivityBar b;
    b.step = entry + i;
    b.name = StepName(s, entry + i);
    std::vector<double> rates = point;
    rates[i] = point[i] * 0.9;
    b.leads_if_lower = LeadsNeeded(customers, rates);
    rates[i] = std::min(1.0, point[i] * 1.1);
    b.leads_if_higher = LeadsNeeded(customers, rates);
    b.swing = std::fabs(b.leads_if_lower - b.leads_if_higher);
    bars.push_back(b);
  }
  std::stable_sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) { return a.swing > b.swing; });
  return bars;
}

WhatIfGrid MakeWhatIfGrid(const Scenario& s, const std::vector<SensitivityBar>& bars,
                          double planned_leads, int size) {
  if (bars.empty()) return WhatIfGrid{};
  return MakeWhatIfGrid(s, bars[0].step, bars.size() > 1 ? bars[1].step : bars[0].step, planned_leads, size);
}

WhatIfGrid MakeWhatIfGrid(const Scenario& s, size_t step_x, size_t step_y, double planned_leads, int size) {
  WhatIfGrid g;
  const size_t entry = EntryStageIndex(s);
  if (size < 2 || step_x < entry || step_y < entry || step_x >= s.steps.size() || step_y >= s.steps.size()) {
    return g;
  }
  g.step_x = step_x;
  g.step_y = step_y;
  const double customers = Customers(s);
  std::vector<double> point = PointRates(s, entry);
  auto axis = [&](size_t step) {
    std::vector<double> v;
    const double r = s.steps[step].rate;
    for (int i = 0; i < size; ++i) {
      v.push_back(std::min(1.0, r * (0.5 + static_cast<double>(i) / (size - 1))));
    }
    return v;
  };
  g.x_rates = axis(g.step_x);
  g.y_rates = axis(g.step_y);
  g.leads.reserve(g.x_rates.size() * g.y_rates.size());
  for (double ry : g.y_rates) {
    for (double rx : g.x_rates) {
      std::vector<double> rates = point;
      rates[g.step_y - entry] = ry;
      rates[g.step_x - entry] = rx;
      g.leads.push_back(LeadsNeeded(customers, rates));
    }
  }
  g.goal_leads = planned_leads > 0.0 ? planned_leads : LeadsNeeded(customers, point);
  return g;
}

}  // namespace funnel
