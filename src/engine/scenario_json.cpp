#include "engine/scenario_json.hpp"

#include <nlohmann/json.hpp>

namespace funnel {
namespace {

using nlohmann::json;

std::string Dump(const json& j, int indent) {
  // Strings may come from user files: never throw on invalid UTF-8.
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

const char* TypeName(const json& j) { return j.type_name(); }

// Reads a finite number at obj[key]; records an error naming the field otherwise.
bool ReadNumber(const json& obj, const std::string& key, const std::string& field, double& out,
                std::vector<FieldError>& errors) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    errors.push_back({field, "Missing; expected a number"});
    return false;
  }
  if (!it->is_number()) {
    errors.push_back({field, std::string("Expected a number, got ") + TypeName(*it)});
    return false;
  }
  out = it->get<double>();
  return true;
}

}  // namespace

Result<LoadedScenario> ScenarioFromJson(std::string_view text) {
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return Result<LoadedScenario>::Fail("", std::string("Not valid JSON: ") + e.what());
  }
  if (!root.is_object()) {
    return Result<LoadedScenario>::Fail(
        "", std::string("Expected a JSON object (a scenario), got ") + TypeName(root));
  }

  std::vector<FieldError> errors;
  LoadedScenario out;
  Scenario& s = out.scenario;

  if (auto v = root.find("version"); v == root.end()) {
    errors.push_back({"version", "Missing; expected 1"});
  } else if (!v->is_number_integer() || v->get<long long>() != kScenarioVersion) {
    errors.push_back({"version", "Unsupported scenario version " + Dump(*v, -1) +
                                     "; this app reads version 1"});
  }

  auto read_string = [&](const char* key, std::string& dst, const char* fallback) {
    auto it = root.find(key);
    if (it == root.end()) {
      dst = fallback;
    } else if (it->is_string()) {
      dst = it->get<std::string>();
    } else {
      errors.push_back({key, std::string("Expected text, got ") + TypeName(*it)});
    }
  };
  read_string("name", s.name, "Untitled plan");
  read_string("currency", s.currency, "USD");
  ReadNumber(root, "revenue_goal", "revenue_goal", s.revenue_goal, errors);
  ReadNumber(root, "deal_size", "deal_size", s.deal_size, errors);

  if (auto it = root.find("stages"); it == root.end() || !it->is_array()) {
    errors.push_back({"stages", it == root.end()
                                    ? std::string("Missing; expected a list of stage names")
                                    : std::string("Expected a list of stage names, got ") +
                                          TypeName(*it)});
  } else {
    for (size_t i = 0; i < it->size(); ++i) {
      const json& st = (*it)[i];
      const std::string field = "stages[" + std::to_string(i) + "]";
      if (st.is_string()) {
        s.stages.push_back(st.get<std::string>());
      } else if (st.is_object() && st.contains("name") && st["name"].is_string()) {
        s.stages.push_back(st["name"].get<std::string>());
      } else {
        errors.push_back({field, std::string("Expected a stage name, got ") + TypeName(st)});
      }
    }
  }

  if (auto it = root.find("steps"); it == root.end() || !it->is_array()) {
    errors.push_back({"steps", it == root.end()
                                   ? std::string("Missing; expected a list of {\"rate\": …}")
                                   : std::string("Expected a list of steps, got ") +
                                         TypeName(*it)});
  } else {
    for (size_t i = 0; i < it->size(); ++i) {
      const json& st = (*it)[i];
      const std::string field = "steps[" + std::to_string(i) + "]";
      double rate = 0.0;
      if (st.is_number()) {
        rate = st.get<double>();
      } else if (st.is_object()) {
        if (!ReadNumber(st, "rate", field + ".rate", rate, errors)) continue;
      } else {
        errors.push_back({field, std::string("Expected {\"rate\": number}, got ") + TypeName(st)});
        continue;
      }
      s.step_rates.push_back(rate);
    }
  }

  static constexpr const char* kKnown[] = {"version", "name",   "currency",
                                           "revenue_goal", "deal_size", "stages", "steps"};
  for (auto it = root.begin(); it != root.end(); ++it) {
    bool known = false;
    for (const char* k : kKnown) known = known || it.key() == k;
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

std::string ScenarioToJson(const Scenario& s, int indent) {
  json j = json::object();
  j["version"] = kScenarioVersion;
  j["name"] = s.name;
  j["currency"] = s.currency;
  j["revenue_goal"] = s.revenue_goal;
  j["deal_size"] = s.deal_size;
  j["stages"] = s.stages;
  json steps = json::array();
  for (size_t i = 0; i < s.step_rates.size(); ++i) {
    json step = {{"rate", s.step_rates[i]}};
    if (i + 1 < s.stages.size()) {
      step["from"] = s.stages[i];
      step["to"] = s.stages[i + 1];
    }
    steps.push_back(std::move(step));
  }
  j["steps"] = std::move(steps);
  for (const auto& [key, value] : s.unknown_fields) {
    json v = json::parse(value, nullptr, false);
    if (!v.is_discarded()) j[key] = std::move(v);
  }
  return Dump(j, indent);
}

std::string PlanToJson(const Scenario& scenario, const Result<ReverseFunnel>& plan, int indent) {
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
  j["name"] = scenario.name;
  j["currency"] = scenario.currency;
  j["revenue_goal"] = scenario.revenue_goal;
  j["deal_size"] = scenario.deal_size;
  json stages = json::array();
  for (const StageTarget& t : plan->stages) {
    json st = {{"name", t.stage}, {"exact", t.exact}, {"whole", t.whole}};
    if (&t != &plan->stages.back()) st["rate_to_next"] = t.rate_to_next;
    stages.push_back(std::move(st));
  }
  j["stages"] = std::move(stages);
  j["customers"] = {{"exact", plan->stages.back().exact}, {"whole", plan->stages.back().whole}};
  return Dump(j, indent);
}

}  // namespace funnel
