// Data panel: bring lead data in (upload, paste, drop, sample), watch the import, read the
// report (preset, columns, warnings) and the stage counts, and plan with the observed rates.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/app_state.hpp"
#include "app/panels/panels.hpp"
#include "app/theme.hpp"
#include "app/widgets.hpp"
#include "engine/analysis/source_quality.hpp"
#include "engine/common/format.hpp"
#include "engine/import/csv.hpp"

namespace {

std::string Count(uint64_t n) { return funnel::FormatNumber(static_cast<double>(n), 0); }
// "1 row", "2 rows", "1,234 rows".
std::string Counted(uint64_t n, const char* one, const char* many) { return Count(n) + " " + (n == 1 ? one : many); }

void DrawIssues(AppState& app, const char* title, const std::vector<funnel::ImportIssue>& list, size_t total,
                const ImVec4& colour) {
  if (total == 0) return;
  const std::string header = std::string(title) + " (" + Count(total) + ")###" + title;
  if (!AccessibleHeader(app, header.c_str(), std::string("issues:") + title)) return;
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  for (const auto& i : list) {
    std::string where;
    if (i.row) where = "Row " + std::to_string(i.row);
    if (i.line && i.line != i.row) where += " (line " + std::to_string(i.line) + ")";
    if (!i.column.empty()) where += (where.empty() ? "Column \"" : ", column \"") + i.column + "\"";
    ImGui::Bullet();
    ImGui::TextWrapped("%s%s%s", where.c_str(), where.empty() ? "" : ": ", i.message.c_str());
  }
  if (list.empty()) {
    Hint("Import the data again to list them (rows are not kept after a reload).");
  } else if (list.size() < total) {
    ImGui::TextDisabled("… and %s more", Count(total - list.size()).c_str());
  }
  ImGui::PopStyleColor();
}

void DrawStageCounts(AppState& app) {
  const funnel::StageCounts& c = app.data.analysis.counts;
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                     ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("stage_counts", 4, kFlags)) return;
  ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("Reached", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("With a date", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("From previous stage", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableHeadersRow();
  for (size_t k = 0; k < c.stages.size(); ++k) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(c.stages[k].c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Count(c.reached[k]).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Count(c.with_date[k]).c_str());
    ImGui::TableNextColumn();
    if (k > 0 && c.reached[k - 1] > 0) {
      const double ratio = static_cast<double>(c.reached[k]) / static_cast<double>(c.reached[k - 1]);
      ImGui::TextUnformatted(funnel::FormatPercent(ratio, 1).c_str());
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s of %s %s reached %s", Count(c.reached[k]).c_str(),
                          Count(c.reached[k - 1]).c_str(), c.stages[k - 1].c_str(), c.stages[k].c_str());
      }
    }
  }
  ImGui::EndTable();
}

void DrawSteps(const funnel::FunnelAnalysis& a) {
  if (a.steps.empty()) return;
  ImGui::SeparatorText("Conversion and time to convert");
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("steps", 5, kFlags)) return;
  ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn("Rate", ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableSetupColumn("95 % range", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn("By cohort", ImGuiTableColumnFlags_WidthStretch, 0.9f);
  ImGui::TableSetupColumn("Days: median / 90 %", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableHeadersRow();
  for (const auto& st : a.steps) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%s \xE2\x86\x92 %s", st.from.c_str(), st.to.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(funnel::FormatPercent(st.in_period.rate, 1).c_str());
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s of %s reached %s%s", Count(st.in_period.k).c_str(), Count(st.in_period.n).c_str(),
                        st.to.c_str(), st.in_period.small_sample ? "\nFew observations: this rate is uncertain." : "");
    }
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s \xE2\x80\x93 %s", funnel::FormatPercent(st.in_period.wilson_low, 1).c_str(),
                        funnel::FormatPercent(st.in_period.wilson_high, 1).c_str());
    ImGui::TableNextColumn();
    if (st.cohort.n > 0) {
      ImGui::TextUnformatted(funnel::FormatPercent(st.cohort.rate, 1).c_str());
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Of %s leads that reached %s in a month at least %d days old, %s reached %s within %d days.\n"
                          "%zu recent months are still maturing and left out.",
                          Count(st.cohort.n).c_str(), st.from.c_str(), st.window_days, Count(st.cohort.k).c_str(),
                          st.to.c_str(), st.window_days, st.immature_months.size());
      }
    } else {
      ImGui::TextDisabled("\xE2\x80\x94");
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Needs a date for both stages, in months old enough to have matured.");
    }
    ImGui::TableNextColumn();
    if (st.time.count > 0) {
      ImGui::Text("%s / %s", funnel::FormatNumber(st.time.median_days, 1).c_str(), funnel::FormatNumber(st.time.p90_days, 1).c_str());
    } else {
      ImGui::TextDisabled("\xE2\x80\x94");
    }
  }
  ImGui::EndTable();
  // A win rate needs lost deals to compare with: without a lost/closed status in the export,
  // every closed record is a win and "100 %" would mislead.
  if (a.win_rate.n > 0 && a.counts.lost > 0) {
    Hint("Win rate: %s of %s closed (won or lost).", funnel::FormatPercent(a.win_rate.rate, 1).c_str(),
                        Count(a.win_rate.n).c_str());
  }
}

