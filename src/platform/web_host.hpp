// The browser host's state, shared by the main loop (web_main.cpp) and the functions the page
// calls (web_exports.cpp).
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "app/app_state.hpp"

struct GLFWwindow;

// The host owns the app for the page's lifetime; the exported C functions reach it here.
struct WebHost {
  GLFWwindow* window = nullptr;
  AppState app;
  float font_scale = 0.0f;  // DPI scale the font atlas was built for
  bool dark_theme = false;  // theme the style was built for
  int canvas_w = 0, canvas_h = 0;  // canvas backing store in device pixels
  double import_budget_ms = 8.0;   // import work per frame
  bool wake_requested = true;     // something outside ImGui changed: draw
  int frames_to_draw = 0;         // frames still to draw after the last event
  uint64_t skipped_frames = 0;    // idle frames not drawn
  double last_drawn_ms = 0.0;     // when the last frame was drawn (emscripten_get_now)
  double frame_cpu_ms = 0.0;      // smoothed CPU time per drawn frame
  double frame_ui_ms = 0.0;       // … of which building the UI (ImGui)
  double frame_gl_ms = 0.0;       // … of which submitting it to WebGL
  double frame_cpu_max_ms = 0.0;  // worst frame since the last reset
  std::vector<char> font_regular, font_bold;
  std::vector<char> glyph_text;    // UTF-8: the characters beyond Latin-1 the fonts hold
  ImVector<ImWchar> glyph_ranges;  // must outlive every font atlas build
  std::string reply;  // keeps the last string handed to JS alive until the next call
  std::string clipboard;  // text of the last paste event, what ImGui's Ctrl+V inserts
};

// The host of this page (created by main before the first exported call can arrive).
WebHost& Host();
// Something outside ImGui changed (an exported call, a resize): draw the next frames.
void Wake();
