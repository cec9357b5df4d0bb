// Plan panel: the goal and conversion-rate inputs on the left, the reverse funnel on the right.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/app_state.hpp"
#include "app/panels/panels.hpp"
#include "engine/format.hpp"

namespace {

// Publishes the last item's rect (CSS pixels) so automation can click it.
void PublishItemRect(AppState& app, const std::string& name) {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const float s = app.dpi_scale > 0 ? app.dpi_scale : 1.0f;
  app.item_rects[name] = UiRect{min.x / s, min.y / s, (max.x - min.x) / s, (max.y - min.y) / s};
}

void HelpMarker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", text);
}

bool MoneyInput(AppState& app, const char* label, const char* id, double& value, const char* help) {
  const float em = ImGui::GetFontSize();
  ImGui::TextUnformatted(label);
  HelpMarker(help);
  ImGui::SetNextItemWidth(12.0f * em);
  const bool changed = ImGui::InputDouble(id, &value, 0.0, 0.0, "%.0f");
  PublishItemRect(app, id + 2);  // id is "##name"
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
    if (ImGui::InputDouble("##rate", &percent, 0.0, 0.0, "%.2f %%")) {
      s.steps[i].rate = percent / 100.0;
      s.steps[i].k = s.steps[i].n = 0;  // typed now: no longer an observed k of n
      changed = true;
    }
    PublishItemRect(app, "steps[" + std::to_string(i) + "].rate");
    ImGui::SameLine();
    ImGui::TextUnformatted(funnel::StepName(s, i).c_str());
    ImGui::PopID();
  }
  if (changed) Recompute(app);
}

void DrawErrors(const AppState& app) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.12f, 0.10f, 1.0f));
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
void DrawFunnelChart(const AppState& app) {
  const auto& stages = app.plan.value().funnel.stages;
  const float em = ImGui::GetFontSize();
  const float bar_h = 1.9f * em, gap = 0.35f * em;
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = static_cast<float>(stages.size()) * (bar_h + gap);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("funnel_chart", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();

  double max_log = 1.0;
  for (const auto& t : stages) max_log = std::max(max_log, std::log10(t.whole + 1.0));
  const ImU32 kBar = IM_COL32(59, 107, 217, 255), kBarHover = IM_COL32(34, 80, 190, 255);
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
    dl->AddText(tp, fits ? IM_COL32_WHITE : IM_COL32(30, 30, 40, 255), label.c_str());
    if (over) {
      ImGui::SetTooltip("%s: %s needed (exact %s)", t.stage.c_str(),
                        funnel::FormatNumber(t.whole, 0).c_str(),
                        funnel::FormatNumber(t.exact, 2).c_str());
    }
  }
}

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
  ImGui::Spacing();
  DrawTargetsTable(app);
  ImGui::SeparatorText("Funnel");
  DrawFunnelChart(app);
  ImGui::TextDisabled("Bar width on a log scale. Target = exact count rounded up.");
}

}  // namespace

void DrawPlanPanel(AppState& app) {
  const float em = ImGui::GetFontSize();
  if (!app.data.loaded) {
    ImGui::TextDisabled("Sample plan. Bring your own data: paste cells from a spreadsheet (Ctrl+V), "
                        "drop a CRM export on the page, or open the Data tab.");
  }

  const float avail = ImGui::GetContentRegionAvail().x;
  const bool stacked = avail < 44.0f * em;  // narrow screens: inputs above results
  const float left_w = stacked ? avail : std::min(28.0f * em, avail * 0.42f);
  ImGui::BeginChild("inputs", ImVec2(left_w, 0.0f),
                    ImGuiChildFlags_Border | (stacked ? ImGuiChildFlags_AutoResizeY : 0));
  DrawInputs(app);
  ImGui::EndChild();
  if (!stacked) ImGui::SameLine();
  ImGui::BeginChild("results", ImVec2(0.0f, 0.0f), ImGuiChildFlags_Border);
  DrawResults(app);
  ImGui::EndChild();
}
