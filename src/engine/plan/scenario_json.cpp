#include "engine/plan/scenario_json.hpp"

#include "engine/import/mapping_json.hpp"

#include <nlohmann/json.hpp>

#include "engine/common/calendar.hpp"
#include "engine/common/format.hpp"
#include "engine/common/json_fields.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <optional>

namespace funnel {
namespace {

using nlohmann::json;

std::string Dump(const json& j, int indent) {
  // Strings may come from user files: never throw on invalid UTF-8.
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

const char* TypeName(const json& j) { return j.type_name(); }

using detail::FieldReader;

constexpr const char* kKnownFields[] = {
    "version", "name", "currency", "revenue_goal", "deal_size", "stages", "steps", "start_month",
    "horizon_months", "seasonality", "entry_stage", "channels", "capacity", "money",
    "planned_leads", "uncertainty", "data_mapping"};

// "2026-01": four digits, a dash, two digits, a month 1 to 12. Anything else ("2026-1x",
// "2026-1", "2026-13") is refused rather than read in part.
bool ParseMonth(const std::string& text, int& year, int& month) {
  if (text.size() != 7 || text[4] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  year = std::stoi(text.substr(0, 4));
  month = std::stoi(text.substr(5, 2));
  return month >= 1 && month <= 12;
}

Result<LoadedScenario> ReadScenario(std::string_view text) {
  std::string parse_error;
  const std::optional<json> parsed = detail::ParseJson(text, kMaxScenarioBytes, "a scenario", parse_error);
  if (!parsed) return Result<LoadedScenario>::Fail("", parse_error);
  const json& root = *parsed;
  if (!root.is_object()) {
    return Result<LoadedScenario>::Fail(
        "", std::string("Expected a JSON object (a scenario), got ") + TypeName(root));
  }

  std::vector<FieldError> errors;
  LoadedScenario out;
  Scenario& s = out.scenario;
  const FieldReader top{root, "", errors};

  if (auto v = root.find("version"); v == root.end()) {
    errors.push_back({"version", "Missing; expected 1"});
  } else if (!v->is_number() || v->get<double>() != kScenarioVersion) {  // 1 and 1.0 alike
    errors.push_back({"version", "Unsupported scenario version " + Dump(*v, -1) +
                                     "; this app reads version 1"});
  }
  s.name = "Untitled plan";
  s.currency = "USD";
  top.Text("name", s.name);
  top.Text("currency", s.currency);
  for (const char* key : {"revenue_goal", "deal_size"}) {
    if (!top.Get(key)) errors.push_back({key, "Missing; expected a number"});
  }
  top.Number("revenue_goal", s.revenue_goal);
  top.Number("deal_size", s.deal_size);

  if (auto it = root.find("stages"); it == root.end() || !it->is_array()) {
    errors.push_back({"stages", it == root.end()
                                    ? std::string("Missing; expected a list of stage names")
                                    : std::string("Expected a list of stage names, got ") +
                                          TypeName(*it)});
  } else {
    for (size_t i = 0; i < it->size(); ++i) {
      const json& st = (*it)[i];
      if (st.is_string()) {
        s.stages.push_back(st.get<std::string>());
      } else if (st.is_object() && st.contains("name") && st["name"].is_string()) {
        s.stages.push_back(st["name"].get<std::string>());
      } else {
        errors.push_back({"stages[" + std::to_string(i) + "]", std::string("Expected a stage name, got ") + TypeName(st)});
      }
    }
  }

  if (auto it = root.find("steps"); it == root.end() || !it->is_array()) {
    errors.push_back({"steps", it == root.end()
                                   ? std::string("Missing; expected a list of {\"rate\": …}")
                                   : std::string("Expected a list of steps, got ") + TypeName(*it)});
  } else {
    for (size_t i = 0; i < it->size(); ++i) {
      const json& st = (*it)[i];
      const std::string field = "steps[" + std::to_string(i) + "]";
      Step step;
      if (st.is_number()) {
        step.rate = st.get<double>();
      } else if (st.is_object()) {
        const FieldReader r{st, field + ".", errors};
        if (!r.Get("rate")) {
          errors.push_back({field + ".rate", "Missing; expected a number"});
          continue;
        }
        r.Number("rate", step.rate);
        r.Count("k", step.k);
        r.Count("n", step.n);
        r.Number("lag_months", step.lag_months);
        r.Numbers("lag_shares", step.lag_shares);
      } else {
        errors.push_back({field, std::string("Expected {\"rate\": number}, got ") + TypeName(st)});
        continue;
      }
      s.steps.push_back(step);
    }
  }

  if (const json* v = top.Get("start_month")) {
    int y = 0, m = 0;
    if (v->is_string() && ParseMonth(v->get<std::string>(), y, m)) {
      s.start_year = y;
      s.start_month = m;
    } else {
      errors.push_back({"start_month", "Expected a month like \"2026-01\", got " + Dump(*v, -1)});
    }
  }
  top.Integer("horizon_months", s.horizon_months);
  top.Numbers("seasonality", s.seasonality);
  top.Text("entry_stage", s.entry_stage);
  top.Number("planned_leads", s.planned_leads);
  if (const json* m = top.Object("data_mapping")) {
    auto mapping = MappingFromJson(Dump(*m, -1));
    if (mapping) {
      s.data_mapping = MappingToJson(mapping.value());
    } else {
      for (const FieldError& e : mapping.errors()) errors.push_back({"data_" + e.field, e.message});
    }
  }

  if (const json* channels = top.Get("channels")) {
    if (!channels->is_array()) {
      errors.push_back({"channels", std::string("Expected a list of channels, got ") + TypeName(*channels)});
    } else {
      for (size_t i = 0; i < channels->size(); ++i) {
        const json& c = (*channels)[i];
        const std::string field = "channels[" + std::to_string(i) + "]";
        if (!c.is_object()) {
          errors.push_back({field, std::string("Expected a channel object, got ") + TypeName(c)});
          continue;
        }
        const FieldReader r{c, field + ".", errors};
        Channel ch;
        r.Text("name", ch.name);
        r.Number("share", ch.share);
        r.Number("cost_per_lead", ch.cost_per_lead);
        r.Number("max_leads_per_month", ch.max_leads_per_month);
        r.Numbers("rates", ch.rates);
        s.channels.push_back(std::move(ch));
      }
    }
  }
  if (const json* c = top.Object("capacity")) {
    const FieldReader r{*c, "capacity.", errors};
    r.Number("sales_reps", s.capacity.sales_reps);
    r.Number("deals_per_rep_per_month", s.capacity.deals_per_rep_per_month);
    r.Number("sdrs", s.capacity.sdrs);
    r.Number("sqls_per_sdr_per_month", s.capacity.sqls_per_sdr_per_month);
  }
  if (const json* m = top.Object("money")) {
    const FieldReader r{*m, "money.", errors};
    r.Number("gross_margin", s.money.gross_margin);
    r.Number("monthly_churn", s.money.monthly_churn);
    r.Number("arpa_monthly", s.money.arpa_monthly);
    r.Number("marketing_budget", s.money.marketing_budget);
    r.Number("sales_cost", s.money.sales_cost);
    r.Number("sales_cycle_days", s.money.sales_cycle_days);
  }
  if (const json* u = top.Object("uncertainty")) {
    const FieldReader r{*u, "uncertainty.", errors};
    r.Count("seed", s.seed);
    r.Integer("draws", s.draws);
  }

  for (auto it = root.begin(); it != root.end(); ++it) {
    bool known = false;
    for (const char* k : kKnownFields) known = known || it.key() == k;
    if (!known) {
      s.unknown_fields[it.key()] = Dump(it.value(), -1);
      out.warnings.push_back({it.key(), "Unknown field, kept as is"});
    }
  }

  if (errors.empty()) {
    auto invalid = ValidateScenario(s);
    errors.insert(errors.end(), invalid.begin(), invalid.end());
  }
  if (!errors.empty()) return errors;
  return out;
}

}  // namespace

Result<LoadedScenario> ScenarioFromJson(std::string_view text) {
  // The readers check every type and range; this is the last line that keeps the engine's
  // promise of never throwing to its callers (out of memory on a huge text, say).
  try {
    return ReadScenario(text);
  } catch (const std::exception& e) {
    return Result<LoadedScenario>::Fail("", std::string("Could not read the scenario: ") + e.what());
  }
}

std::string ScenarioToJson(const Scenario& s, int indent) {
  json j = json::object();
  j["version"] = kScenarioVersion;
  j["name"] = s.name;
  j["currency"] = s.currency;
  j["revenue_goal"] = s.revenue_goal;
  j["deal_size"] = s.deal_size;
  j["stages"] = s.stages;
  json steps = json::array();
  for (size_t i = 0; i < s.steps.size(); ++i) {
    const Step& st = s.steps[i];
    json step = json::object();
    if (i + 1 < s.stages.size()) {
      step["from"] = s.stages[i];
      step["to"] = s.stages[i + 1];
    }
    step["rate"] = st.rate;
    if (st.n > 0) {
      step["k"] = st.k;
      step["n"] = st.n;
    }
    step["lag_months"] = st.lag_months;
    if (!st.lag_shares.empty()) step["lag_shares"] = st.lag_shares;
    steps.push_back(std::move(step));
  }
  j["steps"] = std::move(steps);
  j["start_month"] = MonthLabel(s.start_year, s.start_month, 0);
  j["horizon_months"] = s.horizon_months;
  if (!s.seasonality.empty()) j["seasonality"] = s.seasonality;
  if (!s.entry_stage.empty()) j["entry_stage"] = s.entry_stage;
  if (!s.channels.empty()) {
    json channels = json::array();
    for (const Channel& c : s.channels) {
      json ch = {{"name", c.name}, {"share", c.share}, {"cost_per_lead", c.cost_per_lead}};
      if (c.max_leads_per_month > 0) ch["max_leads_per_month"] = c.max_leads_per_month;
      if (!c.rates.empty()) ch["rates"] = c.rates;
      channels.push_back(std::move(ch));
    }
    j["channels"] = std::move(channels);
  }
  if (s.capacity != SalesCapacity{}) {
    j["capacity"] = {{"sales_reps", s.capacity.sales_reps},
                     {"deals_per_rep_per_month", s.capacity.deals_per_rep_per_month},
                     {"sdrs", s.capacity.sdrs},
                     {"sqls_per_sdr_per_month", s.capacity.sqls_per_sdr_per_month}};
  }
  if (s.money != MoneyAssumptions{}) {
    j["money"] = {{"gross_margin", s.money.gross_margin}, {"monthly_churn", s.money.monthly_churn},
                  {"arpa_monthly", s.money.arpa_monthly}, {"marketing_budget", s.money.marketing_budget},
                  {"sales_cost", s.money.sales_cost}, {"sales_cycle_days", s.money.sales_cycle_days}};
  }
  if (s.planned_leads > 0) j["planned_leads"] = s.planned_leads;
  if (!s.data_mapping.empty()) {
    json m = json::parse(s.data_mapping, nullptr, false);
    if (m.is_object()) j["data_mapping"] = std::move(m);
  }
  j["uncertainty"] = {{"seed", s.seed}, {"draws", s.draws}};
  for (const auto& [key, value] : s.unknown_fields) {
    json v = json::parse(value, nullptr, false);
    if (!v.is_discarded()) j[key] = std::move(v);
  }
  return Dump(j, indent);
}

namespace {
json Nums(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(std::isfinite(x) ? json(x) : json(nullptr));
  return a;
}
json Finite(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }
}  // namespace

std::string PlanToJson(const Scenario& scenario, const Result<PlanReport>& plan, int indent) {
  json j = json::object();
  j["ok"] = plan.ok();
  if (!plan.ok()) {
    json errors = json::array();
    for (const FieldError& e : plan.errors()) {
      errors.push_back({{"field", e.field}, {"message", e.message}});
    }
    j["errors"] = std::move(errors);
    return Dump(j, indent);
  }
  const PlanReport& r = plan.value();
  j["name"] = scenario.name;
  j["currency"] = scenario.currency;
  j["revenue_goal"] = scenario.revenue_goal;
  j["deal_size"] = scenario.deal_size;
  json stages = json::array();
  for (const StageTarget& t : r.funnel.stages) {
    json st = {{"name", t.stage}, {"exact", t.exact}, {"whole", t.whole}};
    if (&t != &r.funnel.stages.back()) st["rate_to_next"] = t.rate_to_next;
    stages.push_back(std::move(st));
  }
  j["stages"] = std::move(stages);
  j["customers"] = {{"exact", r.funnel.stages.back().exact}, {"whole", r.funnel.stages.back().whole}};
  j["entry_stage"] = scenario.stages[r.entry_stage];

  const MonthlyPlan& m = r.monthly;
  json rows = json::array();
  for (size_t c = 0; c < m.months.size(); ++c) {
    json exact = json::array(), whole = json::array();
    for (size_t k = 0; k < m.exact.size(); ++k) {
      exact.push_back(m.exact[k][c]);
      whole.push_back(m.whole[k][c]);
    }
    rows.push_back({{"month", m.months[c]}, {"offset", m.first_offset + static_cast<int>(c)},
                    {"revenue", m.revenue[c]}, {"exact", exact}, {"whole", whole}});
  }
  json totals = json::array();  // each stage's months add up to its target
  for (const auto& t : r.funnel.stages) totals.push_back(t.whole);
  j["monthly"] = {{"stages", scenario.stages}, {"stage_lag_months", m.stage_lag},
                  {"stage_shift_months", m.stage_shift}, {"months", rows}, {"total", totals}};

  auto channel_list = [](const std::vector<ChannelResult>& list) {
    json a = json::array();
    for (const ChannelResult& c : list) {
      a.push_back({{"name", c.name}, {"conversion", c.conversion}, {"leads", c.leads}, {"whole_leads", c.whole_leads},
                   {"customers", c.customers}, {"cost", c.cost},
                   {"cost_per_customer", c.cost_per_customer}, {"cap", c.cap}, {"over_cap", c.over_cap}});
    }
    return a;
  };
  j["channels"] = {{"mix", channel_list(r.channels.mix)}, {"mix_cost", r.channels.mix_cost},
                   {"mix_leads", r.channels.mix_leads},
                   {"mix_whole_leads", r.channels.mix_whole_leads}, {"cheapest", channel_list(r.channels.cheapest)},
                   {"cheapest_cost", r.channels.cheapest_cost},
                   {"cheapest_feasible", r.channels.cheapest_feasible},
                   {"shortfall_customers", r.channels.shortfall_customers}};
  const MoneyMetrics& mo = r.money;
  auto optional = [](const std::optional<double>& v) { return v ? Finite(*v) : json(nullptr); };  // null: undefined
  j["money"] = {{"spend", mo.spend}, {"cost", mo.cost}, {"cost_per_stage", Nums(mo.cost_per_stage)},
                {"cac", optional(mo.cac)}, {"ltv", optional(mo.ltv)}, {"ltv_to_cac", optional(mo.ltv_to_cac)},
                {"payback_months", optional(mo.payback_months)}, {"roi", optional(mo.roi)},
                {"win_rate", mo.win_rate}, {"sales_cycle_days", mo.sales_cycle_days},
                {"pipeline_velocity_per_day", mo.pipeline_velocity},
                {"pipeline_coverage", mo.pipeline_coverage},
                {"opportunity_stage", scenario.stages[mo.opportunity_stage]}};
  const MonteCarlo& mc = r.uncertainty;
  j["uncertainty"] = {{"uncertain", mc.uncertain}, {"stage", mc.stage}, {"draws", mc.draws},
                      {"seed", mc.seed}, {"p50", mc.p50}, {"p80", mc.p80}, {"p90", mc.p90},
                      {"planned_leads", mc.planned_leads}, {"p_hit", mc.p_hit},
                      {"histogram_edges", Nums(mc.histogram_edges)},
                      {"histogram_counts", mc.histogram_counts},
                      {"small_sample_steps", mc.small_sample_steps}};
  json bars = json::array();
  for (const SensitivityBar& b : r.sensitivity) {
    bars.push_back({{"step", b.step}, {"name", b.name}, {"leads_if_lower", Finite(b.leads_if_lower)},
                    {"leads_if_higher", Finite(b.leads_if_higher)}, {"swing", Finite(b.swing)}});
  }
  j["sensitivity"] = std::move(bars);
  j["what_if"] = {{"step_x", r.what_if.step_x}, {"step_y", r.what_if.step_y},
                  {"x_rates", Nums(r.what_if.x_rates)}, {"y_rates", Nums(r.what_if.y_rates)},
                  {"leads", Nums(r.what_if.leads)}, {"goal_leads", Finite(r.what_if.goal_leads)}};
  j["warnings"] = r.warnings;
  return Dump(j, indent);
}

namespace {

// One CSV line from fields that are already CSV-safe (numbers, or passed through CsvField).
std::string CsvLine(std::initializer_list<std::string> fields) {
  std::string line;
  bool first = true;
  for (const std::string& f : fields) {
    if (!first) line += ',';
    line += f;
    first = false;
  }
  return line + "\r\n";
}
std::string Fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}
std::string Optional(const std::optional<double>& v, int decimals) { return v ? Fixed(*v, decimals) : ""; }

}  // namespace

std::string PlanToCsv(const Scenario& scenario, const PlanReport& report) {
  // The whole plan in sections a spreadsheet reads well: each section is a small table with a
  // header row, sections are separated by an empty line. Text cells go through CsvField
  // (formulas defused); numbers are plain (no thousands separators), undefined values empty.
  const std::string& cur = scenario.currency;
  std::string out;
  out += CsvLine({"Funnel plan", CsvField(scenario.name)});
  out += CsvLine({"Currency", CsvField(cur)});
  out += CsvLine({"Revenue goal", Fixed(scenario.revenue_goal, 2)});
  out += CsvLine({"Average deal size", Fixed(scenario.deal_size, 2)});
  out += CsvLine({"First month", MonthLabel(scenario.start_year, scenario.start_month, 0)});
  out += CsvLine({"Months in the plan", std::to_string(scenario.horizon_months)});
  out += "\r\n";

  out += CsvLine({"Step", "Conversion rate", "Lag (months)", "Observed converted", "Observed total"});
  for (size_t i = 0; i < scenario.steps.size(); ++i) {
    const Step& st = scenario.steps[i];
    out += CsvLine({CsvField(StepName(scenario, i)), Fixed(st.rate, 6), Fixed(st.lag_months, 2),
                    st.n > 0 ? std::to_string(st.k) : "", st.n > 0 ? std::to_string(st.n) : ""});
  }
  out += "\r\n";

  out += CsvLine({"Stage", "Needed (exact)", "Target"});
  for (const StageTarget& t : report.funnel.stages) out += CsvLine({CsvField(t.stage), Fixed(t.exact, 2), Fixed(t.whole, 0)});
  out += "\r\n";

  // Month × stage targets (whole numbers, rounded cumulatively so the Total row is the targets).
  std::string header = "Month,Revenue goal";
  for (const auto& st : scenario.stages) header += "," + CsvField(st);
  out += header + "\r\n";
  const MonthlyPlan& m = report.monthly;
  for (size_t c = 0; c < m.months.size(); ++c) {
    std::string line = m.months[c] + "," + Fixed(m.revenue[c], 2);
    for (size_t k = 0; k < m.whole.size(); ++k) line += "," + Fixed(m.whole[k][c], 0);
    out += line + "\r\n";
  }
  std::string total = "Total," + Fixed(scenario.revenue_goal, 2);
  for (const auto& t : report.funnel.stages) total += "," + Fixed(t.whole, 0);
  out += total + "\r\n";

  if (!report.channels.mix.empty()) {
    out += "\r\n";
    out += CsvLine({"Channel", "Share", "Cost per lead", "Leads", "Customers", "Cost", "Lead cap over the plan"});
    for (size_t c = 0; c < report.channels.mix.size() && c < scenario.channels.size(); ++c) {
      const ChannelResult& r = report.channels.mix[c];
      const Channel& in = scenario.channels[c];
      out += CsvLine({CsvField(r.name), Fixed(in.share, 4), Fixed(in.cost_per_lead, 2), Fixed(r.whole_leads, 0),
                      Fixed(r.customers, 1), Fixed(r.cost, 2), r.cap > 0.0 ? Fixed(r.cap, 0) : ""});
    }
    out += CsvLine({"Total", "", "", Fixed(report.channels.mix_whole_leads, 0), "", Fixed(report.channels.mix_cost, 2), ""});
  }

  const MoneyMetrics& mo = report.money;
  out += "\r\n";
  out += CsvLine({"Money", "Value (" + CsvField(cur) + ")"});
  out += CsvLine({"Marketing spend", Fixed(mo.spend, 2)});
  out += CsvLine({"Acquisition cost (spend + other)", Fixed(mo.cost, 2)});
  out += CsvLine({"CAC", Optional(mo.cac, 2)});
  out += CsvLine({"LTV", Optional(mo.ltv, 2)});
  out += CsvLine({"LTV:CAC", Optional(mo.ltv_to_cac, 2)});
  out += CsvLine({"Payback (months)", Optional(mo.payback_months, 2)});
  out += CsvLine({"ROI (%)", mo.roi ? Fixed(*mo.roi * 100.0, 1) : ""});
  out += CsvLine({"Pipeline coverage", Fixed(mo.pipeline_coverage, 2)});

  const MonteCarlo& mc = report.uncertainty;
  if (mc.uncertain) {
    out += "\r\n";
    out += CsvLine({"Confidence", CsvField(mc.stage + " needed")});
    out += CsvLine({"50 %", Fixed(mc.p50, 0)});
    out += CsvLine({"80 %", Fixed(mc.p80, 0)});
    out += CsvLine({"90 %", Fixed(mc.p90, 0)});
    out += CsvLine({CsvField("Chance " + FormatNumber(mc.planned_leads, 0) + " " + mc.stage + " are enough (%)"),
                    Fixed(mc.p_hit * 100.0, 1)});
  }
  if (!report.warnings.empty()) {
    out += "\r\n";
    out += "Warnings\r\n";
    for (const std::string& w : report.warnings) out += CsvField(w) + "\r\n";
  }
  return out;
}

}  // namespace funnel
