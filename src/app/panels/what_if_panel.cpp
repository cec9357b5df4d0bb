// What-if panel: sliders on every rate with live recompute, the tornado (which rate moves the
// answer most), and the two-rate surface with the goal contour (drawn by shaders/whatif_heatmap
// through the platform's renderer; plain rectangles without one).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/app_state.hpp"
#include "app/panels/panels.hpp"
#include "app/theme.hpp"
#include "app/widgets.hpp"
#include "engine/common/format.hpp"

namespace {

// Tornado: leads needed when each rate is 10 % lower (left) or higher (right) than planned.
void DrawTornado(const AppState& app) {
  const auto& report = app.plan.value();
  const auto& bars = report.sensitivity;
  if (bars.empty()) return;
  ImGui::SeparatorText("Which rate matters most");
  const float em = ImGui::GetFontSize();
  const double base = report.funnel.stages[report.entry_stage].exact;
  double max_dev = 0.0;
  for (const auto& b : bars) {
    max_dev = std::max({max_dev, std::fabs(b.leads_if_lower - base), std::fabs(b.leads_if_higher - base)});
  }
  if (!(max_dev > 0.0)) return;
  ImGui::TextWrapped("%s needed when one rate is 10 %% higher (blue: fewer) or 10 %% lower (red: more) than planned. "
                     "Rates multiply, so each moves the answer by about the same factor; a rate near 100 %% has less room.",
                     report.funnel.stages[report.entry_stage].stage.c_str());
  const float label_w = 12.0f * em;
  const float width = ImGui::GetContentRegionAvail().x - label_w;
  const float row_h = 1.5f * em;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(label_w + width, row_h * static_cast<float>(bars.size()) + 1.3f * em));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float centre = origin.x + label_w + width * 0.5f;
  for (size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const float y = origin.y + row_h * static_cast<float>(i);
    ChartText(dl, ImVec2(origin.x, y + 0.2f * em), ImGui::GetColorU32(ImGuiCol_Text), b.name);
    auto x_of = [&](double v) { return centre + static_cast<float>((v - base) / max_dev) * width * 0.45f; };
    const float xl = x_of(b.leads_if_lower), xh = x_of(b.leads_if_higher);
    dl->AddRectFilled(ImVec2(std::min(centre, xl), y + 0.2f * em), ImVec2(std::max(centre, xl), y + row_h - 0.2f * em), Colors().highlight);
    dl->AddRectFilled(ImVec2(std::min(centre, xh), y + 0.2f * em), ImVec2(std::max(centre, xh), y + row_h - 0.2f * em), Colors().accent);
    if (i + 1 == bars.size()) {  // axis: the leads at both ends and the plan in the middle
      const std::string lo = funnel::FormatNumber(std::min(b.leads_if_higher, b.leads_if_lower), 0);
      const std::string hi = funnel::FormatNumber(std::max(b.leads_if_higher, b.leads_if_lower), 0);
      const std::string mid = funnel::FormatNumber(base, 0);
      const float ty = y + row_h + 0.1f * em;
      const ImU32 c = ImGui::GetColorU32(ImGuiCol_TextDisabled);
      ChartText(dl, ImVec2(std::min(xl, xh), ty), c, lo);
      ChartText(dl, ImVec2(centre - ImGui::CalcTextSize(mid.c_str()).x * 0.5f, ty), c, mid);
      ChartText(dl, ImVec2(std::max(xl, xh) - ImGui::CalcTextSize(hi.c_str()).x, ty), c, hi);
    }
    if (ImGui::IsMouseHoveringRect(ImVec2(origin.x, y), ImVec2(origin.x + label_w + width, y + row_h))) {
      ImGui::SetTooltip("%s\n10 %% lower: %s needed\n10 %% higher: %s needed", b.name.c_str(),
                        funnel::FormatNumber(b.leads_if_lower, 0).c_str(), funnel::FormatNumber(b.leads_if_higher, 0).c_str());
    }
  }
  dl->AddLine(ImVec2(centre, origin.y), ImVec2(centre, origin.y + row_h * static_cast<float>(bars.size())), Colors().outline);
}

