#include "engine/analysis/source_quality.hpp"

namespace funnel {

size_t SourceEntryStage(const std::vector<std::string>& stages, const std::string& preferred) {
  size_t entry = stages.size();
  for (size_t i = 0; i < stages.size() && entry == stages.size(); ++i) {
    if (!preferred.empty() && stages[i] == preferred) entry = i;
  }
  for (size_t i = 0; i < stages.size() && entry == stages.size(); ++i) {
    if (stages[i] == "Lead" || stages[i] == "Leads") entry = i;
  }
  return entry + 1 < stages.size() ? entry : 0;
}

std::vector<SourceQuality> QualityBySource(const FunnelAnalysis& analysis, size_t entry) {
  const size_t stages = analysis.counts.stages.size();
  if (stages < 2) return {};
  if (entry + 1 >= stages) entry = 0;
  std::vector<SourceQuality> out;
  out.reserve(analysis.sources.size());
  for (const SourceRow& row : analysis.sources) {
    SourceQuality q;
    q.source = row.source;
    q.records = row.volume;
    q.entry_leads = entry < row.reached.size() ? row.reached[entry] : 0;
    for (size_t k = entry + 1; k < stages; ++k) {
      if (q.entry_leads == 0 || k >= row.reached.size()) q.share.emplace_back();
      else q.share.emplace_back(static_cast<double>(row.reached[k]) / static_cast<double>(q.entry_leads));
    }
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace funnel
