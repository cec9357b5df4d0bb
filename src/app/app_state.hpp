// AppState: everything the UI shows or edits, in one place (no static state in panels).
// Panels read it and change the scenario only through the functions below, which keep the
// plan in step with the scenario.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "engine/reverse_funnel.hpp"
#include "engine/scenario.hpp"

struct UiRect {
  float x = 0, y = 0, w = 0, h = 0;  // CSS pixels, top-left of the canvas
};

struct AppState {
  funnel::Scenario scenario = funnel::SampleScenario();
  funnel::Result<funnel::ReverseFunnel> plan = funnel::PlanReverseFunnel(scenario);

  float dpi_scale = 1.0f;  // physical pixels per CSS pixel (window.devicePixelRatio)
  uint64_t frame = 0;      // frames drawn, for "first frame is up" checks
  // Screen rects of named inputs, published for automation (funnelplan.uiRect in the JS API).
  std::map<std::string, UiRect> item_rects;
};

// Replaces the scenario and recomputes the plan.
void SetScenario(AppState& app, funnel::Scenario scenario);
// Recomputes the plan after the scenario was edited in place.
void Recompute(AppState& app);

// One frame of the whole UI; call between ImGui::NewFrame() and ImGui::Render().
void DrawApp(AppState& app);
// Sets colours, rounding and spacing; `scale` = DPI scale (sizes are in em of a 16 px font).
void ApplyTheme(float scale);
