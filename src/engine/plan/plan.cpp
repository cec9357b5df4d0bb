#include "engine/plan/plan.hpp"

#include <algorithm>
#include <cmath>

#include "engine/common/calendar.hpp"
#include "engine/common/format.hpp"

namespace funnel {

namespace {

// Whole targets for one stage's exact monthly counts, rounded cumulatively: a month's target is
// the cumulative exact count rounded up, less the targets of the months before it. So the months
// add up to the stage's whole target (the total rounded up), never to more.
std::vector<double> RoundCumulatively(const std::vector<double>& exact) {
  std::vector<double> whole(exact.size(), 0.0);
  double cumulative = 0.0, assigned = 0.0;
  for (size_t m = 0; m < exact.size(); ++m) {
    cumulative += exact[m];
    const double target = CeilCount(cumulative);  // ignores floating-point dust above a whole number
    whole[m] = std::max(0.0, target - assigned);
    assigned += whole[m];
  }
  return whole;
}

}  // namespace

std::vector<double> LagShares(const Step& step) {
  if (!step.lag_shares.empty()) {
    std::vector<double> shares = step.lag_shares;
    while (shares.size() > 1 && shares.back() <= 0.0) shares.pop_back();
    return shares;
  }
  const double whole = std::floor(step.lag_months + 1e-9);
  double fraction = step.lag_months - whole;
  if (fraction < 1e-9) fraction = 0.0;  // dust of a typed 0.1 + 0.2
  std::vector<double> shares(static_cast<size_t>(whole) + (fraction > 0.0 ? 2 : 1), 0.0);
  shares[static_cast<size_t>(whole)] = 1.0 - fraction;
  if (fraction > 0.0) shares.back() = fraction;
  return shares;
}

MonthlyPlan PlanByMonth(const Scenario& s) {
  MonthlyPlan p;
  const size_t n = s.stages.size();
  const int horizon = s.horizon_months;
  // With lag shares from data on any step, stage k's targets spread over the months before its
  // customers by the convolution of the shares of the steps from k on (docs/math.md, "Lag as a
  // distribution"); without, by the sum of the lags as below.
  const bool spread = std::any_of(s.steps.begin(), s.steps.end(), [](const Step& st) { return !st.lag_shares.empty(); });
  std::vector<std::vector<double>> reach(n, std::vector<double>{1.0});  // stage k: share 0, 1, 2, … months before
  if (spread) {
    for (size_t k = n - 1; k-- > 0;) {
      const std::vector<double> step = LagShares(s.steps[k]);
      std::vector<double> out(std::min<size_t>(step.size() + reach[k + 1].size() - 1, 241), 0.0);
      for (size_t i = 0; i < step.size(); ++i) {
        for (size_t j = 0; j < reach[k + 1].size(); ++j) out[std::min(i + j, out.size() - 1)] += step[i] * reach[k + 1][j];
      }
      // The last 1 % of the spread joins the month before it, so a thin tail of slow conversions
      // does not stretch the plan months back for fractions of a lead (totals do not change).
      double tail = 0.0;
      while (out.size() > 1 && tail + out.back() < 0.01) {
        tail += out.back();
        out.pop_back();
      }
      out.back() += tail;
      reach[k] = std::move(out);
    }
  }
  // Stage k's targets come lag[k] months before the customers they turn into: the sum of the
  // lags of the steps from k to the customer. A fractional lag w + f (whole w, 0 < f < 1)
  // spreads the stage: a share 1 − f falls w months earlier and f falls w + 1 months earlier.
  p.stage_lag.assign(n, 0.0);
  p.stage_shift.assign(n, 0);
  for (size_t k = n - 1; k-- > 0;) {
    p.stage_lag[k] = p.stage_lag[k + 1] + s.steps[k].lag_months;
    p.stage_shift[k] = static_cast<int>(std::ceil(p.stage_lag[k] - 1e-9));
    if (spread) {  // the mean lag, and the furthest month back any share reaches
      double mean = 0.0;
      for (size_t j = 0; j < reach[k].size(); ++j) mean += static_cast<double>(j) * reach[k][j];
      p.stage_lag[k] = mean;
      p.stage_shift[k] = static_cast<int>(reach[k].size()) - 1;
    }
  }
  const int max_shift = *std::max_element(p.stage_shift.begin(), p.stage_shift.end());
  p.first_offset = -max_shift;
  const int months = horizon + max_shift;
  for (int m = 0; m < months; ++m) p.months.push_back(MonthLabel(s.start_year, s.start_month, p.first_offset + m));

  // Revenue per goal month: the goal split by the seasonality weights (even without them).
  double weight_total = 0.0;
  for (int m = 0; m < horizon; ++m) weight_total += s.seasonality.empty() ? 1.0 : s.seasonality[static_cast<size_t>(m)];
  p.revenue.assign(static_cast<size_t>(months), 0.0);
  std::vector<double> rate_product(n, 1.0);  // Π rates from stage k to the customer
  for (size_t k = n - 1; k-- > 0;) rate_product[k] = rate_product[k + 1] * s.steps[k].rate;
  p.exact.assign(n, std::vector<double>(static_cast<size_t>(months), 0.0));
  for (int m = 0; m < horizon; ++m) {
    const double w = s.seasonality.empty() ? 1.0 : s.seasonality[static_cast<size_t>(m)];
    const double revenue = weight_total > 0.0 ? s.revenue_goal * w / weight_total : 0.0;
    const int goal_col = m + max_shift;
    p.revenue[static_cast<size_t>(goal_col)] = revenue;
    const double customers = revenue / s.deal_size;
    for (size_t k = 0; k < n; ++k) {
      const double count = customers / rate_product[k];
      if (spread) {
        for (size_t j = 0; j < reach[k].size(); ++j) p.exact[k][static_cast<size_t>(goal_col - static_cast<int>(j))] += count * reach[k][j];
        continue;
      }
      double whole_months = std::floor(p.stage_lag[k] + 1e-9);
      double fraction = p.stage_lag[k] - whole_months;
      if (fraction < 1e-9) fraction = 0.0;  // dust of a sum of lags such as 0.1 + 0.2
      const int col = goal_col - static_cast<int>(whole_months);
      p.exact[k][static_cast<size_t>(col)] += count * (1.0 - fraction);
      if (fraction > 0.0) p.exact[k][static_cast<size_t>(col - 1)] += count * fraction;
    }
  }
  p.whole.resize(n);
  for (size_t k = 0; k < n; ++k) p.whole[k] = RoundCumulatively(p.exact[k]);
  return p;
}

namespace {

// Conversion from the entry stage to the customer for a channel (its own rates, or the plan's).
double ChannelConversion(const Scenario& s, const Channel& c, size_t entry) {
  double conv = 1.0;
  for (size_t i = entry; i < s.steps.size(); ++i) {
    conv *= c.rates.empty() ? s.steps[i].rate : c.rates[i - entry];
  }
  return conv;
}

}  // namespace

double EntryToCustomerRate(const Scenario& s) {
  double conv = 1.0;
  for (size_t i = EntryStageIndex(s); i < s.steps.size(); ++i) conv *= s.steps[i].rate;
  return conv;
}

ChannelPlan PlanChannels(const Scenario& s) {
  ChannelPlan p;
  if (s.channels.empty()) return p;
  const size_t entry = EntryStageIndex(s);
  const double customers = s.revenue_goal / s.deal_size;
  double share_total = 0.0;
  for (const Channel& c : s.channels) share_total += c.share;

  // Mix by share: leads L split by share; Σ share_c·L·conv_c = customers.
  double conv_mix = 0.0;
  for (const Channel& c : s.channels) conv_mix += c.share / share_total * ChannelConversion(s, c, entry);
  const double leads_total = conv_mix > 0.0 ? customers / conv_mix : 0.0;
  for (const Channel& c : s.channels) {
    ChannelResult r;
    r.name = c.name;
    r.conversion = ChannelConversion(s, c, entry);
    r.leads = leads_total * c.share / share_total;
    r.customers = r.leads * r.conversion;
    r.cost = r.leads * c.cost_per_lead;
    r.cost_per_customer = r.conversion > 0.0 ? c.cost_per_lead / r.conversion : 0.0;
    r.cap = c.max_leads_per_month * s.horizon_months;
    r.over_cap = r.cap > 0.0 && r.leads > r.cap * (1.0 + 1e-12);
    p.mix_cost += r.cost;
    p.mix_leads += r.leads;
    p.mix.push_back(r);
  }

  // Cheapest mix: one constraint (customers) and box constraints (caps), so the linear
  // programme's optimum fills channels in order of cost per customer (fractional knapsack).
  std::vector<ChannelResult> order = p.mix;
  std::stable_sort(order.begin(), order.end(), [](const ChannelResult& a, const ChannelResult& b) {
    return a.cost_per_customer < b.cost_per_customer;
  });
  double remaining = customers;
  for (ChannelResult r : order) {
    const double cost_per_lead = r.leads > 0.0 ? r.cost / r.leads : 0.0;
    r.leads = 0.0;
    if (remaining > 0.0 && r.conversion > 0.0) {
      const double want = remaining / r.conversion;
      r.leads = r.cap > 0.0 ? std::min(want, r.cap) : want;
    }
    r.customers = r.leads * r.conversion;
    r.cost = r.leads * cost_per_lead;
    r.over_cap = false;
    remaining -= r.customers;
    p.cheapest_cost += r.cost;
    if (r.leads > 0.0) p.cheapest.push_back(r);
  }
  // Whole leads per channel that add up to the list's total rounded up (the same cumulative
  // rounding as the months), so a channel table's rows sum to its Total row.
  for (std::vector<ChannelResult>* list : {&p.mix, &p.cheapest}) {
    std::vector<double> exact;
    for (const ChannelResult& r : *list) exact.push_back(r.leads);
    const std::vector<double> whole = RoundCumulatively(exact);
    for (size_t c = 0; c < list->size(); ++c) (*list)[c].whole_leads = whole[c];
  }
  for (const ChannelResult& r : p.mix) p.mix_whole_leads += r.whole_leads;
  if (remaining > customers * 1e-9) {
    p.cheapest_feasible = false;
    p.shortfall_customers = remaining;
  }
  return p;
}

MoneyMetrics ComputeMoney(const Scenario& s, const ReverseFunnel& f, const ChannelPlan& channels) {
  MoneyMetrics m;
  const size_t n = f.stages.size();
  const size_t entry = EntryStageIndex(s);
  const double customers = f.stages.back().whole;
  m.spend = s.channels.empty() ? s.money.marketing_budget : channels.mix_cost;
  // One acquisition cost for every metric: marketing spend + other acquisition cost.
  m.cost = m.spend + s.money.sales_cost;
  m.cost_per_stage.assign(n, 0.0);
  for (size_t k = entry; k < n; ++k) {
    if (f.stages[k].whole > 0.0) m.cost_per_stage[k] = m.cost / f.stages[k].whole;
  }
  const double monthly_margin = s.money.arpa_monthly * s.money.gross_margin;
  if (m.cost > 0.0 && customers > 0.0) m.cac = m.cost / customers;
  if (s.money.monthly_churn > 0.0 && monthly_margin > 0.0) m.ltv = monthly_margin / s.money.monthly_churn;
  if (m.ltv && m.cac) m.ltv_to_cac = *m.ltv / *m.cac;
  if (m.cac && monthly_margin > 0.0) m.payback_months = *m.cac / monthly_margin;
  if (m.cost > 0.0) m.roi = (s.revenue_goal * s.money.gross_margin - m.cost) / m.cost;

  // Pipeline: from the stage named like "Opportunity" (else the one before the customer).
  size_t opp = FindStage(s, "opportunit");
  if (opp == std::string::npos || opp + 1 >= n) opp = n >= 2 ? n - 2 : 0;
  m.opportunity_stage = opp;
  m.win_rate = 1.0;
  double lag = 0.0;
  for (size_t i = opp; i + 1 < n; ++i) {
    m.win_rate *= s.steps[i].rate;
    lag += s.steps[i].lag_months;
  }
  m.sales_cycle_days = s.money.sales_cycle_days > 0.0 ? s.money.sales_cycle_days : lag * kDaysPerMonth;
  const double opportunities = f.stages[opp].whole;
  if (m.sales_cycle_days > 0.0) m.pipeline_velocity = opportunities * m.win_rate * s.deal_size / m.sales_cycle_days;
  if (s.revenue_goal > 0.0) m.pipeline_coverage = opportunities * s.deal_size / s.revenue_goal;
  return m;
}

Result<PlanReport> BuildPlan(const Scenario& s) {
  auto funnel = PlanReverseFunnel(s);
  if (!funnel) return funnel.errors();
  PlanReport r;
  r.funnel = std::move(funnel.value());
  r.entry_stage = EntryStageIndex(s);
  r.monthly = PlanByMonth(s);
  r.channels = PlanChannels(s);
  r.money = ComputeMoney(s, r.funnel, r.channels);
  const double planned = s.planned_leads > 0.0 ? s.planned_leads : r.funnel.stages[r.entry_stage].whole;
  r.uncertainty = RunMonteCarlo(s, planned);
  r.sensitivity = Sensitivity(s);
  r.what_if = MakeWhatIfGrid(s, r.sensitivity, planned);

  // Warnings a planner must see.
  // One warning for every stage whose targets fall before the start (lags reach back).
  const MonthlyPlan& mp = r.monthly;
  std::string early;
  for (size_t k = 0; k < s.stages.size(); ++k) {
    int first = -1, last = -1;
    for (int m = 0; m < -mp.first_offset; ++m) {
      if (mp.exact[k][static_cast<size_t>(m)] > 0.0) {
        if (first < 0) first = m;
        last = m;
      }
    }
    if (first < 0) continue;
    early += (early.empty() ? "" : "; ") + s.stages[k] + " from " + mp.months[static_cast<size_t>(first)];
    if (last > first) early += " to " + mp.months[static_cast<size_t>(last)];
  }
  if (!early.empty()) {
    r.warnings.push_back("Some targets fall before the plan starts in " + MonthLabel(s.start_year, s.start_month, 0) +
                         " (" + early + "): that work must already be under way.");
  }
  auto check_capacity = [&](size_t stage, double per_month, const std::string& what) {
    if (per_month <= 0.0 || stage >= s.stages.size()) return;
    for (size_t m = 0; m < mp.months.size(); ++m) {
      if (mp.whole[stage][m] > per_month + 1e-9) {
        r.warnings.push_back(mp.months[m] + ": " + FormatNumber(mp.whole[stage][m], 0) + " " +
                             s.stages[stage] + " needed, capacity " + FormatNumber(per_month, 0) + " (" + what + ").");
      }
    }
  };
  if (s.capacity.sales_reps > 0.0) {
    check_capacity(s.stages.size() - 1, s.capacity.sales_reps * s.capacity.deals_per_rep_per_month,
                   FormatNumber(s.capacity.sales_reps, 0) + " reps × " +
                       FormatNumber(s.capacity.deals_per_rep_per_month, 1) + " deals");
  }
  if (s.capacity.sdrs > 0.0) {
    size_t sql = FindStage(s, "sql");
    if (sql == std::string::npos) sql = FindStage(s, "sales qualified");
    check_capacity(sql, s.capacity.sdrs * s.capacity.sqls_per_sdr_per_month,
                   FormatNumber(s.capacity.sdrs, 0) + " SDRs × " +
                       FormatNumber(s.capacity.sqls_per_sdr_per_month, 0) + " SQLs");
  }
  for (const ChannelResult& c : r.channels.mix) {
    if (c.over_cap) {
      r.warnings.push_back("Channel " + c.name + " would need " + FormatNumber(c.leads, 0) +
                           " leads, above its cap of " + FormatNumber(c.cap, 0) + " over the plan.");
    }
  }
  if (!r.channels.cheapest_feasible) {
    r.warnings.push_back("Even using every channel to its cap, the plan is " +
                         FormatNumber(r.channels.shortfall_customers, 1) + " customers short of the goal.");
  }
  for (size_t step : r.uncertainty.small_sample_steps) {
    r.warnings.push_back("Few observations behind " + StepName(s, step) + " (" +
                         std::to_string(s.steps[step].k) + " of " + std::to_string(s.steps[step].n) +
                         "): its rate is uncertain.");
  }
  return r;
}

}  // namespace funnel
