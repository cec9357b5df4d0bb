#include "engine/import/synthetic_export.hpp"

#include <array>
#include <cmath>
#include <cstdio>

#include "engine/common/random.hpp"
#include "engine/import/cell_values.hpp"

namespace funnel {
namespace {

struct ShapeDef {
  const char* name;
  std::vector<const char*> stages;
  std::vector<double> step_rates;  // base conversion of each step
};

const ShapeDef& Def(ExportShape s) {
  static const std::array<ShapeDef, 6> kDefs = {{
      {"hubspot-contacts", {"Subscriber", "Lead", "MQL", "SQL", "Opportunity", "Customer"}, {0.9, 0.35, 0.45, 0.5, 0.3}},
      {"hubspot-deals", {"Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled", "Decision Maker Bought-In", "Contract Sent", "Closed Won"}, {0.7, 0.6, 0.6, 0.7, 0.6}},
      {"salesforce-leads", {"Lead", "Contacted", "Converted"}, {0.6, 0.3}},
      {"salesforce-opportunities", {"Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won"}, {0.8, 0.8, 0.85, 0.85, 0.85, 0.8, 0.75, 0.6}},
      {"pipedrive-deals", {"Qualified", "Contact Made", "Demo Scheduled", "Proposal Made", "Negotiations Started", "Won"}, {0.7, 0.6, 0.6, 0.6, 0.5}},
      {"spreadsheet", {"Lead", "MQL", "SQL", "Customer"}, {0.4, 0.5, 0.25}},
  }};
  return kDefs[static_cast<size_t>(s)];
}

constexpr const char* kSources[] = {"Organic Search", "Paid Search", "Direct Traffic", "Social Media",
                                    "Email Marketing", "Referrals", "Paid Social", "Offline Sources"};
constexpr double kSourceQuality[] = {1.0, 0.85, 1.1, 0.7, 0.9, 1.4, 0.6, 1.2};
constexpr const char* kFirst[] = {"Anna", "Ben", "Carla", "David", "Emma", "Felix", "Grace", "Hugo",
                                  "Ines", "Jonas", "Kara", "Liam", "Mia", "Noah", "Olivia", "Paul",
                                  "Zoë", "José", "Renée", "Łukasz"};
constexpr const char* kLast[] = {"Smith", "Müller", "García", "Rossi", "Dubois", "Nowak", "Jensen",
                                 "O'Brien", "Kim", "Silva", "Novak", "Larsen", "Weber", "Costa"};
constexpr const char* kOwners[] = {"Alex Morgan", "Sam Lee", "Jordan Patel", "Taylor Brooks",
                                   "Casey Nguyen", "Riley Fischer"};

struct Journey {
  int furthest = 0;               // index of the furthest stage reached
  bool lost = false;
  std::vector<Minutes> dates;     // per stage, kNoDate when not reached
  size_t source = 0;
  size_t owner = 0;
  double amount = 0.0;
  std::string first, last;
};

Journey MakeJourney(const ShapeDef& d, const SyntheticOptions& o, Rng& rng, Minutes start, Minutes end) {
  Journey j;
  j.source = rng.Below(std::size(kSources));
  j.owner = rng.Below(std::size(kOwners));
  j.first = kFirst[rng.Below(std::size(kFirst))];
  j.last = kLast[rng.Below(std::size(kLast))];
  const size_t n = d.stages.size();
  j.dates.assign(n, kNoDate);
  Minutes t = start + static_cast<Minutes>(rng.Uniform() * static_cast<double>(end - start));
  j.dates[0] = t;
  const double quality = kSourceQuality[j.source];
  for (size_t k = 0; k + 1 < n; ++k) {
    if (!rng.Chance(std::min(0.98, d.step_rates[k] * quality))) {
      j.lost = rng.Chance(0.4);
      break;
    }
    // Days to the next stage: mostly days to a few weeks, a long tail.
    const double days = 0.2 + (-std::log(1.0 - rng.Uniform())) * (3.0 + 6.0 * static_cast<double>(k));
    t += static_cast<Minutes>(days * 1440.0);
    if (t >= end) break;  // not there yet when the data was exported
    j.dates[k + 1] = t;
    j.furthest = static_cast<int>(k + 1);
  }
  if (j.furthest == static_cast<int>(n) - 1) j.lost = false;
  j.amount = std::round((2000.0 + rng.Uniform() * 48000.0) / 50.0) * 50.0;
  (void)o;
  return j;
}

void AppendDate(std::string& out, Minutes m, bool iso, bool with_time) {
  if (m == kNoDate) return;
  int y = 0, mo = 0, d = 0;
  CivilFromDays(m / 1440, y, mo, d);
  const int hh = (m % 1440) / 60, mi = m % 60;
  char buf[40];
  if (iso) {
    if (with_time) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", y, mo, d, hh, mi);
    else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
  } else {
    if (with_time) {
      std::snprintf(buf, sizeof buf, "%d/%d/%04d %d:%02d %s", mo, d, y, hh % 12 == 0 ? 12 : hh % 12, mi, hh < 12 ? "AM" : "PM");
    } else {
      std::snprintf(buf, sizeof buf, "%d/%d/%04d", mo, d, y);
    }
  }
  out += buf;
}

// Writes one CSV/TSV field, quoting when needed (or always).
void Field(std::string& out, std::string_view v, char delim, bool always_quote) {
  const bool needs = always_quote || v.find_first_of("\"\n\r") != std::string_view::npos ||
                     v.find(delim) != std::string_view::npos;
  if (!needs) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

const char* ExportShapeName(ExportShape shape) { return Def(shape).name; }

std::vector<ExportShape> AllExportShapes() {
  return {ExportShape::kHubSpotContacts, ExportShape::kHubSpotDeals, ExportShape::kSalesforceLeads,
          ExportShape::kSalesforceOpportunities, ExportShape::kPipedriveDeals, ExportShape::kSpreadsheet};
}

bool ParseExportShape(std::string_view name, ExportShape& out) {
  for (ExportShape s : AllExportShapes()) {
    if (name == Def(s).name) {
      out = s;
      return true;
    }
  }
  return false;
}

std::string GenerateExport(const SyntheticOptions& o, SyntheticTruth* truth) {
  const ShapeDef& d = Def(o.shape);
  Rng rng{o.seed * 0x2545F4914F6CDD1Dull + 17};
  const Minutes start = static_cast<Minutes>(DaysFromCivil(o.start_year, 1, 1) * 1440);
  const int end_year = o.start_year + o.months / 12, end_month = 1 + o.months % 12;
  const Minutes end = static_cast<Minutes>(DaysFromCivil(end_year, end_month, 1) * 1440);
  const size_t n = d.stages.size();
  if (truth) {
    truth->stages.assign(d.stages.begin(), d.stages.end());
    truth->reached.assign(n, 0);
    truth->lost = 0;
    truth->rows = o.rows;
  }
  std::string out;
  out.reserve(o.rows * 140 + 512);
  const ExportShape s = o.shape;
  const char delim = s == ExportShape::kSpreadsheet ? '\t' : ',';
  const bool quote_all = s == ExportShape::kHubSpotContacts || s == ExportShape::kSalesforceLeads ||
                         s == ExportShape::kSalesforceOpportunities;
  std::vector<std::string> header;
  switch (s) {
    case ExportShape::kHubSpotContacts:
      header = {"Record ID", "First Name", "Last Name", "Email", "Lifecycle Stage", "Lead Status",
                "Create Date", "Became a Lead Date", "Became a Marketing Qualified Lead Date",
                "Became a Sales Qualified Lead Date", "Became an Opportunity Date",
                "Became a Customer Date", "Original Source", "Contact owner"};
      break;
    case ExportShape::kHubSpotDeals:
      header = {"Record ID", "Deal Name", "Deal Stage", "Pipeline", "Amount", "Create Date",
                "Close Date", "Deal owner", "Original Source Type"};
      break;
    case ExportShape::kSalesforceLeads:
      header = {"Lead ID", "First Name", "Last Name", "Email", "Phone", "Company", "Lead Source",
                "Lead Status", "Created Date", "Converted", "Converted Date", "Lead Owner"};
      break;
    case ExportShape::kSalesforceOpportunities:
      header = {"Opportunity ID", "Opportunity Name", "Account Name", "Stage", "Amount",
                "Probability (%)", "Created Date", "Close Date", "Won", "Closed", "Lead Source",
                "Opportunity Owner"};
      break;
    case ExportShape::kPipedriveDeals:
      header = {"Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Stage",
                "Deal - Status", "Deal - Deal created", "Deal - Won time", "Deal - Lost time",
                "Deal - Owner", "Deal - Source channel", "Person - Name", "Person - Email"};
      break;
    case ExportShape::kSpreadsheet:
      header = {"Name", "Email", "Stage", "Created", "MQL Date", "SQL Date", "Customer Date",
                "Channel", "Deal Value"};
      break;
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (i) out += delim;
    Field(out, header[i], delim, quote_all);
  }
  out += s == ExportShape::kSpreadsheet ? "\n" : "\r\n";

  std::vector<std::string> row;
  std::string date;
  auto date_str = [&](Minutes m, bool iso, bool with_time) -> const std::string& {
    date.clear();
    AppendDate(date, m, iso, with_time);
    return date;
  };
  char num[64];
  for (size_t r = 0; r < o.rows; ++r) {
    Journey j = MakeJourney(d, o, rng, start, end);
    const bool won = j.furthest == static_cast<int>(n) - 1;
    if (truth) {
      for (int k = 0; k <= j.furthest; ++k) ++truth->reached[static_cast<size_t>(k)];
      truth->lost += j.lost;
    }
    const std::string id = std::to_string(100000 + r);
    const std::string email = "lead" + id + "@example.com";
    const std::string stage = d.stages[static_cast<size_t>(j.furthest)];
    row.clear();
    switch (s) {
      case ExportShape::kHubSpotContacts: {
        static const char* kLifecycle[] = {"Subscriber", "Lead", "Marketing Qualified Lead",
                                           "Sales Qualified Lead", "Opportunity", "Customer"};
        row = {id, j.first, j.last, email, kLifecycle[j.furthest], j.lost ? "Unqualified" : (j.furthest <= 2 ? "Open" : "Connected")};
        row.push_back(date_str(j.dates[0], true, true));
        for (size_t k = 1; k < n; ++k) row.push_back(date_str(j.dates[k], true, true));
        row.push_back(kSources[j.source]);
        row.push_back(kOwners[j.owner]);
        break;
      }
      case ExportShape::kHubSpotDeals: {
        std::snprintf(num, sizeof num, "%.0f", j.amount);
        const Minutes close = won ? j.dates.back() : j.dates[static_cast<size_t>(j.furthest)] + 30 * 1440;
        row = {id, j.last + " deal", j.lost ? "Closed Lost" : stage, "Sales Pipeline", num,
               date_str(j.dates[0], true, true), date_str(close, true, true), kOwners[j.owner],
               kSources[j.source]};
        if (j.lost && truth) {  // "Closed Lost" hides the stage it was lost at
          for (int k = 1; k <= j.furthest; ++k) --truth->reached[static_cast<size_t>(k)];
        }
        break;
      }
      case ExportShape::kSalesforceLeads: {
        const char* status = won ? "Closed - Converted"
                             : j.lost ? "Closed - Not Converted"
                             : j.furthest == 1 ? "Working - Contacted" : "Open - Not Contacted";
        if (j.lost && truth && j.furthest < 1) {  // "Not Converted" implies it was contacted
          ++truth->reached[1];
        }
        row = {"00Q" + id, j.first, j.last, email, "(555) 010-" + std::to_string(1000 + r % 9000),
               j.last + " Inc", kSources[j.source], status, date_str(j.dates[0], false, false),
               won ? "1" : "0", date_str(won ? j.dates.back() : kNoDate, false, false), kOwners[j.owner]};
        break;
      }
      case ExportShape::kSalesforceOpportunities: {
        std::snprintf(num, sizeof num, "%.2f", j.amount);
        const Minutes close = won ? j.dates.back() : j.dates[static_cast<size_t>(j.furthest)] + 20 * 1440;
        const bool closed = won || j.lost;
        row = {"006" + id, j.last + " - New Business", j.last + " Inc", j.lost ? "Closed Lost" : stage, num,
               std::to_string(won ? 100 : j.lost ? 0 : 10 * (j.furthest + 1)),
               date_str(j.dates[0], false, false), date_str(close, false, false),
               won ? "1" : "0", closed ? "1" : "0", kSources[j.source], kOwners[j.owner]};
        if (j.lost && truth) {
          // "Closed Lost" hides the stage it was lost at: only the first stage is known.
          for (int k = 1; k <= j.furthest; ++k) --truth->reached[static_cast<size_t>(k)];
        }
        break;
      }
      case ExportShape::kPipedriveDeals: {
        std::snprintf(num, sizeof num, "%.0f", j.amount);
        const char* status = won ? "won" : j.lost ? "lost" : "open";
        row = {std::to_string(r + 1), j.last + " deal", num, "USD",
               won ? d.stages[n - 2] : stage, status,
               date_str(j.dates[0], true, true), date_str(won ? j.dates.back() : kNoDate, true, true),
               date_str(j.lost ? j.dates[static_cast<size_t>(j.furthest)] + 1440 : kNoDate, true, true),
               kOwners[j.owner], kSources[j.source], j.first + " " + j.last, email};
        break;
      }
      case ExportShape::kSpreadsheet: {
        std::snprintf(num, sizeof num, "$%d,%03d.00", static_cast<int>(j.amount) / 1000, static_cast<int>(j.amount) % 1000);
        row = {j.first + " " + j.last, email, j.lost ? "Lost" : stage, date_str(j.dates[0], false, false)};
        for (size_t k = 1; k < n; ++k) row.push_back(date_str(j.dates[k], false, false));
        row.push_back(kSources[j.source]);
        row.push_back(won ? num : "");
        if (j.lost && truth) {
          for (int k = 1; k <= j.furthest; ++k) {
            if (j.dates[static_cast<size_t>(k)] == kNoDate) --truth->reached[static_cast<size_t>(k)];
          }
        }
        break;
      }
    }
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) out += delim;
      Field(out, row[i], delim, quote_all);
    }
    out += s == ExportShape::kSpreadsheet ? "\n" : "\r\n";
  }
  return out;
}

}  // namespace funnel
