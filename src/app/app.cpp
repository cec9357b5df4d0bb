#include <imgui.h>
#include <imgui_internal.h>  // the text log's buffer

#include <algorithm>
#include <cmath>

#include "app/app_state.hpp"
#include "app/templates.hpp"
#include "app/panels/panels.hpp"
#include "app/widgets.hpp"

void SetScenario(AppState& app, funnel::Scenario scenario) {
  app.scenario = std::move(scenario);
  Recompute(app);
  CommitEdit(app);
}

void CommitEdit(AppState& app) {
  if (app.scenario == app.committed) return;
  constexpr size_t kMaxUndo = 200;
  app.undo_stack.push_back(std::move(app.committed));
  if (app.undo_stack.size() > kMaxUndo) app.undo_stack.erase(app.undo_stack.begin());
  app.committed = app.scenario;
  app.redo_stack.clear();
}

bool Undo(AppState& app) {
  CommitEdit(app);  // an edit still being typed counts as done
  if (app.undo_stack.empty()) return false;
  app.redo_stack.push_back(std::move(app.scenario));
  app.scenario = std::move(app.undo_stack.back());
  app.undo_stack.pop_back();
  app.committed = app.scenario;
  Recompute(app);
  return true;
}

bool Redo(AppState& app) {
  if (app.redo_stack.empty()) return false;
  app.undo_stack.push_back(std::move(app.scenario));
  app.scenario = std::move(app.redo_stack.back());
  app.redo_stack.pop_back();
  app.committed = app.scenario;
  Recompute(app);
  return true;
}

void Recompute(AppState& app) {
  app.plan = funnel::BuildPlan(app.scenario);
  ++app.scenario_revision;
  UpdateWhatIf(app);
}

void SaveScenarioAs(AppState& app, const std::string& name) {
  funnel::Scenario s = app.scenario;
  s.name = name.empty() ? app.scenario.name : name;
  if (app.scenario.name != s.name) {
    app.scenario.name = s.name;  // the current scenario takes the name it was saved under
    Recompute(app);
    CommitEdit(app);
  }
  ++app.scenario_revision;  // the saved list is part of what autosave keeps
  for (auto& saved : app.saved) {
    if (saved.scenario.name == s.name) {
      saved.scenario = s;
      saved.plan = funnel::BuildPlan(s);
      return;
    }
  }
  app.saved.push_back({s, funnel::BuildPlan(s), app.saved.size() < 3});
}

void DuplicateSavedScenario(AppState& app, size_t index) {
  if (index >= app.saved.size()) return;
  funnel::Scenario copy = app.saved[index].scenario;
  copy.name += " (copy)";
  app.saved.push_back({copy, funnel::BuildPlan(copy), false});
  ++app.scenario_revision;
}

void OpenSavedScenario(AppState& app, size_t index) {
  if (index < app.saved.size()) SetScenario(app, app.saved[index].scenario);
}

void DeleteSavedScenario(AppState& app, size_t index) {
  if (index >= app.saved.size()) return;
  app.saved.erase(app.saved.begin() + static_cast<std::ptrdiff_t>(index));
  ++app.scenario_revision;
}

void UpdateWhatIf(AppState& app) {
  WhatIfView& v = app.what_if;
  v.grid = {};
  v.level.clear();
  ++v.revision;
  if (!app.plan) return;
  const funnel::PlanReport& r = app.plan.value();
  size_t x = v.step_x, y = v.step_y;
  const size_t entry = r.entry_stage;
  const size_t steps = app.scenario.steps.size();
  if (x < entry || x >= steps) x = r.what_if.step_x;
  if (y < entry || y >= steps) y = r.what_if.step_y;
  constexpr int kSize = 41;
  v.grid = funnel::MakeWhatIfGrid(app.scenario, x, y, r.uncertainty.planned_leads, kSize);
  if (v.grid.leads.empty()) return;
  double lo = INFINITY, hi = 0.0;
  for (double l : v.grid.leads) {
    if (std::isfinite(l) && l > 0.0) {
      lo = std::min(lo, l);
      hi = std::max(hi, l);
    }
  }
  const double span = hi > lo ? std::log(hi) - std::log(lo) : 1.0;
  auto scale = [&](double l) {
    return static_cast<float>(std::clamp((std::log(std::max(l, lo)) - std::log(lo)) / span, 0.0, 1.0));
  };
  v.level.reserve(v.grid.leads.size());
  for (double l : v.grid.leads) v.level.push_back(std::isfinite(l) ? scale(l) : 1.0f);
  v.goal_level = scale(v.grid.goal_leads);
}

