// The browser host: GLFW window on the page's canvas, WebGL2 renderer, main loop, DPI and
// resize handling. The functions the page calls are in web_exports.cpp.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app_state.hpp"
#include "app/theme.hpp"
#include "app/bridge.hpp"
#include "app/templates.hpp"
#include "platform/clock.hpp"
#include "platform/heatmap_renderer.hpp"
#include "platform/web_host.hpp"

// Copy (Ctrl+C in a text field): the async Clipboard API, which needs a secure context
// (https or 127.0.0.1); elsewhere copying stays inside the app.
EM_JS(void, WriteSystemClipboard, (const char* text), {
  if (navigator.clipboard) navigator.clipboard.writeText(UTF8ToString(text)).catch(() => {});
});

// A user's click is still "recent" here (the frame after it), so the browser allows the file
// picker and the clipboard.
// Start-up milestones as Performance API marks ("fp:main", …): bench/browser/first_frame.mjs
// reads them beside the Resource Timing of the files (docs/performance.md, "First frame").
EM_JS(void, Mark, (const char* name), {
  if (typeof performance === 'object' && performance.mark) performance.mark(UTF8ToString(name));
});
EM_JS(void, RunShellAction, (const char* name), {
  const action = UTF8ToString(name);
  if (window.funnelplanShell && window.funnelplanShell.runAction) window.funnelplanShell.runAction(action);
});

namespace {

constexpr float kBaseFontPx = 16.0f;  // 1 em in CSS pixels
constexpr const char* kCanvas = "#canvas";

WebHost* g_host = nullptr;

// One read of the whole file (a stream iterator, a byte at a time, took 45 ms at start-up).
std::vector<char> ReadPreloaded(const char* path) {
  std::vector<char> bytes;
  if (std::FILE* f = std::fopen(path, "rb")) {
    if (std::fseek(f, 0, SEEK_END) == 0) {
      const long size = std::ftell(f);
      if (size > 0 && std::fseek(f, 0, SEEK_SET) == 0) {
        bytes.resize(static_cast<size_t>(size));
        if (std::fread(bytes.data(), 1, bytes.size(), f) != bytes.size()) bytes.clear();
      }
    }
    std::fclose(f);
  }
  return bytes;
}

// Rebuilds the font atlas and style for a new devicePixelRatio: ImGui works in physical
// pixels, so text stays crisp on high-DPI screens.
// `scale` = devicePixelRatio × the user's text size (the page's "Larger text", a pinch).
void RebuildForScale(WebHost& host, float scale, float device_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;
  // On high-density screens (2 device pixels per CSS pixel and up) glyphs are large enough in
  // device pixels that 2× oversampling makes no visible difference.
  if (scale >= 2.0f) cfg.OversampleH = 1;
  // Latin-1 and the symbols the app prints beyond it (assets/fonts/glyphs.txt, the same list
  // the build cut the fonts to).
  ImVector<ImWchar>& ranges = host.glyph_ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddText(host.glyph_text.data(), host.glyph_text.data() + host.glyph_text.size());
    builder.BuildRanges(&ranges);
  }

  if (!host.font_regular.empty()) {
    io.Fonts->AddFontFromMemoryTTF(host.font_regular.data(), static_cast<int>(host.font_regular.size()),
                                   kBaseFontPx * scale, &cfg, ranges.Data);
  } else {
    ImFontConfig def;
    def.SizePixels = kBaseFontPx * scale;
    io.Fonts->AddFontDefault(&def);
  }
  if (!host.font_bold.empty()) {
    // Headings: 1× horizontal oversampling (ImGui's 2× is for sub-pixel positioning of small
    // text; at 24 px it cannot be seen and doubled this font's share of the atlas's start-up).
    cfg.OversampleH = 1;
    io.Fonts->AddFontFromMemoryTTF(host.font_bold.data(), static_cast<int>(host.font_bold.size()),
                                   1.5f * kBaseFontPx * scale, &cfg, ranges.Data);
  }
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  ApplyTheme(scale, host.app.dark_theme);
  host.font_scale = scale;
  host.app.dpi_scale = device_scale;  // published rects stay in CSS pixels
}

