#include "engine/forecast/snapshot.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/common/calendar.hpp"
#include "engine/common/json_fields.hpp"

namespace funnel {

namespace {

using json = nlohmann::json;

json Finite(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

double Number(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_number() && std::isfinite(it->get<double>()) ? it->get<double>() : 0.0;
}

std::string Text(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<uint32_t> Daily(const json& o, const char* key) {
  std::vector<uint32_t> v;
  const auto it = o.find(key);
  if (it == o.end() || !it->is_array() || it->size() != static_cast<size_t>(kSnapshotDays)) return v;
  for (const json& x : *it) {
    if (!x.is_number_unsigned() || x.get<uint64_t>() > UINT32_MAX) return {};
    v.push_back(static_cast<uint32_t>(x.get<uint64_t>()));
  }
  return v;
}

}  // namespace

Snapshot MakeSnapshot(const ForecastReport& f, const TrackReport* track, std::string source, std::string plan, uint64_t records) {
  Snapshot s;
  s.as_of = f.as_of_label;
  s.source = std::move(source);
  s.plan = track ? std::move(plan) : std::string();
  s.records = records;
  if (track) {
    for (const StageTotal& t : track->totals) {
      if (t.has_data) s.stages.push_back({t.stage, t.planned, t.actual, t.expected_to_date, t.pace});
    }
  }
  s.pipeline_stage = f.stage;
  s.open = f.open;
  s.won = f.won;
  s.lost = f.lost;
  s.entered_daily = f.entered_daily;
  s.won_daily = f.won_daily;
  s.lost_daily = f.lost_daily;
  s.until = f.until_label;
  s.expected_revenue = f.total.expected_revenue;
  s.p10 = f.total.p10;
  s.p50 = f.total.p50;
  s.p90 = f.total.p90;
  s.p_goal = f.p_goal;
  return s;
}

size_t AddSnapshot(std::vector<Snapshot>& list, Snapshot s) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].as_of == s.as_of && list[i].source == s.source) {
      list[i] = std::move(s);
      return i;
    }
  }
  const auto at = std::upper_bound(list.begin(), list.end(), s.as_of, [](const std::string& day, const Snapshot& x) { return day < x.as_of; });
  size_t index = static_cast<size_t>(at - list.begin());
  list.insert(at, std::move(s));
  if (list.size() > kMaxSnapshots) {
    list.erase(list.begin());
    index = index > 0 ? index - 1 : 0;
  }
  return index;
}

Result<PipelineFlow> Flow(const Snapshot& a, const Snapshot& b) {
  using R = Result<PipelineFlow>;
  const auto day_a = ParseDayLabel(a.as_of), day_b = ParseDayLabel(b.as_of);
  if (!day_a || !day_b) return R::Fail("as_of", "A snapshot has no as-of day");
  if (*day_b <= *day_a) return R::Fail("as_of", "Choose an earlier snapshot first: " + a.as_of + " is not before " + b.as_of);
  if (a.pipeline_stage != b.pipeline_stage) {
    return R::Fail("stage", "The snapshots forecast from different stages (" + a.pipeline_stage + ", " + b.pipeline_stage +
                                "): their pipelines cannot be compared");
  }
  const int64_t span = *day_b - *day_a;
  if (span >= kSnapshotDays || b.entered_daily.size() != static_cast<size_t>(kSnapshotDays) ||
      b.won_daily.size() != static_cast<size_t>(kSnapshotDays) || b.lost_daily.size() != static_cast<size_t>(kSnapshotDays)) {
    return R::Fail("as_of", "The snapshots of " + a.as_of + " and " + b.as_of +
                                " are more than a year apart: the later one keeps daily counts for one year");
  }
  PipelineFlow f;
  f.from = a.as_of;
  f.to = b.as_of;
  f.start = static_cast<double>(a.open);
  f.end = static_cast<double>(b.open);
  // The later snapshot's last `span` days are the days after the earlier as-of day.
  for (size_t i = static_cast<size_t>(kSnapshotDays - span); i < static_cast<size_t>(kSnapshotDays); ++i) {
    f.entered += b.entered_daily[i];
    f.won += b.won_daily[i];
    f.lost += b.lost_daily[i];
  }
  f.moved = f.end - (f.start + f.entered - f.won - f.lost);
  return f;
}

