// Small building blocks the panels share: published item rects (automation, tests, the page's
// overlays), chart labels that are part of the UI's text, and the "(?)" help marker.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

struct AppState;
struct UiRect;

// Publishes the last item's rect (CSS pixels) under `name` in app.item_rects, so automation
// and tests can find and click it.
void PublishItemRect(AppState& app, const std::string& name);
// Controls for assistive technology and the keyboard. The page mirrors each published control
// as a real DOM control (web/shell/a11y_controls.js; docs/architecture.md, "Accessible
// controls"); what is done there comes back as a request the control takes when drawn next.
//
// Publishes the last item under `name` (its rect too) and returns the value the page set for it
// ("" for a press) since the last frame, or nothing. A request to focus it scrolls it into view;
// a disabled item takes no request.
std::optional<std::string> PublishAccessible(AppState& app, const std::string& name, const char* role,
                                             std::string label, std::string value = "", bool selected = false);
// The same for a control drawn as several items or none of its own (at `rect`, in CSS pixels).
std::optional<std::string> PublishAccessibleAt(AppState& app, const std::string& name, const char* role,
                                               std::string label, UiRect rect, std::string value = "",
                                               bool selected = false);
// ImGui's button (or small button) that the page can press too: true when pressed either way.
// `name` is the control's published name; `a11y_label` what a screen reader says when the
// label on screen is not enough ("Remove Paid search"), else the label without its "##id".
bool AccessibleButton(AppState& app, const char* label, const std::string& name, std::string a11y_label = "",
                      bool small = false);
// ImGui's checkbox the page can set too.
bool AccessibleCheckbox(AppState& app, const char* label, const std::string& name, bool* checked,
                        std::string a11y_label = "");
// Call right after the ImGui input that edits `value`: publishes it as a number field (shown
// with up to `decimals` decimals) and sets `value` from the page; true when the page set it.
bool AccessibleNumber(AppState& app, const std::string& name, std::string label, double* value, int decimals);
bool AccessibleNumber(AppState& app, const std::string& name, std::string label, float* value, int decimals);
bool AccessibleNumber(AppState& app, const std::string& name, std::string label, int* value);
// The same for a text field.
bool AccessibleText(AppState& app, const std::string& name, std::string label, std::string* text);
// Call right after a combo: publishes its choices; the index the page chose, if it chose.
std::optional<int> AccessibleChoice(AppState& app, const std::string& name, std::string label,
                                    const std::vector<std::string>& options, int current);
// A collapsing header (open at first) or tree node the page can open and close too; true when open.
bool AccessibleHeader(AppState& app, const char* label, const std::string& name, bool default_open = true);
bool AccessibleTreeNode(AppState& app, const char* label, const std::string& name);
// The label ImGui shows: "Save##scenario" -> "Save".
std::string VisibleLabel(const char* label);
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
