// Track tab: the plan (the current scenario) against the imported export as of a day — where
// each stage stands, why (volume or conversion), what the period will likely land from the open
// pipeline, and the extra leads that close the gap ("Add to plan" saves a revised scenario
// beside the original). The engine does the work (src/engine/forecast/); this draws it.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/app_state.hpp"
#include "app/panels/panels.hpp"
#include "app/theme.hpp"
#include "app/widgets.hpp"
#include "engine/common/calendar.hpp"
#include "engine/common/format.hpp"
#include "engine/forecast/forecast.hpp"
#include "engine/forecast/snapshot.hpp"
#include "engine/forecast/track.hpp"

namespace {

std::string Num(double v, int decimals = 0) { return funnel::FormatNumber(v, decimals); }
std::string Pace(const std::optional<double>& pace) { return pace ? funnel::FormatPercent(*pace, 1) : "\xE2\x80\x94"; }

// The earliest and latest dates in the export (any stage date or the created date), or kNoDate.
struct DateSpan {
  funnel::Minutes first = funnel::kNoDate, last = funnel::kNoDate;
};
DateSpan DataDates(const funnel::LeadTable& t) {
  DateSpan span;
  auto scan = [&](const std::vector<funnel::Minutes>& column) {
    for (funnel::Minutes m : column) {
      if (m == funnel::kNoDate) continue;
      if (span.first == funnel::kNoDate || m < span.first) span.first = m;
      if (span.last == funnel::kNoDate || m > span.last) span.last = m;
    }
  };
  for (const auto& column : t.stage_date) scan(column);
  scan(t.created);
  return span;
}

// Recomputes when the plan, the data or the as-of day changed.
void Update(AppState& app) {
  TrackView& v = app.track;
  const funnel::LeadTable& table = app.data.table;
  if (v.as_of_text.empty() || v.data_revision != app.data_revision) {
    // A new export: as of its latest date (not after today), the day it was taken, most likely.
    const DateSpan span = DataDates(table);
    v.data_first = span.first;
    funnel::Minutes latest = span.last;
    if (app.today_day != funnel::kNoDate && (latest == funnel::kNoDate || latest > app.today_day)) latest = app.today_day;
    if (latest != funnel::kNoDate) v.as_of_text = funnel::DayLabel(latest);
  }
  const std::string key = std::to_string(app.scenario_revision) + "|" + std::to_string(app.data_revision) + "|" + v.as_of_text;
  if (key == v.computed_for) return;
  v.computed_for = key;
  v.data_revision = app.data_revision;
  v.message.clear();
  v.track.reset();
  v.forecast.reset();
  const std::optional<funnel::Minutes> as_of = funnel::DayStart(v.as_of_text);
  if (!as_of) {
    v.message = "\"" + v.as_of_text + "\" is not a day: type it as YYYY-MM-DD, e.g. 2026-02-14.";
    return;
  }
  v.track = funnel::Track(app.scenario, table, *as_of, app.today_day);
  const funnel::Scenario& s = app.scenario;
  funnel::ForecastOptions o;
  o.as_of = *as_of;
  o.today = app.today_day;
  o.scenario = &s;
  const int last = s.start_year * 12 + (s.start_month - 1) + std::max(1, s.horizon_months) - 1;
  o.until_year = last / 12;
  o.until_month = last % 12 + 1;
  v.forecast = funnel::Forecast(table, o);
}

struct Cell {
  std::string text;
  bool warn = false;  // shown in the error colour (a stage behind)
};
using Row = std::vector<Cell>;

// Rows of text under headers: as a table when its columns fit the width, else (a phone) each
// row as a card of "Header: value" lines under the row's first cell, so nothing is cut off.
void TextTable(const char* id, const std::vector<const char*>& headers, const std::vector<Row>& rows) {
  const ImGuiStyle& style = ImGui::GetStyle();
  std::vector<float> widths(headers.size(), 0.0f);
  for (size_t c = 0; c < headers.size(); ++c) widths[c] = ImGui::CalcTextSize(headers[c]).x;
  for (const Row& row : rows) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], ImGui::CalcTextSize(row[c].text.c_str()).x);
  }
  float need = 0.0f;
  for (float w : widths) need += w + 2.0f * style.CellPadding.x + style.ItemSpacing.x;
  auto cell = [](const Cell& c) {
    if (c.warn) ImGui::TextColored(Colors().error, "%s", c.text.c_str());
    else ImGui::TextUnformatted(c.text.c_str());
  };
  if (need <= ImGui::GetContentRegionAvail().x) {
    if (!ImGui::BeginTable(id, static_cast<int>(headers.size()),
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
      return;
    }
    for (const char* h : headers) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const Row& row : rows) {
      ImGui::TableNextRow();
      for (const Cell& c : row) {
        ImGui::TableNextColumn();
        cell(c);
      }
    }
    ImGui::EndTable();
    return;
  }
  for (const Row& row : rows) {
    if (row.empty()) continue;
    ImGui::PushFont(ImGui::GetIO().Fonts->Fonts.Size > 1 ? ImGui::GetIO().Fonts->Fonts[1] : nullptr);
    ImGui::TextWrapped("%s", row[0].text.c_str());
    ImGui::PopFont();
    ImGui::Indent();
    for (size_t c = 1; c < row.size() && c < headers.size(); ++c) {
      ImGui::TextDisabled("%s:", headers[c]);
      ImGui::SameLine();
      cell(row[c]);
    }
    ImGui::Unindent();
    ImGui::Spacing();
  }
}

