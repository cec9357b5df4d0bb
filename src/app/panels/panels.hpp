// One function per panel; each draws into the current ImGui window from AppState.
#pragma once

#include <string>

struct AppState;

void DrawPlanPanel(AppState& app);
void DrawDataPanel(AppState& app);
void DrawWhatIfPanel(AppState& app);
void DrawChannelsPanel(AppState& app);
void DrawScenariosPanel(AppState& app);
void DrawTrackPanel(AppState& app);
void DrawMappingEditor(AppState& app);  // part of the Data panel
// Acquisition cost, CAC, LTV, LTV:CAC, payback, ROI and pipeline (Plan and Channels & money
// tabs); needs a valid plan. Undefined metrics show "—".
void DrawMoneyMetrics(const AppState& app);
