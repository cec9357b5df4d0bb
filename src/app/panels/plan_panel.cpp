// Plan panel: the goal and conversion-rate inputs on the left, the reverse funnel on the right.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "app/app_state.hpp"
#include "app/panels/panels.hpp"
#include "app/theme.hpp"
#include "app/widgets.hpp"
#include "engine/common/calendar.hpp"
#include "engine/common/format.hpp"
#include "engine/common/rate_estimate.hpp"
#include "engine/plan/plan.hpp"

namespace {

bool MoneyInput(AppState& app, const char* label, const char* id, double& value, const char* help) {
  const float em = ImGui::GetFontSize();
  ImGui::TextUnformatted(label);
  HelpMarker(help);
  ImGui::SetNextItemWidth(12.0f * em);
  bool changed = ImGui::InputDouble(id, &value, 0.0, 0.0, "%.0f");
  changed |= AccessibleNumber(app, id + 2, label, &value, 0);  // id is "##name"
  ImGui::SameLine();
  ImGui::TextDisabled("%s", funnel::FormatMoney(value, app.scenario.currency).c_str());
  return changed;
}

void DrawInputs(AppState& app) {
  funnel::Scenario& s = app.scenario;
  const float em = ImGui::GetFontSize();
  bool changed = false;

  ImGui::SeparatorText("Goal");
  changed |= MoneyInput(app, "Revenue goal", "##revenue_goal", s.revenue_goal,
                        "Total revenue to win from new customers over the plan.");
  changed |= MoneyInput(app, "Average deal size", "##deal_size", s.deal_size,
                        "Average revenue per won deal (one new customer).");

  ImGui::SeparatorText("Conversion rates");
  ImGui::TextWrapped("Share of each stage that reaches the next one.");
  for (size_t i = 0; i < s.steps.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    double percent = s.steps[i].rate * 100.0;
    ImGui::SetNextItemWidth(7.0f * em);
    bool typed = ImGui::InputDouble("##rate", &percent, 0.0, 0.0, "%.2f %%");
    typed |= AccessibleNumber(app, "steps[" + std::to_string(i) + "].rate",
                              funnel::StepName(s, i) + " conversion rate (%)", &percent, 2);
    if (typed) {
      s.steps[i].rate = percent / 100.0;
      s.steps[i].k = s.steps[i].n = 0;  // typed now: no longer an observed k of n
      changed = true;
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(funnel::StepName(s, i).c_str());
    if (s.steps[i].n > 0) {
      const funnel::RateEstimate e = funnel::EstimateRate(s.steps[i].k, s.steps[i].n);
      ImGui::SameLine();
      ImGui::TextDisabled("%s of %s", funnel::FormatNumber(static_cast<double>(e.k), 0).c_str(),
                          funnel::FormatNumber(static_cast<double>(e.n), 0).c_str());
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Observed in your data: %s of %s converted.\n95 %% range (Wilson): %s to %s%s",
                          funnel::FormatNumber(static_cast<double>(e.k), 0).c_str(),
                          funnel::FormatNumber(static_cast<double>(e.n), 0).c_str(),
                          funnel::FormatPercent(e.wilson_low, 1).c_str(),
                          funnel::FormatPercent(e.wilson_high, 1).c_str(),
                          e.small_sample ? "\nFew observations: treat this rate with care." : "");
      }
    }
    ImGui::PopID();
  }

