// Colours, rounding and spacing of the light and dark themes. Panels take their colours from
// Colors(), never from literals, so text and charts keep their contrast in both themes.
#pragma once

#include <imgui.h>

struct Palette {
  ImVec4 error;          // error text, over-cap values
  ImVec4 warning;        // warning text
  ImU32 accent;          // bars, "higher" bars
  ImU32 accent_hover;    // the bar under the pointer
  ImU32 muted;           // bars outside a highlighted range
  ImU32 highlight;       // the planned-leads marker, the trend line, "lower" bars
  ImU32 outline;         // axis and frame lines
  ImU32 marker;          // the current plan's circle on the heatmap
  ImU32 on_accent;       // text inside a bar
  ImU32 series[6];       // stacked series (channels)
};

// Sets colours, rounding and spacing; `scale` = DPI scale (sizes are in em of a 16 px font).
void ApplyTheme(float scale, bool dark = false);
// The palette of the theme ApplyTheme() set last (read from the style, so there is no state).
const Palette& Colors();
