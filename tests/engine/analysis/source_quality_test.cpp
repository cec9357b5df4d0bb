// Lead quality by source counts from the entry stage, not from every record (worked by hand).
#include <catch2/catch.hpp>

#include "engine/analysis/source_quality.hpp"

using namespace funnel;

TEST_CASE("quality by source: shares of the entry stage's leads, records beside them", "[analysis][sources]") {
  FunnelAnalysis a;
  a.counts.stages = {"Subscriber", "Lead", "Customer"};
  // Web: 10 records, 4 reached Lead, 1 became a customer. Event: 3 subscribers, no lead.
  a.sources = {{"Web", 10, {10, 4, 1}}, {"Event", 3, {3, 0, 0}}};

  const auto rows = QualityBySource(a, 1);  // entry stage: Lead
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].source == "Web");
  CHECK(rows[0].records == 10);
  CHECK(rows[0].entry_leads == 4);         // not 10: subscribers are not leads
  REQUIRE(rows[0].share.size() == 1);      // only the stages after Lead
  REQUIRE(rows[0].share[0]);
  CHECK(*rows[0].share[0] == Approx(0.25));  // 1 customer of 4 leads (not 1 of 10)
  CHECK(rows[1].entry_leads == 0);
  CHECK_FALSE(rows[1].share[0]);           // no leads: no share, shown as —

  // An entry stage with no later stage falls back to the first.
  const auto first = QualityBySource(a, 2);
  REQUIRE(first[0].share.size() == 2);
  CHECK(first[0].entry_leads == 10);
  CHECK(*first[0].share[0] == Approx(0.4));
  CHECK(*first[0].share[1] == Approx(0.1));
  CHECK(QualityBySource(FunnelAnalysis{}, 0).empty());
}

TEST_CASE("the entry stage for quality by source: the plan's, else Lead, else the first", "[sources]") {
  const std::vector<std::string> stages = {"Subscriber", "Lead", "MQL", "Customer"};
  CHECK(funnel::SourceEntryStage(stages) == 1);           // "Lead"
  CHECK(funnel::SourceEntryStage(stages, "MQL") == 2);    // the plan's entry stage
  CHECK(funnel::SourceEntryStage(stages, "Visitor") == 1);  // not in the data: Lead
  CHECK(funnel::SourceEntryStage({"Prospect", "Customer"}) == 0);
  CHECK(funnel::SourceEntryStage(stages, "Customer") == 0);  // no later stage to measure: the first
  CHECK(funnel::SourceEntryStage({"Leads", "Won"}) == 0);
  CHECK(funnel::SourceEntryStage({}) == 0);
}