void DrawErrors(const std::vector<funnel::FieldError>& errors) {
  ImGui::PushStyleColor(ImGuiCol_Text, Colors().error);
  for (const auto& e : errors) ImGui::TextWrapped("%s", e.message.c_str());
  ImGui::PopStyleColor();
}

void DrawTrack(AppState& app, const funnel::TrackReport& r) {
  ImGui::PushFont(ImGui::GetIO().Fonts->Fonts.Size > 1 ? ImGui::GetIO().Fonts->Fonts[1] : nullptr);
  ImGui::TextWrapped("%s", r.headline.c_str());
  ImGui::PopFont();
  ImGui::SeparatorText("Where each stage stands");
  std::vector<Row> totals;
  for (const funnel::StageTotal& t : r.totals) {
    if (!t.has_data) {
      totals.push_back({{t.stage}, {Num(t.planned)}, {"no date column"}});
      continue;
    }
    const bool behind = t.pace && *t.pace < 0.95;
    totals.push_back({{t.stage}, {Num(t.planned)}, {Num(t.actual)}, {Num(t.expected_to_date, 1)},
                      {Pace(t.pace) + (behind ? " (behind)" : ""), behind}, {Num(t.projected, 1)}});
  }
  TextTable("track_totals", {"Stage", "Planned to date", "Actual", "Expected by now", "Pace", "Month-end projection"}, totals);
  Hint("Pace = actual / what the plan expects by now (the running month counts the share of it elapsed, or the share "
       "that usually arrives by this day when the last 12 months show it).");
  if (!r.gap.empty()) {
    ImGui::SeparatorText("Why: volume or conversion");
    std::vector<Row> gaps;
    for (const funnel::StageGap& g : r.gap) {
      gaps.push_back({{g.stage}, {Num(g.planned, 1)}, {Num(g.expected, 1)}, {Num(g.projected, 1)}, {Num(g.volume, 1)},
                      {Num(g.conversion, 1)}});
    }
    TextTable("track_gap", {"Stage", "Planned", "At actual volumes", "Projected", "Volume gap", "Conversion gap"}, gaps);
    Hint("Volume: fewer (or more) came in upstream than planned. Conversion: of those, fewer (or more) "
         "converted than the plan's rate. The two add up to projected minus planned.");
  }
  // Plan vs actual, month by month, for one stage: bars = actual (projected for the running
  // month, lighter), line = plan.
  if (r.months.empty() || r.stages.empty()) return;
  ImGui::SeparatorText("Month by month");
  TrackView& v = app.track;
  if (v.chart_stage < 0 || v.chart_stage >= static_cast<int>(r.stages.size())) {  // the first stage with data
    v.chart_stage = 0;
    for (size_t k = 0; k < r.totals.size(); ++k) {
      if (r.totals[k].has_data) {
        v.chart_stage = static_cast<int>(k);
        break;
      }
    }
  }
  ImGui::SetNextItemWidth(14.0f * ImGui::GetFontSize());
  if (ImGui::BeginCombo("stage##track_chart", r.stages[static_cast<size_t>(v.chart_stage)].c_str())) {
    for (size_t k = 0; k < r.stages.size(); ++k) {
      if (ImGui::Selectable(r.stages[k].c_str(), static_cast<int>(k) == v.chart_stage)) v.chart_stage = static_cast<int>(k);
    }
    ImGui::EndCombo();
  }
  if (auto chosen = AccessibleChoice(app, "track.chart_stage", "Stage shown month by month", r.stages, v.chart_stage)) {
    v.chart_stage = *chosen;
  }
  ImGui::SameLine();
  AccessibleCheckbox(app, "Cumulative##track", "track.cumulative", &v.cumulative, "Show running totals in the chart");
  const size_t k = static_cast<size_t>(v.chart_stage);
  // Per month: planned, actual and projected, or their running totals (the running month's
  // projection on top of the actuals before it).
  struct Point {
    double planned, actual, projected;
  };
  std::vector<Point> points;
  Point sum{0.0, 0.0, 0.0};
  for (const auto& m : r.months) {
    const funnel::TrackCell& c = m.stages[k];
    if (v.cumulative) {
      sum = {sum.planned + c.planned, sum.actual + c.actual, sum.actual + c.projected};
      points.push_back(sum);
    } else {
      points.push_back({c.planned, c.actual, c.projected});
    }
  }
  const float em = ImGui::GetFontSize();
  const float w = ImGui::GetContentRegionAvail().x, h = 9.0f * em, label_h = 1.4f * em;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(w, h + label_h));
  double top = 1.0;
  for (const Point& pt : points) top = std::max({top, pt.planned, pt.projected, pt.actual});
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float slot = w / static_cast<float>(r.months.size());
  const size_t stride = LabelStride(slot, "2026-01");
  ImVec2 prev;
  for (size_t i = 0; i < r.months.size(); ++i) {
    const funnel::TrackMonth& m = r.months[i];
    const Point& c = points[i];
    const float x0 = origin.x + slot * static_cast<float>(i) + 0.15f * slot, x1 = x0 + 0.7f * slot;
    auto y = [&](double value) { return origin.y + h - static_cast<float>(value / top) * h; };
    if (m.running) dl->AddRectFilled(ImVec2(x0, y(c.projected)), ImVec2(x1, origin.y + h), Colors().muted);
    dl->AddRectFilled(ImVec2(x0, y(c.actual)), ImVec2(x1, origin.y + h), Colors().accent);
    const ImVec2 p(0.5f * (x0 + x1), y(c.planned));
    if (i > 0) dl->AddLine(prev, p, Colors().highlight, 2.0f);
    dl->AddCircleFilled(p, 3.0f, Colors().highlight);
    prev = p;
    if (i % stride == 0) ChartText(dl, ImVec2(x0, origin.y + h + 0.2f * em), ImGui::GetColorU32(ImGuiCol_Text), m.month);
    if (ImGui::IsMouseHoveringRect(ImVec2(x0, origin.y), ImVec2(x1, origin.y + h))) {
      ImGui::SetTooltip("%s %s%s\nPlanned %s, actual %s%s", m.month.c_str(), r.stages[k].c_str(), v.cumulative ? " (to date)" : "",
                        Num(c.planned).c_str(), Num(c.actual).c_str(), m.running ? (", projected " + Num(c.projected, 1)).c_str() : "");
    }
  }
  Hint(v.cumulative ? "Running totals. Bars: actual (the running month's projection lighter). Line: the plan."
                    : "Bars: actual (the running month's projection lighter). Line: the plan.");
}