// Keeps the canvas backing store at CSS size × devicePixelRatio (checked every frame, like
// Tracy: resize events are not reliable across browsers and zoom).
// Returns true when the size or scale changed.
bool SyncCanvasSize(WebHost& host) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
  const float scale = static_cast<float>(emscripten_get_device_pixel_ratio());
  const int want_w = static_cast<int>(std::lround(css_w * scale));
  const int want_h = static_cast<int>(std::lround(css_h * scale));
  bool changed = false;
  if (want_w > 0 && want_h > 0 && (want_w != host.canvas_w || want_h != host.canvas_h)) {
    // Sized directly, not with glfwSetWindowSize: Emscripten's GLFW treats a window the size
    // of the screen (phones, F11) as a request for fullscreen and never resizes the canvas.
    emscripten_set_canvas_element_size(kCanvas, want_w, want_h);
    host.canvas_w = want_w;
    host.canvas_h = want_h;
    changed = true;
  }
  const float text_scale = std::clamp(host.app.text_scale, kMinTextScale, kMaxTextScale);
  if (scale * text_scale != host.font_scale) {
    RebuildForScale(host, scale * text_scale, scale);
    changed = true;
  }
  if (host.app.dark_theme != host.dark_theme) {
    host.dark_theme = host.app.dark_theme;
    ApplyTheme(host.font_scale, host.dark_theme);
    changed = true;
  }
  return changed;
}

// Idle frames are skipped: when nothing happened (no input, no resize, no API call) for a
// while, the canvas keeps showing the last frame and the app costs no CPU. A short tail of
// frames after the last event lets ImGui finish hover delays and animations.
constexpr int kFramesAfterLastEvent = 30;
// An import with nothing else going on redraws its progress this often; the time between goes
// to the import (drawing a frame costs the browser far more than the app's own work: on a
// software renderer, most of the main thread).
constexpr double kImportRedrawMs = 100.0;

bool ShouldDraw(WebHost& host, double now) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool busy = host.wake_requested || ImGui::GetCurrentContext()->InputEventsQueue.Size > 0 ||
                    io.WantTextInput || !host.app.shell.queued.empty();
  host.wake_requested = false;
  if (busy) host.frames_to_draw = std::max(host.frames_to_draw, kFramesAfterLastEvent);
  if (host.frames_to_draw > 0) {
    --host.frames_to_draw;
    return true;
  }
  return host.app.data.importer != nullptr && now - host.last_drawn_ms >= kImportRedrawMs;
}

void Frame() {
  WebHost& host = *g_host;
  const double frame_start = emscripten_get_now();
  // The import advances every tick, drawn or not: about half a 60 Hz frame by default.
  const bool importing = host.app.data.importer != nullptr;
  AdvanceImport(host.app, host.import_budget_ms);
  if (importing && !host.app.data.importer) host.wake_requested = true;  // done: show it
  if (SyncCanvasSize(host)) host.wake_requested = true;
  if (!ShouldDraw(host, frame_start)) {
    ++host.skipped_frames;
    return;
  }
  host.last_drawn_ms = frame_start;
  for (const std::string& action : host.app.shell.queued) RunShellAction(action.c_str());
  host.app.shell.queued.clear();
  const double ui_start = emscripten_get_now();
  const bool first = host.app.frame == 0;  // DrawApp counts the frames drawn
  if (first) Mark("fp:frame1-start");
  ImGui_ImplOpenGL3_NewFrame();
  if (first) Mark("fp:frame1-atlas");  // the font atlas and GL objects, made on the first frame
  ImGui_ImplGlfw_NewFrame();
  // ImGui works in canvas pixels (CSS size × devicePixelRatio); GLFW's idea of the window size
  // is not kept in step (see SyncCanvasSize), so the display size comes from the canvas.
  ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(host.canvas_w), static_cast<float>(host.canvas_h));
  ImGui::GetIO().DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  ImGui::NewFrame();
  DrawApp(host.app);
  ImGui::Render();
  const double ui_end = emscripten_get_now();
  const int fb_w = host.canvas_w, fb_h = host.canvas_h;
  glViewport(0, 0, fb_w, fb_h);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (first) Mark("fp:frame1-end");
  // CPU time of this frame (UI + draw submission; the GPU works on after), smoothed.
  const double now = emscripten_get_now();
  const double ms = now - frame_start;
  auto smooth = [](double& avg, double v) { avg = avg == 0.0 ? v : 0.9 * avg + 0.1 * v; };
  smooth(host.frame_cpu_ms, ms);
  smooth(host.frame_ui_ms, ui_end - ui_start);
  smooth(host.frame_gl_ms, now - ui_end);
  host.frame_cpu_max_ms = std::max(host.frame_cpu_max_ms, ms);
}

}  // namespace

