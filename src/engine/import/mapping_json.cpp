#include "engine/import/mapping_json.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>

#include "engine/common/json_fields.hpp"

namespace funnel {
namespace {

using nlohmann::json;

json RulesJson(const std::vector<StageValueRule>& rules) {
  json out = json::array();
  for (const auto& r : rules) out.push_back({{"value", r.value}, {"stage", r.stage}, {"lost", r.lost}});
  return out;
}

json MappingJson(const ColumnMapping& m) {
  return {{"preset", m.preset},
          {"stages", m.stages},
          {"stage_column", m.stage_column},
          {"stage_values", RulesJson(m.stage_values)},
          {"status_column", m.status_column},
          {"status_values", RulesJson(m.status_values)},
          {"stage_date_columns", m.stage_date_columns},
          {"created_column", m.created_column},
          {"close_date_column", m.close_date_column},
          {"won_column", m.won_column},
          {"closed_column", m.closed_column},
          {"source_column", m.source_column},
          {"amount_column", m.amount_column},
          {"owner_column", m.owner_column},
          {"dated_only", m.dated_only}};
}

}  // namespace

std::string MappingToJson(const ColumnMapping& mapping, int indent) { return detail::DumpJson(MappingJson(mapping), indent); }

namespace {

// Reads a mapping object; errors are named "mapping.stage_values[2].lost" and so on.
ColumnMapping ReadMapping(const detail::FieldReader& r) {
  ColumnMapping m;
  auto rules = [&](const char* key, std::vector<StageValueRule>& dst) {
    r.EachObject(key, [&](const detail::FieldReader& item, size_t) {
      StageValueRule rule;
      if (!item.Get("value")) item.Fail("value", "Missing; expected the value as text");
      item.Text("value", rule.value);
      rule.value = NormalizeKey(rule.value);
      item.Integer("stage", rule.stage);
      item.Bool("lost", rule.lost);
      dst.push_back(std::move(rule));
    });
  };
  r.Text("preset", m.preset);
  r.Texts("stages", m.stages);
  r.Text("stage_column", m.stage_column);
  rules("stage_values", m.stage_values);
  r.Text("status_column", m.status_column);
  rules("status_values", m.status_values);
  r.Texts("stage_date_columns", m.stage_date_columns);
  r.Text("created_column", m.created_column);
  r.Text("close_date_column", m.close_date_column);
  r.Text("won_column", m.won_column);
  r.Text("closed_column", m.closed_column);
  r.Text("source_column", m.source_column);
  r.Text("amount_column", m.amount_column);
  r.Text("owner_column", m.owner_column);
  r.Bool("dated_only", m.dated_only);
  // The lead table keeps a stage index in one byte and a plan has at most 64 stages.
  if (m.stages.size() > kMaxMappingStages) {
    r.Fail("stages", "A mapping can have at most " + std::to_string(kMaxMappingStages) + " stages, got " +
                         std::to_string(m.stages.size()));
    m.stages.resize(kMaxMappingStages);
  }
  for (const auto& [key, list] : {std::pair{"stage_values", &m.stage_values}, std::pair{"status_values", &m.status_values}}) {
    for (size_t i = 0; i < list->size(); ++i) {
      const StageValueRule& rule = (*list)[i];
      if (rule.stage < -1 || rule.stage >= static_cast<int>(m.stages.size())) {
        r.Fail(std::string(key) + "[" + std::to_string(i) + "].stage",
               "Value \"" + rule.value + "\" points at stage " + std::to_string(rule.stage) + " but there are " +
                   std::to_string(m.stages.size()) + " stages");
      }
    }
  }
  return m;
}

}  // namespace

Result<ColumnMapping> MappingFromJson(std::string_view text) {
  try {
    std::string parse_error;
    const std::optional<json> j = detail::ParseJson(text, kMaxMappingBytes, "a column mapping", parse_error);
    if (!j) return Result<ColumnMapping>::Fail("mapping", parse_error);
    if (!j->is_object()) return Result<ColumnMapping>::Fail("mapping", "Expected a JSON object");
    std::vector<FieldError> errors;
    ColumnMapping m = ReadMapping({*j, "mapping.", errors});
    if (!errors.empty()) return errors;
    return m;
  } catch (const std::exception& e) {
    return Result<ColumnMapping>::Fail("mapping", std::string("Could not read the mapping: ") + e.what());
  }
}

}  // namespace funnel