  ImGui::SeparatorText("Timing");
  // The first month of the plan: − and + move it a month at a time (across years too).
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("First month");
  ImGui::SameLine();
  int move = 0;
  if (AccessibleButton(app, "-##start_month_earlier", "start_month_earlier",
                       "First month one earlier (now " + funnel::MonthLabel(s.start_year, s.start_month, 0) + ")")) {
    move = -1;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One month earlier");
  ImGui::SameLine();
  const std::string start = funnel::MonthLabel(s.start_year, s.start_month, 0);
  ImGui::TextUnformatted(start.c_str());
  PublishItemRect(app, "start_month");
  ImGui::SameLine();
  if (AccessibleButton(app, "+##start_month_later", "start_month_later", "First month one later (now " + start + ")")) {
    move = 1;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One month later");
  if (move != 0) {
    const int index = s.start_year * 12 + (s.start_month - 1) + move;
    if (index / 12 >= 1900 && index / 12 <= 2200) {
      s.start_year = index / 12;
      s.start_month = index % 12 + 1;
      changed = true;
    }
  }
  ImGui::SetNextItemWidth(7.0f * em);
  bool horizon = ImGui::InputInt("Months in the plan", &s.horizon_months);
  horizon |= AccessibleNumber(app, "horizon_months", "Months in the plan", &s.horizon_months);
  if (horizon) {
    s.horizon_months = std::clamp(s.horizon_months, 1, 120);
    s.seasonality.clear();  // one weight per month: no longer fits
    changed = true;
  }
  if (AccessibleTreeNode(app, "Seasonality", "seasonality")) {
    // One weight per month of the plan: revenue is split in these proportions.
    if (s.seasonality.size() != static_cast<size_t>(s.horizon_months)) {
      if (AccessibleButton(app, "Set month weights", "seasonality_set", "", true)) {
        s.seasonality.assign(static_cast<size_t>(s.horizon_months), 1.0);
        changed = true;
      }
      ImGui::SameLine();
      ImGui::TextDisabled("(now: the goal is spread evenly)");
    } else {
      for (size_t m = 0; m < s.seasonality.size(); ++m) {
        ImGui::PushID(static_cast<int>(1000 + m));
        if (m % 4) ImGui::SameLine();
        ImGui::SetNextItemWidth(3.5f * em);
        float w = static_cast<float>(s.seasonality[m]);
        bool moved = ImGui::DragFloat("##w", &w, 0.02f, 0.0f, 10.0f, "%.2f");
        moved |= AccessibleNumber(app, "seasonality[" + std::to_string(m) + "]",
                                  "Weight of " + funnel::MonthLabel(s.start_year, s.start_month, static_cast<int>(m)) +
                                      " (1 = average)", &w, 2);
        if (moved) {
          s.seasonality[m] = std::max(0.0, static_cast<double>(w));
          changed = true;
        }
        if (ImGui::IsItemHovered()) {
          ImGui::SetTooltip("%s: weight of this month's revenue (1 = average)",
                            funnel::MonthLabel(s.start_year, s.start_month, static_cast<int>(m)).c_str());
        }
        ImGui::PopID();
      }
      if (AccessibleButton(app, "Even again", "seasonality_even", "Even month weights again", true)) {
        s.seasonality.clear();
        changed = true;
      }
    }
    ImGui::TreePop();
  }
  for (size_t i = 0; i < s.steps.size(); ++i) {
    ImGui::PushID(static_cast<int>(100 + i));
    ImGui::SetNextItemWidth(7.0f * em);
    bool lag = ImGui::InputDouble("##lag", &s.steps[i].lag_months, 0.0, 0.0, "%.1f mo");
    lag |= AccessibleNumber(app, "steps[" + std::to_string(i) + "].lag_months", "Months from " + funnel::StepName(s, i),
                            &s.steps[i].lag_months, 1);
    if (lag) {
      s.steps[i].lag_months = std::clamp(s.steps[i].lag_months, 0.0, 120.0);
      s.steps[i].lag_shares.clear();  // a typed lag replaces the spread seen in the data
      changed = true;
    }
    ImGui::SameLine();
    ImGui::Text("from %s", funnel::StepName(s, i).c_str());
    if (s.steps[i].lag_shares.size() > 1) {
      // "as in the data: 52 % within a month, 31 % in the second, 17 % later"
      std::string spread;
      double rest = 0.0;
      for (size_t j = 0; j < s.steps[i].lag_shares.size(); ++j) {
        const double share = s.steps[i].lag_shares[j];
        if (j < 2) spread += (j ? ", " : "") + funnel::FormatPercent(share, 0) + (j == 0 ? " within a month" : " in the second");
        else rest += share;
      }
      if (rest >= 0.005) spread += ", " + funnel::FormatPercent(rest, 0) + " later";
      ImGui::Indent(7.0f * em + ImGui::GetStyle().ItemSpacing.x);
      Hint("as in the data: %s", spread.c_str());
      ImGui::Unindent(7.0f * em + ImGui::GetStyle().ItemSpacing.x);
    }
    ImGui::PopID();
  }
  if (changed) Recompute(app);
}

void DrawErrors(const AppState& app) {
  ImGui::PushStyleColor(ImGuiCol_Text, Colors().error);
  ImGui::TextUnformatted("The plan cannot be computed:");
  for (const funnel::FieldError& e : app.plan.errors()) ImGui::BulletText("%s", e.message.c_str());
  ImGui::PopStyleColor();
}

void DrawTargetsTable(const AppState& app) {
  const auto& plan = app.plan.value().funnel;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("targets", 4, kFlags)) return;
  ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn("Rate to next", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Needed (exact)", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Target", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  auto right_aligned = [](const std::string& text) {
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetColumnWidth() - w));
    ImGui::TextUnformatted(text.c_str());
  };
  for (size_t i = 0; i < plan.stages.size(); ++i) {
    const funnel::StageTarget& t = plan.stages[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(t.stage.c_str());
    ImGui::TableNextColumn();
    if (i + 1 < plan.stages.size()) right_aligned(funnel::FormatPercent(t.rate_to_next));
    ImGui::TableNextColumn();
    right_aligned(funnel::FormatNumber(t.exact, 2));
    ImGui::TableNextColumn();
    right_aligned(funnel::FormatNumber(t.whole, 0));
  }
  ImGui::EndTable();
}

// Funnel chart: one centred bar per stage. Counts span orders of magnitude, so bar width
// follows log10(count) — every stage stays visible.
void DrawFunnelChart(AppState& app) {
  const auto& stages = app.plan.value().funnel.stages;
  const float em = ImGui::GetFontSize();
  const float bar_h = 1.9f * em, gap = 0.35f * em;
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = static_cast<float>(stages.size()) * (bar_h + gap);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("funnel_chart", ImVec2(width, height));
  PublishItemRect(app, "chart");  // the chart PNG export crops to this
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();

  double max_log = 1.0;
  for (const auto& t : stages) max_log = std::max(max_log, std::log10(t.whole + 1.0));
  const ImU32 kBar = Colors().accent, kBarHover = Colors().accent_hover;
  for (size_t i = 0; i < stages.size(); ++i) {
    const auto& t = stages[i];
    const float frac = static_cast<float>(0.15 + 0.85 * std::log10(t.whole + 1.0) / max_log);
    const float w = frac * width;
    const float y = origin.y + static_cast<float>(i) * (bar_h + gap);
    const ImVec2 a(origin.x + (width - w) * 0.5f, y), b(a.x + w, y + bar_h);
    const bool over = hovered && ImGui::IsMouseHoveringRect(a, b);
    dl->AddRectFilled(a, b, over ? kBarHover : kBar, 0.2f * em);
    const std::string label = t.stage + "  " + funnel::FormatNumber(t.whole, 0);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    const ImVec2 tp(origin.x + (width - ts.x) * 0.5f, y + (bar_h - ts.y) * 0.5f);
    const bool fits = ts.x + 0.8f * em < w;
    ChartText(dl, tp, fits ? Colors().on_accent : ImGui::GetColorU32(ImGuiCol_Text), label);
    if (over) {
      ImGui::SetTooltip("%s: %s needed (exact %s)", t.stage.c_str(),
                        funnel::FormatNumber(t.whole, 0).c_str(),
                        funnel::FormatNumber(t.exact, 2).c_str());
    }
  }
}

// Monte Carlo distribution of leads needed, with the 50/80/90 % marks and the planned leads.
void DrawHistogram(const funnel::PlanReport& report) {
  const funnel::MonteCarlo& mc = report.uncertainty;
  if (mc.histogram_counts.empty()) return;
  const float em = ImGui::GetFontSize();
  const float w = ImGui::GetContentRegionAvail().x, h = 5.0f * em;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("mc_histogram", ImVec2(w, h + 1.3f * em));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  uint64_t top = 1;
  for (uint64_t c : mc.histogram_counts) top = std::max(top, c);
  const double lo = mc.histogram_edges.front(), hi = mc.histogram_edges.back();
  auto x_of = [&](double v) { return o.x + static_cast<float>((v - lo) / (hi - lo)) * w; };
  const size_t bins = mc.histogram_counts.size();
  for (size_t b = 0; b < bins; ++b) {
    const float x0 = x_of(mc.histogram_edges[b]), x1 = x_of(mc.histogram_edges[b + 1]);
    const float bh = h * static_cast<float>(mc.histogram_counts[b]) / static_cast<float>(top);
    const bool covered = mc.histogram_edges[b + 1] <= mc.planned_leads;
    dl->AddRectFilled(ImVec2(x0 + 1.0f, o.y + h - bh), ImVec2(x1 - 1.0f, o.y + h),
                      covered ? Colors().accent : Colors().muted);
  }
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  auto mark = [&](double v, const char* label, ImU32 colour, float label_y) {
    if (v < lo || v > hi) return;
    const float x = x_of(v);
    dl->AddLine(ImVec2(x, o.y), ImVec2(x, o.y + h), colour, 2.0f);
    ChartText(dl, ImVec2(x + 0.2f * em, o.y + label_y), colour, label);
  };
  mark(mc.p50, "50 %", text, 0.0f);
  mark(mc.p90, "90 %", text, 0.0f);
  mark(mc.planned_leads, "planned", Colors().highlight, h - em);
  const std::string l = funnel::FormatNumber(lo, 0), r = funnel::FormatNumber(hi, 0);
  ChartText(dl, ImVec2(o.x, o.y + h + 0.1f * em), ImGui::GetColorU32(ImGuiCol_TextDisabled), l);
  ChartText(dl, ImVec2(o.x + w - ImGui::CalcTextSize(r.c_str()).x, o.y + h + 0.1f * em), ImGui::GetColorU32(ImGuiCol_TextDisabled), r);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s needed across %s simulated funnels (rates drawn from what your data supports).\n"
                      "Blue: outcomes the %s planned %s cover (%s of them).",
                      mc.stage.c_str(), funnel::FormatNumber(mc.draws, 0).c_str(),
                      funnel::FormatNumber(mc.planned_leads, 0).c_str(), mc.stage.c_str(),
                      funnel::FormatPercent(mc.p_hit, 0).c_str());
  }
}

