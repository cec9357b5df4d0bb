#include "app/theme.hpp"

namespace {

constexpr Palette kLight = {
    ImVec4(0.75f, 0.12f, 0.10f, 1.0f), ImVec4(0.55f, 0.35f, 0.0f, 1.0f),
    IM_COL32(59, 107, 217, 255), IM_COL32(34, 80, 190, 255), IM_COL32(160, 170, 190, 200),
    IM_COL32(214, 96, 77, 255), IM_COL32(60, 60, 70, 255), IM_COL32(20, 20, 30, 255),
    IM_COL32_WHITE,
    {IM_COL32(59, 107, 217, 230), IM_COL32(236, 151, 31, 230), IM_COL32(46, 160, 110, 230),
     IM_COL32(186, 85, 172, 230), IM_COL32(214, 96, 77, 230), IM_COL32(110, 120, 140, 230)}};

// Lighter text and lines on the dark background (error and warning text at least 4.5:1).
constexpr Palette kDark = {
    ImVec4(1.0f, 0.47f, 0.42f, 1.0f), ImVec4(0.98f, 0.75f, 0.35f, 1.0f),
    IM_COL32(88, 136, 240, 255), IM_COL32(130, 170, 255, 255), IM_COL32(90, 100, 120, 200),
    IM_COL32(240, 128, 108, 255), IM_COL32(170, 175, 190, 255), IM_COL32(240, 240, 250, 255),
    IM_COL32_WHITE,
    {IM_COL32(88, 136, 240, 230), IM_COL32(240, 166, 60, 230), IM_COL32(70, 190, 135, 230),
     IM_COL32(205, 115, 195, 230), IM_COL32(240, 128, 108, 230), IM_COL32(150, 160, 180, 230)}};

}  // namespace

const Palette& Colors() {
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  return (bg.x + bg.y + bg.z) / 3.0f < 0.5f ? kDark : kLight;
}

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
