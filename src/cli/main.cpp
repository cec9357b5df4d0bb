// funnelplan: the command-line face of the engine, for batch work and tests.
// Usage and output formats: docs/cli.md.
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
#include "engine/common/format.hpp"
#include "engine/import/lead_import.hpp"
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
  std::string text;
  if (!ReadFile(path, text)) return Fail("cannot read " + path);

  auto loaded = funnel::ScenarioFromJson(text);
  if (!loaded) {
    for (const auto& e : loaded.errors()) PrintFieldError(path, e);
    return 1;
  }
  for (const auto& w : loaded->warnings) PrintFieldError(path, w);
  const funnel::Scenario& s = loaded->scenario;
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
  out << r.source_name << ": " << r.preset_label << " (" << r.encoding << ", "
            << funnel::DelimiterName(r.delimiter) << "-separated)\n"
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
  std::string bytes;
  if (!ReadFile(path, bytes)) return Fail("cannot read " + path);
  funnel::ImportOptions options;
  options.source_name = path == "-" ? "standard input" : path;
  options.dated_only = dated_only;
  if (!mapping_path.empty()) {
    std::string text;
    if (!ReadFile(mapping_path, text)) return Fail("cannot read " + mapping_path);
    auto mapping = funnel::MappingFromJson(text);
    if (!mapping) {
      for (const auto& e : mapping.errors()) PrintFieldError(mapping_path, e);
      return 1;
    }
    options.mapping = mapping.value();
  }
  funnel::ImportResult result = funnel::ImportLeads(bytes, options);
  funnel::AnalysisOptions analysis_options;
  analysis_options.dated_only = result.report.mapping.dated_only;
  const funnel::FunnelAnalysis analysis = funnel::AnalyzeFunnel(result.table, analysis_options);
  if (format == "json") std::cout << funnel::AnalysisToJson(result.report, analysis) << "\n";
  else {
    std::ostringstream table;
    PrintAnalysis(table, result.report, analysis);
    std::cout << funnel::TerminalSafe(table.str());  // names and messages can quote cells
  }
  return result.report.fatal ? 1 : 0;
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