void DrawWarnings(AppState& app, const funnel::PlanReport& report) {
  if (report.warnings.empty()) return;
  const std::string header = "Warnings (" + std::to_string(report.warnings.size()) + ")###plan_warnings";
  if (!AccessibleHeader(app, header.c_str(), "plan_warnings", false)) return;
  ImGui::PushStyleColor(ImGuiCol_Text, Colors().warning);
  for (const auto& w : report.warnings) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", w.c_str());
  }
  ImGui::PopStyleColor();
}

// Entry-stage leads needed per month, stacked by channel (the channels' share of the mix), so a
// team sees when each channel must deliver. One colour per channel; hover for the numbers.
void DrawMonthlyBars(AppState& app) {
  const funnel::PlanReport& r = app.plan.value();
  const funnel::MonthlyPlan& m = r.monthly;
  const std::vector<double>& leads = m.whole[r.entry_stage];
  double top = 0.0;
  for (double v : leads) top = std::max(top, v);
  if (!(top > 0.0)) return;
  const float em = ImGui::GetFontSize();
  const float w = ImGui::GetContentRegionAvail().x, h = 6.0f * em;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("monthly_bars", ImVec2(w, h + 1.3f * em));
  PublishItemRect(app, "monthly_bars");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& series = Colors().series;
  // Shares of the mix (normalised); without channels, one bar.
  std::vector<std::pair<std::string, double>> parts;
  const funnel::ChannelPlan& mix = r.channels;  // the engine's split of the leads by share
  for (const auto& c : mix.mix) {
    if (mix.mix_leads > 0.0 && c.leads > 0.0) parts.emplace_back(c.name, c.leads / mix.mix_leads);
  }
  if (parts.empty()) parts.emplace_back(r.funnel.stages[r.entry_stage].stage, 1.0);
  const size_t n = leads.size();
  const float slot = w / static_cast<float>(n);
  const size_t stride = LabelStride(slot, "26-08");
  const ImVec2 mouse = ImGui::GetMousePos();
  for (size_t c = 0; c < n; ++c) {
    const float x0 = o.x + slot * static_cast<float>(c) + 0.15f * slot, x1 = x0 + 0.7f * slot;
    float y = o.y + h;
    for (size_t p = 0; p < parts.size(); ++p) {
      const float ph = h * static_cast<float>(leads[c] * parts[p].second / top);
      dl->AddRectFilled(ImVec2(x0, y - ph), ImVec2(x1, y), series[p % 6]);
      y -= ph;
    }
    if (c % stride == 0) {
      ChartText(dl, ImVec2(x0, o.y + h + 0.15f * em), ImGui::GetColorU32(ImGuiCol_TextDisabled), m.months[c].substr(2));
    }
    if (ImGui::IsItemHovered() && mouse.x >= o.x + slot * static_cast<float>(c) && mouse.x < o.x + slot * static_cast<float>(c + 1)) {
      std::string tip = m.months[c] + ": " + funnel::FormatNumber(leads[c], 0) + " " + r.funnel.stages[r.entry_stage].stage;
      if (m.first_offset + static_cast<int>(c) < 0) tip += " (before the plan starts)";
      for (const auto& [name, share] : parts) {
        if (parts.size() > 1) tip += "\n  " + name + ": " + funnel::FormatNumber(leads[c] * share, 0);
      }
      ImGui::SetTooltip("%s", tip.c_str());
    }
  }
  std::string legend = "Needed per month at the " + r.funnel.stages[r.entry_stage].stage + " stage";
  if (parts.size() > 1) legend += ", by channel";
  ImGui::TextDisabled("%s", legend.c_str());
  if (parts.size() > 1) {
    for (size_t p = 0; p < parts.size(); ++p) {
      ImGui::SameLine();
      ImGui::ColorButton(("##legend" + std::to_string(p)).c_str(), ImGui::ColorConvertU32ToFloat4(series[p % 6]),
                         ImGuiColorEditFlags_NoTooltip, ImVec2(0.8f * em, 0.8f * em));
      ImGui::SameLine();
      ImGui::TextUnformatted(parts[p].first.c_str());
    }
  }
}

