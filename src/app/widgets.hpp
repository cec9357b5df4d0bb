// Small building blocks the panels share: published item rects (automation, tests, the page's
// overlays), chart labels that are part of the UI's text, and the "(?)" help marker.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <string>

struct AppState;

// Publishes the last item's rect (CSS pixels) under `name` in app.item_rects, so automation
// and tests can find and click it.
void PublishItemRect(AppState& app, const std::string& name);
// Publishes the last item as a control for assistive technology too (and its rect as `name`).
void PublishAccessible(AppState& app, const std::string& name, const char* role, std::string label,
                       std::string value = "", bool selected = false);
// A number as a person types it: up to `max_decimals`, no trailing zeros, no thousands
// separators ("1000000", "2.5").
std::string PlainNumber(double value, int max_decimals);
// Publishes an arbitrary screen rect (ImGui pixels) under `name`.
void PublishRect(AppState& app, const std::string& name, ImVec2 min, ImVec2 max);

// Text drawn into a chart (axis values, bar labels). Unlike ImDrawList::AddText it is also
// passed to ImGui's text log, so whatever reads the UI's text (tests, copy as text) sees it.
void ChartText(ImDrawList* dl, ImVec2 pos, ImU32 colour, const std::string& text);

// SameLine() when an item `next_w` wide still fits on the current line, else a new line: rows
// of buttons wrap on narrow screens instead of running off the edge.
void SameLineOrWrap(float next_w);
// The width of a button labelled `label` (its text and frame padding).
float ButtonWidth(const char* label);

// Every how many slots `slot` pixels wide a label like `sample` fits without touching the
// next one (1: every slot).
size_t LabelStride(float slot, const char* sample);
// Greyed explanatory text that wraps at the edge (never cut off on a narrow screen).
void Hint(const char* fmt, ...) IM_FMTARGS(1);

// A greyed "(?)" on the same line that shows `text` when hovered.
void HelpMarker(const char* text);
