// Channels & money: the channel mix (share, cost per lead, cap), money and capacity
// assumptions on the left; channel volumes, the cheapest mix under caps and the money
// metrics on the right.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "app/app_state.hpp"
#include "app/panels/panels.hpp"
#include "app/theme.hpp"
#include "app/widgets.hpp"
#include "engine/common/format.hpp"

namespace {

bool PercentInput(AppState& app, const char* label, const char* name, double& share, const char* help) {
  double percent = share * 100.0;
  ImGui::SetNextItemWidth(7.0f * ImGui::GetFontSize());
  bool changed = ImGui::InputDouble(label, &percent, 0.0, 0.0, "%.1f %%");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", help);
  changed |= AccessibleNumber(app, name, std::string(label) + " (%)", &percent, 1);
  if (changed) share = std::clamp(percent / 100.0, 0.0, 1.0);
  return changed;
}

bool AmountInput(AppState& app, const char* label, const char* name, double& value, const char* help,
                 int decimals = 0) {
  ImGui::SetNextItemWidth(7.0f * ImGui::GetFontSize());
  bool changed = ImGui::InputDouble(label, &value, 0.0, 0.0, decimals == 0 ? "%.0f" : "%.1f");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", help);
  changed |= AccessibleNumber(app, name, label, &value, decimals);
  if (changed) value = std::max(0.0, value);
  return changed;
}

void DrawAssumptions(AppState& app) {
  funnel::Scenario& s = app.scenario;
  const float em = ImGui::GetFontSize();
  bool changed = false;
  const size_t entry = funnel::EntryStageIndex(s);
  ImGui::SeparatorText("Channels");
  ImGui::TextWrapped("Where new leads (the %s stage) come from: each channel's share and what one lead costs.",
                     entry < s.stages.size() ? s.stages[entry].c_str() : "first");
  if (ImGui::BeginTable("channel_inputs", 5, ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("Channel", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Share");
    ImGui::TableSetupColumn("Cost per lead");
    ImGui::TableSetupColumn("Cap / month");
    ImGui::TableSetupColumn("");
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < s.channels.size(); ++i) {
      funnel::Channel& c = s.channels[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(-1.0f);
      const std::string at = "channels[" + std::to_string(i) + "]";
      const std::string who = c.name.empty() ? "channel " + std::to_string(i + 1) : c.name;
      changed |= ImGui::InputText("##name", &c.name);
      changed |= AccessibleText(app, at + ".name", "Name of " + who, &c.name);
      // A name longer than its field scrolls inside it: the whole name on hover.
      if (ImGui::IsItemHovered() && !ImGui::IsItemActive() &&
          ImGui::CalcTextSize(c.name.c_str()).x > ImGui::GetItemRectSize().x - 2.0f * ImGui::GetStyle().FramePadding.x) {
        ImGui::SetTooltip("%s", c.name.c_str());
      }
      ImGui::TableNextColumn();
      double percent = c.share * 100.0;
      ImGui::SetNextItemWidth(5.0f * em);
      bool share = ImGui::InputDouble("##share", &percent, 0.0, 0.0, "%.0f %%");
      share |= AccessibleNumber(app, at + ".share", "Share of leads from " + who + " (%)", &percent, 1);
      if (share) {
        c.share = std::clamp(percent / 100.0, 0.0, 1.0);
        changed = true;
      }
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(5.5f * em);
      bool cpl = ImGui::InputDouble("##cpl", &c.cost_per_lead, 0.0, 0.0, "%.2f");
      cpl |= AccessibleNumber(app, at + ".cost_per_lead", "Cost per lead from " + who, &c.cost_per_lead, 2);
      if (cpl) {
        c.cost_per_lead = std::max(0.0, c.cost_per_lead);
        changed = true;
      }
      ImGui::TableNextColumn();
      ImGui::SetNextItemWidth(5.0f * em);
      bool cap = ImGui::InputDouble("##cap", &c.max_leads_per_month, 0.0, 0.0, "%.0f");
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("Most leads this channel can deliver a month (0: no limit).");
      cap |= AccessibleNumber(app, at + ".max_leads_per_month", "Most leads a month from " + who + " (0: no limit)",
                              &c.max_leads_per_month, 0);
      if (cap) {
        c.max_leads_per_month = std::max(0.0, c.max_leads_per_month);
        changed = true;
      }
      ImGui::TableNextColumn();
      if (AccessibleButton(app, "Remove", at + ".remove", "Remove " + who, true)) {
        s.channels.erase(s.channels.begin() + static_cast<std::ptrdiff_t>(i));
        changed = true;
        ImGui::PopID();
        break;
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (AccessibleButton(app, "Add channel", "add_channel")) {
    s.channels.push_back({"Channel " + std::to_string(s.channels.size() + 1), s.channels.empty() ? 1.0 : 0.0, 50.0, 0.0, {}});
    changed = true;
  }

  ImGui::SeparatorText("Money");
  if (s.channels.empty()) {
    changed |= AmountInput(app, "Marketing budget", "money.marketing_budget", s.money.marketing_budget, "Total marketing spend over the plan (used when no channels are given).");
  }
  changed |= AmountInput(app, "Other acquisition cost", "money.sales_cost", s.money.sales_cost, "Sales and other acquisition cost over the plan, added to marketing spend in CAC, ROI, payback and cost per stage.");
  changed |= AmountInput(app, "Revenue per account / month", "money.arpa_monthly", s.money.arpa_monthly, "ARPA: for lifetime value and payback.");
  changed |= PercentInput(app, "Gross margin", "money.gross_margin", s.money.gross_margin, "Share of revenue kept after the cost of delivering it.");
  changed |= PercentInput(app, "Monthly churn", "money.monthly_churn", s.money.monthly_churn, "Share of customers lost each month (for lifetime value).");

  ImGui::SeparatorText("Sales capacity");
  changed |= AmountInput(app, "Sales reps", "capacity.sales_reps", s.capacity.sales_reps, "People closing deals (0: no capacity check).", 1);
  changed |= AmountInput(app, "Deals per rep / month", "capacity.deals_per_rep_per_month", s.capacity.deals_per_rep_per_month, "Deals one rep can close in a month.", 1);
  changed |= AmountInput(app, "SDRs", "capacity.sdrs", s.capacity.sdrs, "Sales development reps qualifying leads (0: no check).", 1);
  changed |= AmountInput(app, "SQLs per SDR / month", "capacity.sqls_per_sdr_per_month", s.capacity.sqls_per_sdr_per_month, "SQLs one SDR can handle in a month.");
  if (changed) Recompute(app);
}

void ChannelTable(AppState& app, const char* id, const std::vector<funnel::ChannelResult>& rows, const std::string& currency) {
  if (!ImGui::BeginTable(id, 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
  // The channel column is as wide as its longest name when the window allows; a name that
  // still does not fit wraps inside its cell, so names are never cut off.
  float name_w = ImGui::CalcTextSize("Channel").x;
  for (const auto& c : rows) name_w = std::max(name_w, ImGui::CalcTextSize(c.name.c_str()).x);
  name_w = std::min(name_w, 0.4f * ImGui::GetContentRegionAvail().x);
  ImGui::TableSetupColumn("Channel", ImGuiTableColumnFlags_WidthFixed, name_w);
  ImGui::TableSetupColumn("Leads", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Customers", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Cost", ImGuiTableColumnFlags_WidthStretch, 1.1f);
  ImGui::TableSetupColumn("Per customer", ImGuiTableColumnFlags_WidthStretch, 1.1f);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < rows.size(); ++i) {
    const funnel::ChannelResult& c = rows[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    {  // the name and its cell, published so tests can check names are never cut off
      const std::string at = "[" + std::to_string(i) + "]";
      const ImVec2 cell = ImGui::GetCursorScreenPos();
      const float cell_w = ImGui::GetContentRegionAvail().x;
      ImGui::TextWrapped("%s", c.name.c_str());
      PublishItemRect(app, std::string(id) + ".name" + at);
      PublishRect(app, std::string(id) + ".name_cell" + at, cell, ImVec2(cell.x + cell_w, ImGui::GetItemRectMax().y));
    }
    ImGui::TableNextColumn();
    // Over its cap: red, and the reason in words (not only the colour).
    if (c.over_cap) ImGui::TextColored(Colors().error, "%s (cap %s)", funnel::FormatNumber(c.whole_leads, 0).c_str(), funnel::FormatNumber(c.cap, 0).c_str());
    else ImGui::TextUnformatted(funnel::FormatNumber(c.whole_leads, 0).c_str());
    if (c.over_cap && ImGui::IsItemHovered()) ImGui::SetTooltip("Above this channel's cap of %s", funnel::FormatNumber(c.cap, 0).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(funnel::FormatNumber(c.customers, 1).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(funnel::FormatMoney(c.cost, currency).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(funnel::FormatMoney(c.cost_per_customer, currency).c_str());
  }
  ImGui::EndTable();
}

void DrawChannelResults(AppState& app) {
  if (!app.plan) {
    Hint("Fix the plan's inputs first (Plan tab).");
    return;
  }
  const funnel::ChannelPlan& p = app.plan->channels;
  const std::string& cur = app.scenario.currency;
  ImGui::SeparatorText("Money");
  DrawMoneyMetrics(app);
  if (app.scenario.channels.empty()) {
    ImGui::Spacing();
    ImGui::TextWrapped("Add channels on the left to see how many leads each must bring, what they cost, and "
                       "the cheapest mix that reaches the goal.");
    return;
  }
  ImGui::SeparatorText("Your mix");
  ChannelTable(app, "mix", p.mix, cur);
  ImGui::Text("Total: %s leads for %s", funnel::FormatNumber(p.mix_whole_leads, 0).c_str(), funnel::FormatMoney(p.mix_cost, cur).c_str());
  ImGui::SeparatorText("Cheapest mix under the caps");
  ChannelTable(app, "cheapest", p.cheapest, cur);
  if (p.cheapest_feasible) {
    const double saving = p.mix_cost - p.cheapest_cost;
    ImGui::Text("Total: %s%s", funnel::FormatMoney(p.cheapest_cost, cur).c_str(),
                saving > 0.5 ? (", " + funnel::FormatMoney(saving, cur) + " less than your mix").c_str() : "");
  } else {
    ImGui::TextColored(Colors().error, "Even with every channel at its cap the goal is %s customers short.",
                       funnel::FormatNumber(p.shortfall_customers, 1).c_str());
  }
  Hint("Fills the channels with the lowest cost per customer first, each up to its cap.");
}

}  // namespace

void DrawChannelsPanel(AppState& app) {
  const float em = ImGui::GetFontSize();
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool side_by_side = !app.stacked;
  ImGui::BeginChild("channel_inputs_pane", ImVec2(side_by_side ? std::min(30.0f * em, avail * 0.45f) : 0.0f, 0.0f),
                    ImGuiChildFlags_Border | (side_by_side ? 0 : ImGuiChildFlags_AutoResizeY));
  DrawAssumptions(app);
  ImGui::EndChild();
  if (side_by_side) ImGui::SameLine();
  ImGui::BeginChild("channel_results_pane", ImVec2(0.0f, 0.0f),
                    ImGuiChildFlags_Border | (side_by_side ? 0 : ImGuiChildFlags_AutoResizeY));
  DrawChannelResults(app);
  ImGui::EndChild();
}