// Quality by source: of each source's leads at the entry stage (the plan's entry stage when the
// data has it, else "Lead", else the first stage), the share that reached each later stage.
void DrawSources(AppState& app, const funnel::FunnelAnalysis& a, const funnel::Scenario& plan) {
  const auto& stages = a.counts.stages;
  if (a.sources.empty() || stages.size() < 2) return;
  if (!AccessibleHeader(app, "Lead quality by source", "quality_by_source")) return;
  const size_t entry = funnel::SourceEntryStage(stages, plan.entry_stage);
  const int cols = static_cast<int>(stages.size() - entry) + 2;  // Source, Records, then the entry stage and each later one
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("sources", cols, kFlags)) return;
  ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("Records", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(stages[entry].c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  for (size_t k = entry + 1; k < stages.size(); ++k) ImGui::TableSetupColumn(stages[k].c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  for (const funnel::SourceQuality& q : funnel::QualityBySource(a, entry)) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(q.source.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Count(q.records).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Count(q.entry_leads).c_str());
    for (const std::optional<double>& share : q.share) {
      ImGui::TableNextColumn();
      if (share) ImGui::TextUnformatted(funnel::FormatPercent(*share, 1).c_str());
      else ImGui::TextDisabled("\xE2\x80\x94");
    }
  }
  ImGui::EndTable();
  Hint("Records: every row from the source. %s: those that reached it; later columns: their share that went on.",
                      stages[entry].c_str());
}

// Leads per month (bars) with the share that reached the last stage (line), hover for numbers.
void DrawTrend(AppState& app, const funnel::FunnelAnalysis& a) {
  if (a.months.size() < 2 || a.counts.stages.empty()) return;
  if (!AccessibleHeader(app, "Trend by month", "trend_by_month")) return;
  const float em = ImGui::GetFontSize();
  const float w = ImGui::GetContentRegionAvail().x, h = 9.0f * em, label_h = 1.4f * em;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("trend", ImVec2(w, h + label_h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  uint64_t max_created = 1;
  double max_share = 1e-9;
  for (const auto& m : a.months) {
    max_created = std::max(max_created, m.created);
    if (m.created) max_share = std::max(max_share, static_cast<double>(m.reached.back()) / static_cast<double>(m.created));
  }
  const size_t n = a.months.size();
  const float slot = w / static_cast<float>(n);
  const size_t stride = LabelStride(slot, "24-01");
  ImVec2 prev;
  for (size_t i = 0; i < n; ++i) {
    const auto& m = a.months[i];
    const float x0 = o.x + slot * static_cast<float>(i) + 0.15f * slot, x1 = x0 + 0.7f * slot;
    const float bh = h * static_cast<float>(m.created) / static_cast<float>(max_created);
    const bool over = ImGui::IsItemHovered() && ImGui::GetMousePos().x >= o.x + slot * static_cast<float>(i) &&
                      ImGui::GetMousePos().x < o.x + slot * static_cast<float>(i + 1);
    dl->AddRectFilled(ImVec2(x0, o.y + h - bh), ImVec2(x1, o.y + h), over ? Colors().accent_hover : Colors().accent);
    const double share = m.created ? static_cast<double>(m.reached.back()) / static_cast<double>(m.created) : 0.0;
    const ImVec2 p(0.5f * (x0 + x1), o.y + h - h * 0.9f * static_cast<float>(share / max_share));
    if (i > 0) dl->AddLine(prev, p, Colors().highlight, 2.0f);
    dl->AddCircleFilled(p, 0.18f * em, Colors().highlight);
    prev = p;
    if (i % stride == 0) {
      const std::string label = m.month.substr(2);
      ChartText(dl, ImVec2(x0, o.y + h + 0.15f * em), ImGui::GetColorU32(ImGuiCol_TextDisabled), label);
    }
    if (over) {
      ImGui::SetTooltip("%s: %s new leads, %s reached %s so far (%s)", m.month.c_str(), Count(m.created).c_str(),
                        Count(m.reached.back()).c_str(), a.counts.stages.back().c_str(), funnel::FormatPercent(share, 1).c_str());
    }
  }
  // Y axis values: the largest bar on the left, the largest share on the right.
  const ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  ChartText(dl, ImVec2(o.x + 0.2f * em, o.y), axis, Count(max_created) + " leads");
  const std::string top_share = funnel::FormatPercent(max_share / 0.9, 1);
  ChartText(dl, ImVec2(o.x + w - ImGui::CalcTextSize(top_share.c_str()).x - 0.2f * em, o.y), Colors().highlight, top_share);
  ChartText(dl, ImVec2(o.x + 0.2f * em, o.y + h - em), axis, "0");
  Hint("Bars: new leads per month (left scale). Line: share that reached %s so far (right scale; recent months are still maturing).",
                      a.counts.stages.back().c_str());
}

void DrawColumns(AppState& app, const funnel::ImportReport& r) {
  const std::string header = "Columns (" + std::to_string(r.columns.size()) + ")###columns";
  if (!AccessibleHeader(app, header.c_str(), "columns", false)) return;
  if (!ImGui::BeginTable("columns", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("Column", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableSetupColumn("Used as", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableHeadersRow();
  for (const auto& col : r.columns) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(col.name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(funnel::ColumnTypeName(col.type));
    ImGui::TableNextColumn();
    if (col.personal) ImGui::TextDisabled("personal data: not kept");
    else if (col.role.empty()) ImGui::TextDisabled("not used");
    else ImGui::TextUnformatted(col.role.c_str());
    if (!col.detail.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", col.detail.c_str());
  }
  ImGui::EndTable();
}

}  // namespace

void DrawDataPanel(AppState& app) {
  DataState& d = app.data;
  const float em = ImGui::GetFontSize();
  // The page's mirror of this button is a file input (it opens the file picker itself).
  if (ImGui::Button("Upload CSV, TSV or Excel file…")) app.shell.Request("openFilePicker");
  PublishAccessible(app, "data_upload", "file", "Upload CSV, TSV or Excel file");
  ImGui::SameLine();
  if (AccessibleButton(app, "Load sample data", "data_sample")) StartSampleImport(app);
  ImGui::SameLine();
  Hint("or paste cells from Excel or Google Sheets (Ctrl+V), or drop a file on the page");
  PublishAccessible(app, "data_paste", "paste", "Paste cells from Excel or Google Sheets here");
  Hint("Your data stays in this browser. Names, e-mails and phone numbers are never kept.");

  if (d.importer) {
    ImGui::Spacing();
    ImGui::Text("Importing %s…", d.name.c_str());
    ImGui::ProgressBar(static_cast<float>(d.progress), ImVec2(30.0f * em, 0.0f));
    ImGui::SameLine();
    if (AccessibleButton(app, "Cancel", "import_cancel", "Cancel the import")) CancelImport(app);
    return;
  }
  if (d.report.source_name.empty()) return;  // nothing imported yet

  const funnel::ImportReport& r = d.report;
  ImGui::Spacing();
  if (!app.import_failure.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, Colors().error);
    ImGui::TextWrapped("%s", app.import_failure.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::SeparatorText(r.source_name.c_str());
  if (r.fatal) {
    DrawIssues(app, "Errors", r.errors, r.errors_total, Colors().error);
    return;
  }
  std::string extra;
  if (r.rows_skipped) extra += ", " + Counted(r.rows_skipped, "total or footer line", "total or footer lines") + " skipped";
  if (d.analysis.counts.lost) extra += ", " + Count(d.analysis.counts.lost) + " lost or disqualified";
  ImGui::TextWrapped("%s export (%s): %s imported, %s rejected%s.",
                     r.preset_label.c_str(), funnel::FormatDescription(r).c_str(),
                     Counted(r.rows_imported, "row", "rows").c_str(), Count(r.rows_rejected).c_str(), extra.c_str());
  if (d.restored) {
    Hint("Shown from its summary: the counts and rates only. The rows are not kept, "
                        "so import the data again to change how it is counted or mapped.");
  }
  bool dated_only = r.mapping.dated_only;
  ImGui::BeginDisabled(d.restored);
  if (AccessibleCheckbox(app, "Count only stages with a date", "dated_only", &dated_only)) SetDatedOnly(app, dated_only);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Off: a lead's current stage implies it passed every earlier stage.\n"
                      "On: a stage counts only where the lead has a date for it.");
  }
  DrawStageCounts(app);
  const bool can_plan = d.analysis.counts.stages.size() >= 2;
  ImGui::BeginDisabled(!can_plan);
  if (AccessibleButton(app, "Plan with these rates", "use_rates")) UseRatesFromData(app);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Use these stages and their observed conversion (and the average won\n"
                      "deal amount, if the data has amounts) in the plan.");
  }
  if (!can_plan) {
    ImGui::SameLine();
    Hint("Needs at least two stages in the data: map a stage column under Column mapping.");
  }
  DrawSteps(d.analysis);
  DrawSources(app, d.analysis, app.scenario);
  DrawTrend(app, d.analysis);
  ImGui::Spacing();
  DrawIssues(app, "Errors", r.errors, r.errors_total, Colors().error);
  DrawIssues(app, "Warnings", r.warnings, r.warnings_total, Colors().warning);
  DrawMappingEditor(app);
  DrawColumns(app, r);
}