void DrawMonthlyTable(AppState& app) {
  const funnel::MonthlyPlan& m = app.plan.value().monthly;
  if (!AccessibleHeader(app, "Month by month", "month_by_month")) return;
  DrawMonthlyBars(app);
  const int columns = static_cast<int>(app.scenario.stages.size()) + 1;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
  const float em = ImGui::GetFontSize();
  // Stacked (phones): every row, so a swipe scrolls the tab and never gets caught in the table.
  const float rows = static_cast<float>(m.months.size()) + 3.0f;
  const float height = (app.stacked ? rows : std::min(16.0f, rows)) * ImGui::GetTextLineHeightWithSpacing();
  if (!ImGui::BeginTable("monthly", columns, kFlags, ImVec2(0.0f, height + 0.5f * em))) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("Month");
  for (const auto& st : app.scenario.stages) ImGui::TableSetupColumn(st.c_str());
  ImGui::TableHeadersRow();
  for (size_t c = 0; c < m.months.size(); ++c) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const bool before = m.first_offset + static_cast<int>(c) < 0;
    if (before) ImGui::TextDisabled("%s *", m.months[c].c_str());
    else ImGui::TextUnformatted(m.months[c].c_str());
    if (before && ImGui::IsItemHovered()) ImGui::SetTooltip("Before the plan starts: this work must already be under way.");
    for (size_t k = 0; k < m.whole.size(); ++k) {
      ImGui::TableNextColumn();
      if (m.whole[k][c] > 0.0) ImGui::TextUnformatted(funnel::FormatNumber(m.whole[k][c], 0).c_str());
    }
  }
  // Total: each stage's months add up to its target (rounded cumulatively).
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted("Total");
  PublishItemRect(app, "monthly_total");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Each stage's months add up to its target.");
  for (const auto& t : app.plan.value().funnel.stages) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(funnel::FormatNumber(t.whole, 0).c_str());
  }
  ImGui::EndTable();
}