void DrawSliders(AppState& app) {
  funnel::Scenario& s = app.scenario;
  WhatIfView& v = app.what_if;
  const float em = ImGui::GetFontSize();
  // The plan as it was when this visit to the tab began: "Reset to plan" goes back to it.
  if (v.last_frame + 1 != app.frame || !v.base) v.base = s;
  v.last_frame = app.frame;
  bool changed = false;
  ImGui::SeparatorText("Try other rates");
  Hint("Drag left or right (a few pixels move a rate by about 0.1 point); double-click to type.");
  for (size_t i = 0; i < s.steps.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    float percent = static_cast<float>(s.steps[i].rate * 100.0);
    ImGui::SetNextItemWidth(14.0f * em);
    // A drag field, not a slider: fine control near the current value, the value always
    // readable (no handle over it), and double-click (or Ctrl+click, or Enter) to type.
    bool moved_rate = ImGui::DragFloat("##rate", &percent, 0.02f, 0.1f, 100.0f, "%.1f %%", ImGuiSliderFlags_AlwaysClamp);
    moved_rate |= AccessibleNumber(app, "what_if.steps[" + std::to_string(i) + "].rate",
                                   "Try a " + funnel::StepName(s, i) + " rate (%)", &percent, 1);
    if (moved_rate) {
      // Stored as shown: to 0.1 percentage point.
      const double shown = std::round(static_cast<double>(percent) * 10.0) / 10.0;
      s.steps[i].rate = std::clamp(shown / 100.0, 0.001, 1.0);
      s.steps[i].k = s.steps[i].n = 0;  // moved by hand: no longer the observed k of n
      changed = true;
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(funnel::StepName(s, i).c_str());
    ImGui::PopID();
  }
  float deal = static_cast<float>(s.deal_size);
  ImGui::SetNextItemWidth(14.0f * em);
  bool moved_deal = ImGui::DragFloat("Average deal size", &deal, std::max(1.0f, deal * 0.002f), 1.0f, 1e9f, "%.0f",
                                     ImGuiSliderFlags_AlwaysClamp);
  moved_deal |= AccessibleNumber(app, "what_if.deal_size", "Try an average deal size", &deal, 0);
  if (moved_deal) {
    s.deal_size = std::max(1.0, std::round(static_cast<double>(deal)));
    changed = true;
  }
  const bool moved = *v.base != s;
  ImGui::BeginDisabled(!moved);
  if (AccessibleButton(app, "Reset to plan", "what_if.reset", "Reset the rates to the plan")) {
    SetScenario(app, *v.base);  // one undo step
    changed = false;
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Back to the rates and deal size the plan had when you opened this tab.");
  }
  if (changed) {
    // Moving a rate changes which rates matter most; the heatmap keeps the axes it shows
    // rather than jumping to the new two most sensitive.
    if (v.step_x == SIZE_MAX || v.step_y == SIZE_MAX) {
      v.step_x = v.grid.step_x;
      v.step_y = v.grid.step_y;
    }
    Recompute(app);
  }
  if (app.plan) {
    const auto& r = app.plan.value();
    const auto& entry = r.funnel.stages[r.entry_stage];
    ImGui::Text("%s needed: %s", entry.stage.c_str(), funnel::FormatNumber(entry.whole, 0).c_str());
    if (r.uncertainty.uncertain) {
      ImGui::SameLine();
      ImGui::TextDisabled("(90 %% confidence: %s)", funnel::FormatNumber(r.uncertainty.p90, 0).c_str());
    }
  }
}

// The two-rate surface: x = one step's rate, y = another's, colour = leads needed (log scale),
// dark line = the planned leads.
void DrawHeatmap(AppState& app) {
  const funnel::Scenario& s = app.scenario;
  WhatIfView& v = app.what_if;
  if (v.grid.leads.empty()) return;
  const float em = ImGui::GetFontSize();
  ImGui::SeparatorText("Two rates at once");
  const size_t entry = app.plan->entry_stage;
  auto combo = [&](const char* label, const char* name, const char* a11y_label, size_t current, size_t& target) {
    ImGui::SetNextItemWidth(14.0f * em);
    if (ImGui::BeginCombo(label, funnel::StepName(s, current).c_str())) {
      for (size_t i = entry; i < s.steps.size(); ++i) {
        if (ImGui::Selectable(funnel::StepName(s, i).c_str(), i == current)) {
          // Both axes stay where they are now; only the one chosen changes.
          v.step_x = v.grid.step_x;
          v.step_y = v.grid.step_y;
          target = i;
          UpdateWhatIf(app);
        }
      }
      ImGui::EndCombo();
    }
    std::vector<std::string> options;
    for (size_t i = entry; i < s.steps.size(); ++i) options.push_back(funnel::StepName(s, i));
    if (auto chosen = AccessibleChoice(app, name, a11y_label, options, static_cast<int>(current) - static_cast<int>(entry))) {
      v.step_x = v.grid.step_x;
      v.step_y = v.grid.step_y;
      target = entry + static_cast<size_t>(*chosen);
      UpdateWhatIf(app);
    }
  };
  combo("across", "what_if.across", "Rate across the map (x axis)", v.grid.step_x, v.step_x);
  ImGui::SameLine();
  combo("up", "what_if.up", "Rate up the map (y axis)", v.grid.step_y, v.step_y);
  if (v.grid.leads.empty()) return;

  const float axis_w = 4.0f * em, axis_h = 1.6f * em;
  const float w = std::max(10.0f * em, std::min(ImGui::GetContentRegionAvail().x - axis_w, 36.0f * em));
  const float h = std::clamp(ImGui::GetContentRegionAvail().y - 6.0f * em, 8.0f * em, std::min(w * 0.75f, 22.0f * em));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 a(origin.x + axis_w, origin.y), b(a.x + w, a.y + h);
  ImGui::InvisibleButton("heatmap", ImVec2(axis_w + w, h + axis_h));
  PublishRect(app, "what_if_heatmap", a, b);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const size_t nx = v.grid.x_rates.size(), ny = v.grid.y_rates.size();
  if (app.render.heatmap) {
    app.heatmap_draw = HeatmapDraw{a.x, a.y, b.x, b.y, &v};
    dl->AddCallback(app.render.heatmap, &app.heatmap_draw);
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  } else {
    // No GPU renderer (headless): the same surface as flat cells.
    for (size_t y = 0; y < ny; ++y) {
      for (size_t x = 0; x < nx; ++x) {
        const float t = v.level[y * nx + x];
        const ImVec4 c(0.16f + 0.68f * t, 0.42f - 0.13f * t, 0.85f - 0.63f * t, 1.0f);
        const float x0 = a.x + w * static_cast<float>(x) / static_cast<float>(nx);
        const float y1 = b.y - h * static_cast<float>(y) / static_cast<float>(ny);
        dl->AddRectFilled(ImVec2(x0, y1 - h / static_cast<float>(ny)), ImVec2(x0 + w / static_cast<float>(nx), y1),
                          ImGui::ColorConvertFloat4ToU32(c));
      }
    }
  }
  dl->AddRect(a, b, Colors().outline);
  // The current plan sits at the centre of both axes (each runs from 50 % to 150 % of it).
  const ImVec2 centre((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  dl->AddCircle(centre, 0.35f * em, Colors().marker, 0, 2.0f);
  // Axes: rates at the ends and the middle.
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  for (int i = 0; i <= 2; ++i) {
    const size_t ix = (nx - 1) * static_cast<size_t>(i) / 2, iy = (ny - 1) * static_cast<size_t>(i) / 2;
    const std::string xl = funnel::FormatPercent(v.grid.x_rates[ix], 1);
    const std::string yl = funnel::FormatPercent(v.grid.y_rates[iy], 1);
    const float tx = a.x + w * static_cast<float>(i) / 2.0f - ImGui::CalcTextSize(xl.c_str()).x * 0.5f * static_cast<float>(i);
    ChartText(dl, ImVec2(tx, b.y + 0.2f * em), text, xl);
    const float ty = b.y - h * static_cast<float>(i) / 2.0f - (i == 0 ? em : i == 1 ? 0.5f * em : 0.0f);
    ChartText(dl, ImVec2(origin.x, ty), text, yl);
  }
  if (ImGui::IsItemHovered()) {
    const ImVec2 m = ImGui::GetMousePos();
    if (m.x >= a.x && m.x < b.x && m.y >= a.y && m.y < b.y) {
      const size_t x = std::min(nx - 1, static_cast<size_t>((m.x - a.x) / w * static_cast<float>(nx)));
      const size_t y = std::min(ny - 1, static_cast<size_t>((b.y - m.y) / h * static_cast<float>(ny)));
      ImGui::SetTooltip("%s at %s, %s at %s:\n%s leads needed (plan: %s)",
                        funnel::StepName(s, v.grid.step_x).c_str(), funnel::FormatPercent(v.grid.x_rates[x], 1).c_str(),
                        funnel::StepName(s, v.grid.step_y).c_str(), funnel::FormatPercent(v.grid.y_rates[y], 1).c_str(),
                        funnel::FormatNumber(v.grid.leads[y * nx + x], 0).c_str(),
                        funnel::FormatNumber(v.grid.goal_leads, 0).c_str());
    }
  }
  Hint("Blue: fewer leads needed, red: more. Dark line: the %s planned. Circle: today's plan.",
                      funnel::FormatNumber(v.grid.goal_leads, 0).c_str());
}

}  // namespace

void DrawWhatIfPanel(AppState& app) {
  if (!app.plan) {
    Hint("Fix the plan's inputs first (Plan tab).");
    return;
  }
  if (app.what_if.grid.leads.empty()) UpdateWhatIf(app);
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool side_by_side = !app.stacked;
  ImGui::BeginChild("what_if_left", ImVec2(side_by_side ? avail * 0.44f : 0.0f, 0.0f),
                    side_by_side ? ImGuiChildFlags_None : ImGuiChildFlags_AutoResizeY);
  DrawSliders(app);
  DrawTornado(app);
  ImGui::EndChild();
  if (side_by_side) ImGui::SameLine();
  ImGui::BeginChild("what_if_right", ImVec2(0.0f, 0.0f), side_by_side ? ImGuiChildFlags_None : ImGuiChildFlags_AutoResizeY);
  DrawHeatmap(app);
  ImGui::EndChild();
}