Row PipelineRow(std::string what, const funnel::PipelineForecast& p, const std::string& currency) {
  return {{std::move(what)}, {Num(p.records)}, {Num(p.expected_wins, 1)}, {funnel::FormatMoney(p.expected_revenue, currency)},
          {funnel::FormatMoney(p.p10, currency) + " / " + funnel::FormatMoney(p.p50, currency) + " / " +
           funnel::FormatMoney(p.p90, currency)}};
}

void DrawForecast(AppState& app, const funnel::ForecastReport& f) {
  const std::string& cur = app.scenario.currency;
  ImGui::SeparatorText(("What the plan will likely land by the end of " + f.until_label).c_str());
  TextTable("forecast", {"From", "Records", "Expected wins", "Expected revenue", "Revenue P10 / P50 / P90"},
            {PipelineRow("Open " + f.stage + " records", f.open_pipeline, cur),
             PipelineRow("Records the plan still expects", f.new_pipeline, cur), PipelineRow("Total", f.total, cur)});
  if (f.open_pipeline.naive_expected_wins) {
    Hint("Counting every open record at the overall win rate would expect %s wins: it ignores how long deals stay "
         "open and that old ones rarely close.", Num(*f.open_pipeline.naive_expected_wins, 1).c_str());
  }
  if (f.goal) {
    ImGui::TextWrapped("Won so far: %s. Goal: %s. Chance of reaching it: %s.", funnel::FormatMoney(f.won_to_date, cur).c_str(),
                       funnel::FormatMoney(*f.goal, cur).c_str(), f.p_goal ? funnel::FormatPercent(*f.p_goal, 0).c_str() : "\xE2\x80\x94");
  }
  for (const std::string& n : f.notes) Hint("%s", n.c_str());
  if (!f.close_the_gap) return;
  const funnel::CloseTheGap& g = *f.close_the_gap;
  ImGui::SeparatorText("What closes the gap");
  std::string helping;
  std::vector<std::string> help_months;
  for (const auto& m : g.months) {
    if (m.can_help) help_months.push_back(m.month);
  }
  if (help_months.size() > 4) {  // a long run: its ends
    helping = help_months.front() + " to " + help_months.back() + " (" + std::to_string(help_months.size()) + " months)";
  } else {
    for (const auto& m : help_months) helping += (helping.empty() ? "" : ", ") + m;
  }
  ImGui::TextWrapped("%s", helping.empty()
                               ? ("No month left in the plan can still turn new " + g.entry_stage + " leads into wins in time.").c_str()
                               : ("New " + g.entry_stage + " leads still help in: " + helping + ".").c_str());
  std::vector<Row> levels;
  for (const funnel::GapLevel& l : g.levels) {
    Row row{{std::to_string(l.confidence) + " % chance"}, {funnel::FormatMoney(l.shortfall, cur)}};
    if (!l.feasible) {
      row.push_back({"not reachable in time", true});
    } else {
      row.push_back({Num(l.leads_per_month)});
      row.push_back({Num(l.total_leads)});
      row.push_back({l.cost > 0 ? funnel::FormatMoney(l.cost, cur) : "\xE2\x80\x94"});
    }
    levels.push_back(std::move(row));
  }
  TextTable("close_gap", {"To reach the goal with", "Revenue short", "Extra leads a month", "Extra leads in all", "Cheapest cost"},
            levels);
  const auto level = std::find_if(g.levels.begin(), g.levels.end(), [](const funnel::GapLevel& l) { return l.confidence == 80; });
  const bool can_add = level != g.levels.end() && level->feasible && level->total_leads > 0;
  ImGui::BeginDisabled(!can_add);
  if (AccessibleButton(app, "Add to plan (80 % chance)", "track.add_to_plan",
                       "Add the extra leads for an 80 % chance to a revised plan")) {
    funnel::Scenario revised = funnel::ReviseScenario(app.scenario, g, 80);
    SaveRevisedBeside(app, revised);
    app.track.added = "Saved \"" + revised.name + "\" beside \"" + app.scenario.name + "\": compare them on the Scenarios tab.";
  }
  ImGui::EndDisabled();
  if (!app.track.added.empty()) {
    ImGui::SameLine();
    ImGui::TextWrapped("%s", app.track.added.c_str());
  }
}

