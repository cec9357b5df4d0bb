#include "engine/import/crm_presets.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

namespace funnel {
namespace {

struct ValueDef {
  const char* value;  // as exported; normalized before matching
  int stage;
  bool lost;
};

struct PresetDef {
  const char* id;
  const char* label;
  std::vector<const char*> signature;  // headers that identify the export
  size_t min_matches;
  std::vector<const char*> stages;
  std::vector<const char*> stage_column;  // candidates, first present wins
  std::vector<ValueDef> stage_values;
  std::vector<const char*> status_column;
  std::vector<ValueDef> status_values;
  std::vector<std::vector<const char*>> stage_dates;  // per stage: candidate headers
  std::vector<const char*> created, close_date, won, closed, source, amount, owner;
  bool custom_stages;  // pipelines are often customised: keep only stages seen, add new ones
};

const std::vector<PresetDef>& Presets() {
  static const std::vector<PresetDef> kPresets = {
      {"hubspot-contacts", "HubSpot contacts",
       {"Lifecycle Stage", "Create Date", "Original Source", "Became a Lead Date",
        "Became a Marketing Qualified Lead Date", "Became a Customer Date", "Contact owner"},
       3,
       {"Subscriber", "Lead", "MQL", "SQL", "Opportunity", "Customer"},
       {"Lifecycle Stage"},
       {{"Subscriber", 0, false}, {"Lead", 1, false}, {"Marketing Qualified Lead", 2, false},
        {"MQL", 2, false}, {"marketingqualifiedlead", 2, false},
        {"Sales Qualified Lead", 3, false}, {"SQL", 3, false}, {"Opportunity", 4, false},
        {"Customer", 5, false}, {"Evangelist", 5, false}},
       {"Lead Status"},
       {{"Unqualified", -1, true}},
       {{"Became a Subscriber Date"}, {"Became a Lead Date"},
        {"Became a Marketing Qualified Lead Date"}, {"Became a Sales Qualified Lead Date"},
        {"Became an Opportunity Date"}, {"Became a Customer Date"}},
       {"Create Date"}, {}, {}, {},
       {"Original Source", "Original Source Type"}, {"Total Revenue", "Recent Deal Amount"},
       {"Contact owner", "HubSpot Owner", "Contact Owner"},
       false},
      {"hubspot-deals", "HubSpot deals",
       {"Deal Stage", "Deal Name", "Pipeline", "Amount", "Close Date", "Create Date", "Deal owner"},
       4,
       {"Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled",
        "Decision Maker Bought-In", "Contract Sent", "Closed Won"},
       {"Deal Stage"},
       {{"Appointment Scheduled", 0, false}, {"Qualified To Buy", 1, false},
        {"Presentation Scheduled", 2, false}, {"Decision Maker Bought-In", 3, false},
        {"Contract Sent", 4, false}, {"Closed Won", 5, false}, {"Closed Lost", -1, true}},
       {}, {},
       {},
       {"Create Date"}, {"Close Date"}, {}, {},
       {"Original Source Type", "Original Source", "Source"}, {"Amount"}, {"Deal owner", "Deal Owner"},
       true},
      {"salesforce-leads", "Salesforce leads",
       {"Lead Source", "Lead Status", "Created Date", "Converted", "Converted Date", "Lead Owner",
        "Lead ID"},
       3,
       {"Lead", "Contacted", "Converted"},
       {"Lead Status", "Status"},
       {{"Open - Not Contacted", 0, false}, {"New", 0, false}, {"Working - Contacted", 1, false},
        {"Working", 1, false}, {"Nurturing", 1, false}, {"Closed - Converted", 2, false},
        {"Qualified", 2, false}, {"Converted", 2, false}, {"Closed - Not Converted", 1, true},
        {"Unqualified", 1, true}},
       {}, {},
       {{"Created Date", "Create Date"}, {}, {"Converted Date"}},
       {}, {}, {"Converted"}, {},
       {"Lead Source"}, {"Annual Revenue"}, {"Lead Owner", "Owner"},
       false},
      {"salesforce-opportunities", "Salesforce opportunities",
       {"Opportunity Name", "Stage", "Amount", "Close Date", "Created Date", "Won", "Closed",
        "Opportunity Owner", "Probability (%)"},
       4,
       {"Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
        "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
        "Negotiation/Review", "Closed Won"},
       {"Stage"},
       {{"Prospecting", 0, false}, {"Qualification", 1, false}, {"Needs Analysis", 2, false},
        {"Value Proposition", 3, false}, {"Id. Decision Makers", 4, false},
        {"Perception Analysis", 5, false}, {"Proposal/Price Quote", 6, false},
        {"Negotiation/Review", 7, false}, {"Closed Won", 8, false}, {"Closed Lost", -1, true}},
       {}, {},
       {},
       {"Created Date", "Create Date"}, {"Close Date"}, {"Won"}, {"Closed"},
       {"Lead Source"}, {"Amount"}, {"Opportunity Owner", "Owner"},
       true},
      {"pipedrive-deals", "Pipedrive deals",
       {"Deal - Title", "Deal - Value", "Deal - Stage", "Deal - Status", "Deal - Deal created",
        "Deal - Won time", "Deal - Owner"},
       3,
       {"Qualified", "Contact Made", "Demo Scheduled", "Proposal Made", "Negotiations Started",
        "Won"},
       {"Deal - Stage"},
       {{"Qualified", 0, false}, {"Contact Made", 1, false}, {"Demo Scheduled", 2, false},
        {"Proposal Made", 3, false}, {"Negotiations Started", 4, false}},
       {"Deal - Status"},
       {{"won", 5, false}, {"lost", -1, true}, {"deleted", -1, true}},
       {{}, {}, {}, {}, {}, {"Deal - Won time"}},
       {"Deal - Deal created"}, {"Deal - Lost time"}, {}, {},  // a won deal has no lost time: it closes lost deals only
       {"Deal - Source channel", "Deal - Source origin", "Deal - Source", "Deal - Lead source"},
       {"Deal - Value"}, {"Deal - Owner"},
       true},
  };
  return kPresets;
}

// Ranks for generic stage names, so "Lead, Customer, MQL" sorts into funnel order.
int VocabularyRank(const std::string& key) {
  static const std::map<std::string, int> kRanks = {
      {"visitor", 0}, {"visit", 0}, {"subscriber", 1}, {"prospect", 2}, {"lead", 3},
      {"newlead", 3}, {"new", 3}, {"contacted", 4}, {"working", 4}, {"engaged", 4},
      {"marketingqualifiedlead", 5}, {"mql", 5}, {"qualified", 6}, {"salesacceptedlead", 6},
      {"sal", 6}, {"salesqualifiedlead", 7}, {"sql", 7}, {"demo", 8}, {"meeting", 8},
      {"opportunity", 9}, {"opp", 9}, {"proposal", 10}, {"negotiation", 11},
      {"customer", 12}, {"won", 12}, {"closedwon", 12}, {"client", 12}, {"deal", 12},
      {"converted", 12}, {"evangelist", 13},
      // German, French, Spanish, Dutch exports and sheets
      {"besucher", 0}, {"visiteur", 0}, {"visitante", 0}, {"bezoeker", 0},
      {"abonnent", 1}, {"abonné", 1}, {"suscriptor", 1}, {"abonnee", 1},
      {"prospecto", 2}, {"interessent", 3}, {"neu", 3}, {"nouveau", 3}, {"nuevo", 3}, {"nieuw", 3},
      {"kontaktiert", 4}, {"contacté", 4}, {"contactado", 4}, {"gecontacteerd", 4},
      {"qualifiziert", 6}, {"qualifié", 6}, {"calificado", 6}, {"cualificado", 6}, {"gekwalificeerd", 6},
      {"chance", 9}, {"verkaufschance", 9}, {"opportunité", 9}, {"oportunidad", 9}, {"kans", 9},
      {"angebot", 10}, {"proposition", 10}, {"propuesta", 10}, {"offerte", 10},
      {"verhandlung", 11}, {"négociation", 11}, {"negociación", 11}, {"onderhandeling", 11},
      {"kunde", 12}, {"gewonnen", 12}, {"gagné", 12}, {"cliente", 12}, {"ganado", 12}, {"klant", 12}};
  auto it = kRanks.find(key);
  return it == kRanks.end() ? -1 : it->second;
}

bool IsLostValue(const std::string& key) {
  static const char* kLost[] = {"lost", "closedlost", "disqualified", "unqualified",
                                "notconverted", "closednotconverted", "rejected", "churned",
                                "dead", "junk", "badfit",
                                "verloren", "disqualifiziert", "perdu", "disqualifié", "perdido",
                                "descalificado", "gediskwalificeerd"};
  for (const char* l : kLost) {
    if (key == l) return true;
  }
  return false;
}

// Index of the first header (normalized) among candidates, or -1.
int FindHeader(const std::vector<std::string>& norm_headers, const std::vector<const char*>& candidates) {
  for (const char* c : candidates) {
    const std::string key = NormalizeKey(c);
    for (size_t i = 0; i < norm_headers.size(); ++i) {
      if (norm_headers[i] == key) return static_cast<int>(i);
    }
  }
  return -1;
}

std::string HeaderAt(const std::vector<std::string>& headers, int i) {
  return i < 0 ? std::string() : headers[static_cast<size_t>(i)];
}

// Distinct normalized values of a column in the sample, in order of first appearance,
// with their original spelling.
std::vector<std::pair<std::string, std::string>> SampleValues(
    const std::vector<std::vector<std::string>>& sample, int col) {
  std::vector<std::pair<std::string, std::string>> out;
  if (col < 0) return out;
  for (const auto& row : sample) {
    if (static_cast<size_t>(col) >= row.size()) continue;
    std::string key = NormalizeKey(row[static_cast<size_t>(col)]);
    if (key.empty()) continue;
    if (std::none_of(out.begin(), out.end(), [&](const auto& p) { return p.first == key; })) {
      out.emplace_back(key, std::string(TrimCell(row[static_cast<size_t>(col)])));
    }
  }
  return out;
}

bool Contains(const std::string& hay, const char* needle) { return hay.find(needle) != std::string::npos; }

// Values of the stage column become stages only while they look like stage names: at most
// kMaxStageName bytes, and at most kMaxNewStages of them (a wrongly chosen column, free text
// or IDs would otherwise make hundreds of stages, more than a plan can hold). The others stay
// unknown values, counted and reported by the import.
constexpr size_t kMaxStageName = 100;
constexpr size_t kMaxNewStages = 30;

// A list of names for a note: each cut to 60 bytes, at most 10 of them.
std::string NameList(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < 10; ++i) {
    std::string_view n = names[i];
    out += (out.empty() ? "" : ", ");
    if (n.size() > 60) {
      size_t cut = 60;
      while (cut > 0 && (static_cast<unsigned char>(n[cut]) & 0xC0) == 0x80) --cut;
      out += std::string(n.substr(0, cut)) + "…";
    } else {
      out += n;
    }
  }
  if (names.size() > 10) out += " and " + std::to_string(names.size() - 10) + " more";
  return out;
}

// Numbered stage names ("1 - Prospecting", "2. Demo", "Stage 10") are ordered by their number
// when every one has a number: their order of first appearance in an export is arbitrary.
// Returns whether it sorted.
bool SortByNumber(std::vector<std::string>& names) {
  if (names.size() < 2) return false;
  std::vector<std::pair<uint64_t, std::string>> keyed;
  for (const std::string& n : names) {
    size_t i = 0;
    while (i < n.size() && !(n[i] >= '0' && n[i] <= '9')) ++i;
    if (i == n.size()) return false;
    uint64_t v = 0;
    for (size_t d = 0; i < n.size() && n[i] >= '0' && n[i] <= '9' && d < 9; ++i, ++d) v = v * 10 + static_cast<uint64_t>(n[i] - '0');
    keyed.emplace_back(v, n);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < names.size(); ++i) names[i] = std::move(keyed[i].second);
  return true;
}

std::string NotStagesNote(size_t n) {
  return std::to_string(n) + (n == 1 ? " value of the stage column" : " values of the stage column") +
         (n == 1 ? " was not made a stage" : " were not made stages") +
         " (longer than 100 bytes, or beyond 30 new stages): map them in the mapping if they are stages.";
}

// A created-date header, in the languages the generic mapping knows (a normalized key).
bool IsCreatedHeader(const std::string& h) {
  return Contains(h, "created") || Contains(h, "createdate") || h == "date" || h == "signupdate" ||
         Contains(h, "erstellt") || Contains(h, "angelegt") || h == "datum" || Contains(h, "créé") ||
         Contains(h, "création") || Contains(h, "creado") || Contains(h, "creación") || h == "fecha" ||
         Contains(h, "aangemaakt");
}

// The first date column (not personal data) with a created-date header, or -1.
int FindCreatedDate(const std::vector<std::string>& norm, const std::vector<ColumnInfo>& columns) {
  for (size_t i = 0; i < norm.size() && i < columns.size(); ++i) {
    if (!columns[i].personal && columns[i].type == ColumnType::kDate && IsCreatedHeader(norm[i])) return static_cast<int>(i);
  }
  return -1;
}

PresetMatch FromPreset(const PresetDef& p, const std::vector<std::string>& headers,
                       const std::vector<std::string>& norm,
                       const std::vector<std::vector<std::string>>& sample) {
  PresetMatch m;
  m.label = p.label;
  ColumnMapping& c = m.mapping;
  c.preset = p.id;
  for (const char* s : p.stages) c.stages.emplace_back(s);
  const int stage_col = FindHeader(norm, p.stage_column);
  c.stage_column = HeaderAt(headers, stage_col);
  for (const ValueDef& v : p.stage_values) c.stage_values.push_back({NormalizeKey(v.value), v.stage, v.lost});
  // A value that is a stage's own name is that stage ("Contacted" in an export whose CRM words
  // its statuses more plainly than the preset's, as Zoho's do next to Salesforce's).
  for (size_t k = 0; k < c.stages.size(); ++k) {
    const std::string key = NormalizeKey(c.stages[k]);
    const bool known = std::any_of(c.stage_values.begin(), c.stage_values.end(),
                                   [&key](const StageValueRule& r) { return r.value == key; });
    if (!known) c.stage_values.push_back({key, static_cast<int>(k), false});
  }
  c.status_column = HeaderAt(headers, FindHeader(norm, p.status_column));
  for (const ValueDef& v : p.status_values) c.status_values.push_back({NormalizeKey(v.value), v.stage, v.lost});
  c.stage_date_columns.assign(c.stages.size(), "");
  for (size_t k = 0; k < p.stage_dates.size() && k < c.stages.size(); ++k) {
    c.stage_date_columns[k] = HeaderAt(headers, FindHeader(norm, p.stage_dates[k]));
  }
  c.created_column = HeaderAt(headers, FindHeader(norm, p.created));
  c.close_date_column = HeaderAt(headers, FindHeader(norm, p.close_date));
  c.won_column = HeaderAt(headers, FindHeader(norm, p.won));
  c.closed_column = HeaderAt(headers, FindHeader(norm, p.closed));
  c.source_column = HeaderAt(headers, FindHeader(norm, p.source));
  c.amount_column = HeaderAt(headers, FindHeader(norm, p.amount));
  c.owner_column = HeaderAt(headers, FindHeader(norm, p.owner));

  if (p.custom_stages && stage_col >= 0) {
    // Keep the preset's stages that occur, insert unknown (customised) stages before the final
    // stage in order of appearance, and renumber the value rules.
    const auto seen = SampleValues(sample, stage_col);
    std::vector<bool> used(c.stages.size(), false);
    used.front() = used.back() = true;  // entry and won stages always stay
    std::vector<std::string> extra;
    size_t not_stages = 0;
    for (const auto& value : seen) {
      const std::string& key = value.first;
      const std::string& raw = value.second;
      auto rule = std::find_if(c.stage_values.begin(), c.stage_values.end(),
                               [&key](const StageValueRule& r) { return r.value == key; });
      if (rule != c.stage_values.end()) {
        if (rule->stage >= 0) used[static_cast<size_t>(rule->stage)] = true;
      } else if (IsLostValue(key)) {
        c.stage_values.push_back({key, -1, true});
      } else if (raw.size() <= kMaxStageName && extra.size() < kMaxNewStages) {
        extra.push_back(raw);
      } else {
        ++not_stages;
      }
    }
    // Kept preset stages (all but the last), then the extra stages, then the last stage.
    std::vector<std::string> stages;
    std::vector<std::string> dates;
    std::vector<int> remap(c.stages.size(), -1);
    for (size_t k = 0; k + 1 < c.stages.size(); ++k) {
      if (!used[k] && c.stage_date_columns[k].empty()) continue;
      remap[k] = static_cast<int>(stages.size());
      stages.push_back(c.stages[k]);
      dates.push_back(c.stage_date_columns[k]);
    }
    remap.back() = static_cast<int>(stages.size() + extra.size());
    for (auto* rules : {&c.stage_values, &c.status_values}) {
      for (StageValueRule& r : *rules) {
        if (r.stage >= 0) r.stage = remap[static_cast<size_t>(r.stage)];
      }
    }
    const bool numbered = SortByNumber(extra);
    for (const std::string& e : extra) {
      c.stage_values.push_back({NormalizeKey(e), static_cast<int>(stages.size()), false});
      stages.push_back(e);
      dates.emplace_back();
    }
    if (!extra.empty()) {
      m.notes.push_back("Stages not in the " + std::string(p.label) +
                        " default pipeline were placed before \"" + c.stages.back() + "\" in " +
                        (numbered ? "the order of their numbers: " : "the order they first appear: ") +
                        NameList(extra) + ". Reorder them in the mapping if needed.");
    }
    if (not_stages > 0) m.notes.push_back(NotStagesNote(not_stages));
    stages.push_back(c.stages.back());
    dates.push_back(c.stage_date_columns.back());
    c.stages = std::move(stages);
    c.stage_date_columns = std::move(dates);
  }
  return m;
}

PresetMatch Generic(const std::vector<std::string>& headers, const std::vector<std::string>& norm,
                    const std::vector<ColumnInfo>& columns,
                    const std::vector<std::vector<std::string>>& sample) {
  PresetMatch m;
  m.label = "Generic";
  ColumnMapping& c = m.mapping;
  c.preset = "generic";
  auto find_if_header = [&](auto pred, ColumnType want = ColumnType::kEmpty) -> int {
    for (size_t i = 0; i < norm.size(); ++i) {
      if (columns[i].personal) continue;
      if (want != ColumnType::kEmpty && columns[i].type != want) continue;
      if (pred(norm[i])) return static_cast<int>(i);
    }
    return -1;
  };
  // Stage column: prefer "stage", then "lifecycle", then "status".
  // (Also the German, French, Spanish and Dutch words: Phase, Étape, Etapa, Fase, Status, Statut, Estado.)
  int stage_col = find_if_header([](const std::string& h) {
    return (Contains(h, "stage") || Contains(h, "phase") || Contains(h, "stufe") || Contains(h, "étape") ||
            Contains(h, "etapa") || Contains(h, "fase")) && !Contains(h, "date") && !Contains(h, "datum") &&
           !Contains(h, "fecha");
  });
  if (stage_col < 0) stage_col = find_if_header([](const std::string& h) {
    return Contains(h, "lifecycle") || Contains(h, "lebenszyklus") || Contains(h, "cycledevie") || Contains(h, "ciclodevida");
  });
  if (stage_col < 0) stage_col = find_if_header([](const std::string& h) {
    return (Contains(h, "status") || Contains(h, "statut") || Contains(h, "estado")) && !Contains(h, "date") &&
           !Contains(h, "datum") && !Contains(h, "fecha");
  });
  if (stage_col >= 0 && columns[static_cast<size_t>(stage_col)].type != ColumnType::kText) stage_col = -1;
  c.stage_column = HeaderAt(headers, stage_col);

  // Stage date columns: "<stage> date", "became a <stage> date", "date <stage>", "<stage>_at".
  struct DatedStage { std::string name; int col; int rank; };
  std::vector<DatedStage> dated;
  for (size_t i = 0; i < headers.size(); ++i) {
    if (columns[i].type != ColumnType::kDate) continue;
    std::string h = norm[i];
    for (const char* affix : {"becamean", "becamea", "date", "reached", "at", "time", "entered"}) {
      const std::string a = affix;
      if (h.size() > a.size() && h.compare(0, a.size(), a) == 0) h = h.substr(a.size());
      if (h.size() > a.size() && h.compare(h.size() - a.size(), a.size(), a) == 0) h = h.substr(0, h.size() - a.size());
    }
    const int rank = VocabularyRank(h);
    if (rank >= 0 && !Contains(norm[i], "created") && !Contains(norm[i], "create")) {
      dated.push_back({headers[i], static_cast<int>(i), rank});
    }
  }
  std::stable_sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) { return a.rank < b.rank; });

  // Stages: from the stage column's values (vocabulary order, unknown ones after in order of
  // appearance), merged with the dated stages.
  std::vector<std::pair<int, std::string>> ranked;  // rank, display name
  std::vector<std::string> unknown;
  size_t not_stages = 0;
  if (stage_col >= 0) {
    for (const auto& [key, raw] : SampleValues(sample, stage_col)) {
      if (IsLostValue(key)) {
        c.stage_values.push_back({key, -1, true});
        continue;
      }
      const int rank = VocabularyRank(key);
      if (rank >= 0) ranked.emplace_back(rank, raw);
      else if (raw.size() <= kMaxStageName && unknown.size() < kMaxNewStages) unknown.push_back(raw);
      else ++not_stages;
    }
  }
  for (const auto& d : dated) {
    const bool have = std::any_of(ranked.begin(), ranked.end(),
                                  [&](const auto& r) { return r.first == d.rank; });
    if (!have) {
      std::string name = d.name;
      for (const char* suffix : {" Date", " date", " At", " at", "_at", "_date"}) {
        const std::string s = suffix;
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) name.resize(name.size() - s.size());
      }
      ranked.emplace_back(d.rank, name);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<int> ranks;
  for (const auto& [rank, name] : ranked) {
    if (!ranks.empty() && ranks.back() == rank) {
      c.stage_values.push_back({NormalizeKey(name), static_cast<int>(c.stages.size()) - 1, false});
      continue;
    }
    c.stage_values.push_back({NormalizeKey(name), static_cast<int>(c.stages.size()), false});
    c.stages.push_back(name);
    ranks.push_back(rank);
  }
  if (!unknown.empty()) {
    const bool numbered = SortByNumber(unknown);
    // Unknown stage names go before the final stage when it is a "won" kind of stage.
    const bool last_is_won = !ranks.empty() && ranks.back() >= 12;
    std::vector<std::string> stages = c.stages;
    const size_t insert_at = last_is_won ? stages.size() - 1 : stages.size();
    stages.insert(stages.begin() + static_cast<long>(insert_at), unknown.begin(), unknown.end());
    c.stage_values.clear();
    for (size_t k = 0; k < stages.size(); ++k) c.stage_values.push_back({NormalizeKey(stages[k]), static_cast<int>(k), false});
    for (const auto& [key, raw] : SampleValues(sample, stage_col)) {
      if (IsLostValue(key)) c.stage_values.push_back({key, -1, true});
    }
    m.notes.push_back("Stage order guessed for: " + NameList(unknown) + (numbered ? " (by their numbers)" : "") +
                      ". Reorder stages in the mapping if needed.");
    c.stages = std::move(stages);
  }
  if (not_stages > 0) m.notes.push_back(NotStagesNote(not_stages));
  c.stage_date_columns.assign(c.stages.size(), "");
  for (const auto& d : dated) {
    for (size_t k = 0; k < c.stages.size(); ++k) {
      if (VocabularyRank(NormalizeKey(c.stages[k])) == d.rank && c.stage_date_columns[k].empty()) {
        c.stage_date_columns[k] = d.name;
        break;
      }
    }
  }

  c.created_column = HeaderAt(headers, FindCreatedDate(norm, columns));
  c.source_column = HeaderAt(headers, find_if_header([](const std::string& h) {
    return Contains(h, "source") || Contains(h, "channel") || Contains(h, "utmsource") || Contains(h, "medium") ||
           Contains(h, "quelle") || Contains(h, "herkunft") || Contains(h, "kanal") || Contains(h, "origine") ||
           Contains(h, "canal") || Contains(h, "fuente") || Contains(h, "origen") || Contains(h, "bron");
  }));
  for (ColumnType t : {ColumnType::kCurrency, ColumnType::kNumber}) {
    if (!c.amount_column.empty()) break;
    c.amount_column = HeaderAt(headers, find_if_header([](const std::string& h) {
      return Contains(h, "amount") || Contains(h, "value") || Contains(h, "revenue") ||
             Contains(h, "dealsize") || Contains(h, "price") || (Contains(h, "wert") && !Contains(h, "bewertung")) || Contains(h, "betrag") ||
             Contains(h, "umsatz") || Contains(h, "montant") || Contains(h, "valeur") || Contains(h, "importe") ||
             Contains(h, "valor") || Contains(h, "bedrag") || Contains(h, "waarde");
    }, t));
  }
  c.owner_column = HeaderAt(headers, find_if_header([](const std::string& h) {
    return Contains(h, "owner") || h == "rep" || Contains(h, "salesrep") || Contains(h, "assigned") ||
           Contains(h, "besitzer") || Contains(h, "inhaber") || Contains(h, "verantwortlich") ||
           Contains(h, "propriétaire") || Contains(h, "responsable") || Contains(h, "propietario") ||
           Contains(h, "eigenaar");
  }));
  c.won_column = HeaderAt(headers, find_if_header([](const std::string& h) {
    return h == "won" || h == "iswon" || h == "converted" || h == "isconverted";
  }, ColumnType::kBoolean));
  if (c.stages.empty()) {
    m.notes.push_back("No stage column or stage date columns found: choose them in the mapping.");
  }
  return m;
}

}  // namespace

