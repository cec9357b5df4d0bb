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
#include "app/widgets.hpp"

namespace {

constexpr const char* kNone = "(none)";

// A combo over the file's columns; personal-data columns are not offered.
bool ColumnCombo(AppState& app, const char* label, const std::string& name, std::string a11y_label,
                 std::string& column, const funnel::ImportReport& r) {
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
  std::vector<std::string> options{kNone};
  int current = 0;
  for (const auto& c : r.columns) {
    if (c.personal) continue;
    if (c.name == column) current = static_cast<int>(options.size());
    options.push_back(c.name);
  }
  if (auto chosen = AccessibleChoice(app, name, std::move(a11y_label), options, current)) {
    column = *chosen == 0 ? std::string() : options[static_cast<size_t>(*chosen)];
    changed = true;
  }
  return changed;
}

// What a stage value means: one of the stages, "lost", or "not a stage".
void RuleCombo(AppState& app, const char* id, const std::string& name, funnel::StageValueRule& rule,
               const std::vector<std::string>& stages) {
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
  std::vector<std::string> options = stages;  // then "lost", then "not a stage"
  options.push_back("lost / disqualified");
  options.push_back("not a stage");
  const int chosen_now = rule.lost ? static_cast<int>(stages.size())
                      : rule.stage >= 0 && static_cast<size_t>(rule.stage) < stages.size() ? rule.stage
                                                                                           : static_cast<int>(stages.size()) + 1;
  if (auto chosen = AccessibleChoice(app, name, "Stage value \"" + rule.value + "\" means", options, chosen_now)) {
    rule.lost = *chosen == static_cast<int>(stages.size());
    rule.stage = *chosen < static_cast<int>(stages.size()) ? *chosen : -1;
  }
}

}  // namespace

void DrawMappingEditor(AppState& app) {
  DataState& d = app.data;
  const funnel::ImportReport& r = d.report;
  funnel::ColumnMapping& m = d.mapping_draft;
  const std::string header = "Column mapping: " + r.preset_label + "###mapping";
  if (!AccessibleHeader(app, header.c_str(), "mapping", false)) return;
  if (d.restored) {
    ImGui::TextWrapped("Shown from its summary, without the rows: import the data again to change "
                       "the mapping (the mapping you applied last is reused automatically).");
  } else {
    ImGui::TextWrapped("Detected from the column names. Change anything, then Apply to read the data again.");
  }

  ColumnCombo(app, "Current stage column", "mapping.stage_column", "Current stage column", m.stage_column, r);
  ColumnCombo(app, "Status column (won / lost)", "mapping.status_column", "Status column (won / lost)", m.status_column, r);
  ColumnCombo(app, "Created date", "mapping.created_column", "Created date column", m.created_column, r);
  ColumnCombo(app, "Source / channel", "mapping.source_column", "Source / channel column", m.source_column, r);
  ColumnCombo(app, "Amount", "mapping.amount_column", "Amount column", m.amount_column, r);
  ColumnCombo(app, "Owner", "mapping.owner_column", "Owner column", m.owner_column, r);

  ImGui::SeparatorText("Stages, in funnel order");
  m.stage_date_columns.resize(m.stages.size());
  for (size_t k = 0; k < m.stages.size(); ++k) {
    ImGui::PushID(static_cast<int>(k));
    ImGui::SetNextItemWidth(10.0f * ImGui::GetFontSize());
    const std::string at = "mapping.stages[" + std::to_string(k) + "]";
    ImGui::InputText("##stage", &m.stages[k]);
    AccessibleText(app, at, "Name of stage " + std::to_string(k + 1), &m.stages[k]);
    ImGui::SameLine();
    ColumnCombo(app, "date column", at + ".date_column", "Date column of " + m.stages[k], m.stage_date_columns[k], r);
    ImGui::SameLine();
    ImGui::BeginDisabled(k == 0);
    if (AccessibleButton(app, "Up", at + ".up", "Move " + m.stages[k] + " up", true)) {
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
  if (AccessibleButton(app, "Add stage", "mapping.add_stage", "", true)) {
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
        RuleCombo(app, "##rule", "mapping.stage_values[" + std::to_string(i) + "]", m.stage_values[i], m.stages);
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
  }
  AccessibleCheckbox(app, "Count only stages with a date##mapping", "mapping.dated_only", &m.dated_only);

  const bool can_apply = d.rereadable() && !d.importer;
  ImGui::BeginDisabled(!can_apply || m == r.mapping);
  if (AccessibleButton(app, "Apply mapping", "mapping.apply")) RemapImport(app, m);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (AccessibleButton(app, "Reset to detected", "mapping.reset", "Reset the mapping to the detected one")) m = r.mapping;
}
