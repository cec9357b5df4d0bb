// The full plan from a scenario: reverse funnel totals, month × stage targets shifted by the
// step lags, capacity checks, channel volumes and cost, the cheapest channel mix under caps,
// money metrics, and the uncertainty of it all. Formulas with worked examples: docs/math.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/common/result.hpp"
#include "engine/plan/reverse_funnel.hpp"
#include "engine/plan/scenario.hpp"
#include "engine/plan/uncertainty.hpp"

namespace funnel {

struct MonthlyPlan {
  // Months from the first one any target falls in (before the start when lags reach back) to
  // the end of the horizon. offset 0 = the plan's first month.
  std::vector<std::string> months;  // "2026-01"
  int first_offset = 0;             // offset of months[0] (≤ 0)
  std::vector<double> revenue;      // goal revenue per month (0 outside the horizon)
  std::vector<std::vector<double>> exact;  // [stage][month] count needed in that month
  std::vector<std::vector<double>> whole;  // whole targets, rounded cumulatively: a stage's months add up to its target
  std::vector<double> stage_lag;    // months stage k comes before the customers (sum of the step lags; fractional spreads)
  std::vector<int> stage_shift;     // the earliest month any part of stage k falls in, before the customers: ceil(stage_lag)
};

struct ChannelResult {
  std::string name;
  double conversion = 0.0;   // entry stage → customer
  double leads = 0.0;        // entry-stage leads over the plan (exact)
  double whole_leads = 0.0;  // the same, whole: the list's whole leads add up to its total rounded up
  double customers = 0.0;
  double cost = 0.0;
  double cost_per_customer = 0.0;
  double cap = 0.0;          // leads cap over the plan (0 = none)
  bool over_cap = false;
};

struct ChannelPlan {
  std::vector<ChannelResult> mix;       // by the scenario's shares
  double mix_cost = 0.0;
  double mix_leads = 0.0;
  double mix_whole_leads = 0.0;  // mix_leads rounded up: the sum of the mix's whole_leads
  std::vector<ChannelResult> cheapest;  // the cheapest mix that reaches the goal under caps
  double cheapest_cost = 0.0;
  bool cheapest_feasible = true;
  double shortfall_customers = 0.0;     // when the caps cannot reach the goal
};

// A metric that cannot be computed (no cost, no churn, …) is empty, and every view shows "—".
struct MoneyMetrics {
  double spend = 0.0;                 // channel cost of the mix, else the marketing budget
  double cost = 0.0;                  // acquisition cost: spend + other acquisition cost (money.sales_cost)
  std::vector<double> cost_per_stage; // cost / target of each stage from the entry stage on (0 before it)
  std::optional<double> cac;          // cost / customers
  std::optional<double> ltv;          // ARPA × margin / churn
  std::optional<double> ltv_to_cac;
  std::optional<double> payback_months;  // CAC / (ARPA × margin)
  std::optional<double> roi;          // (revenue × margin − cost) / cost
  double win_rate = 0.0;              // opportunity → customer
  double sales_cycle_days = 0.0;
  double pipeline_velocity = 0.0;     // opportunities × win rate × deal size / cycle days (per day)
  double pipeline_coverage = 0.0;     // opportunities × deal size / revenue goal
  size_t opportunity_stage = 0;
};

struct PlanReport {
  ReverseFunnel funnel;
  size_t entry_stage = 0;
  MonthlyPlan monthly;
  ChannelPlan channels;
  MoneyMetrics money;
  MonteCarlo uncertainty;
  std::vector<SensitivityBar> sensitivity;
  WhatIfGrid what_if;
  std::vector<std::string> warnings;  // targets before the start, capacity, caps, thin evidence
};

MonthlyPlan PlanByMonth(const Scenario& scenario);
// The share of a step's conversions that happen 0, 1, 2, … whole months after its first stage:
// its lag_shares when set, else lag_months = w + f as a share 1 − f at w and f at w + 1.
std::vector<double> LagShares(const Step& step);
ChannelPlan PlanChannels(const Scenario& scenario);
// Share of entry-stage leads that become customers at the plan's own rates (Π of the steps
// from the entry stage on).
double EntryToCustomerRate(const Scenario& scenario);
MoneyMetrics ComputeMoney(const Scenario& scenario, const ReverseFunnel& funnel, const ChannelPlan& channels);

// Everything above for a valid scenario, or the scenario's field errors.
Result<PlanReport> BuildPlan(const Scenario& scenario);

}  // namespace funnel