void Metric(const char* label, const std::string& value, const char* help) {
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", label);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", help);
  ImGui::TextUnformatted(value.c_str());
}

void DrawMoney(AppState& app) {
  if (!AccessibleHeader(app, "Money and pipeline", "money_and_pipeline")) return;
  DrawMoneyMetrics(app);
}

}  // namespace

void DrawMoneyMetrics(const AppState& app) {
  const funnel::MoneyMetrics& m = app.plan.value().money;
  const std::string& cur = app.scenario.currency;
  if (!ImGui::BeginTable("money", 4, ImGuiTableFlags_SizingStretchSame)) return;
  const std::string dash = "\xE2\x80\x94";  // —: undefined (no cost, no churn, …)
  auto money = [&](std::optional<double> v) { return v && *v > 0.0 ? funnel::FormatMoney(*v, cur) : dash; };
  Metric("Acquisition cost", money(m.cost), "Marketing spend (the channel mix, or the budget you typed) + other acquisition cost.");
  Metric("CAC", money(m.cac), "Customer acquisition cost: acquisition cost / new customers.");
  Metric("LTV", money(m.ltv), "Lifetime value: monthly revenue per account x gross margin / monthly churn.");
  Metric("LTV:CAC", m.ltv_to_cac ? funnel::FormatNumber(*m.ltv_to_cac, 1) : dash,
         "How many times a customer pays back what winning them cost. 3 or more is healthy.");
  Metric("Payback", m.payback_months ? funnel::FormatNumber(*m.payback_months, 1) + " months" : dash,
         "Months of gross margin from a customer to earn back the CAC.");
  Metric("ROI", m.roi ? funnel::FormatPercent(*m.roi, 0) : dash,
         "(Revenue goal x gross margin - acquisition cost) / acquisition cost.");
  Metric("Pipeline coverage", funnel::FormatNumber(m.pipeline_coverage, 2) + "x",
         "Value of the opportunities needed / revenue goal.");
  Metric("Pipeline velocity", money(m.pipeline_velocity) + " / day",
         "Opportunities x win rate x deal size / sales cycle days.");
  ImGui::EndTable();
}