WebHost& Host() { return *g_host; }
void Wake() { g_host->wake_requested = true; }

// Mouse wheel on the canvas → ImGui: 100 pixels, 3 lines or 1/80 page make one step (as
// imgui_impl_glfw's Emscripten handler, which mimics SDL).
EM_BOOL OnCanvasWheel(int, const EmscriptenWheelEvent* ev, void*) {
  float step = 0.0f;
  if (ev->deltaMode == DOM_DELTA_PIXEL) step = 1.0f / 100.0f;
  else if (ev->deltaMode == DOM_DELTA_LINE) step = 1.0f / 3.0f;
  else if (ev->deltaMode == DOM_DELTA_PAGE) step = 80.0f;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(ev->deltaX) * -step, static_cast<float>(ev->deltaY) * -step);
  return EM_TRUE;  // the page itself does not scroll under the canvas
}

int main() {
  Mark("fp:main");
  if (!glfwInit()) {
    std::fprintf(stderr, "glfwInit failed\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // No depth or stencil buffer: ImGui and the heatmap draw 2D with both tests off. GLFW asks
  // for 24 + 8 bits by default, and each one is allocated with the canvas: on a software
  // renderer that made creating the context 3x slower (25 → 85 ms at 1280x800) and costs
  // again on every resize (docs/performance.md).
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  g_host = new WebHost();
  g_host->window = glfwCreateWindow(1280, 800, "Funnel Planner", nullptr, nullptr);
  if (!g_host->window) {
    std::fprintf(stderr, "Could not create a WebGL2 context\n");
    return 1;
  }
  glfwMakeContextCurrent(g_host->window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the web has no ini file; state is saved by the app itself
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplGlfw_InitForOpenGL(g_host->window, true);
  // ImGui's backend listens for the wheel on the document, where Chrome treats listeners as
  // passive: every wheel event logged "Unable to preventDefault inside passive event
  // listener". Listen on the canvas instead (same scaling as the backend's own handler).
  emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
  emscripten_set_wheel_callback(kCanvas, nullptr, false, OnCanvasWheel);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  // Emscripten's GLFW clipboard is a stub: Ctrl+V reads the text the page's paste event stored,
  // Ctrl+C writes through the async Clipboard API.
  io.GetClipboardTextFn = [](void*) -> const char* { return g_host->clipboard.c_str(); };
  io.SetClipboardTextFn = [](void*, const char* text) {
    g_host->clipboard = text ? text : "";
    WriteSystemClipboard(text ? text : "");
  };
  g_host->app.render.heatmap = DrawHeatmapCallback;
  // The sample starts in the user's current month (a restored autosave or link replaces it).
  g_host->app.today = funnel::CurrentMonth();
  g_host->app.today_day = static_cast<funnel::Minutes>(funnel::CurrentDay() * funnel::kMinutesPerDay);
  Mark("fp:context");  // WebGL2 context and ImGui set up
  g_host->app.scenario = funnel::SampleScenario(g_host->app.today);
  Recompute(g_host->app);
  Mark("fp:first-plan");
  g_host->font_regular = ReadPreloaded("/fonts/Inter-Regular.otf");
  g_host->font_bold = ReadPreloaded("/fonts/Inter-SemiBold.otf");
  g_host->glyph_text = ReadPreloaded("/fonts/glyphs.txt");

  emscripten_set_main_loop(Frame, 0, false);
  return 0;
}