// "Lead 96.6 %, SQL 88.6 %": a snapshot's pace per stage.
std::string PaceList(const funnel::Snapshot& s) {
  std::string out;
  for (const auto& st : s.stages) out += (out.empty() ? "" : ", ") + st.name + " " + Pace(st.pace);
  return out.empty() ? "\xE2\x80\x94" : out;
}

// Snapshots over time: keep this export's summary (never its rows), the trend across the kept
// ones, and the pipeline's flow between two of them.
void DrawSnapshots(AppState& app, const funnel::ForecastReport* forecast, const funnel::TrackReport* track) {
  if (!AccessibleHeader(app, "Snapshots over time", "track.snapshots")) return;
  TrackView& v = app.track;
  const std::string& cur = app.scenario.currency;
  ImGui::BeginDisabled(forecast == nullptr);
  if (AccessibleButton(app, "Keep this export as a snapshot", "track.keep_snapshot",
                       "Keep this export's summary as a snapshot dated " + (forecast ? forecast->as_of_label : std::string()))) {
    const size_t at = funnel::AddSnapshot(app.snapshots, funnel::MakeSnapshot(*forecast, track, app.data.report.source_name,
                                                                               app.scenario.name, app.data.table.rows));
    v.flow_from = v.flow_to = SIZE_MAX;
    ++app.snapshots_revision;
    v.kept = "Kept a snapshot of " + app.snapshots[at].source + " as of " + app.snapshots[at].as_of + ".";
  }
  ImGui::EndDisabled();
  if (!v.kept.empty()) {
    ImGui::SameLine();
    ImGui::TextWrapped("%s", v.kept.c_str());
  }
  Hint("A snapshot keeps this export's counts, pace and forecast in this browser, never its rows. Keep one each time "
       "you import a newer export to see the trend.");
  if (app.snapshots.empty()) return;
  // The trend: pace and forecast of each snapshot, oldest first, with the change from the one before.
  std::vector<Row> rows;
  for (size_t i = 0; i < app.snapshots.size(); ++i) {
    const funnel::Snapshot& s = app.snapshots[i];
    std::string change = "\xE2\x80\x94";
    if (i > 0) {
      const double delta = s.p50 - app.snapshots[i - 1].p50;
      change = (delta >= 0 ? "+" : "\xE2\x88\x92") + funnel::FormatMoney(std::fabs(delta), cur);
    }
    rows.push_back({{s.as_of + " \xC2\xB7 " + s.source}, {PaceList(s)}, {Num(static_cast<double>(s.open))},
                    {funnel::FormatMoney(s.p50, cur) + " by " + s.until}, {change},
                    {s.p_goal ? funnel::FormatPercent(*s.p_goal, 0) : "\xE2\x80\x94"}});
  }
  TextTable("snapshots", {"As of", "Pace", "Open", "Forecast (P50)", "Change", "Chance of goal"}, rows);
  for (size_t i = 0; i < app.snapshots.size(); ++i) {
    const funnel::Snapshot& s = app.snapshots[i];
    if (i > 0) SameLineOrWrap(ButtonWidth(("Remove " + s.as_of).c_str()));
    if (AccessibleButton(app, ("Remove " + s.as_of + "##snapshot" + std::to_string(i)).c_str(), "track.remove_snapshot." + std::to_string(i),
                         "Remove the snapshot of " + s.source + " as of " + s.as_of, true)) {
      app.snapshots.erase(app.snapshots.begin() + static_cast<std::ptrdiff_t>(i));
      v.flow_from = v.flow_to = SIZE_MAX;
      ++app.snapshots_revision;
      return;
    }
  }
  if (app.snapshots.size() < 2) return;
  // The flow between two snapshots (by default the last two).
  const size_t n = app.snapshots.size();
  if (v.flow_from >= n || v.flow_to >= n) {
    v.flow_from = n - 2;
    v.flow_to = n - 1;
  }
  std::vector<std::string> names;
  for (const auto& s : app.snapshots) names.push_back(s.as_of + " \xC2\xB7 " + s.source);
  ImGui::SeparatorText("Pipeline flow between two snapshots");
  auto choose = [&](const char* label, const char* name, const char* a11y, size_t& index) {
    ImGui::SetNextItemWidth(std::min(22.0f * ImGui::GetFontSize(), ImGui::GetContentRegionAvail().x * 0.7f));
    if (ImGui::BeginCombo(label, names[index].c_str())) {
      for (size_t i = 0; i < n; ++i) {
        if (ImGui::Selectable(names[i].c_str(), i == index)) index = i;
      }
      ImGui::EndCombo();
    }
    if (auto chosen = AccessibleChoice(app, name, a11y, names, static_cast<int>(index))) index = static_cast<size_t>(*chosen);
  };
  choose("from##flow", "track.flow_from", "Flow from snapshot", v.flow_from);
  choose("to##flow", "track.flow_to", "Flow to snapshot", v.flow_to);
  const auto flow = funnel::Flow(app.snapshots[v.flow_from], app.snapshots[v.flow_to]);
  if (!flow) {
    DrawErrors(flow.errors());
    return;
  }
  const funnel::PipelineFlow& f = flow.value();
  const std::string stage = app.snapshots[v.flow_to].pipeline_stage;
  ImGui::TextWrapped("Open %s records: %s on %s + %s new \xE2\x88\x92 %s won \xE2\x88\x92 %s lost %s %s moved = %s on %s.",
                     stage.c_str(), Num(f.start).c_str(), f.from.c_str(), Num(f.entered).c_str(), Num(f.won).c_str(),
                     Num(f.lost).c_str(), f.moved < 0 ? "\xE2\x88\x92" : "+", Num(std::fabs(f.moved)).c_str(), Num(f.end).c_str(),
                     f.to.c_str());
  if (f.moved != 0.0) {
    Hint("Moved: records the counts do not explain: deleted, merged, reopened or moved back in the CRM between the two exports.");
  }
}

}  // namespace

