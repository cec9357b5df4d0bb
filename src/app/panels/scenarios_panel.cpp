// Scenarios: keep named versions of the plan, open or delete them, and compare two or three
// side by side with the differences from the first.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "app/app_state.hpp"
#include "app/panels/panels.hpp"
#include "app/widgets.hpp"
#include "engine/common/format.hpp"

namespace {

struct Row {
  const char* label;
  const char* help;
  // Value of the row for one scenario and its plan; NaN = not applicable.
  std::optional<double> (*value)(const funnel::Scenario&, const funnel::PlanReport&);  // empty: undefined, shown as "—"
  enum Kind { kMoney, kCount, kPercent, kRatio, kMonths } kind;
};

std::optional<double> EntryLeads(const funnel::Scenario&, const funnel::PlanReport& r) { return r.funnel.stages[r.entry_stage].whole; }

const Row kRows[] = {
    {"Revenue goal", "Revenue to win over the plan.", [](const funnel::Scenario& s, const funnel::PlanReport&) -> std::optional<double> { return s.revenue_goal; }, Row::kMoney},
    {"Average deal size", "Revenue per won deal.", [](const funnel::Scenario& s, const funnel::PlanReport&) -> std::optional<double> { return s.deal_size; }, Row::kMoney},
    {"Customers needed", "Goal / deal size, rounded up.", [](const funnel::Scenario&, const funnel::PlanReport& r) -> std::optional<double> { return r.funnel.stages.back().whole; }, Row::kCount},
    {"Leads needed", "Entry-stage leads the plan needs.", EntryLeads, Row::kCount},
    {"Leads at 90 % confidence", "Leads needed to hit the goal 9 times in 10, given how sure the rates are.",
     [](const funnel::Scenario&, const funnel::PlanReport& r) -> std::optional<double> {
       if (!r.uncertainty.uncertain) return std::nullopt;  // typed rates: no distribution
       return r.uncertainty.p90;
     }, Row::kCount},
    {"Top of funnel", "Count needed at the first stage.", [](const funnel::Scenario&, const funnel::PlanReport& r) -> std::optional<double> { return r.funnel.stages.front().whole; }, Row::kCount},
    {"Lead to customer", "Share of entry-stage leads that become customers.",
     [](const funnel::Scenario& s, const funnel::PlanReport&) -> std::optional<double> { return funnel::EntryToCustomerRate(s); },
     Row::kPercent},
    {"Marketing spend", "Cost of the channel mix (or the budget).", [](const funnel::Scenario&, const funnel::PlanReport& r) -> std::optional<double> { return r.money.spend; }, Row::kMoney},
    {"Acquisition cost", "Marketing spend + other acquisition cost.", [](const funnel::Scenario&, const funnel::PlanReport& r) -> std::optional<double> { return r.money.cost; }, Row::kMoney},
    {"CAC", "Acquisition cost / customers.", [](const funnel::Scenario&, const funnel::PlanReport& r) { return r.money.cac; }, Row::kMoney},
    {"LTV:CAC", "Lifetime value / acquisition cost.", [](const funnel::Scenario&, const funnel::PlanReport& r) { return r.money.ltv_to_cac; }, Row::kRatio},
    {"Payback", "Months of gross margin to earn back the CAC.", [](const funnel::Scenario&, const funnel::PlanReport& r) { return r.money.payback_months; }, Row::kMonths},
    {"ROI", "(Revenue goal × gross margin − acquisition cost) / acquisition cost.", [](const funnel::Scenario&, const funnel::PlanReport& r) { return r.money.roi; }, Row::kPercent},
};

std::string Format(std::optional<double> value, Row::Kind kind, const std::string& currency) {
  if (!value) return "\xE2\x80\x94";  // —: undefined (no cost, no churn, …)
  const double v = *value;
  switch (kind) {
    case Row::kMonths: return funnel::FormatNumber(v, 1) + " months";
    case Row::kMoney: return funnel::FormatMoney(v, currency);
    case Row::kCount: return funnel::FormatNumber(v, 0);
    case Row::kPercent: return funnel::FormatPercent(v, 2);
    case Row::kRatio: return funnel::FormatNumber(v, 2);
  }
  return "";
}

void DrawComparison(const AppState& app) {
  std::vector<const AppState::SavedScenario*> cols;
  for (const auto& s : app.saved) {
    if (s.compare && s.plan.ok() && cols.size() < 3) cols.push_back(&s);
  }
  ImGui::SeparatorText("Side by side");
  if (cols.size() < 2) {
    ImGui::TextDisabled("Tick \"Compare\" on two or three saved scenarios.");
    return;
  }
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("compare", static_cast<int>(cols.size()) + 1, kFlags)) return;
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  for (const auto* c : cols) ImGui::TableSetupColumn(c->scenario.name.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  const std::string& currency = cols[0]->scenario.currency;
  for (const Row& row : kRows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.label);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.help);
    const std::optional<double> base = row.value(cols[0]->scenario, cols[0]->plan.value());
    for (size_t i = 0; i < cols.size(); ++i) {
      ImGui::TableNextColumn();
      const std::optional<double> v = row.value(cols[i]->scenario, cols[i]->plan.value());
      ImGui::TextUnformatted(Format(v, row.kind, currency).c_str());
      if (i > 0 && v && base && std::fabs(*v - *base) > 1e-9 * std::fmax(1.0, std::fabs(*base))) {
        ImGui::SameLine();
        const double diff = *v - *base;
        const std::string d = (diff > 0 ? "+" : "-") + Format(std::fabs(diff), row.kind, currency);
        ImGui::TextDisabled("(%s)", d.c_str());
      }
    }
  }
  ImGui::EndTable();
  Hint("Differences in brackets are against the first column.");
}

}  // namespace

