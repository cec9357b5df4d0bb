// The main window: title, toolbar (theme, undo/redo, share, export menu), the tabs, and the
// keyboard shortcuts that apply everywhere.
#include <imgui.h>
#include <imgui_internal.h>  // the text log's buffer

#include <algorithm>
#include <cmath>

#include "app/app_state.hpp"
#include "app/panels/panels.hpp"
#include "app/templates.hpp"
#include "app/widgets.hpp"

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
  float w = 4.0f * style.ItemSpacing.x;
  for (const char* label : {kTheme, kUndo, kRedo, kShare, kExport}) w += ButtonWidth(label);
  // Right-aligned beside the title when it fits; on a narrow screen on a line of its own,
  // wrapping where a button would run off the edge.
  const float after_title = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + em;
  if (after_title + w <= ImGui::GetWindowContentRegionMax().x) {
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - w);
  }
  if (AccessibleButton(app, kTheme, "toolbar_theme", app.dark_theme ? "Light theme" : "Dark theme")) {
    app.dark_theme = !app.dark_theme;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Switch to the %s theme", app.dark_theme ? "light" : "dark");
  SameLineOrWrap(ButtonWidth(kUndo));
  ImGui::BeginDisabled(app.undo_stack.empty() && app.scenario == app.committed);
  if (AccessibleButton(app, kUndo, "toolbar_undo")) Undo(app);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Undo the last change (Ctrl+Z)");
  SameLineOrWrap(ButtonWidth(kRedo));
  ImGui::BeginDisabled(app.redo_stack.empty());
  if (AccessibleButton(app, kRedo, "toolbar_redo")) Redo(app);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("Redo (Ctrl+Shift+Z)");
  SameLineOrWrap(ButtonWidth(kShare));
  if (AccessibleButton(app, kShare, "toolbar_share")) app.shell.Request("copyShareLink");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("A link that opens this plan (assumptions only, never your lead data).");
  }
  SameLineOrWrap(ButtonWidth(kExport));
  if (ImGui::Button(kExport)) ImGui::OpenPopup("export_menu");
  // Under the button, right-aligned with it, however it was opened (mouse, finger or keyboard).
  const ImVec2 export_corner(ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
  // The page opens the menu with "true" and closes it with "false" (Escape in its menu).
  const auto page_open = PublishAccessible(app, "toolbar_export", "menu", "Export and more",
                                           "", ImGui::IsPopupOpen("export_menu"));
  if (page_open == "true") ImGui::OpenPopup("export_menu");
  ImGui::SetNextWindowPos(export_corner, ImGuiCond_Appearing, ImVec2(1.0f, 0.0f));
  if (ImGui::BeginPopup("export_menu")) {
    if (page_open == "false") ImGui::CloseCurrentPopup();
    // A menu item the page can choose too (it then closes the menu, as a click does).
    auto item = [&](const char* label, const char* key, bool enabled = true) {
      const bool clicked = ImGui::MenuItem(label, nullptr, false, enabled);
      const bool chosen = PublishAccessible(app, std::string("menu:") + key, "menuitem", label).has_value();
      if (chosen) ImGui::CloseCurrentPopup();
      return clicked || chosen;
    };
    if (item("Plan as CSV", "plan_csv")) app.shell.Request("exportPlanCsv");
    if (item("Scenario as JSON", "scenario_json")) app.shell.Request("exportScenarioJson");
    if (item("Chart as PNG", "chart_png")) app.shell.Request("exportChartPng");
    if (item("Printable summary", "print")) app.shell.Request("printSummary");
    ImGui::Separator();
    const bool templates_open = ImGui::BeginMenu("New plan from template");
    // The page lists the templates as items of this menu (a submenu of a hidden menu helps nobody).
    PublishItemRect(app, "menu:templates");
    const UiRect submenu = app.item_rects["menu:templates"];
    for (const PlanTemplate& t : ListTemplates()) {
      bool open_it = false;
      if (templates_open) open_it = ImGui::MenuItem(t.name.c_str());
      if (PublishAccessibleAt(app, "menu:template:" + t.id, "menuitem", "New plan from template: " + t.name, submenu)) {
        open_it = true;
        ImGui::CloseCurrentPopup();
      }
      if (open_it) OpenTemplate(app, t.id);
    }
    if (templates_open) ImGui::EndMenu();
    ImGui::Separator();
    if (item("Larger text", "larger_text", app.text_scale < kMaxTextScale)) SetTextScale(app, app.text_scale + kTextScaleStep);
    if (item("Smaller text", "smaller_text", app.text_scale > kMinTextScale)) SetTextScale(app, app.text_scale - kTextScaleStep);
    if (item("Normal text size", "normal_text", app.text_scale != 1.0f)) SetTextScale(app, 1.0f);
    ImGui::Separator();
    if (item("Reset to the sample plan", "reset")) app.shell.Request("resetAll");
    ImGui::EndPopup();
  }
}
}  // namespace