void DrawTrackPanel(AppState& app) {
  const DataState& d = app.data;
  ImGui::TextWrapped("Are we on track? Import a newer export of your CRM on the Data tab: this tab compares it with "
                     "the plan, says why a stage is behind, and what the open pipeline will likely land.");
  if (!d.loaded || d.restored || d.table.rows == 0) {
    Hint(d.restored ? "The data shown is a saved summary, without its rows: import the export again to track the plan."
                    : "No data yet: import an export (or the sample) on the Data tab.");
    DrawSnapshots(app, nullptr, nullptr);
    return;
  }
  Update(app);
  TrackView& v = app.track;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("As of");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(9.0f * ImGui::GetFontSize());
  ImGui::InputText("##as_of", &v.as_of_text, ImGuiInputTextFlags_CharsNoBlank);
  AccessibleText(app, "track.as_of", "As of (YYYY-MM-DD)", &v.as_of_text);
  ImGui::SameLine();
  Hint("the day the export was taken (YYYY-MM-DD)");
  if (!v.message.empty()) {
    ImGui::TextColored(Colors().error, "%s", v.message.c_str());
    DrawSnapshots(app, nullptr, nullptr);
    return;
  }
  if (v.track) {
    if (v.track->ok()) {
      DrawTrack(app, v.track->value());
    } else {
      DrawErrors(v.track->errors());
      const bool stages = std::any_of(v.track->errors().begin(), v.track->errors().end(),
                                      [](const funnel::FieldError& e) { return e.field == "stages"; });
      const bool too_early = std::any_of(v.track->errors().begin(), v.track->errors().end(), [](const funnel::FieldError& e) {
        return e.field == "as_of" && e.message.find("before the plan's first month") != std::string::npos;
      });
      const funnel::Minutes first = v.data_first;
      if (stages) {
        Hint("\"Plan with these rates\" on the Data tab plans with the export's own stages, so they can be tracked.");
      } else if (too_early && first != funnel::kNoDate) {
        // The export is older than the plan (the sample, an old file): one press plans from
        // the month its data begins, undoably.
        int y, m, dd;
        funnel::CivilFromDays(funnel::FloorDiv(first, funnel::kMinutesPerDay), y, m, dd);
        const std::string month = funnel::MonthLabel(y, m, 0);
        if (AccessibleButton(app, ("Start the plan in " + month).c_str(), "track.start_plan",
                             "Start the plan in " + month + ", when this export's data begins")) {
          funnel::Scenario s = app.scenario;
          s.start_year = y;
          s.start_month = m;
          SetScenario(app, std::move(s));
        }
        ImGui::SameLine();
        Hint("when this export's data begins, to track it (Undo goes back)");
      } else {
        Hint("Tracking compares an export taken while the plan runs. Import a newer export, type another day above, "
             "or set the plan's first month (Plan tab) to when this data's period began.");
      }
    }
  }
  if (v.forecast) {
    if (v.forecast->ok()) DrawForecast(app, v.forecast->value());
    else DrawErrors(v.forecast->errors());
  }
  DrawSnapshots(app, v.forecast && v.forecast->ok() ? &v.forecast->value() : nullptr,
                v.track && v.track->ok() ? &v.track->value() : nullptr);
}
