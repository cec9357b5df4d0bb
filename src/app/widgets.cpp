#include "app/widgets.hpp"

#include <imgui_internal.h>  // ImGui::LogRenderedText

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

#include "app/app_state.hpp"

void PublishRect(AppState& app, const std::string& name, ImVec2 min, ImVec2 max) {
  const float s = app.dpi_scale > 0 ? app.dpi_scale : 1.0f;
  app.item_rects[name] = UiRect{min.x / s, min.y / s, (max.x - min.x) / s, (max.y - min.y) / s};
}

void PublishItemRect(AppState& app, const std::string& name) {
  PublishRect(app, name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void PublishAccessible(AppState& app, const std::string& name, const char* role, std::string label,
                       std::string value, bool selected) {
  PublishItemRect(app, name);
  app.accessible_items.push_back({name, role, std::move(label), std::move(value), selected, app.item_rects[name]});
}

std::string PlainNumber(double value, int max_decimals) {
  if (!std::isfinite(value)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::clamp(max_decimals, 0, 10), value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

void ChartText(ImDrawList* dl, ImVec2 pos, ImU32 colour, const std::string& text) {
  const char* begin = text.c_str();
  const char* end = begin + text.size();
  dl->AddText(pos, colour, begin, end);
  if (ImGui::GetCurrentContext()->LogEnabled) ImGui::LogRenderedText(&pos, begin, end);
}

void SameLineOrWrap(float next_w) {
  const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next_w;
  if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

float ButtonWidth(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x;
}

size_t LabelStride(float slot, const char* sample) {
  const float need = ImGui::CalcTextSize(sample).x + 0.5f * ImGui::GetFontSize();
  return slot >= need ? 1 : static_cast<size_t>(std::ceil(need / std::max(slot, 1.0f)));
}

void Hint(const char* fmt, ...) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  va_list args;
  va_start(args, fmt);
  ImGui::TextWrappedV(fmt, args);
  va_end(args);
  ImGui::PopStyleColor();
}

void HelpMarker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", text);
}
