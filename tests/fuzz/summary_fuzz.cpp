// libFuzzer target for the import-summary reader (what a reload restores from storage): any
// text gives a summary or field errors, never a crash or an exception. A summary that reads
// writes out to text that reads back to itself, and its bounded stored form reads back too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/analysis/import_summary_json.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto summary = funnel::ImportSummaryFromJson(text);
  if (!summary) {
    for (const auto& e : summary.errors()) FP_REQUIRE(!e.message.empty());
    return 0;
  }
  const std::string written = funnel::AnalysisToJson(summary->report, summary->analysis, -1);
  const auto back = funnel::ImportSummaryFromJson(written);
  FP_REQUIRE(back.ok());
  FP_REQUIRE(funnel::AnalysisToJson(back->report, back->analysis, -1) == written);

  const std::string stored = funnel::ImportSummaryToJson(summary->report, summary->analysis);
  const auto restored = funnel::ImportSummaryFromJson(stored);
  FP_REQUIRE(restored.ok());
  FP_REQUIRE(restored->analysis.counts.reached == summary->analysis.counts.reached);
  FP_REQUIRE(restored->analysis.sources.size() <= funnel::kMaxStoredSources);
  return 0;
}