namespace {
// Share, export and reset: actions the page shell carries out (web/funnelplan.js).
void DrawToolbar(AppState& app) {
  const float em = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* kTheme = app.dark_theme ? "Light" : "Dark";
  const char* kUndo = "Undo";
  const char* kRedo = "Redo";
  const char* kShare = "Copy share link";
  const char* kExport = "Export";
  float w = 3.0f * style.ItemSpacing.x + 8.0f * style.FramePadding.x;
  w += style.ItemSpacing.x + 2.0f * style.FramePadding.x;
  for (const char* label : {kTheme, kUndo, kRedo, kShare, kExport}) w += ImGui::CalcTextSize(label).x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + em, ImGui::GetWindowContentRegionMax().x - w));
  if (ImGui::Button(kTheme)) app.dark_theme = !app.dark_theme;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Switch to the %s theme", app.dark_theme ? "light" : "dark");
  ImGui::SameLine();
  ImGui::BeginDisabled(app.undo_stack.empty() && app.scenario == app.committed);
  if (ImGui::Button(kUndo)) Undo(app);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Undo the last change (Ctrl+Z)");
  ImGui::SameLine();
  ImGui::BeginDisabled(app.redo_stack.empty());
  if (ImGui::Button(kRedo)) Redo(app);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Redo (Ctrl+Shift+Z)");
  ImGui::SameLine();
  if (ImGui::Button(kShare)) app.shell.Request("copyShareLink");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("A link that opens this plan (assumptions only, never your lead data).");
  }
  ImGui::SameLine();
  if (ImGui::Button(kExport)) ImGui::OpenPopup("export_menu");
  PublishItemRect(app, "toolbar_export");
  if (ImGui::BeginPopup("export_menu")) {
    if (ImGui::MenuItem("Plan as CSV")) app.shell.Request("exportPlanCsv");
    if (ImGui::MenuItem("Scenario as JSON")) app.shell.Request("exportScenarioJson");
    if (ImGui::MenuItem("Chart as PNG")) app.shell.Request("exportChartPng");
    if (ImGui::MenuItem("Printable summary")) app.shell.Request("printSummary");
    ImGui::Separator();
    if (ImGui::BeginMenu("New plan from template")) {
      for (const PlanTemplate& t : ListTemplates()) {
        if (ImGui::MenuItem(t.name.c_str())) OpenTemplate(app, t.id);
      }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Reset to the sample plan")) app.shell.Request("resetAll");
    ImGui::EndPopup();
  }
}
}  // namespace

void ApplyTheme(float scale, bool dark) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (dark) ImGui::StyleColorsDark(&style);
  else ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0.0f;
  style.ChildRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.FramePadding = ImVec2(8.0f, 5.0f);
  style.ItemSpacing = ImVec2(10.0f, 8.0f);
  style.CellPadding = ImVec2(8.0f, 4.0f);
  style.WindowPadding = ImVec2(16.0f, 14.0f);
  ImVec4* c = style.Colors;
  if (dark) {
    c[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.13f, 0.14f, 0.17f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.20f, 0.22f, 0.26f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.30f, 0.45f, 0.80f, 0.35f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.18f, 0.20f, 0.25f, 1.0f);
  } else {
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.23f, 0.42f, 0.85f, 0.20f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.90f, 0.92f, 0.96f, 1.0f);
  }
  style.ScaleAllSizes(scale);
}

void DrawApp(AppState& app) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Funnel Planner", nullptr, kFlags);
  app.item_rects.clear();  // only what is on screen this frame
  if (app.capture_text) ImGui::LogToBuffer();
  // Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y): undo and redo scenario edits. While a text field is
  // being edited, ImGui's own text undo handles the keys.
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput && io.KeyCtrl) {
    if (ImGui::IsKeyPressed(ImGuiKey_Z, false)) {
      if (io.KeyShift) Redo(app);
      else Undo(app);
    } else if (ImGui::IsKeyPressed(ImGuiKey_Y, false)) {
      Redo(app);
    }
  }
  ImGui::PushFont(ImGui::GetIO().Fonts->Fonts.Size > 1 ? ImGui::GetIO().Fonts->Fonts[1] : nullptr);
  ImGui::TextUnformatted("Funnel Planner");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("%s", app.scenario.name.c_str());
  DrawToolbar(app);
  if (ImGui::BeginTabBar("main_tabs")) {
    const std::string select = app.select_tab;
    app.select_tab.clear();
    auto flags = [&](const char* tab) {
      return select == tab ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
    };
    if (ImGui::BeginTabItem("Plan", nullptr, flags("Plan"))) {
      DrawPlanPanel(app);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Channels & money", nullptr, flags("Channels & money"))) {
      DrawChannelsPanel(app);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("What-if", nullptr, flags("What-if"))) {
      DrawWhatIfPanel(app);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Scenarios", nullptr, flags("Scenarios"))) {
      DrawScenariosPanel(app);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Data", nullptr, flags("Data"))) {
      ImGui::BeginChild("data_scroll");  // the report can be long: scroll it
      DrawDataPanel(app);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  // One undo step per finished edit: when no field is being edited any more.
  if (!ImGui::IsAnyItemActive()) CommitEdit(app);
  if (app.capture_text) {
    app.screen_text = ImGui::GetCurrentContext()->LogBuffer.c_str();
    ImGui::LogFinish();  // End() would finish it too, and drop the buffer
  }
  ImGui::End();
  ++app.frame;
}
