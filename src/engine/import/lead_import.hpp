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

#include "engine/import/cell_values.hpp"
#include "engine/import/column_mapping.hpp"
#include "engine/import/csv.hpp"
#include "engine/import/lead_table.hpp"

namespace funnel {

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
  bool workbook = false;    // read from an Excel workbook's sheet (ImportOptions::workbook)
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
  // The text is an Excel workbook's sheet, as web/xlsx.js and XlsxReader write it (UTF-8,
  // tab-separated): the report then names the workbook, not the text made from it.
  bool workbook = false;
  std::optional<ColumnMapping> mapping;  // use this instead of detecting one
  std::optional<bool> dated_only;        // overrides the mapping's switch
  size_t max_listed = 50;                // warnings/errors listed; the rest are counted
  size_t sample_rows = 1000;             // rows used to infer column types and the preset
  size_t total_bytes = 0;                // the input's size when known (progress, memory reserve)
};

struct ImportResult {
  LeadTable table;
  ImportReport report;
};

// Resumable, streaming import. Give the input in slices as it is read (Feed, then EndInput), or
// all of it as a view (the caller keeps it until the import is done): UTF-8 is read in the view
// itself, with no copy; other encodings are decoded from it in slices. Call Step() until done().
// Each Step parses about `max_bytes`, so a UI can show progress and cancel by dropping the
// importer. Memory holds the table, the text of about one slice (none for a UTF-8 view), and a
// record that runs across slices; the result does not depend on where the slices are cut
// (docs/import.md, "Large files").
class LeadImporter {
 public:
  explicit LeadImporter(ImportOptions options = {});               // fed with Feed()
  LeadImporter(std::string_view bytes, ImportOptions options = {});  // all of the input
  ~LeadImporter();
  LeadImporter(const LeadImporter&) = delete;
  LeadImporter& operator=(const LeadImporter&) = delete;

  void Feed(std::string_view bytes);  // the next bytes of the input (copied)
  void EndInput();                    // no more bytes will come
  // Step can do nothing more until the next Feed (or EndInput): what was given is read.
  bool needs_input() const;

  double Step(size_t max_bytes);  // returns progress in [0, 1]
  bool done() const;
  double progress() const;
  const ImportReport& report() const;
  ImportResult Finish();  // ends the input, runs the remaining steps; the importer is spent afterwards

 private:
  struct State;
  std::unique_ptr<State> s_;
};

ImportResult ImportLeads(std::string_view bytes, ImportOptions options = {});

// What was read, for the line that sums an import up: "UTF-8, comma-separated", or "Excel
// workbook" for a workbook's sheet (whose text is always UTF-8 and tab-separated).
std::string FormatDescription(const ImportReport& report);

}  // namespace funnel
