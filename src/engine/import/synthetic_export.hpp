// Realistic synthetic CRM exports (seeded, any size) in each supported shape, with the true
// stage counts alongside — for tests, benchmarks and the "load sample data" button.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace funnel {

enum class ExportShape {
  kHubSpotContacts,
  kHubSpotDeals,
  kSalesforceLeads,
  kSalesforceOpportunities,
  kPipedriveDeals,
  kSpreadsheet,  // cells copied from Excel/Sheets: tab-separated, US dates, $1,234.00
};
bool ParseExportShape(std::string_view name, ExportShape& out);  // "hubspot-contacts", …
const char* ExportShapeName(ExportShape shape);
std::vector<ExportShape> AllExportShapes();

struct SyntheticOptions {
  ExportShape shape = ExportShape::kHubSpotContacts;
  size_t rows = 1000;
  uint64_t seed = 1;
  int start_year = 2024;  // leads are created over `months` months from January of this year
  int months = 12;
};

// What the generator put in, for checking an import against.
struct SyntheticTruth {
  std::vector<std::string> stages;
  std::vector<uint64_t> reached;  // rows whose furthest stage is ≥ k (stages implied)
  uint64_t lost = 0;
  uint64_t rows = 0;
};

std::string GenerateExport(const SyntheticOptions& options, SyntheticTruth* truth = nullptr);

}  // namespace funnel
