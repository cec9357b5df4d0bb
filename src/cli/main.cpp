// funnelplan: the command-line face of the engine, for batch work and tests.
// Usage and output formats: docs/cli.md.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/analysis/funnel_analysis.hpp"
#include "engine/analysis/import_summary_json.hpp"
#include "engine/analysis/source_quality.hpp"
#include "engine/common/calendar.hpp"
#include "engine/common/format.hpp"
#include "engine/forecast/forecast.hpp"
#include "engine/forecast/forecast_json.hpp"
#include "engine/forecast/track.hpp"
#include "engine/import/lead_import.hpp"
#include "engine/import/xlsx_reader.hpp"
#include "engine/import/mapping_json.hpp"
#include "engine/import/synthetic_export.hpp"
#include "engine/plan/plan.hpp"
#include "engine/plan/reverse_funnel.hpp"
#include "engine/plan/scenario_json.hpp"
#include "platform/clock.hpp"

namespace {

constexpr const char* kUsage =
    "Usage:\n"
    "  funnelplan plan SCENARIO.json [--format table|json|csv]\n"
    "      The plan: the count needed at every stage to reach the revenue goal, month by month,\n"
    "      with channels, money and uncertainty (csv: the month x stage targets).\n"
    "  funnelplan analyze FILE [--format table|json] [--dated-only] [--mapping MAPPING.json]\n"
    "      Import a CSV/TSV export (or - for standard input) and print the import report and\n"
    "      stage counts.\n"
    "  funnelplan track SCENARIO.json EXPORT --as-of YYYY-MM-DD [--format table|json] [--mapping MAPPING.json]\n"
    "      Actuals from a newer export against the plan: per month and stage the target, the\n"
    "      actual, the pace of the running month, and the gap split into volume and conversion.\n"
    "  funnelplan forecast EXPORT --as-of YYYY-MM-DD --until YYYY-MM [--scenario SCENARIO.json]\n"
    "                      [--stage NAME] [--format table|json] [--mapping MAPPING.json]\n"
    "      What the open pipeline (and, with a scenario, the records the plan still expects) wins\n"
    "      by the end of the until month: expected wins, P10/P50/P90, P(goal), and the extra\n"
    "      leads that close the gap.\n"
    "  funnelplan generate SHAPE [--rows N] [--seed S] [--output FILE]\n"
    "      Write a synthetic export. SHAPE: hubspot-contacts, hubspot-deals, salesforce-leads,\n"
    "      salesforce-opportunities, pipedrive-deals, spreadsheet.\n"
    "  funnelplan sample-scenario\n"
    "      Print the sample scenario (a starting point to edit), starting this month\n"
    "      (FUNNELPLAN_TODAY=YYYY-MM pins the month).\n"
    "  funnelplan --help\n";

int Fail(const std::string& message) {
  std::cerr << "funnelplan: " << funnel::TerminalSafe(message) << "\n";
  return 2;
}

// A problem with one field of an input, on standard error: "plan.json: steps[1].rate: …".
void PrintFieldError(const std::string& path, const funnel::FieldError& e) {
  std::cerr << funnel::TerminalSafe(path + ": " + (e.field.empty() ? "" : e.field + ": ") + e.message) << "\n";
}

// A workbook mapped read-only (the .xlsx reader looks at its zip directory, at the end, first).
class MappedFile {
 public:
  explicit MappedFile(int fd, size_t size) : size_(size) {
    if (size_ == 0) return;
    void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) data_ = static_cast<const char*>(p);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  bool ok() const { return data_ != nullptr; }
  std::string_view bytes() const { return {data_ ? data_ : "", data_ ? size_ : 0}; }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// Reads up to out.size() bytes (fewer only at the end of the input); false on a read error.
bool ReadFull(int fd, std::string& out, size_t& got) {
  got = 0;
  while (got < out.size()) {
    const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  return true;
}

// Parses what the importer was given.
void Drain(funnel::LeadImporter& importer) {
  while (!importer.done() && !importer.needs_input()) importer.Step(size_t{16} << 20);
}

bool ReadFile(const std::string& path, std::string& out) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    out = ss.str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::string Pad(const std::string& s, size_t width, bool right) {
  // Count UTF-8 code points, not bytes, so "→" lines up.
  size_t cps = 0;
  for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
  if (cps >= width) return s;
  std::string pad(width - cps, ' ');
  return right ? pad + s : s + pad;
}

void PrintTable(std::ostream& out, const funnel::Scenario& s, const funnel::PlanReport& report) {
  using namespace funnel;
  const ReverseFunnel& plan = report.funnel;
  out << s.name << ": goal " << FormatMoney(s.revenue_goal, s.currency) << " at "
            << FormatMoney(s.deal_size, s.currency) << " per deal\n\n";
  out << Pad("Stage", 16, false) << Pad("Rate to next", 14, true)
            << Pad("Needed (exact)", 18, true) << Pad("Target", 14, true) << "\n";
  for (size_t i = 0; i < plan.stages.size(); ++i) {
    const StageTarget& t = plan.stages[i];
    const bool last = i + 1 == plan.stages.size();
    out << Pad(t.stage, 16, false) << Pad(last ? "" : FormatPercent(t.rate_to_next), 14, true)
              << Pad(FormatNumber(t.exact, 2), 18, true) << Pad(FormatNumber(t.whole, 0), 14, true)
              << "\n";
  }

  const MonthlyPlan& m = report.monthly;
  out << "\nMonthly targets (whole numbers; a stage's targets come earlier by its lag)\n";
  out << Pad("Month", 9, false);
  for (const auto& st : s.stages) out << Pad(st, std::max<size_t>(9, st.size() + 2), true);
  out << "\n";
  for (size_t c = 0; c < m.months.size(); ++c) {
    out << Pad(m.months[c] + (m.first_offset + static_cast<int>(c) < 0 ? "*" : ""), 9, false);
    for (size_t k = 0; k < s.stages.size(); ++k) {
      out << Pad(FormatNumber(m.whole[k][c], 0), std::max<size_t>(9, s.stages[k].size() + 2), true);
    }
    out << "\n";
  }
  out << Pad("Total", 9, false);  // each stage's months add up to its target
  for (size_t k = 0; k < s.stages.size(); ++k) {
    out << Pad(FormatNumber(plan.stages[k].whole, 0), std::max<size_t>(9, s.stages[k].size() + 2), true);
  }
  out << "\n";
  if (m.first_offset < 0) out << "* before the plan starts\n";

  const MoneyMetrics& mo = report.money;
  if (mo.cost > 0.0 || mo.ltv) {
    const std::string dash = "\xE2\x80\x94";  // —: undefined
    auto money = [&](const std::optional<double>& v) { return v ? FormatMoney(*v, s.currency) : dash; };
    out << "\nMoney: acquisition cost " << FormatMoney(mo.cost, s.currency) << " (spend "
        << FormatMoney(mo.spend, s.currency) << "), CAC " << money(mo.cac) << ", LTV " << money(mo.ltv)
        << ", LTV:CAC " << (mo.ltv_to_cac ? FormatNumber(*mo.ltv_to_cac, 1) : dash) << ", payback "
        << (mo.payback_months ? FormatNumber(*mo.payback_months, 1) + " months" : dash) << ", ROI "
        << (mo.roi ? FormatPercent(*mo.roi, 0) : dash) << "\n";
  }
  out << "Pipeline: coverage " << FormatNumber(mo.pipeline_coverage, 2) << "x";
  if (mo.pipeline_velocity > 0.0) out << ", velocity " << FormatMoney(mo.pipeline_velocity, s.currency) << " per day";
  out << "\n";
  const MonteCarlo& mc = report.uncertainty;
  if (mc.uncertain) {
    out << "\n" << mc.stage << " needed: " << FormatNumber(mc.p50, 0) << " (50 %), "
              << FormatNumber(mc.p80, 0) << " (80 %), " << FormatNumber(mc.p90, 0)
              << " (90 % confidence). With " << FormatNumber(mc.planned_leads, 0) << " "
              << mc.stage << " the chance of reaching the goal is " << FormatPercent(mc.p_hit, 0) << ".\n";
  }
  if (!report.warnings.empty()) {
    out << "\nWarnings:\n";
    for (const auto& w : report.warnings) out << "  " << w << "\n";
  }
}

int LoadScenario(const std::string& path, funnel::Scenario& out) {
  std::string text;
  if (!ReadFile(path, text)) return Fail("cannot read " + path);
  auto loaded = funnel::ScenarioFromJson(text);
  if (!loaded) {
    for (const auto& e : loaded.errors()) PrintFieldError(path, e);
    return 1;
  }
  for (const auto& w : loaded->warnings) PrintFieldError(path, w);
  out = loaded->scenario;
  return 0;
}

int Plan(const std::vector<std::string>& args) {
  std::string path, format = "table";
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format" && i + 1 < args.size()) {
      format = args[++i];
    } else if (args[i].rfind("--format=", 0) == 0) {
      format = args[i].substr(9);
    } else if (!args[i].empty() && args[i][0] == '-') {
      return Fail("unknown option " + args[i] + "\n" + kUsage);
    } else if (path.empty()) {
      path = args[i];
    } else {
      return Fail("more than one scenario file given\n" + std::string(kUsage));
    }
  }
  if (path.empty()) return Fail(std::string("plan needs a scenario file\n") + kUsage);
  if (format != "table" && format != "json" && format != "csv") {
    return Fail("unknown format '" + format + "' (expected table, json or csv)");
  }
  funnel::Scenario s;
  if (const int rc = LoadScenario(path, s); rc != 0) return rc;
  auto plan = funnel::BuildPlan(s);
  if (format == "csv") {
    if (!plan) {
      for (const auto& e : plan.errors()) PrintFieldError(path, e);
      return 1;
    }
    std::cout << funnel::PlanToCsv(s, plan.value());
    return 0;
  }
  if (format == "json") {
    std::cout << funnel::PlanToJson(s, plan) << "\n";
    return plan.ok() ? 0 : 1;
  }
  if (!plan) {
    for (const auto& e : plan.errors()) PrintFieldError(path, e);
    return 1;
  }
  std::ostringstream table;
  PrintTable(table, s, plan.value());
  std::cout << funnel::TerminalSafe(table.str());  // names come from the user's files
  return 0;
}

std::string Plural(size_t n, const char* one, const char* many) {
  return funnel::FormatNumber(static_cast<double>(n), 0) + " " + (n == 1 ? one : many);
}

void PrintIssues(std::ostream& out, const char* title, const std::vector<funnel::ImportIssue>& list, size_t total) {
  if (total == 0) return;
  out << "\n" << title << " (" << total << (list.size() < total ? ", first " + std::to_string(list.size()) + " listed" : "") << "):\n";
  for (const auto& i : list) {
    out << "  ";
    if (i.row) out << "row " << i.row << (i.line && i.line != i.row ? " (line " + std::to_string(i.line) + ")" : "");
    if (!i.column.empty()) out << (i.row ? ", " : "") << "column \"" << i.column << "\"";
    out << (i.row || !i.column.empty() ? ": " : "") << i.message << "\n";
  }
}

void PrintAnalysis(std::ostream& out, const funnel::ImportReport& r, const funnel::FunnelAnalysis& a) {
  using funnel::FormatNumber;
  using funnel::FormatPercent;
  const funnel::StageCounts& c = a.counts;
  out << r.source_name << ": " << r.preset_label << " (" << funnel::FormatDescription(r) << ")\n"
            << Plural(r.rows_read, "row", "rows") << " read, " << FormatNumber(static_cast<double>(r.rows_imported), 0)
            << " imported, " << FormatNumber(static_cast<double>(r.rows_rejected), 0) << " rejected";
  if (r.rows_skipped > 0) out << ", " << Plural(r.rows_skipped, "total or footer line", "total or footer lines") << " skipped";
  out << "\n\n";
  out << Pad("Stage", 26, false) << Pad("Reached", 12, true) << Pad("With date", 12, true)
            << Pad("From previous", 16, true) << "\n";
  for (size_t k = 0; k < c.stages.size(); ++k) {
    std::string ratio;
    if (k > 0 && c.reached[k - 1] > 0) {
      ratio = funnel::FormatPercent(static_cast<double>(c.reached[k]) / static_cast<double>(c.reached[k - 1]), 1);
    }
    out << Pad(c.stages[k], 26, false) << Pad(FormatNumber(static_cast<double>(c.reached[k]), 0), 12, true)
              << Pad(FormatNumber(static_cast<double>(c.with_date[k]), 0), 12, true) << Pad(ratio, 16, true) << "\n";
  }
  out << "\nLost or disqualified: " << FormatNumber(static_cast<double>(c.lost), 0)
            << "   Without a stage: " << FormatNumber(static_cast<double>(c.without_stage), 0)
            << "   Counting: " << (r.mapping.dated_only ? "only stages with a date" : "stages implied by the current stage") << "\n";

  auto count = [](uint64_t n) { return FormatNumber(static_cast<double>(n), 0); };
  if (!a.steps.empty()) {
    out << "\nConversion by step (95 % range; cohorts: reached the next stage within "
              << a.steps[0].window_days << " days, mature months only)\n";
    out << Pad("Step", 44, false) << Pad("In period", 11, true) << Pad("95 % range", 18, true)
              << Pad("Cohort", 10, true) << Pad("Median days", 13, true) << Pad("P90 days", 10, true) << "\n";
    for (const auto& st : a.steps) {
      const std::string name = st.from + " \xE2\x86\x92 " + st.to;
      const std::string range = FormatPercent(st.in_period.wilson_low, 1) + "\xE2\x80\x93" + FormatPercent(st.in_period.wilson_high, 1);
      out << Pad(name, 44, false) << Pad(FormatPercent(st.in_period.rate, 1), 11, true) << Pad(range, 18, true)
                << Pad(st.cohort.n ? FormatPercent(st.cohort.rate, 1) : "\xE2\x80\x94", 10, true)
                << Pad(st.time.count ? FormatNumber(st.time.median_days, 1) : "\xE2\x80\x94", 13, true)
                << Pad(st.time.count ? FormatNumber(st.time.p90_days, 1) : "\xE2\x80\x94", 10, true)
                << (st.in_period.small_sample ? "  few observations" : "") << "\n";
    }
    // Without a lost/closed status every closed record is a win: "100 %" would mislead.
    if (a.win_rate.n > 0 && c.lost > 0) {
      out << "Win rate (won / (won + lost)): " << FormatPercent(a.win_rate.rate, 1) << " of "
                << count(a.win_rate.n) << " closed\n";
    }
    if (a.won_with_amount > 0) {
      out << "Average won amount: " << FormatNumber(a.average_won_amount, 2) << " (" << Plural(a.won_with_amount, "deal", "deals") << ")\n";
    }
  }
  if (!a.sources.empty() && c.stages.size() >= 2) {
    // The same measure as the Data tab: of each source's leads at the entry stage, the share
    // that reached each later stage (funnel::QualityBySource).
    const size_t entry = funnel::SourceEntryStage(c.stages);
    const std::vector<funnel::SourceQuality> quality = funnel::QualityBySource(a, entry);
    out << "\nBy source (of each source's " << c.stages[entry] << " records, the share reaching each later stage)\n"
        << Pad("Source", 26, false) << Pad("Records", 10, true) << Pad(c.stages[entry], std::max<size_t>(10, c.stages[entry].size() + 2), true);
    for (size_t k = entry + 1; k < c.stages.size(); ++k) out << Pad(c.stages[k], std::max<size_t>(10, c.stages[k].size() + 2), true);
    out << "\n";
    for (size_t i = 0; i < quality.size() && i < 12; ++i) {
      const funnel::SourceQuality& q = quality[i];
      out << Pad(q.source, 26, false) << Pad(count(q.records), 10, true)
          << Pad(count(q.entry_leads), std::max<size_t>(10, c.stages[entry].size() + 2), true);
      for (size_t k = entry + 1; k < c.stages.size(); ++k) {
        const std::optional<double>& share = q.share[k - entry - 1];
        out << Pad(share ? FormatPercent(*share, 1) : "\xE2\x80\x94", std::max<size_t>(10, c.stages[k].size() + 2), true);
      }
      out << "\n";
    }
    if (a.sources.size() > 12) out << "… and " << a.sources.size() - 12 << " more sources\n";
  }
  if (!a.months.empty() && !c.stages.empty()) {
    out << "\nBy month (leads that month, and how many of them reached " << c.stages.back() << " so far)\n";
    for (const auto& m : a.months) {
      out << "  " << m.month << Pad(count(m.created), 10, true) << Pad(count(m.reached.back()), 10, true) << "\n";
    }
  }
  out << "\nColumns:\n";
  for (const auto& col : r.columns) {
    std::string what = col.personal ? "personal data, not kept" : col.role.empty() ? "not used" : col.role;
    out << "  " << Pad(col.name, 40, false) << Pad(funnel::ColumnTypeName(col.type), 10, false) << what
              << (col.detail.empty() ? "" : " (" + col.detail + ")") << "\n";
  }
  PrintIssues(out, "Errors", r.errors, r.errors_total);
  PrintIssues(out, "Warnings", r.warnings, r.warnings_total);
}

// An Excel workbook: its first visible sheet, as the page reads it (web/xlsx.js), imported as
// tab-separated text. `head` holds the first bytes already read from fd.
int ImportWorkbook(int fd, bool regular, const std::string& path, std::string head, funnel::ImportOptions options,
                   funnel::ImportResult& result) {
  std::string whole;
  std::optional<MappedFile> mapped;
  std::string_view bytes;
  if (regular) {
    mapped.emplace(fd, options.total_bytes);
    if (!mapped->ok()) return Fail("cannot read " + path);
    bytes = mapped->bytes();
  } else {  // a pipe: read it all (a workbook is compressed, much smaller than its rows)
    whole = std::move(head);
    std::string more(size_t{4} << 20, '\0');
    size_t got = 0;
    do {
      if (!ReadFull(fd, more, got)) return Fail("cannot read " + path);
      whole.append(more, 0, got);
    } while (got == more.size());
    bytes = whole;
  }
  funnel::XlsxReader workbook(bytes);
  auto unreadable = [&] {
    return Fail("could not read " + path + " as an Excel workbook: " + workbook.error() +
                ". In Excel or Google Sheets, save or download it as CSV and import that.");
  };
  if (!workbook.error().empty()) return unreadable();
  if (workbook.sheet_count() > 1) options.source_name += " (sheet \"" + workbook.sheet_name() + "\")";
  options.total_bytes = 0;  // the sheet's text is as long as it turns out
  options.workbook = true;
  funnel::LeadImporter importer(options);
  std::string text;
  while (workbook.Next(text, size_t{4} << 20)) {
    if (text.empty()) continue;  // the first of the reader's two passes
    importer.Feed(text);
    text.clear();
    Drain(importer);
  }
  if (!workbook.error().empty()) return unreadable();
  result = importer.Finish();
  return 0;
}

// Imports an export the one way every command does (presets, or the mapping given, or the
// scenario's saved mapping). Returns 0, or the exit code after printing why it failed.
int ImportFile(const std::string& path, const std::string& mapping_path, std::optional<bool> dated_only,
               const std::string& scenario_mapping, funnel::ImportResult& result) {
  funnel::ImportOptions options;
  options.source_name = path == "-" ? "standard input" : path;
  options.dated_only = dated_only;
  std::string text = scenario_mapping, source = "the scenario's data_mapping";
  if (!mapping_path.empty()) {
    if (!ReadFile(mapping_path, text)) return Fail("cannot read " + mapping_path);
    source = mapping_path;
  }
  if (!text.empty()) {
    auto mapping = funnel::MappingFromJson(text);
    if (!mapping) {
      for (const auto& e : mapping.errors()) PrintFieldError(source, e);
      return 1;
    }
    options.mapping = mapping.value();
  }
  // The export is read in slices straight into the importer, so memory holds the table it
  // becomes, not the file (docs/performance.md); a workbook's sheet is read the same way.
  const int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return Fail("cannot read " + path);
  struct Closer { int fd; ~Closer() { if (fd > 0) ::close(fd); } } closer{fd};
  struct stat st {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  options.total_bytes = regular ? static_cast<size_t>(st.st_size) : 0;
  constexpr size_t kSlice = size_t{4} << 20;
  std::string slice(kSlice, '\0');
  size_t got = 0;
  if (!ReadFull(fd, slice, got)) return Fail("cannot read " + path);
  slice.resize(got);
  if (funnel::LooksLikeXlsx(slice)) return ImportWorkbook(fd, regular, path, std::move(slice), options, result);
  funnel::LeadImporter importer(options);
  for (;;) {
    importer.Feed(slice);
    Drain(importer);
    if (got < kSlice || importer.done()) break;
    slice.resize(kSlice);
    if (!ReadFull(fd, slice, got)) return Fail("cannot read " + path);
    slice.resize(got);
  }
  result = importer.Finish();
  return 0;
}

// An import that read nothing: its errors on standard error, exit code 1.
int ImportFailed(const funnel::ImportResult& result) {
  std::ostringstream err;
  PrintIssues(err, "Errors", result.report.errors, result.report.errors_total);
  std::cerr << funnel::TerminalSafe(result.report.source_name + ": nothing could be imported" + err.str());
  return 1;
}

int Analyze(const std::vector<std::string>& args) {
  std::string path, format = "table", mapping_path;
  std::optional<bool> dated_only;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format" && i + 1 < args.size()) format = args[++i];
    else if (args[i].rfind("--format=", 0) == 0) format = args[i].substr(9);
    else if (args[i] == "--dated-only") dated_only = true;
    else if (args[i] == "--mapping" && i + 1 < args.size()) mapping_path = args[++i];
    else if (args[i] != "-" && !args[i].empty() && args[i][0] == '-') return Fail("unknown option " + args[i] + "\n" + kUsage);
    else if (path.empty()) path = args[i];
    else return Fail("more than one file given");
  }
  if (path.empty()) return Fail(std::string("analyze needs a file (or - for standard input)\n") + kUsage);
  if (format != "table" && format != "json") return Fail("unknown format '" + format + "' (expected table or json)");
  funnel::ImportResult result;
  if (const int rc = ImportFile(path, mapping_path, dated_only, "", result); rc != 0) return rc;
  funnel::AnalysisOptions analysis_options;
  analysis_options.dated_only = result.report.mapping.dated_only;
  const funnel::FunnelAnalysis analysis = funnel::AnalyzeFunnel(result.table, analysis_options);
  if (format == "json") std::cout << funnel::AnalysisToJson(result.report, analysis) << "\n";
  else if (result.report.fatal) return ImportFailed(result);  // the reason, not an empty table
  else {
    std::ostringstream table;
    PrintAnalysis(table, result.report, analysis);
    std::cout << funnel::TerminalSafe(table.str());  // names and messages can quote cells
  }
  return result.report.fatal ? 1 : 0;
}

// --- track and forecast ------------------------------------------------------------------

// Midnight of today (FUNNELPLAN_TODAY pins it): an as-of day after it is refused.
funnel::Minutes Today() { return static_cast<funnel::Minutes>(funnel::CurrentDay() * funnel::kMinutesPerDay); }

int PrintErrors(const std::string& format, const std::vector<funnel::FieldError>& errors, const std::string& what) {
  if (format == "json") std::cout << funnel::ErrorsToJson(errors) << "\n";
  for (const auto& e : errors) PrintFieldError(what, e);
  return 1;
}

std::string Optional(const std::optional<double>& v) {
  return v ? funnel::FormatPercent(*v, 1) : std::string("\xE2\x80\x94");  // —: nothing expected yet
}

void PrintTrack(std::ostream& out, const funnel::TrackReport& r) {
  using funnel::FormatNumber;
  out << "Tracking as of " << r.as_of_label << "\n" << r.headline << "\n\n";
  size_t width = 10;
  for (const auto& st : r.stages) width = std::max(width, st.size() + 2);
  out << Pad("Month", 10, false) << Pad("Stage", width, false) << Pad("Planned", 10, true) << Pad("Actual", 10, true)
      << Pad("Expected", 10, true) << Pad("Pace", 10, true) << Pad("Projected", 11, true) << "\n";
  const std::string dash = "\xE2\x80\x94";
  for (const auto& m : r.months) {
    for (size_t k = 0; k < m.stages.size(); ++k) {
      const funnel::TrackCell& c = m.stages[k];
      const bool data = r.data_stage[k] >= 0;
      out << Pad(k == 0 ? m.month + (m.running ? "*" : "") : "", 10, false) << Pad(r.stages[k], width, false)
          << Pad(FormatNumber(c.planned, 0), 10, true) << Pad(data ? FormatNumber(c.actual, 0) : dash, 10, true)
          << Pad(FormatNumber(c.expected_to_date, 1), 10, true) << Pad(Optional(c.pace), 10, true)
          << Pad(data ? FormatNumber(c.projected, 1) : dash, 11, true) << "\n";
    }
  }
  for (const auto& m : r.months) {
    if (m.running) out << "* running month: " << funnel::FormatPercent(m.elapsed, 1) << " elapsed; projected = actual / elapsed\n";
  }
  out << "\nTotals\n";
  for (const auto& t : r.totals) {
    out << Pad("", 10, false) << Pad(t.stage, width, false) << Pad(FormatNumber(t.planned, 0), 10, true)
        << Pad(t.has_data ? FormatNumber(t.actual, 0) : dash, 10, true) << Pad(FormatNumber(t.expected_to_date, 1), 10, true)
        << Pad(Optional(t.pace), 10, true) << Pad(t.has_data ? FormatNumber(t.projected, 1) : dash, 11, true) << "\n";
  }
  if (!r.gap.empty()) {
    out << "\nGap to plan at month end (expected = upstream actuals x the plan's rate and lag)\n"
        << Pad("Stage", width, false) << Pad("Planned", 10, true) << Pad("Expected", 10, true) << Pad("Projected", 11, true)
        << Pad("Volume", 10, true) << Pad("Conversion", 12, true) << "\n";
    for (const auto& g : r.gap) {
      out << Pad(g.stage, width, false) << Pad(FormatNumber(g.planned, 0), 10, true) << Pad(FormatNumber(g.expected, 1), 10, true)
          << Pad(FormatNumber(g.projected, 1), 11, true) << Pad(FormatNumber(g.volume, 1), 10, true)
          << Pad(FormatNumber(g.conversion, 1), 12, true) << "\n";
    }
  }
  if (!r.notes.empty()) {
    out << "\nNotes:\n";
    for (const auto& n : r.notes) out << "  " << n << "\n";
  }
}

void PrintForecast(std::ostream& out, const funnel::ForecastReport& r, const std::string& currency) {
  using funnel::FormatNumber;
  auto money = [&](double v) { return funnel::FormatMoney(v, currency); };
  out << "Forecast from " << r.stage << " as of " << r.as_of_label << " until the end of " << r.until_label << " ("
      << r.horizon_days << " days)\n"
      << "Records: " << r.won << " won, " << r.lost << " lost, " << r.open << " open\n\n"
      << Pad("", 16, false) << Pad("Records", 10, true) << Pad("Exp. wins", 11, true) << Pad("Exp. revenue", 15, true)
      << Pad("P10", 13, true) << Pad("P50", 13, true) << Pad("P90", 13, true) << "\n";
  auto row = [&](const char* name, const funnel::PipelineForecast& f) {
    out << Pad(name, 16, false) << Pad(FormatNumber(f.records, 0), 10, true) << Pad(FormatNumber(f.expected_wins, 1), 11, true)
        << Pad(money(f.expected_revenue), 15, true) << Pad(money(f.p10), 13, true) << Pad(money(f.p50), 13, true)
        << Pad(money(f.p90), 13, true) << "\n";
  };
  row("Open pipeline", r.open_pipeline);
  if (r.goal) row("New (plan)", r.new_pipeline);
  row("Total", r.total);
  if (r.open_pipeline.naive_expected_wins) {
    out << "\nNaive (open x won / (won + lost)): " << FormatNumber(*r.open_pipeline.naive_expected_wins, 1)
        << " wins; censoring-aware: " << FormatNumber(r.open_pipeline.expected_wins, 1) << "\n";
  }
  if (r.goal && r.p_goal) {
    out << "Goal to " << r.until_label << ": " << money(*r.goal) << "; won since the plan started: " << money(r.won_to_date)
        << "; chance of reaching it: " << funnel::FormatPercent(*r.p_goal, 1) << "\n";
  }
  if (r.close_the_gap) {
    const funnel::CloseTheGap& g = *r.close_the_gap;
    out << "\nClose the gap with extra " << g.entry_stage << " (each becomes a win by " << r.until_label << " with chance):\n";
    for (const auto& m : g.months) {
      out << "  " << m.month << "  " << funnel::FormatPercent(m.win_chance, 2) << (m.can_help ? "" : "  too late to help") << "\n";
    }
    for (const auto& l : g.levels) {
      out << "  " << l.confidence << " %: ";
      if (l.shortfall <= 0.0) out << "already reached\n";
      else if (l.leads_per_month <= 0.0) out << "short " << money(l.shortfall) << "; no month can still help\n";
      else {
        out << "short " << money(l.shortfall) << " -> " << FormatNumber(l.leads_per_month, 0) << " more " << g.entry_stage
            << " a month (" << FormatNumber(l.total_leads, 0) << " in all)";
        if (!l.mix.empty()) {
          out << ", cheapest mix " << money(l.cost) << ":";
          for (const auto& c : l.mix) out << " " << c.name << " " << FormatNumber(c.whole_leads, 0);
        }
        out << (l.feasible ? "" : " (the channel caps cannot buy them all)") << "\n";
      }
    }
  }
  if (!r.notes.empty()) {
    out << "\nNotes:\n";
    for (const auto& n : r.notes) out << "  " << n << "\n";
  }
  out << "(Monte Carlo: " << FormatNumber(r.draws, 0) << " draws, seed " << r.seed << ")\n";
}

struct TrackArgs {
  std::vector<std::string> files;
  std::string format = "table", mapping, scenario, as_of, until, stage;
  std::optional<bool> dated_only;
};

// Returns "" or what is wrong with the arguments.
std::string ParseTrackArgs(const std::vector<std::string>& args, TrackArgs& a, bool forecast) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& x = args[i];
    const bool value = i + 1 < args.size();
    if (x == "--format" && value) a.format = args[++i];
    else if (x.rfind("--format=", 0) == 0) a.format = x.substr(9);
    else if (x == "--as-of" && value) a.as_of = args[++i];
    else if (x == "--mapping" && value) a.mapping = args[++i];
    else if (x == "--dated-only") a.dated_only = true;
    else if (forecast && x == "--until" && value) a.until = args[++i];
    else if (forecast && x == "--scenario" && value) a.scenario = args[++i];
    else if (forecast && x == "--stage" && value) a.stage = args[++i];
    else if (x != "-" && !x.empty() && x[0] == '-') return "unknown option " + x;
    else a.files.push_back(x);
  }
  if (a.format != "table" && a.format != "json") return "unknown format '" + a.format + "' (expected table or json)";
  if (a.as_of.empty()) return "--as-of YYYY-MM-DD is needed: the day the export was taken";
  return "";
}