bool IsPersonalColumn(std::string_view header) {
  const std::string h = NormalizeKey(header);
  static const char* kExact[] = {"name", "firstname", "lastname", "fullname", "contactname",
                                 "personname", "leadname", "surname", "givenname", "email",
                                 "emailaddress", "mail", "phone", "phonenumber", "mobile",
                                 "mobilephone", "mobilephonenumber", "telephone", "tel",
                                 "workphone", "homephone", "fax", "streetaddress", "address",
                                 "street", "linkedin", "linkedinurl", "ipaddress",
                                 // German, French, Spanish, Dutch
                                 "vorname", "nachname", "telefon", "handy", "mobil", "anschrift",
                                 "prénom", "nom", "nomdefamille", "téléphone", "courriel", "adresse",
                                 "nombre", "apellido", "apellidos", "teléfono", "telefono", "correo",
                                 "correoelectrónico", "dirección", "voornaam", "achternaam", "naam",
                                 "telefoon", "adres"};
  for (const char* e : kExact) {
    if (h == e) return true;
  }
  return Contains(h, "email") || Contains(h, "phone") || Contains(h, "firstname") ||
         Contains(h, "lastname") || Contains(h, "personname") || Contains(h, "contactname") ||
         Contains(h, "mobile") || Contains(h, "telefon") || Contains(h, "vorname") ||
         Contains(h, "nachname") || Contains(h, "téléphone") || Contains(h, "teléfono") ||
         Contains(h, "prénom");
}

