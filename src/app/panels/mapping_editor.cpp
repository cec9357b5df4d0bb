// The column-mapping editor (Data tab): which column holds the stage, which date belongs to
// each stage, what each stage value means, and the source/amount/owner columns. "Apply" reads
// the data again with the edited mapping.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/app_state.hpp"
#include "app/panels/panels.hpp"

namespace {

constexpr const char* kNone = "(none)";

// A combo over the file's columns; personal-data columns are not offered.
bool ColumnCombo(const char* label, std::string& column, const funnel::ImportReport& r) {
  bool changed = false;
  ImGui::SetNextItemWidth(16.0f * ImGui::GetFontSize());
  if (ImGui::BeginCombo(label, column.empty() ? kNone : column.c_str())) {
    if (ImGui::Selectable(kNone, column.empty())) {
      column.clear();
      changed = true;
    }
    for (const auto& c : r.columns) {
      if (c.personal) continue;
      if (ImGui::Selectable(c.name.c_str(), c.name == column)) {
        column = c.name;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

// What a stage value means: one of the stages, "lost", or "not a stage".
void RuleCombo(const char* id, funnel::StageValueRule& rule, const std::vector<std::string>& stages) {
  std::string current = rule.lost ? "lost / disqualified" : rule.stage >= 0 && static_cast<size_t>(rule.stage) < stages.size()
                                                              ? stages[static_cast<size_t>(rule.stage)]
                                                              : "not a stage";
  ImGui::SetNextItemWidth(14.0f * ImGui::GetFontSize());
  if (ImGui::BeginCombo(id, current.c_str())) {
    for (size_t k = 0; k < stages.size(); ++k) {
      if (ImGui::Selectable(stages[k].c_str(), !rule.lost && rule.stage == static_cast<int>(k))) {
        rule.stage = static_cast<int>(k);
        rule.lost = false;
      }
    }
    if (ImGui::Selectable("lost / disqualified", rule.lost)) {
      rule.lost = true;
      rule.stage = -1;
    }
    if (ImGui::Selectable("not a stage", !rule.lost && rule.stage < 0)) {
      rule.lost = false;
      rule.stage = -1;
    }
    ImGui::EndCombo();
  }
}

}  // namespace

void DrawMappingEditor(AppState& app) {
  DataState& d = app.data;
  const funnel::ImportReport& r = d.report;
  funnel::ColumnMapping& m = d.mapping_draft;
  const std::string header = "Column mapping: " + r.preset_label + "###mapping";
  if (!ImGui::CollapsingHeader(header.c_str())) return;
  if (d.restored) {
    ImGui::TextWrapped("Shown from its summary, without the rows: import the data again to change "
                       "the mapping (the mapping you applied last is reused automatically).");
  } else {
    ImGui::TextWrapped("Detected from the column names. Change anything, then Apply to read the data again.");
  }

  ColumnCombo("Current stage column", m.stage_column, r);
  ColumnCombo("Status column (won / lost)", m.status_column, r);
  ColumnCombo("Created date", m.created_column, r);
  ColumnCombo("Source / channel", m.source_column, r);
  ColumnCombo("Amount", m.amount_column, r);
  ColumnCombo("Owner", m.owner_column, r);

  ImGui::SeparatorText("Stages, in funnel order");
  m.stage_date_columns.resize(m.stages.size());
  for (size_t k = 0; k < m.stages.size(); ++k) {
    ImGui::PushID(static_cast<int>(k));
    ImGui::SetNextItemWidth(10.0f * ImGui::GetFontSize());
    ImGui::InputText("##stage", &m.stages[k]);
    ImGui::SameLine();
    ColumnCombo("date column", m.stage_date_columns[k], r);
    ImGui::SameLine();
    ImGui::BeginDisabled(k == 0);
    if (ImGui::SmallButton("Up")) {
      std::swap(m.stages[k], m.stages[k - 1]);
      std::swap(m.stage_date_columns[k], m.stage_date_columns[k - 1]);
      for (auto* rules : {&m.stage_values, &m.status_values}) {
        for (auto& rule : *rules) {
          if (rule.stage == static_cast<int>(k)) rule.stage = static_cast<int>(k) - 1;
          else if (rule.stage == static_cast<int>(k) - 1) rule.stage = static_cast<int>(k);
        }
      }
    }
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  if (ImGui::SmallButton("Add stage")) {
    m.stages.push_back("Stage " + std::to_string(m.stages.size() + 1));
    m.stage_date_columns.emplace_back();
  }

  // Values of the stage column: known rules plus values the mapping did not know.
  for (const auto& [value, rows] : r.unknown_stage_values) {
    const std::string key = funnel::NormalizeKey(value);
    const bool known = std::any_of(m.stage_values.begin(), m.stage_values.end(),
                                   [&key](const funnel::StageValueRule& rule) { return rule.value == key; });
    if (!known) m.stage_values.push_back({key, -1, false});
  }
  if (!m.stage_values.empty()) {
    ImGui::SeparatorText("What each stage value means");
    if (ImGui::BeginTable("rules", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
      for (size_t i = 0; i < m.stage_values.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.stage_values[i].value.c_str());
        ImGui::TableNextColumn();
        RuleCombo("##rule", m.stage_values[i], m.stages);
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
  }
  ImGui::Checkbox("Count only stages with a date##mapping", &m.dated_only);

  const bool can_apply = d.bytes != nullptr && !d.importer;
  ImGui::BeginDisabled(!can_apply || m == r.mapping);
  if (ImGui::Button("Apply mapping")) RemapImport(app, m);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Reset to detected")) m = r.mapping;
}
