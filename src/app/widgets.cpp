#include "app/widgets.hpp"

#include <imgui_internal.h>  // ImGui::LogRenderedText, ScrollToItem, the last item's flags

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>

#include "app/app_state.hpp"

void PublishRect(AppState& app, const std::string& name, ImVec2 min, ImVec2 max) {
  const float s = app.dpi_scale > 0 ? app.dpi_scale : 1.0f;
  app.item_rects[name] = UiRect{min.x / s, min.y / s, (max.x - min.x) / s, (max.y - min.y) / s};
}

void PublishItemRect(AppState& app, const std::string& name) {
  PublishRect(app, name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

std::optional<std::string> PublishAccessible(AppState& app, const std::string& name, const char* role,
                                             std::string label, std::string value, bool selected) {
  PublishItemRect(app, name);
  return PublishAccessibleAt(app, name, role, std::move(label), app.item_rects[name], std::move(value), selected);
}

std::optional<std::string> PublishAccessibleAt(AppState& app, const std::string& name, const char* role,
                                               std::string label, UiRect rect, std::string value, bool selected) {
  app.item_rects[name] = rect;
  const bool disabled = (ImGui::GetCurrentContext()->LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
  AccessibleItem item{name, role, std::move(label), std::move(value), selected, disabled, {}, rect};
  app.accessible_items.push_back(std::move(item));
  auto it = app.accessible_requests.find(name);
  if (it == app.accessible_requests.end()) return std::nullopt;
  AccessibleRequest request = std::move(it->second);
  app.accessible_requests.erase(it);
  if (request.action == "focus") {
    ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY);
    return std::nullopt;
  }
  if (disabled) return std::nullopt;
  return request.value;
}

std::string VisibleLabel(const char* label) {
  const char* end = ImGui::FindRenderedTextEnd(label);
  return std::string(label, end);
}

bool AccessibleButton(AppState& app, const char* label, const std::string& name, std::string a11y_label, bool small) {
  const bool pressed = small ? ImGui::SmallButton(label) : ImGui::Button(label);
  if (a11y_label.empty()) a11y_label = VisibleLabel(label);
  return PublishAccessible(app, name, "button", std::move(a11y_label)).has_value() || pressed;
}

bool AccessibleCheckbox(AppState& app, const char* label, const std::string& name, bool* checked,
                        std::string a11y_label) {
  bool changed = ImGui::Checkbox(label, checked);
  if (a11y_label.empty()) a11y_label = VisibleLabel(label);
  if (auto set = PublishAccessible(app, name, "checkbox", std::move(a11y_label), "", *checked)) {
    const bool on = *set == "true";
    changed |= on != *checked;
    *checked = on;
  }
  return changed;
}

namespace {
// A disclosure (header or tree node): the page's "true"/"false" opens or closes it.
template <typename Draw>
bool Disclosure(AppState& app, const char* label, const std::string& name, Draw draw) {
  auto it = app.accessible_requests.find(name);
  if (it != app.accessible_requests.end() && it->second.action == "set") ImGui::SetNextItemOpen(it->second.value == "true");
  const bool open = draw();
  PublishAccessible(app, name, "disclosure", VisibleLabel(label), "", open);
  return open;
}
}  // namespace

bool AccessibleHeader(AppState& app, const char* label, const std::string& name, bool default_open) {
  return Disclosure(app, label, name, [&] {
    return ImGui::CollapsingHeader(label, default_open ? ImGuiTreeNodeFlags_DefaultOpen : ImGuiTreeNodeFlags_None);
  });
}

bool AccessibleTreeNode(AppState& app, const char* label, const std::string& name) {
  return Disclosure(app, label, name, [&] { return ImGui::TreeNode(label); });
}

namespace {
// The page sends numbers already read as people type them ("1,000" -> "1000"): plain decimals.
std::optional<double> ParseSent(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}
}  // namespace

bool AccessibleNumber(AppState& app, const std::string& name, std::string label, double* value, int decimals) {
  auto set = PublishAccessible(app, name, "number", std::move(label), PlainNumber(*value, decimals));
  if (!set) return false;
  const auto v = ParseSent(*set);
  if (v) *value = *v;
  return v.has_value();
}

bool AccessibleNumber(AppState& app, const std::string& name, std::string label, float* value, int decimals) {
  double v = *value;
  if (!AccessibleNumber(app, name, std::move(label), &v, decimals)) return false;
  *value = static_cast<float>(v);
  return true;
}

bool AccessibleNumber(AppState& app, const std::string& name, std::string label, int* value) {
  double v = *value;
  if (!AccessibleNumber(app, name, std::move(label), &v, 0)) return false;
  *value = static_cast<int>(std::clamp(std::round(v), -1e9, 1e9));
  return true;
}

bool AccessibleText(AppState& app, const std::string& name, std::string label, std::string* text) {
  auto set = PublishAccessible(app, name, "textbox", std::move(label), *text);
  if (!set) return false;
  *text = std::move(*set);
  return true;
}

std::optional<int> AccessibleChoice(AppState& app, const std::string& name, std::string label,
                                    const std::vector<std::string>& options, int current) {
  const std::string shown = current >= 0 && current < static_cast<int>(options.size()) ? options[current] : "";
  auto set = PublishAccessible(app, name, "combobox", std::move(label), shown);
  app.accessible_items.back().options = options;
  if (!set) return std::nullopt;
  const auto v = ParseSent(*set);
  if (!v || *v < 0 || *v >= static_cast<double>(options.size())) return std::nullopt;
  return static_cast<int>(*v);
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
