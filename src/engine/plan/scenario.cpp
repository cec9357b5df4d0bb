#include "engine/plan/scenario.hpp"

#include <cctype>
#include <cmath>

namespace funnel {

Scenario SampleScenario(YearMonth start) {
  Scenario s;
  s.start_year = start.year;
  s.start_month = start.month;
  s.name = "Sample plan";
  s.currency = "USD";
  s.revenue_goal = 1'000'000;
  s.deal_size = 25'000;
  s.stages = {"Visitor", "Lead", "MQL", "SQL", "Opportunity", "Customer"};
  s.steps = {{0.025, 0, 0, 0.0}, {0.40, 0, 0, 1.0}, {0.50, 0, 0, 0.0}, {0.60, 0, 0, 1.0},
             {0.25, 0, 0, 1.0}};
  return s;
}

std::string StepName(const Scenario& scenario, size_t step) {
  if (step + 1 >= scenario.stages.size()) return "step " + std::to_string(step + 1);
  return scenario.stages[step] + " \xE2\x86\x92 " + scenario.stages[step + 1];  // U+2192 →
}

size_t FindStage(const Scenario& s, const char* name_part) {
  std::string needle(name_part);
  for (char& c : needle) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (size_t i = 0; i < s.stages.size(); ++i) {
    std::string name = s.stages[i];
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name.find(needle) != std::string::npos) return i;
  }
  return std::string::npos;
}

size_t EntryStageIndex(const Scenario& s) {
  if (!s.entry_stage.empty()) {
    for (size_t i = 0; i < s.stages.size(); ++i) {
      if (s.stages[i] == s.entry_stage) return i;
    }
  }
  for (size_t i = 0; i < s.stages.size(); ++i) {
    if (s.stages[i] == "Lead" || s.stages[i] == "Leads") return i;
  }
  return 0;
}

