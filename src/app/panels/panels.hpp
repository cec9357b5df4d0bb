// One function per panel; each draws into the current ImGui window from AppState.
#pragma once

struct AppState;

void DrawPlanPanel(AppState& app);
void DrawDataPanel(AppState& app);
void DrawWhatIfPanel(AppState& app);
void DrawChannelsPanel(AppState& app);
void DrawScenariosPanel(AppState& app);
void DrawMappingEditor(AppState& app);  // part of the Data panel