int Track(const std::vector<std::string>& args) {
  TrackArgs a;
  if (std::string e = ParseTrackArgs(args, a, false); !e.empty()) return Fail(e + "\n" + kUsage);
  if (a.files.size() != 2) return Fail(std::string("track needs a scenario file and an export\n") + kUsage);
  const std::optional<funnel::Minutes> as_of = funnel::DayStart(a.as_of);
  if (!as_of) return Fail("--as-of '" + a.as_of + "' is not a date (expected YYYY-MM-DD)");
  funnel::Scenario s;
  if (const int rc = LoadScenario(a.files[0], s); rc != 0) return rc;
  funnel::ImportResult result;
  if (const int rc = ImportFile(a.files[1], a.mapping, a.dated_only, s.data_mapping, result); rc != 0) return rc;
  if (result.report.fatal) return ImportFailed(result);
  const auto report = funnel::Track(s, result.table, *as_of, Today());
  if (!report) return PrintErrors(a.format, report.errors(), a.files[1]);
  if (a.format == "json") {
    std::cout << funnel::TrackToJson(report.value()) << "\n";
  } else {
    std::ostringstream out;
    PrintTrack(out, report.value());
    std::cout << funnel::TerminalSafe(out.str());
  }
  return 0;
}

int Forecast(const std::vector<std::string>& args) {
  TrackArgs a;
  if (std::string e = ParseTrackArgs(args, a, true); !e.empty()) return Fail(e + "\n" + kUsage);
  if (a.files.size() != 1) return Fail(std::string("forecast needs one export\n") + kUsage);
  funnel::ForecastOptions o;
  const std::optional<funnel::Minutes> as_of = funnel::DayStart(a.as_of);
  if (!as_of) return Fail("--as-of '" + a.as_of + "' is not a date (expected YYYY-MM-DD)");
  o.as_of = *as_of;
  if (a.until.size() != 7 || !funnel::ParseDayLabel(a.until + "-01")) {
    return Fail("--until YYYY-MM is needed: the month the forecast runs to" + (a.until.empty() ? "" : " (got '" + a.until + "')"));
  }
  o.until_year = std::stoi(a.until.substr(0, 4));
  o.until_month = std::stoi(a.until.substr(5, 2));
  o.today = Today();
  funnel::Scenario s;
  if (!a.scenario.empty()) {
    if (const int rc = LoadScenario(a.scenario, s); rc != 0) return rc;
    o.scenario = &s;
  }
  funnel::ImportResult result;
  if (const int rc = ImportFile(a.files[0], a.mapping, a.dated_only, o.scenario ? s.data_mapping : "", result); rc != 0) return rc;
  if (result.report.fatal) return ImportFailed(result);
  if (!a.stage.empty()) {
    const std::vector<int> match = funnel::MatchStages({a.stage}, result.table.stages);
    if (match[0] < 0) return Fail("--stage '" + a.stage + "' is not a stage of the export");
    o.stage = match[0];
  }
  const auto report = funnel::Forecast(result.table, o);
  if (!report) return PrintErrors(a.format, report.errors(), a.files[0]);
  if (a.format == "json") {
    std::cout << funnel::ForecastToJson(report.value()) << "\n";
  } else {
    std::ostringstream out;
    PrintForecast(out, report.value(), o.scenario ? s.currency : "");
    std::cout << funnel::TerminalSafe(out.str());
  }
  return 0;
}