void DrawScenariosPanel(AppState& app) {
  const float em = ImGui::GetFontSize();
  ImGui::SeparatorText("Save the current plan");
  ImGui::SetNextItemWidth(18.0f * em);
  ImGui::InputTextWithHint("##save_name", "Name, e.g. Q3 with events", &app.save_name);
  AccessibleText(app, "save_name", "Name to save the current plan under", &app.save_name);
  ImGui::SameLine();
  if (AccessibleButton(app, "Save", "save", "Save the current plan")) {
    SaveScenarioAs(app, app.save_name);
    app.save_name.clear();
  }
  ImGui::SameLine();
  Hint("Saving under an existing name replaces it.");

  ImGui::SeparatorText("Saved scenarios");
  if (app.saved.empty()) {
    Hint("None yet. Save the plan, change it, save again, and compare the two.");
  } else if (ImGui::BeginTable("saved", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Compare", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Goal", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Leads needed", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < app.saved.size(); ++i) {
      auto& s = app.saved[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string at = "saved[" + std::to_string(i) + "]";
      const std::string& who = s.scenario.name;
      if (AccessibleCheckbox(app, "##compare", at + ".compare", &s.compare, "Compare " + who)) ++app.scenario_revision;
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.scenario.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(funnel::FormatMoney(s.scenario.revenue_goal, s.scenario.currency).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.plan.ok() ? funnel::FormatNumber(s.plan->funnel.stages[s.plan->entry_stage].whole, 0).c_str() : "\xE2\x80\x94");
      ImGui::TableNextColumn();
      if (AccessibleButton(app, "Open", at + ".open", "Open " + who, true)) OpenSavedScenario(app, i);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Make this the current plan (Undo brings the previous one back).");
      ImGui::SameLine();
      if (AccessibleButton(app, "Duplicate", at + ".duplicate", "Duplicate " + who, true)) DuplicateSavedScenario(app, i);
      ImGui::SameLine();
      if (AccessibleButton(app, "Delete", at + ".delete", "Delete " + who, true)) {
        DeleteSavedScenario(app, i);
        ImGui::PopID();
        break;
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  DrawComparison(app);
}