std::vector<FieldError> ValidateScenario(const Scenario& s) {
  std::vector<FieldError> errors;
  // Amounts and counts are capped at 10^15 (kMaxPlannedCount): beyond it, products of two of
  // them overflow to infinity and sums of them lose every digit a plan shows.
  auto positive = [&](double v, const std::string& field, const std::string& what) {
    if (!std::isfinite(v)) errors.push_back({field, what + " must be a number"});
    else if (v <= 0.0) errors.push_back({field, what + " must be greater than 0"});
    else if (v > kMaxPlannedCount) errors.push_back({field, what + " must be at most 10^15"});
  };
  auto non_negative = [&](double v, const std::string& field, const std::string& what) {
    if (!std::isfinite(v)) errors.push_back({field, what + " must be a number"});
    else if (v < 0.0) errors.push_back({field, what + " must not be negative"});
    else if (v > kMaxPlannedCount) errors.push_back({field, what + " must be at most 10^15"});
  };
  auto share = [&](double v, const std::string& field, const std::string& what) {
    if (!std::isfinite(v) || v < 0.0 || v > 1.0) errors.push_back({field, what + " must be between 0 % and 100 %"});
  };
  positive(s.revenue_goal, "revenue_goal", "Revenue goal");
  positive(s.deal_size, "deal_size", "Average deal size");

  if (s.stages.size() < 2) errors.push_back({"stages", "A funnel needs at least 2 stages"});
  if (s.stages.size() > 64) errors.push_back({"stages", "A funnel can have at most 64 stages"});
  for (size_t i = 0; i < s.stages.size(); ++i) {
    if (s.stages[i].empty()) errors.push_back({"stages[" + std::to_string(i) + "]", "Stage name must not be empty"});
  }
  const size_t steps = s.stages.empty() ? 0 : s.stages.size() - 1;
  if (s.steps.size() != steps) {
    errors.push_back({"steps", "Expected " + std::to_string(steps) + " conversion rates for " +
                                   std::to_string(s.stages.size()) + " stages, got " +
                                   std::to_string(s.steps.size())});
  }
  for (size_t i = 0; i < s.steps.size(); ++i) {
    const Step& st = s.steps[i];
    const std::string field = "steps[" + std::to_string(i) + "]";
    const std::string name = StepName(s, i);
    if (!std::isfinite(st.rate)) {
      errors.push_back({field + ".rate", "Conversion rate of " + name + " must be a number"});
    } else if (st.rate <= 0.0) {
      errors.push_back({field + ".rate", "Conversion rate of " + name +
                                             " must be greater than 0 %: at 0 % no number of " +
                                             (i < s.stages.size() ? s.stages[i] : std::string("leads")) +
                                             " reaches the goal"});
    } else if (st.rate > 1.0) {
      errors.push_back({field + ".rate", "Conversion rate of " + name + " must be at most 100 %"});
    }
    if (st.k > st.n) errors.push_back({field + ".k", "Converted (k) cannot exceed observed (n) for " + name});
    if (!std::isfinite(st.lag_months) || st.lag_months < 0.0 || st.lag_months > 120.0) {
      errors.push_back({field + ".lag_months", "Lag of " + name + " must be between 0 and 120 months"});
    }
    if (!st.lag_shares.empty()) {
      double sum = 0.0;
      bool good = st.lag_shares.size() <= 121;
      for (double x : st.lag_shares) {
        good = good && std::isfinite(x) && x >= 0.0;
        sum += x;
      }
      if (!good || std::fabs(sum - 1.0) > 1e-3) {
        errors.push_back({field + ".lag_shares", "Lag shares of " + name + " must be at most 121 shares of 0 or more (0, 1, 2, … months later) that add up to 1"});
      }
    }
  }
  if (s.start_month < 1 || s.start_month > 12) errors.push_back({"start_month", "Start month must be 1 to 12"});
  if (s.start_year < 1900 || s.start_year > 2200) errors.push_back({"start_year", "Start year must be between 1900 and 2200"});
  if (s.horizon_months < 1 || s.horizon_months > 120) errors.push_back({"horizon_months", "Horizon must be 1 to 120 months"});
  if (!s.seasonality.empty()) {
    double total = 0.0;
    if (s.seasonality.size() != static_cast<size_t>(std::max(0, s.horizon_months))) {
      errors.push_back({"seasonality", "Expected one weight per month of the horizon (" +
                                           std::to_string(s.horizon_months) + "), got " +
                                           std::to_string(s.seasonality.size())});
    }
    for (size_t i = 0; i < s.seasonality.size(); ++i) {
      non_negative(s.seasonality[i], "seasonality[" + std::to_string(i) + "]", "A seasonality weight");
      if (std::isfinite(s.seasonality[i])) total += s.seasonality[i];
    }
    if (!(total > 0.0)) errors.push_back({"seasonality", "Seasonality weights must not all be 0"});
  }
  if (!s.entry_stage.empty()) {
    bool found = false;
    for (const auto& st : s.stages) found = found || st == s.entry_stage;
    if (!found) errors.push_back({"entry_stage", "Entry stage \"" + s.entry_stage + "\" is not one of the stages"});
  }
  for (size_t c = 0; c < s.channels.size(); ++c) {
    const Channel& ch = s.channels[c];
    const std::string f = "channels[" + std::to_string(c) + "]";
    if (ch.name.empty()) errors.push_back({f + ".name", "Channel name must not be empty"});
    share(ch.share, f + ".share", "Channel share");
    non_negative(ch.cost_per_lead, f + ".cost_per_lead", "Cost per lead");
    non_negative(ch.max_leads_per_month, f + ".max_leads_per_month", "Lead cap");
    const size_t own = s.stages.size() > EntryStageIndex(s) ? s.stages.size() - 1 - EntryStageIndex(s) : 0;
    if (!ch.rates.empty() && ch.rates.size() != own) {
      errors.push_back({f + ".rates", "Expected " + std::to_string(own) + " rates (entry stage to customer), got " +
                                          std::to_string(ch.rates.size())});
    }
    for (size_t r = 0; r < ch.rates.size(); ++r) {
      if (!std::isfinite(ch.rates[r]) || ch.rates[r] <= 0.0 || ch.rates[r] > 1.0) {
        errors.push_back({f + ".rates[" + std::to_string(r) + "]", "Channel rate must be above 0 % and at most 100 %"});
      }
    }
  }
  if (!s.channels.empty()) {
    double total = 0.0;
    for (const auto& ch : s.channels) total += std::isfinite(ch.share) ? ch.share : 0.0;
    if (!(total > 0.0)) errors.push_back({"channels", "At least one channel needs a share above 0 %"});
  }
  non_negative(s.capacity.sales_reps, "capacity.sales_reps", "Sales reps");
  non_negative(s.capacity.deals_per_rep_per_month, "capacity.deals_per_rep_per_month", "Deals per rep");
  non_negative(s.capacity.sdrs, "capacity.sdrs", "SDRs");
  non_negative(s.capacity.sqls_per_sdr_per_month, "capacity.sqls_per_sdr_per_month", "SQLs per SDR");
  share(s.money.gross_margin, "money.gross_margin", "Gross margin");
  share(s.money.monthly_churn, "money.monthly_churn", "Monthly churn");
  non_negative(s.money.arpa_monthly, "money.arpa_monthly", "ARPA");
  non_negative(s.money.marketing_budget, "money.marketing_budget", "Marketing budget");
  non_negative(s.money.sales_cost, "money.sales_cost", "Sales cost");
  non_negative(s.money.sales_cycle_days, "money.sales_cycle_days", "Sales cycle");
  non_negative(s.planned_leads, "planned_leads", "Planned leads");
  if (s.draws < 100 || s.draws > 1'000'000) errors.push_back({"draws", "Monte Carlo draws must be 100 to 1,000,000"});
  return errors;
}

}  // namespace funnel
