// Lead quality by source, measured from the entry stage: of a source's leads at the entry
// stage (Lead, say, not every subscriber), the share that reached each later stage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/analysis/funnel_analysis.hpp"

namespace funnel {

struct SourceQuality {
  std::string source;
  uint64_t records = 0;      // every row from the source, at any stage
  uint64_t entry_leads = 0;  // rows that reached the entry stage
  // For each stage after the entry stage: reached ÷ entry_leads; empty when entry_leads is 0.
  std::vector<std::optional<double>> share;
};

// The stage whose leads the quality is measured from: `preferred` (the plan's entry stage) when
// the data has it, else the stage named "Lead" or "Leads", else the first; a stage with a later
// one (0 when none has). The Data tab and `funnelplan analyze` both use it.
size_t SourceEntryStage(const std::vector<std::string>& stages, const std::string& preferred = "");

// One row per source of `analysis.sources` (same order); `entry` is clamped to a stage that has
// a later one.
std::vector<SourceQuality> QualityBySource(const FunnelAnalysis& analysis, size_t entry);

}  // namespace funnel