std::string SnapshotsToJson(const std::vector<Snapshot>& list, int indent) {
  json out = json::array();
  for (const Snapshot& s : list) {
    json stages = json::array();
    for (const SnapshotStage& st : s.stages) {
      stages.push_back({{"name", st.name}, {"planned", Finite(st.planned)}, {"actual", Finite(st.actual)},
                        {"expected_to_date", Finite(st.expected_to_date)}, {"pace", st.pace ? Finite(*st.pace) : json(nullptr)}});
    }
    out.push_back({{"as_of", s.as_of}, {"source", s.source}, {"plan", s.plan}, {"records", s.records}, {"stages", stages},
                   {"pipeline", {{"stage", s.pipeline_stage}, {"open", s.open}, {"won", s.won}, {"lost", s.lost},
                                 {"entered_daily", s.entered_daily}, {"won_daily", s.won_daily}, {"lost_daily", s.lost_daily}}},
                   {"forecast", {{"until", s.until}, {"expected_revenue", Finite(s.expected_revenue)}, {"p10", Finite(s.p10)},
                                 {"p50", Finite(s.p50)}, {"p90", Finite(s.p90)}, {"p_goal", s.p_goal ? Finite(*s.p_goal) : json(nullptr)}}}});
  }
  return detail::DumpJson(out, indent);
}

Result<std::vector<Snapshot>> SnapshotsFromJson(std::string_view text, size_t* skipped) {
  using R = Result<std::vector<Snapshot>>;
  std::string error;
  const auto parsed = detail::ParseJson(text, 16u << 20, "snapshots", error);
  if (!parsed) return R::Fail("snapshots", error);
  if (!parsed->is_array()) return R::Fail("snapshots", "Snapshots are a list ([…])");
  std::vector<Snapshot> list;
  size_t bad = 0;
  for (const json& o : *parsed) {
    if (!o.is_object() || !ParseDayLabel(Text(o, "as_of"))) {
      ++bad;
      continue;
    }
    Snapshot s;
    s.as_of = Text(o, "as_of");
    s.source = Text(o, "source");
    s.plan = Text(o, "plan");
    s.records = static_cast<uint64_t>(std::max(0.0, Number(o, "records")));
    if (const auto st = o.find("stages"); st != o.end() && st->is_array()) {
      for (const json& x : *st) {
        if (!x.is_object()) continue;
        SnapshotStage stage{Text(x, "name"), Number(x, "planned"), Number(x, "actual"), Number(x, "expected_to_date"), std::nullopt};
        if (const auto p = x.find("pace"); p != x.end() && p->is_number()) stage.pace = p->get<double>();
        s.stages.push_back(std::move(stage));
      }
    }
    static const json kEmpty = json::object();
    const auto pipe = o.find("pipeline");
    const json& p = pipe != o.end() && pipe->is_object() ? *pipe : kEmpty;
    s.pipeline_stage = Text(p, "stage");
    s.open = static_cast<uint64_t>(std::max(0.0, Number(p, "open")));
    s.won = static_cast<uint64_t>(std::max(0.0, Number(p, "won")));
    s.lost = static_cast<uint64_t>(std::max(0.0, Number(p, "lost")));
    s.entered_daily = Daily(p, "entered_daily");
    s.won_daily = Daily(p, "won_daily");
    s.lost_daily = Daily(p, "lost_daily");
    const auto fc = o.find("forecast");
    const json& f = fc != o.end() && fc->is_object() ? *fc : kEmpty;
    s.until = Text(f, "until");
    s.expected_revenue = Number(f, "expected_revenue");
    s.p10 = Number(f, "p10");
    s.p50 = Number(f, "p50");
    s.p90 = Number(f, "p90");
    if (const auto g = f.find("p_goal"); g != f.end() && g->is_number()) s.p_goal = g->get<double>();
    AddSnapshot(list, std::move(s));
  }
  if (skipped) *skipped = bad;
  return list;
}

}  // namespace funnel
