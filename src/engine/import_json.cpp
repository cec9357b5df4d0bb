#include "engine/import_json.hpp"

#include <nlohmann/json.hpp>

#include "engine/csv.hpp"
#include "engine/json_fields.hpp"

namespace funnel {
namespace {

using nlohmann::json;

std::string Dump(const json& j, int indent) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

json IssuesJson(const std::vector<ImportIssue>& list, size_t total) {
  json items = json::array();
  for (const ImportIssue& i : list) {
    items.push_back({{"row", i.row}, {"line", i.line}, {"column", i.column}, {"message", i.message}});
  }
  return {{"total", total}, {"listed", std::move(items)}};
}

json RulesJson(const std::vector<StageValueRule>& rules) {
  json out = json::array();
  for (const auto& r : rules) out.push_back({{"value", r.value}, {"stage", r.stage}, {"lost", r.lost}});
  return out;
}

json MappingJson(const ColumnMapping& m) {
  return {{"preset", m.preset},
          {"stages", m.stages},
          {"stage_column", m.stage_column},
          {"stage_values", RulesJson(m.stage_values)},
          {"status_column", m.status_column},
          {"status_values", RulesJson(m.status_values)},
          {"stage_date_columns", m.stage_date_columns},
          {"created_column", m.created_column},
          {"close_date_column", m.close_date_column},
          {"won_column", m.won_column},
          {"closed_column", m.closed_column},
          {"source_column", m.source_column},
          {"amount_column", m.amount_column},
          {"owner_column", m.owner_column},
          {"dated_only", m.dated_only}};
}

}  // namespace

std::string MappingToJson(const ColumnMapping& mapping, int indent) { return Dump(MappingJson(mapping), indent); }

Result<ColumnMapping> MappingFromJson(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Result<ColumnMapping>::Fail("mapping", "Expected a JSON object");
  ColumnMapping m;
  std::vector<FieldError> errors;
  auto str = [&](const char* key, std::string& dst) {
    if (!j.contains(key)) return;
    if (j[key].is_string()) dst = j[key].get<std::string>();
    else errors.push_back({std::string("mapping.") + key, "Expected text"});
  };
  auto strings = [&](const char* key, std::vector<std::string>& dst) {
    if (!j.contains(key)) return;
    if (!j[key].is_array()) { errors.push_back({std::string("mapping.") + key, "Expected a list of text"}); return; }
    for (const auto& v : j[key]) {
      if (v.is_string()) dst.push_back(v.get<std::string>());
      else errors.push_back({std::string("mapping.") + key, "Expected a list of text"});
    }
  };
  auto rules = [&](const char* key, std::vector<StageValueRule>& dst) {
    if (!j.contains(key)) return;
    if (!j[key].is_array()) { errors.push_back({std::string("mapping.") + key, "Expected a list"}); return; }
    for (const auto& v : j[key]) {
      if (!v.is_object() || !v.contains("value") || !v["value"].is_string() ||
          (v.contains("stage") && !v["stage"].is_number_integer())) {
        errors.push_back({std::string("mapping.") + key, "Expected {\"value\": text, \"stage\": number, \"lost\": bool}"});
        continue;
      }
      dst.push_back({NormalizeKey(v["value"].get<std::string>()), v.value("stage", -1), v.value("lost", false)});
    }
  };
  str("preset", m.preset);
  strings("stages", m.stages);
  str("stage_column", m.stage_column);
  rules("stage_values", m.stage_values);
  str("status_column", m.status_column);
  rules("status_values", m.status_values);
  strings("stage_date_columns", m.stage_date_columns);
  str("created_column", m.created_column);
  str("close_date_column", m.close_date_column);
  str("won_column", m.won_column);
  str("closed_column", m.closed_column);
  str("source_column", m.source_column);
  str("amount_column", m.amount_column);
  str("owner_column", m.owner_column);
  if (j.contains("dated_only")) {
    if (j["dated_only"].is_boolean()) m.dated_only = j["dated_only"].get<bool>();
    else errors.push_back({"mapping.dated_only", "Expected true or false"});
  }
  for (const auto* list : {&m.stage_values, &m.status_values}) {
    for (const auto& r : *list) {
      if (r.stage >= static_cast<int>(m.stages.size())) {
        errors.push_back({"mapping.stage_values", "Value \"" + r.value + "\" points at stage " +
                                                     std::to_string(r.stage) + " but there are " +
                                                     std::to_string(m.stages.size()) + " stages"});
      }
    }
  }
  if (!errors.empty()) return errors;
  return m;
}

std::string AnalysisToJson(const ImportReport& r, const StageCounts& counts, int indent) {
  json j;
  j["source"] = r.source_name;
  j["bytes"] = r.bytes;
  j["encoding"] = r.encoding;
  j["delimiter"] = DelimiterName(r.delimiter);
  j["preset"] = {{"id", r.preset}, {"label", r.preset_label}};
  j["rows"] = {{"read", r.rows_read}, {"imported", r.rows_imported}, {"rejected", r.rows_rejected},
               {"skipped", r.rows_skipped}, {"blank_lines", r.blank_lines}};
  json cols = json::array();
  for (const ColumnInfo& c : r.columns) {
    cols.push_back({{"name", c.name}, {"type", ColumnTypeName(c.type)}, {"detail", c.detail},
                    {"personal", c.personal}, {"role", c.role}});
  }
  j["columns"] = std::move(cols);
  j["mapping"] = MappingJson(r.mapping);
  json stages = json::array();
  for (size_t k = 0; k < counts.stages.size(); ++k) {
    stages.push_back({{"stage", counts.stages[k]}, {"reached", counts.reached[k]},
                      {"with_date", counts.with_date[k]}});
  }
  j["stage_counts"] = std::move(stages);
  j["lost"] = counts.lost;
  j["without_stage"] = counts.without_stage;
  j["dated_only"] = r.mapping.dated_only;
  json unknown = json::array();
  for (const auto& [v, n] : r.unknown_stage_values) unknown.push_back({{"value", v}, {"rows", n}});
  j["unknown_stage_values"] = std::move(unknown);
  j["warnings"] = IssuesJson(r.warnings, r.warnings_total);
  j["errors"] = IssuesJson(r.errors, r.errors_total);
  j["ok"] = !r.fatal;
  return Dump(j, indent);
}

std::string AnalysisToJson(const ImportReport& report, const FunnelAnalysis& analysis, int indent) {
  json j = json::parse(AnalysisToJson(report, analysis.counts, -1));
  j["funnel"] = json::parse(FunnelAnalysisToJson(analysis, -1));
  return Dump(j, indent);
}

namespace {

char DelimiterFromName(const std::string& name) {
  for (const char d : {',', ';', '\t', '|'}) {
    if (name == DelimiterName(d)) return d;
  }
  return ',';
}

void ReadIssues(const detail::FieldReader& parent, const char* key, std::vector<ImportIssue>& list, size_t& total) {
  const detail::FieldReader r = parent.Child(key);
  r.Count("total", total);
  r.EachObject("listed", [&](const detail::FieldReader& item, size_t) {
    ImportIssue& issue = list.emplace_back();
    item.Count("row", issue.row);
    item.Count("line", issue.line);
    item.Text("column", issue.column);
    item.Text("message", issue.message);
  });
  total = std::max(total, list.size());
}

}  // namespace

Result<ImportSummary> ImportSummaryFromJson(std::string_view text) {
  const json root = json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return Result<ImportSummary>::Fail("", "Expected a JSON object (an import summary)");
  }
  std::vector<FieldError> errors;
  const detail::FieldReader top{root, "", errors};
  ImportSummary out;
  ImportReport& r = out.report;
  top.Text("source", r.source_name);
  if (r.source_name.empty()) top.Fail("source", "Missing; expected the name of the imported data");
  bool ok = false;
  top.Bool("ok", ok);
  if (!ok) top.Fail("ok", "Nothing was imported");
  top.Count("bytes", r.bytes);
  top.Text("encoding", r.encoding);
  std::string delimiter = "comma";
  top.Text("delimiter", delimiter);
  r.delimiter = DelimiterFromName(delimiter);
  const detail::FieldReader preset = top.Child("preset");
  preset.Text("id", r.preset);
  preset.Text("label", r.preset_label);
  const detail::FieldReader rows = top.Child("rows");
  rows.Count("read", r.rows_read);
  rows.Count("imported", r.rows_imported);
  rows.Count("rejected", r.rows_rejected);
  rows.Count("skipped", r.rows_skipped);
  rows.Count("blank_lines", r.blank_lines);
  top.EachObject("columns", [&](const detail::FieldReader& c, size_t) {
    ColumnInfo& info = r.columns.emplace_back();
    c.Text("name", info.name);
    std::string type = "empty";
    c.Text("type", type);
    for (int t = 0; t <= static_cast<int>(ColumnType::kBoolean); ++t) {
      if (type == ColumnTypeName(static_cast<ColumnType>(t))) info.type = static_cast<ColumnType>(t);
    }
    c.Text("detail", info.detail);
    c.Bool("personal", info.personal);
    c.Text("role", info.role);
  });
  if (const json* m = top.Object("mapping")) {
    auto mapping = MappingFromJson(detail::DumpJson(*m));
    if (mapping) r.mapping = std::move(mapping.value());
    else errors.insert(errors.end(), mapping.errors().begin(), mapping.errors().end());
  }
  top.Bool("dated_only", r.mapping.dated_only);
  top.EachObject("unknown_stage_values", [&](const detail::FieldReader& u, size_t) {
    auto& [value, count] = r.unknown_stage_values.emplace_back();
    u.Text("value", value);
    u.Count("rows", count);
  });
  ReadIssues(top, "warnings", r.warnings, r.warnings_total);
  ReadIssues(top, "errors", r.errors, r.errors_total);

  if (const json* funnel = top.Object("funnel")) {
    auto analysis = FunnelAnalysisFromJson(detail::DumpJson(*funnel));
    if (analysis) out.analysis = std::move(analysis.value());
    else errors.insert(errors.end(), analysis.errors().begin(), analysis.errors().end());
  } else if (!top.Get("funnel")) {
    top.Fail("funnel", "Missing; expected the analysis");
  }
  if (errors.size() > 20) errors.resize(20);
  if (!errors.empty()) return errors;
  return out;
}

}  // namespace funnel