namespace {

void DrawResults(AppState& app) {
  const funnel::Scenario& s = app.scenario;
  if (!app.plan) {
    DrawErrors(app);
    return;
  }
  const auto& plan = app.plan.value().funnel;
  ImGui::SeparatorText("What it takes");
  ImGui::TextWrapped("To win %s at %s per deal you need %s customers, starting from %s at the %s stage.",
                     funnel::FormatMoney(s.revenue_goal, s.currency).c_str(),
                     funnel::FormatMoney(s.deal_size, s.currency).c_str(),
                     funnel::FormatNumber(plan.stages.back().whole, 0).c_str(),
                     funnel::FormatNumber(plan.stages.front().whole, 0).c_str(),
                     plan.stages.front().stage.c_str());
  const funnel::PlanReport& report = app.plan.value();
  const funnel::MonteCarlo& mc = report.uncertainty;
  if (mc.uncertain) {
    ImGui::TextWrapped("To hit the goal with 90 %% confidence you need %s %s (50 %%: %s, 80 %%: %s). "
                       "With %s planned, the chance of reaching the goal is %s.",
                       funnel::FormatNumber(mc.p90, 0).c_str(), mc.stage.c_str(),
                       funnel::FormatNumber(mc.p50, 0).c_str(), funnel::FormatNumber(mc.p80, 0).c_str(),
                       funnel::FormatNumber(mc.planned_leads, 0).c_str(), funnel::FormatPercent(mc.p_hit, 0).c_str());
  }
  if (mc.uncertain) DrawHistogram(report);
  ImGui::Spacing();
  DrawTargetsTable(app);
  ImGui::SeparatorText("Funnel");
  DrawFunnelChart(app);
  Hint("Bar width on a log scale. Target = exact count rounded up.");
  DrawWarnings(app, report);
  DrawMonthlyTable(app);
  DrawMoney(app);
}

}  // namespace

void DrawPlanPanel(AppState& app) {
  const float em = ImGui::GetFontSize();
  if (!app.plan_notice.empty()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(app.plan_notice.c_str());
    ImGui::SameLine();
    if (AccessibleButton(app, "Undo##plan_notice", "plan_notice_undo", "Undo: " + app.plan_notice, true)) {
      Undo(app);
      app.plan_notice.clear();
    }
    ImGui::SameLine();
    if (AccessibleButton(app, "OK##plan_notice", "plan_notice_ok", "OK, keep: " + app.plan_notice, true)) {
      app.plan_notice.clear();
    }
  } else if (!app.data.loaded) {
    // The plan's own name (a shared plan opened from a link says which plan it is).
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s. Bring your own data: paste cells from a spreadsheet (Ctrl+V), "
                       "drop a CRM export on the page, or open the Data tab.", app.scenario.name.c_str());
    ImGui::PopStyleColor();
  }

  const float avail = ImGui::GetContentRegionAvail().x;
  const bool stacked = app.stacked;  // narrow screens: inputs above results, the tab scrolls
  const float left_w = stacked ? avail : std::min(28.0f * em, avail * 0.42f);
  ImGui::BeginChild("inputs", ImVec2(left_w, 0.0f),
                    ImGuiChildFlags_Border | (stacked ? ImGuiChildFlags_AutoResizeY : 0));
  DrawInputs(app);
  ImGui::EndChild();
  PublishItemRect(app, "plan_inputs");
  if (!stacked) ImGui::SameLine();
  ImGui::BeginChild("results", ImVec2(0.0f, 0.0f), ImGuiChildFlags_Border | (stacked ? ImGuiChildFlags_AutoResizeY : 0));
  DrawResults(app);
  ImGui::EndChild();
  PublishItemRect(app, "plan_results");
}
