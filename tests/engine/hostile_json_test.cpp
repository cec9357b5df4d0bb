// Scenario, mapping and import-summary text from a link, an old autosave or an attacker: every
// wrong type, out-of-range number and absurd nesting becomes a FieldError with its JSON path.
// Nothing throws, nothing crashes, and what loads plans without NaN (issue 10).
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/analysis/funnel_analysis.hpp"
#include "engine/analysis/import_summary_json.hpp"
#include "engine/import/lead_import.hpp"
#include "engine/import/mapping_json.hpp"
#include "engine/json_checks.hpp"
#include "engine/plan/scenario_json.hpp"

using namespace funnel;
using nlohmann::json;

namespace {

std::string SampleText() { return ScenarioToJson(SampleScenario(), -1); }

bool HasError(const std::vector<FieldError>& errors, const std::string& field, const std::string& words = "") {
  for (const auto& e : errors) {
    if (e.field == field && e.message.find(words) != std::string::npos) return true;
  }
  return false;
}

// Replaces the first occurrence of `from` in `text` (raw text, so 1e400 can be written).
std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("numbers out of range anywhere in a scenario are a field error, not an exception", "[hostile_json]") {
  const std::string sample = SampleText();
  for (const std::string huge : {"1e400", "-1e400", "1E+999"}) {
    for (const std::string& where : {std::string("\"revenue_goal\":1000000.0"), std::string("\"lag_months\":0.0"),
                                     std::string("\"version\":1")}) {
      INFO(huge << " at " << where);
      const std::string key = where.substr(0, where.find(':') + 1);
      std::string text = Replace(sample, where, key + huge);
      Result<LoadedScenario> r = Result<LoadedScenario>::Fail("", "not run");
      REQUIRE_NOTHROW(r = ScenarioFromJson(text));
      REQUIRE_FALSE(r.ok());
      CHECK(HasError(r.errors(), "", "too large"));
    }
  }
  // Inside an unknown field and inside the data mapping as well.
  std::string text = sample;
  text.insert(1, "\"future\":{\"x\":[1e400]},");
  CHECK_FALSE(ScenarioFromJson(text).ok());
}

TEST_CASE("deep nesting is refused before it is parsed", "[hostile_json]") {
  for (const int depth : {65, 10'000, 100'000}) {
    INFO(depth);
    std::string text = SampleText();
    text.insert(1, "\"future\":" + std::string(static_cast<size_t>(depth), '[') + std::string(static_cast<size_t>(depth), ']') + ",");
    auto r = ScenarioFromJson(text);
    REQUIRE_FALSE(r.ok());
    CHECK(HasError(r.errors(), "", "nested more than 64 levels"));
    CHECK_FALSE(ImportSummaryFromJson(std::string(static_cast<size_t>(depth), '{')).ok());
  }
  // Brackets inside strings are text, not nesting: a stage named "[[[…" still loads.
  auto j = json::parse(SampleText());
  j["name"] = std::string(500, '[') + "\\\"" + std::string(500, '{');
  auto r = ScenarioFromJson(j.dump());
  REQUIRE(r.ok());
  CHECK(r->scenario.name == j["name"].get<std::string>());
  // 64 levels are fine and the unknown field is kept as it was.
  std::string text = SampleText();
  text.insert(1, "\"future\":" + std::string(63, '[') + std::string(63, ']') + ",");
  auto kept = ScenarioFromJson(text);
  REQUIRE(kept.ok());
  CHECK(json::parse(ScenarioToJson(kept->scenario))["future"].dump() == std::string(63, '[') + std::string(63, ']'));
}

TEST_CASE("a scenario text over the size limit is refused with its size", "[hostile_json]") {
  std::string text = SampleText();
  text.insert(1, "\"padding\":\"" + std::string(kMaxScenarioBytes, 'x') + "\",");
  auto r = ScenarioFromJson(text);
  REQUIRE_FALSE(r.ok());
  CHECK(HasError(r.errors(), "", "the most this app reads as a scenario is 4096 KB"));
}

TEST_CASE("wrong types in the data mapping are named by their path", "[hostile_json]") {
  auto j = json::parse(SampleText());
  j["data_mapping"] = {{"stages", {"Lead", "Customer"}}, {"stage_column", "Phase"},
                       {"stage_values", {{{"value", "Won"}, {"stage", 1}, {"lost", "yes"}}}}};
  Result<LoadedScenario> r = Result<LoadedScenario>::Fail("", "not run");
  REQUIRE_NOTHROW(r = ScenarioFromJson(j.dump()));
  REQUIRE_FALSE(r.ok());
  CHECK(HasError(r.errors(), "data_mapping.stage_values[0].lost", "true or false"));

  j["data_mapping"]["stage_values"][0]["lost"] = false;
  j["data_mapping"]["stage_values"][0]["stage"] = "1";
  CHECK(HasError(ScenarioFromJson(j.dump()).errors(), "data_mapping.stage_values[0].stage", "whole number"));
  j["data_mapping"]["stage_values"][0]["stage"] = 1;
  j["data_mapping"]["stages"] = {"Lead", 7};
  CHECK(HasError(ScenarioFromJson(j.dump()).errors(), "data_mapping.stages[1]"));
  j["data_mapping"]["stages"] = {"Lead", "Customer"};
  REQUIRE(ScenarioFromJson(j.dump()).ok());
}

TEST_CASE("a scenario with every field's type mutated never throws, and what loads plans finitely", "[hostile_json]") {
  // Every value in the sample (nested too) replaced by each wrong kind of value.
  json sample = json::parse(SampleText());
  sample["uncertainty"]["draws"] = 200;  // 1,000+ plans: keep each one quick
  sample["data_mapping"] = {{"preset", "custom"}, {"stages", {"Lead", "Customer"}}, {"stage_column", "Phase"},
                            {"stage_values", {{{"value", "Won"}, {"stage", 1}, {"lost", false}}}},
                            {"dated_only", true}};
  const std::vector<json> mutations = {json("text"), json(true), json::array(), json::object(), json(nullptr),
                                       json(-1), json(18446744073709551615ull), json(1.7976931348623157e308),
                                       json(-1.7976931348623157e308), json(0.5), json::array({"x", 1})};
  std::vector<json::json_pointer> paths;
  std::function<void(const json&, const json::json_pointer&)> walk = [&](const json& v, const json::json_pointer& p) {
    paths.push_back(p);
    if (v.is_object()) {
      for (auto it = v.begin(); it != v.end(); ++it) walk(*it, p / it.key());
    } else if (v.is_array()) {
      for (size_t i = 0; i < v.size(); ++i) walk(v[i], p / i);
    }
  };
  walk(sample, json::json_pointer());
  REQUIRE(paths.size() > 50);
  size_t loaded = 0, refused = 0;
  for (const auto& path : paths) {
    if (path.empty()) continue;
    for (const json& m : mutations) {
      json j = sample;
      j[path] = m;
      INFO(path.to_string() << " = " << m.dump());
      Result<LoadedScenario> r = Result<LoadedScenario>::Fail("", "not run");
      REQUIRE_NOTHROW(r = ScenarioFromJson(j.dump()));
      if (!r.ok()) {
        ++refused;
        for (const auto& e : r.errors()) REQUIRE_FALSE(e.message.empty());
        continue;
      }
      ++loaded;
      const auto plan = BuildPlan(r->scenario);
      // Money metrics that cannot be computed are null by design (shown as "—").
      fp_test::RequireNoNull(json::parse(PlanToJson(r->scenario, plan, -1)), {"cac", "ltv", "ltv_to_cac", "roi", "payback_months"});
      if (plan.ok()) {
        const std::string csv = PlanToCsv(r->scenario, plan.value());
        REQUIRE(csv.find("nan") == std::string::npos);
        REQUIRE(csv.find("inf") == std::string::npos);
      }
    }
  }
  CHECK(loaded > 0);
  CHECK(refused > 0);
}

TEST_CASE("a seasonality weight near the largest double is refused, not planned as NaN", "[hostile_json]") {
  auto j = json::parse(SampleText());
  j["seasonality"] = json::array();
  for (int m = 0; m < j["horizon_months"].get<int>(); ++m) j["seasonality"].push_back(1.7e308);
  auto r = ScenarioFromJson(j.dump());
  REQUIRE_FALSE(r.ok());
  CHECK(HasError(r.errors(), "seasonality[0]", "at most 10^15"));
}

TEST_CASE("scenario version 1.0 is version 1; a start month must be a whole month", "[hostile_json]") {
  CHECK(ScenarioFromJson(Replace(SampleText(), "\"version\":1", "\"version\":1.0")).ok());
  CHECK(HasError(ScenarioFromJson(Replace(SampleText(), "\"version\":1", "\"version\":1.5")).errors(), "version"));
  CHECK(HasError(ScenarioFromJson(Replace(SampleText(), "\"version\":1", "\"version\":2")).errors(), "version"));
  const std::string month = "\"start_month\":\"" + json::parse(SampleText())["start_month"].get<std::string>() + "\"";
  for (const std::string bad : {"2026-1x", "2026-13", "2026-00", "2026/01", "26-01-1", "２０２６-01"}) {
    INFO(bad);
    CHECK(HasError(ScenarioFromJson(Replace(SampleText(), month, "\"start_month\":\"" + bad + "\"")).errors(),
                   "start_month", "like \"2026-01\""));
  }
  auto ok = ScenarioFromJson(Replace(SampleText(), month, "\"start_month\":\"2027-11\""));
  REQUIRE(ok.ok());
  CHECK(ok->scenario.start_year == 2027);
  CHECK(ok->scenario.start_month == 11);
}

TEST_CASE("an import summary with a number out of range is refused by the reader", "[hostile_json]") {
  const ImportResult imported = ImportLeads("Stage,Created\nLead,2024-01-05\nCustomer,2024-02-01\n", {});
  std::string text = AnalysisToJson(imported.report, AnalyzeFunnel(imported.table), -1);
  REQUIRE(ImportSummaryFromJson(text).ok());
  Result<ImportSummary> r = Result<ImportSummary>::Fail("", "not run");
  REQUIRE_NOTHROW(r = ImportSummaryFromJson(Replace(text, "\"bytes\":", "\"bytes\":1e400,\"x\":")));
  CHECK_FALSE(r.ok());
}

TEST_CASE("the stored import summary stays small whatever the data: top sources plus Other", "[hostile_json]") {
  // 20,000 leads, each from its own source, the first 150 sources with 2 extra customers:
  // the kept list is the 99 largest sources and one "Other" row holding the rest exactly.
  std::string csv = "Stage,Created,Original Source\n";
  for (int i = 0; i < 20'000; ++i) {
    csv += "Lead,2024-03-01,source-" + std::to_string(i) + "\n";
    if (i < 150) csv += "Customer,2024-03-02,source-" + std::to_string(i) + "\nCustomer,2024-03-02,source-" + std::to_string(i) + "\n";
  }
  ImportOptions options;
  options.source_name = "many-sources.csv";
  const ImportResult imported = ImportLeads(csv, options);
  const FunnelAnalysis analysis = AnalyzeFunnel(imported.table);
  REQUIRE(analysis.sources.size() == 20'000);
  const std::string full = AnalysisToJson(imported.report, analysis, -1);
  const std::string stored = ImportSummaryToJson(imported.report, analysis);
  CHECK(full.size() > 1'000'000);
  CHECK(stored.size() < 64 * 1024);

  auto back = ImportSummaryFromJson(stored);
  REQUIRE(back.ok());
  const auto& sources = back->analysis.sources;
  REQUIRE(sources.size() == kMaxStoredSources);
  CHECK(sources.front().volume == 3);  // 1 lead + 2 customers
  CHECK(sources.back().source == "Other (19,901 sources)");
  // 20,000 + 300 rows in all; 99 kept sources hold 3 rows each.
  CHECK(sources.back().volume == 20'300 - 99 * 3);
  uint64_t volume = 0;
  for (const auto& s : sources) volume += s.volume;
  CHECK(volume == 20'300);
  // Counts and rates of the funnel are those of the full data.
  CHECK(back->analysis.counts.reached == analysis.counts.reached);
}

TEST_CASE("the stored import summary cuts long names at a character boundary", "[hostile_json]") {
  std::string name;
  for (int i = 0; i < 300; ++i) name += "\xc3\xa9";  // é: 2 bytes each, 600 bytes
  const ImportResult imported = ImportLeads("Stage,Created,Source\nLead,2024-03-01," + name + "\n", {});
  const std::string stored = ImportSummaryToJson(imported.report, AnalyzeFunnel(imported.table));
  auto back = ImportSummaryFromJson(stored);
  REQUIRE(back.ok());
  const std::string& kept = back->analysis.sources.front().source;
  CHECK(kept.size() <= kMaxStoredNameBytes);
  CHECK(kept.substr(kept.size() - 3) == "\xe2\x80\xa6");  // …
  CHECK(kept.substr(0, 4) == "\xc3\xa9\xc3\xa9");
  CHECK((kept.size() - 3) % 2 == 0);  // whole é characters only
}

TEST_CASE("a mapping with more stages than a plan can hold is refused, not overflowed", "[hostile_json]") {
  json stages = json::array();
  for (int i = 0; i < 200; ++i) stages.push_back("Stage " + std::to_string(i));
  const json mapping = {{"stages", stages}, {"stage_column", "Stage"}, {"stage_values", {{{"value", "x"}, {"stage", 150}}}}};
  auto r = MappingFromJson(mapping.dump());
  REQUIRE_FALSE(r.ok());
  CHECK(HasError(r.errors(), "mapping.stages", "at most 64 stages"));
  json ok = mapping;
  ok["stages"] = json::array({"Lead", "Customer"});
  ok["stage_values"][0]["stage"] = 1;
  CHECK(MappingFromJson(ok.dump()).ok());
}