void SetTextScale(AppState& app, float scale) {
  app.text_scale = std::isfinite(scale) ? std::clamp(scale, kMinTextScale, kMaxTextScale) : 1.0f;
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
  app.accessible_items.clear();
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
  SameLineOrWrap(ImGui::CalcTextSize(app.scenario.name.c_str()).x);
  ImGui::TextDisabled("%s", app.scenario.name.c_str());
  DrawToolbar(app);
  // Below 52 em (832 CSS pixels at the base font) each tab is one column that scrolls as a
  // whole, so a phone reaches every result by swiping; wider, panels sit side by side and
  // scroll their own parts.
  app.stacked = ImGui::GetContentRegionAvail().x < 52.0f * ImGui::GetFontSize();
  // Stacked (phones, large text): tabs keep their full names and scroll sideways (arrows)
  // when they do not fit, instead of shrinking to "Pl…".
  if (ImGui::BeginTabBar("main_tabs", app.stacked ? ImGuiTabBarFlags_FittingPolicyScroll : ImGuiTabBarFlags_None)) {
    const std::string select = app.select_tab;
    app.select_tab.clear();
    auto tab = [&](const char* name, const char* short_label, void (*draw)(AppState&)) {
      const ImGuiTabItemFlags flags = select == name ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
      // The same ID under either label, so the open tab stays open when the width changes.
      const std::string label = std::string(app.stacked && short_label ? short_label : name) + "###" + name;
      const bool open = ImGui::BeginTabItem(label.c_str(), nullptr, flags);
      if (PublishAccessible(app, std::string("tab:") + name, "tab", name, "", open)) app.select_tab = name;
      if (!open) return;
      app.current_tab = name;
      ImGui::BeginChild("tab_scroll");  // one scrolling region per tab
      draw(app);
      ImGui::EndChild();
      ImGui::EndTabItem();
    };
    tab("Plan", nullptr, DrawPlanPanel);
    tab("Channels & money", "Channels", DrawChannelsPanel);
    tab("What-if", nullptr, DrawWhatIfPanel);
    tab("Scenarios", nullptr, DrawScenariosPanel);
    tab("Data", nullptr, DrawDataPanel);
    tab("Track", nullptr, DrawTrackPanel);
    ImGui::EndTabBar();
  }
  // Tab order for assistive technology: the toolbar, the tabs together, then the open tab's
  // controls (the tabs were published around the open tab's content).
  auto group = [](const AccessibleItem& i) {
    if (i.name.rfind("toolbar_", 0) == 0 || i.name.rfind("menu:", 0) == 0) return 0;  // the toolbar and its menu
    return i.role == "tab" ? 1 : 2;
  };
  std::stable_sort(app.accessible_items.begin(), app.accessible_items.end(),
                   [&](const AccessibleItem& a, const AccessibleItem& b) { return group(a) < group(b); });
  if (app.accessible_items != app.last_accessible_items) {
    ++app.accessible_revision;
    app.last_accessible_items = app.accessible_items;
  }
  app.accessible_requests.clear();  // for controls not on screen this frame: dropped
  // One undo step per finished edit: when no field is being edited any more.
  if (!ImGui::IsAnyItemActive()) CommitEdit(app);
  if (app.capture_text) {
    app.screen_text = ImGui::GetCurrentContext()->LogBuffer.c_str();
    ImGui::LogFinish();  // End() would finish it too, and drop the buffer
  }
  ImGui::End();
  ++app.frame;
}
