// Frame benchmark: CPU time of one UI frame (ImGui, no GPU) per tab with a large import
// loaded and the app idle. Prints one JSON line. Used by scripts/bench; not a test.
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "app/app_state.hpp"
#include "app/theme.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: frame_bench FILE [FRAMES]\n");
    return 2;
  }
  const int frames = argc > 2 ? std::atoi(argv[2]) : 200;
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280, 800);
  io.DeltaTime = 1.0f / 60.0f;
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  ApplyTheme(1.0f);
  AppState app;
  {
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    StartImportText(app, bytes, argv[1]);
  }
  FinishImportNow(app);
  UseRatesFromData(app);
  std::printf("{");
  const char* tabs[] = {"Plan", "Channels & money", "What-if", "Scenarios", "Data"};
  for (int t = 0; t < 5; ++t) {
    app.select_tab = tabs[t];
    for (int i = 0; i < 5; ++i) {  // settle
      ImGui::NewFrame();
      DrawApp(app);
      ImGui::Render();
    }
    double total = 0.0, worst = 0.0;
    for (int i = 0; i < frames; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      ImGui::NewFrame();
      DrawApp(app);
      ImGui::Render();
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      total += ms;
      worst = std::max(worst, ms);
    }
    std::printf("%s\"%s\": {\"mean_ms\": %.3f, \"max_ms\": %.3f}", t ? ", " : "", tabs[t], total / frames, worst);
  }
  std::printf("}\n");
  ImGui::DestroyContext();
  return 0;
}
