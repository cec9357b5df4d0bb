#include "engine/forecast/forecast_json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/common/json_fields.hpp"

namespace funnel {

namespace {

using json = nlohmann::json;

json Finite(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }
json Optional(const std::optional<double>& x) { return x ? Finite(*x) : json(nullptr); }

json Pipeline(const PipelineForecast& f, const char* count_name) {
  json j = {{count_name, Finite(f.records)},
            {"expected_wins", Finite(f.expected_wins)},
            {"expected_revenue", Finite(f.expected_revenue)},
            {"p10", Finite(f.p10)},
            {"p50", Finite(f.p50)},
            {"p90", Finite(f.p90)},
            {"wins", {{"p10", Finite(f.wins_p10)}, {"p50", Finite(f.wins_p50)}, {"p90", Finite(f.wins_p90)}}}};
  if (f.naive_expected_wins) j["naive_expected_wins"] = Finite(*f.naive_expected_wins);
  return j;
}

}  // namespace

std::string TrackToJson(const TrackReport& r, int indent) {
  json months = json::array();
  for (const TrackMonth& m : r.months) {
    json stages = json::array();
    for (size_t k = 0; k < m.stages.size() && k < r.stages.size(); ++k) {
      const TrackCell& c = m.stages[k];
      const bool data = r.data_stage[k] >= 0;
      stages.push_back({{"name", r.stages[k]},
                        {"planned", Finite(c.planned)},
                        {"actual", data ? Finite(c.actual) : json(nullptr)},
                        {"expected_to_date", Finite(c.expected_to_date)},
                        {"pace", Optional(c.pace)},
                        {"projected", data ? Finite(c.projected) : json(nullptr)}});
    }
    months.push_back({{"month", m.month}, {"running", m.running}, {"elapsed", Finite(m.elapsed)}, {"stages", stages}});
  }
  json gap = json::array();
  for (const StageGap& g : r.gap) {
    gap.push_back({{"stage", g.stage},
                   {"planned", Finite(g.planned)},
                   {"expected", Finite(g.expected)},
                   {"projected", Finite(g.projected)},
                   {"volume", Finite(g.volume)},
                   {"conversion", Finite(g.conversion)}});
  }
  json totals = json::array();
  for (const StageTotal& t : r.totals) {
    totals.push_back({{"stage", t.stage},
                      {"has_data", t.has_data},
                      {"planned", Finite(t.planned)},
                      {"actual", t.has_data ? Finite(t.actual) : json(nullptr)},
                      {"expected_to_date", Finite(t.expected_to_date)},
                      {"pace", Optional(t.pace)},
                      {"projected", t.has_data ? Finite(t.projected) : json(nullptr)}});
  }
  json stages = json::array();  // which stage of the export each plan stage was matched to
  for (size_t k = 0; k < r.stages.size() && k < r.export_stage.size(); ++k) {
    stages.push_back({{"name", r.stages[k]}, {"export_stage", r.export_stage[k].empty() ? json(nullptr) : json(r.export_stage[k])}});
  }
  const json j = {{"ok", true},       {"as_of", r.as_of_label}, {"stages", stages},       {"months", months},
                  {"gap", gap},       {"totals", totals},       {"headline", r.headline}, {"notes", r.notes}};
  return detail::DumpJson(j, indent);
}

std::string ForecastToJson(const ForecastReport& r, int indent) {
  json curve = json::array();
  for (size_t i = 0; i < r.curves.ages.size(); ++i) {
    curve.push_back({{"age_days", r.curves.ages[i]},
                     {"at_risk", r.curves.at_risk[i]},
                     {"won", Finite(r.curves.won[i])},
                     {"lost", Finite(r.curves.lost[i])},
                     {"open", Finite(r.curves.survival[i])}});
  }
  json total = Pipeline(r.total, "records");
  total["won_to_date"] = Finite(r.won_to_date);
  total["goal"] = Optional(r.goal);
  total["p_goal"] = Optional(r.p_goal);
  json j = {{"ok", true},
            {"as_of", r.as_of_label},
            {"until", r.until_label},
            {"stage", r.stage},
            {"horizon_days", r.horizon_days},
            {"records", {{"won", r.won}, {"lost", r.lost}, {"open", r.open}, {"beyond_curve", r.beyond_curve}}},
            {"average_deal", Finite(r.average_deal)},
            {"open_pipeline", Pipeline(r.open_pipeline, "open")},
            {"new_pipeline", Pipeline(r.new_pipeline, "records")},
            {"total", total},
            {"monte_carlo", {{"draws", r.draws}, {"seed", r.seed}}},
            {"curve", curve},
            {"notes", r.notes}};
  if (r.close_the_gap) {
    const CloseTheGap& g = *r.close_the_gap;
    json months = json::array();
    for (const GapMonth& m : g.months) {
      months.push_back({{"month", m.month}, {"win_chance", Finite(m.win_chance)}, {"can_help", m.can_help}});
    }
    json levels = json::array();
    for (const GapLevel& l : g.levels) {
      json mix = json::array();
      for (const ChannelResult& c : l.mix) {
        mix.push_back({{"channel", c.name}, {"leads", Finite(c.leads)}, {"whole_leads", Finite(c.whole_leads)}, {"cost", Finite(c.cost)}});
      }
      levels.push_back({{"confidence", l.confidence},
                        {"shortfall", Finite(l.shortfall)},
                        {"leads_per_month", Finite(l.leads_per_month)},
                        {"total_leads", Finite(l.total_leads)},
                        {"cost", Finite(l.cost)},
                        {"feasible", l.feasible},
                        {"mix", mix}});
    }
    j["close_the_gap"] = {{"entry_stage", g.entry_stage},
                          {"pipeline_stage", g.pipeline_stage},
                          {"entry_to_pipeline_rate", Finite(g.entry_to_pipeline_rate)},
                          {"lag_days", Finite(g.lag_days)},
                          {"months", months},
                          {"levels", levels}};
  }
  return detail::DumpJson(j, indent);
}

std::string ErrorsToJson(const std::vector<FieldError>& errors, int indent) {
  json list = json::array();
  for (const FieldError& e : errors) list.push_back({{"field", e.field}, {"message", e.message}});
  return detail::DumpJson(json{{"ok", false}, {"errors", list}}, indent);
}

}  // namespace funnel
