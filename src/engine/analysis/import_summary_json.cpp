#include "engine/analysis/import_summary_json.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>

#include "engine/common/format.hpp"
#include "engine/common/json_fields.hpp"
#include "engine/import/csv.hpp"
#include "engine/import/mapping_json.hpp"

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

}  // namespace

std::string AnalysisToJson(const ImportReport& r, const StageCounts& counts, int indent) {
  json j;
  j["source"] = r.source_name;
  j["bytes"] = r.bytes;
  j["encoding"] = r.encoding;
  j["delimiter"] = DelimiterName(r.delimiter);
  j["workbook"] = r.workbook;
  j["preset"] = {{"id", r.preset}, {"label", r.preset_label}};
  j["rows"] = {{"read", r.rows_read}, {"imported", r.rows_imported}, {"rejected", r.rows_rejected},
               {"skipped", r.rows_skipped}, {"blank_lines", r.blank_lines}};
  json cols = json::array();
  for (const ColumnInfo& c : r.columns) {
    cols.push_back({{"name", c.name}, {"type", ColumnTypeName(c.type)}, {"detail", c.detail},
                    {"personal", c.personal}, {"role", c.role}});
  }
  j["columns"] = std::move(cols);
  j["mapping"] = json::parse(MappingToJson(r.mapping, -1));
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

// Cuts `text` to at most `max` bytes at a UTF-8 character boundary, marking the cut with "…".
std::string Shorten(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max - 3;  // room for "…" (3 bytes)
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "\u2026";
}

}  // namespace

std::string ImportSummaryToJson(const ImportReport& report, const FunnelAnalysis& analysis) {
  ImportReport r = report;
  FunnelAnalysis a = analysis;
  r.warnings.clear();
  r.errors.clear();
  if (r.unknown_stage_values.size() > kMaxStoredUnknownValues) r.unknown_stage_values.resize(kMaxStoredUnknownValues);
  for (auto& [value, rows] : r.unknown_stage_values) value = Shorten(value, kMaxStoredNameBytes);
  if (r.columns.size() > kMaxStoredColumns) {
    std::vector<ColumnInfo> kept;
    for (size_t i = 0; i < r.columns.size(); ++i) {
      if (i < kMaxStoredColumns || !r.columns[i].role.empty()) kept.push_back(std::move(r.columns[i]));
    }
    r.columns = std::move(kept);
  }
  for (ColumnInfo& c : r.columns) {
    c.name = Shorten(c.name, kMaxStoredNameBytes);
    c.detail = Shorten(c.detail, kMaxStoredNameBytes);
  }
  if (a.sources.size() > kMaxStoredSources) {  // sources are sorted largest first
    SourceRow other;
    other.reached.assign(a.counts.stages.size(), 0);
    const size_t folded = a.sources.size() - (kMaxStoredSources - 1);
    for (size_t i = kMaxStoredSources - 1; i < a.sources.size(); ++i) {
      other.volume += a.sources[i].volume;
      for (size_t k = 0; k < other.reached.size() && k < a.sources[i].reached.size(); ++k) {
        other.reached[k] += a.sources[i].reached[k];
      }
    }
    other.source = "Other (" + FormatNumber(static_cast<double>(folded), 0) + " sources)";
    a.sources.resize(kMaxStoredSources - 1);
    a.sources.push_back(std::move(other));
  }
  for (SourceRow& row : a.sources) row.source = Shorten(row.source, kMaxStoredNameBytes);
  return AnalysisToJson(r, a, -1);
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

namespace {

Result<ImportSummary> ReadImportSummary(std::string_view text) {
  std::string parse_error;
  const std::optional<json> parsed = detail::ParseJson(text, kMaxSummaryBytes, "an import summary", parse_error);
  if (!parsed) return Result<ImportSummary>::Fail("", parse_error);
  const json& root = *parsed;
  if (!root.is_object()) {
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
  top.Bool("workbook", r.workbook);  // absent in summaries saved before it was written: false
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

}  // namespace

Result<ImportSummary> ImportSummaryFromJson(std::string_view text) {
  try {
    return ReadImportSummary(text);
  } catch (const std::exception& e) {  // out of memory: the readers themselves check every field
    return Result<ImportSummary>::Fail("", std::string("Could not read the import summary: ") + e.what());
  }
}

}  // namespace funnel