std::string PresetLabel(std::string_view id) {
  for (const PresetDef& p : Presets()) {
    if (id == p.id) return p.label;
  }
  return id == "generic" ? "Generic" : std::string(id);
}

PresetMatch DetectMapping(const std::vector<std::string>& headers,
                          const std::vector<ColumnInfo>& columns,
                          const std::vector<std::vector<std::string>>& sample) {
  std::vector<std::string> norm;
  norm.reserve(headers.size());
  for (const auto& h : headers) norm.push_back(NormalizeKey(h));
  const PresetDef* best = nullptr;
  size_t best_matches = 0;
  for (const PresetDef& p : Presets()) {
    size_t matches = 0;
    for (const char* sig : p.signature) matches += FindHeader(norm, {sig}) >= 0;
    if (matches >= p.min_matches && matches > best_matches && FindHeader(norm, p.stage_column) >= 0) {
      best = &p;
      best_matches = matches;
    }
  }
  if (!best) return Generic(headers, norm, columns, sample);
  PresetMatch m = FromPreset(*best, headers, norm, sample);
  // Another CRM's export shaped like the preset's (Zoho's leads have Salesforce's Lead Source,
  // Lead Status and Lead Owner) may name its dates otherwise ("Created Time"). With no date
  // found, its created date is looked for as the generic mapping does: without one there would
  // be no time to convert, cohorts or trend.
  ColumnMapping& c = m.mapping;
  const bool dated = !c.created_column.empty() || !c.close_date_column.empty() ||
                     std::any_of(c.stage_date_columns.begin(), c.stage_date_columns.end(),
                                 [](const std::string& d) { return !d.empty(); });
  if (!dated) {
    if (const int i = FindCreatedDate(norm, columns); i >= 0) {
      c.created_column = headers[static_cast<size_t>(i)];
      m.notes.push_back("\"" + c.created_column + "\" is read as the date each record was created.");
    }
  }
  return m;
}

}  // namespace funnel