int Generate(const std::vector<std::string>& args) {
  funnel::SyntheticOptions o;
  std::string output;
  bool have_shape = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--rows" && i + 1 < args.size()) o.rows = std::stoull(args[++i]);
    else if (args[i] == "--seed" && i + 1 < args.size()) o.seed = std::stoull(args[++i]);
    else if ((args[i] == "--output" || args[i] == "-o") && i + 1 < args.size()) output = args[++i];
    else if (!have_shape && funnel::ParseExportShape(args[i], o.shape)) have_shape = true;
    else return Fail("unknown argument '" + args[i] + "'\n" + kUsage);
  }
  if (!have_shape) return Fail(std::string("generate needs a SHAPE\n") + kUsage);
  const std::string data = funnel::GenerateExport(o);
  if (output.empty()) {
    std::cout << data;
  } else {
    std::ofstream out(output, std::ios::binary);
    if (!out.write(data.data(), static_cast<std::streamsize>(data.size()))) return Fail("cannot write " + output);
  }
  return 0;
}

}  // namespace

int Run(std::vector<std::string> args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "plan") return Plan(args);
  if (command == "analyze") return Analyze(args);
  if (command == "track") return Track(args);
  if (command == "forecast") return Forecast(args);
  if (command == "generate") {
    try {
      return Generate(args);
    } catch (const std::exception&) {
      return Fail("--rows and --seed take whole numbers");
    }
  }
  if (command == "sample-scenario") {
    std::cout << funnel::ScenarioToJson(funnel::SampleScenario(funnel::CurrentMonth())) << "\n";
    return 0;
  }
  return Fail("unknown command '" + command + "'\n" + kUsage);
}

int main(int argc, char** argv) {
  // The engine returns errors rather than throwing; this is the last guard (out of memory on a
  // huge file, say), so the tool always ends with a message and an exit code, never an abort.
  try {
    return Run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    return Fail(std::string("stopped: ") + e.what());
  }
}
