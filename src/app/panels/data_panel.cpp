// Data panel: bring lead data in (upload, paste, drop, sample), watch the import, read the
// report (preset, columns, warnings) and the stage counts, and plan with the observed rates.
#include <imgui.h>

#include <string>

#include "app/app_state.hpp"
#include "app/panels/panels.hpp"
#include "engine/csv.hpp"
#include "engine/format.hpp"

namespace {

std::string Count(uint64_t n) { return funnel::FormatNumber(static_cast<double>(n), 0); }

void DrawIssues(const char* title, const std::vector<funnel::ImportIssue>& list, size_t total,
                const ImVec4& colour) {
  if (total == 0) return;
  const std::string header = std::string(title) + " (" + Count(total) + ")###" + title;
  if (!ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  for (const auto& i : list) {
    std::string where;
    if (i.row) where = "Row " + std::to_string(i.row);
    if (i.line && i.line != i.row) where += " (line " + std::to_string(i.line) + ")";
    if (!i.column.empty()) where += (where.empty() ? "Column \"" : ", column \"") + i.column + "\"";
    ImGui::Bullet();
    ImGui::TextWrapped("%s%s%s", where.c_str(), where.empty() ? "" : ": ", i.message.c_str());
  }
  if (list.size() < total) ImGui::TextDisabled("… and %s more", Count(total - list.size()).c_str());
  ImGui::PopStyleColor();
}

void DrawStageCounts(AppState& app) {
  const funnel::StageCounts& c = app.data.counts;
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

void DrawColumns(const funnel::ImportReport& r) {
  const std::string header = "Columns (" + std::to_string(r.columns.size()) + ")###columns";
  if (!ImGui::CollapsingHeader(header.c_str())) return;
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
  if (ImGui::Button("Upload CSV/TSV file…")) app.shell.Request("openFilePicker");
  ImGui::SameLine();
  if (ImGui::Button("Load sample data")) StartSampleImport(app);
  ImGui::SameLine();
  ImGui::TextDisabled("or paste cells from Excel or Google Sheets (Ctrl+V), or drop a file on the page");
  ImGui::TextDisabled("Your data stays in this browser. Names, e-mails and phone numbers are never kept.");

  if (d.importer) {
    ImGui::Spacing();
    ImGui::Text("Importing %s…", d.name.c_str());
    ImGui::ProgressBar(static_cast<float>(d.progress), ImVec2(30.0f * em, 0.0f));
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) CancelImport(app);
    return;
  }
  if (d.report.source_name.empty()) return;  // nothing imported yet

  const funnel::ImportReport& r = d.report;
  ImGui::Spacing();
  ImGui::SeparatorText(r.source_name.c_str());
  if (r.fatal) {
    DrawIssues("Errors", r.errors, r.errors_total, ImVec4(0.75f, 0.12f, 0.10f, 1.0f));
    return;
  }
  ImGui::TextWrapped("%s export (%s, %s-separated): %s rows imported, %s rejected%s.",
                     r.preset_label.c_str(), r.encoding.c_str(), funnel::DelimiterName(r.delimiter),
                     Count(r.rows_imported).c_str(), Count(r.rows_rejected).c_str(),
                     d.counts.lost ? (", " + Count(d.counts.lost) + " lost or disqualified").c_str() : "");
  bool dated_only = d.dated_only;
  if (ImGui::Checkbox("Count only stages with a date", &dated_only)) SetDatedOnly(app, dated_only);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Off: a lead's current stage implies it passed every earlier stage.\n"
                      "On: a stage counts only where the lead has a date for it.");
  }
  DrawStageCounts(app);
  if (ImGui::Button("Plan with these rates")) UseRatesFromData(app);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Use these stages and their observed conversion (and the average won\n"
                      "deal amount, if the data has amounts) in the plan.");
  }
  ImGui::Spacing();
  DrawIssues("Errors", r.errors, r.errors_total, ImVec4(0.75f, 0.12f, 0.10f, 1.0f));
  DrawIssues("Warnings", r.warnings, r.warnings_total, ImVec4(0.55f, 0.35f, 0.0f, 1.0f));
  DrawColumns(r);
}
