// Importing lead data: CSV/TSV bytes (a CRM export, a file, or cells pasted from a
// spreadsheet) → LeadTable + ImportReport. One path serves paste, upload and drag-drop.
// Formats, presets and stage semantics: docs/import.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cell_values.hpp"
#include "engine/csv.hpp"
#include "engine/lead_table.hpp"

namespace funnel {

enum class ColumnType : uint8_t { kEmpty, kText, kNumber, kPercent, kCurrency, kDate, kBoolean };
const char* ColumnTypeName(ColumnType t);

struct ColumnInfo {
  std::string name;
  ColumnType type = ColumnType::kEmpty;
  std::string detail;           // e.g. "month-first dates (3/5/2024)", "decimal comma"
  bool personal = false;        // name, e-mail or phone: dropped, never stored
  DateOrder date_order = DateOrder::kMonthFirst;
  char decimal = '.';
  bool excel_serial = false;    // a date column of Excel serial numbers (45292 = 2024-01-01)
  std::string role;             // what the mapping uses it for ("" = not used)
};

// A raw stage/status value (normalized: lower case, letters and digits only) and what it means.
struct StageValueRule {
  std::string value;
  int stage = -1;     // funnel stage it implies was reached, -1 = none
  bool lost = false;  // the lead is lost / disqualified

  bool operator==(const StageValueRule&) const = default;
};

// Which column means what. Detected from the headers (a preset or the generic rules), and
// overridable by the user; columns are named by their header text.
struct ColumnMapping {
  std::string preset;                          // "hubspot-contacts", …, "generic"
  std::vector<std::string> stages;             // funnel stages in order
  std::string stage_column;                    // current stage (lifecycle, deal stage…)
  std::vector<StageValueRule> stage_values;
  std::string status_column;                   // a second status column (won/lost, unqualified…)
  std::vector<StageValueRule> status_values;
  std::vector<std::string> stage_date_columns;  // per stage: date it was reached ("" = none)
  std::string created_column;                  // creation date: date of the first stage
  std::string close_date_column;               // date of the last stage when won
  std::string won_column;                      // boolean: reached the last stage
  std::string closed_column;                   // boolean: closed (closed and not won = lost)
  std::string source_column, amount_column, owner_column;
  bool dated_only = false;  // count a stage only where it has a date (vs implied by stage)

  bool operator==(const ColumnMapping&) const = default;
};

// Limits that keep memory bounded whatever the input (docs/import.md, "Limits"): a text value
// the table keeps (a stage, status, source or owner value; a column name) is cut to
// kMaxTextCell bytes with a warning; the CSV reader keeps at most kMaxFieldBytes of a field that
// needs unescaping; the stage values listed as unknown are the kMaxListedValues commonest.
inline constexpr size_t kMaxTextCell = 1024;
inline constexpr size_t kMaxFieldBytes = 64 * 1024;
inline constexpr size_t kMaxListedValues = 100;

struct ImportIssue {
  size_t row = 0;       // spreadsheet row: the header is row 1; 0 = the whole file
  size_t line = 0;      // line in the file where the row starts (differs with embedded newlines)
  std::string column;   // header name, "" = the whole row
  std::string message;
};

struct ImportReport {
  std::string source_name;  // file name or "pasted data"
  std::string encoding;
  char delimiter = ',';
  std::string preset;       // id
  std::string preset_label; // "HubSpot contacts"
  ColumnMapping mapping;
  std::vector<ColumnInfo> columns;
  size_t bytes = 0;
  size_t rows_read = 0;     // data rows seen (blank lines not counted) = imported + rejected + skipped
  size_t rows_imported = 0;
  size_t rows_rejected = 0;
  size_t rows_skipped = 0;  // totals and report-footer lines (no stage or date): not leads
  size_t blank_lines = 0;
  std::vector<ImportIssue> errors;    // rows rejected, or the file refused (row 0)
  size_t errors_total = 0;
  std::vector<ImportIssue> warnings;  // rows kept with a problem (first `max_listed` kept)
  size_t warnings_total = 0;
  std::vector<std::pair<std::string, size_t>> unknown_stage_values;  // value, rows
  bool fatal = false;       // nothing could be imported (errors[0] says why)
};

struct ImportOptions {
  std::string source_name = "pasted data";
  std::optional<ColumnMapping> mapping;  // use this instead of detecting one
  std::optional<bool> dated_only;        // overrides the mapping's switch
  size_t max_listed = 50;                // warnings/errors listed; the rest are counted
  size_t sample_rows = 1000;             // rows used to infer column types and the preset
};

struct ImportResult {
  LeadTable table;
  ImportReport report;
};

// Resumable import: construct (reads the header and a sample, detects everything), then call
// Step() until done() — each call parses about `max_bytes` — so a UI can show progress and
// cancel by dropping the importer. `bytes` must outlive the importer.
class LeadImporter {
 public:
  LeadImporter(std::string_view bytes, ImportOptions options = {});
  ~LeadImporter();
  LeadImporter(const LeadImporter&) = delete;
  LeadImporter& operator=(const LeadImporter&) = delete;

  double Step(size_t max_bytes);  // returns progress in [0, 1]
  bool done() const;
  double progress() const;
  const ImportReport& report() const;
  ImportResult Finish();  // runs any remaining steps; the importer is spent afterwards

 private:
  struct State;
  std::unique_ptr<State> s_;
};

ImportResult ImportLeads(std::string_view bytes, ImportOptions options = {});

// "Marketing Qualified Lead" → "marketingqualifiedlead" (how headers and values are matched).
std::string NormalizeKey(std::string_view s);

}  // namespace funnel
