// WebGL2 renderer for the what-if heatmap: the project's GLSL ES 3.00 shader
// (shaders/whatif_heatmap.*.glsl, embedded at build time) drawn from an ImGui draw callback.
#pragma once

#include <imgui.h>

// ImDrawCallback: cmd->UserCallbackData is a HeatmapDraw* (src/app/app_state.hpp).
void DrawHeatmapCallback(const ImDrawList* list, const ImDrawCmd* cmd);
