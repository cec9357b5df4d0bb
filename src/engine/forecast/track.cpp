#include "engine/forecast/track.hpp"

#include <algorithm>
#include <cmath>

#include "engine/common/calendar.hpp"
#include "engine/common/format.hpp"
#include "engine/import/column_mapping.hpp"
#include "engine/plan/plan.hpp"

namespace funnel {

namespace {

int64_t MonthOf(Minutes time) {
  int y, m, d;
  CivilFromDays(FloorDiv(time, kMinutesPerDay), y, m, d);
  return MonthIndex(y, m);
}

int64_t DaysInMonth(int64_t month_index) {
  const int y = static_cast<int>(FloorDiv(month_index, 12)), m = static_cast<int>(month_index - FloorDiv(month_index, 12) * 12) + 1;
  const int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
  return DaysFromCivil(ny, nm, 1) - DaysFromCivil(y, m, 1);
}

std::optional<double> Ratio(double a, double b) {
  if (b > 0.0) return a / b;
  return std::nullopt;
}

}  // namespace

std::string DayLabel(Minutes time) {
  int y, m, d;
  CivilFromDays(FloorDiv(time, kMinutesPerDay), y, m, d);
  std::string s = MonthLabel(MonthIndex(y, m)) + "-";
  if (d < 10) s += '0';
  return s + std::to_string(d);
}

std::optional<Minutes> DayStart(std::string_view text) {
  const auto day = ParseDayLabel(text);
  if (!day) return std::nullopt;
  return static_cast<Minutes>(*day * kMinutesPerDay);
}

std::vector<int> MatchStages(const std::vector<std::string>& plan_stages, const std::vector<std::string>& data_stages) {
  std::vector<int> match(plan_stages.size(), -1);
  for (size_t k = 0; k < plan_stages.size(); ++k) {
    const std::string key = NormalizeKey(plan_stages[k]);
    for (size_t d = 0; d < data_stages.size() && !key.empty(); ++d) {
      if (NormalizeKey(data_stages[d]) == key) {
        match[k] = static_cast<int>(d);
        break;
      }
    }
  }
  return match;
}

Result<TrackReport> Track(const Scenario& s, const LeadTable& t, Minutes as_of, Minutes today) {
  if (std::vector<FieldError> errors = ValidateScenario(s); !errors.empty()) return errors;
  if (as_of == kNoDate) return Result<TrackReport>::Fail("as_of", "Tracking needs an as-of day");
  TrackReport r;
  r.as_of = as_of;
  r.as_of_label = DayLabel(as_of);
  r.stages = s.stages;
  if (today != kNoDate && FloorDiv(as_of, kMinutesPerDay) > FloorDiv(today, kMinutesPerDay)) {
    return Result<TrackReport>::Fail("as_of", "The as-of day " + r.as_of_label + " is after today (" + DayLabel(today) +
                                                  "): an export cannot show the future; choose today or an earlier day");
  }
  const MonthlyPlan plan = PlanByMonth(s);
  const int64_t plan_first = MonthIndex(s.start_year, s.start_month) + plan.first_offset;
  const int64_t plan_last = plan_first + static_cast<int64_t>(plan.months.size()) - 1;
  const int64_t as_of_month = MonthOf(as_of);
  if (as_of_month < plan_first) {
    return Result<TrackReport>::Fail("as_of", "The as-of day " + r.as_of_label + " is before the plan's first month " +
                                                  plan.months.front() + ": nothing is planned yet to track");
  }
  // The as-of day counts as elapsed: records dated before the next midnight happened.
  const int64_t cutoff = (FloorDiv(as_of, kMinutesPerDay) + 1) * kMinutesPerDay;

  // Plan stages → the export's dated stages.
  r.data_stage = MatchStages(s.stages, t.stages);
  const size_t n = s.stages.size();
  std::vector<const std::vector<Minutes>*> dates(n, nullptr);
  std::string missing, dated;
  for (size_t k = 0; k < n; ++k) {
    const int d = r.data_stage[k];
    if (d >= 0 && static_cast<size_t>(d) < t.stage_date.size() && t.stage_date[static_cast<size_t>(d)].size() == t.rows &&
        t.rows > 0) {
      dates[k] = &t.stage_date[static_cast<size_t>(d)];
    } else {
      r.data_stage[k] = -1;
      missing += (missing.empty() ? "" : ", ") + s.stages[k];
    }
  }
  for (size_t d = 0; d < t.stages.size() && d < t.stage_date.size(); ++d) {
    if (!t.stage_date[d].empty()) dated += (dated.empty() ? "" : ", ") + t.stages[d];
  }
  if (std::none_of(dates.begin(), dates.end(), [](const auto* p) { return p != nullptr; })) {
    return Result<TrackReport>::Fail("stages", "None of the plan's stages has a date column in the export (stages with dates: " +
                                                   (dated.empty() ? std::string("none") : dated) +
                                                   "); name the plan's stages as the mapping names the export's stages");
  }
  for (size_t k = 0; k < n; ++k) {
    r.export_stage.push_back(r.data_stage[k] >= 0 ? t.stages[static_cast<size_t>(r.data_stage[k])] : std::string());
  }
  if (!missing.empty()) r.notes.push_back("No date column in the export for " + missing + ": no actuals for it.");

  // Earliest date in the data: an as-of day before it is refused, not silently tracked.
  Minutes first_date = kNoDate;
  for (const auto* col : dates) {
    if (!col) continue;
    for (Minutes m : *col) {
      if (m != kNoDate && (first_date == kNoDate || m < first_date)) first_date = m;
    }
  }
  if (first_date == kNoDate) {
    return Result<TrackReport>::Fail("as_of", "The export has no dates for the plan's stages: nothing to track");
  }
  if (first_date >= cutoff) {
    return Result<TrackReport>::Fail("as_of", "The as-of day " + r.as_of_label + " is before the data's first date " +
                                                  DayLabel(first_date) + ": nothing had happened yet");
  }

  // Counts per stage and month, from `lo` (far enough back for every step's lag) to the as-of month.
  const int64_t last = std::min(as_of_month, plan_last);
  if (as_of_month > plan_last) {
    r.notes.push_back("The as-of day is after the plan's last month " + plan.months.back() + ": every month is finished.");
  }
  const int64_t lo = plan_first - 122;  // lags are at most 120 months, spread over two
  const size_t span = static_cast<size_t>(last - lo + 1);
  std::vector<std::vector<double>> count(n, std::vector<double>(span, 0.0));
  uint64_t after_as_of = 0;
  for (size_t k = 0; k < n; ++k) {
    if (!dates[k]) continue;
    for (Minutes m : *dates[k]) {
      if (m == kNoDate) continue;
      if (m >= cutoff) {
        ++after_as_of;
        continue;
      }
      const int64_t mi = MonthOf(m);
      if (mi >= lo && mi <= last) count[k][static_cast<size_t>(mi - lo)] += 1.0;
    }
  }
  if (after_as_of > 0) {
    r.notes.push_back("Stage dates after the as-of day " + r.as_of_label + ", not counted: " +
                      FormatNumber(static_cast<double>(after_as_of), 0) + ".");
  }
  int y, mo, d;
  CivilFromDays(FloorDiv(as_of, kMinutesPerDay), y, mo, d);
  const double running_share = static_cast<double>(d) / static_cast<double>(DaysInMonth(as_of_month));
  // Within-month pacing (docs/math.md, "Pacing within the month"): the share of a stage's
  // records that had arrived by the same point of their month over the 12 full months before
  // the as-of month, when those hold at least 3 months with records and 60 records; else the
  // calendar share.
  r.running_share.assign(n, running_share);
  r.pacing_from_history.assign(n, false);
  for (size_t k = 0; k < n; ++k) {
    if (!dates[k]) continue;
    double early = 0.0, total = 0.0;
    std::vector<bool> seen(12, false);
    for (Minutes m : *dates[k]) {
      if (m == kNoDate) continue;
      const int64_t mi = MonthOf(m);
      if (mi >= as_of_month || mi < as_of_month - 12) continue;
      int ry, rm, rd;
      CivilFromDays(FloorDiv(m, kMinutesPerDay), ry, rm, rd);
      total += 1.0;
      seen[static_cast<size_t>(as_of_month - 1 - mi)] = true;
      if (static_cast<double>(rd) / static_cast<double>(DaysInMonth(mi)) <= running_share) early += 1.0;
    }
    if (std::count(seen.begin(), seen.end(), true) >= 3 && total >= 60.0 && early > 0.0) {
      r.running_share[k] = early / total;
      r.pacing_from_history[k] = true;
    }
  }
  std::string paced;
  for (size_t k = 0; k < n && as_of_month <= last; ++k) {
    if (r.pacing_from_history[k]) {
      paced += (paced.empty() ? "" : "; ") + s.stages[k] + " " + FormatPercent(r.running_share[k], 0);
    }
  }
  if (!paced.empty()) {
    r.notes.push_back("The running month expects by day " + std::to_string(d) + " the share that had arrived by then in the last 12 months (" +
                      paced + "; the calendar share is " + FormatPercent(running_share, 0) + ").");
  }
  auto elapsed_of = [&](size_t k, int64_t mi) { return mi == as_of_month ? r.running_share[k] : 1.0; };
  // Month-end projection of a stage's count in month mi.
  auto projected = [&](size_t k, int64_t mi) {
    if (mi < lo || mi > last) return 0.0;
    return count[k][static_cast<size_t>(mi - lo)] / elapsed_of(k, mi);
  };

  r.totals.resize(n);
  for (size_t k = 0; k < n; ++k) {
    r.totals[k].stage = s.stages[k];
    r.totals[k].has_data = dates[k] != nullptr;
  }
  for (int64_t mi = plan_first; mi <= last; ++mi) {
    TrackMonth tm;
    const size_t col = static_cast<size_t>(mi - plan_first);
    tm.month = plan.months[col];
    tm.running = mi == as_of_month;
    tm.elapsed = mi == as_of_month ? running_share : 1.0;
    for (size_t k = 0; k < n; ++k) {
      TrackCell c;
      c.planned = plan.whole[k][col];
      c.expected_to_date = c.planned * elapsed_of(k, mi);
      if (dates[k]) {
        c.actual = count[k][static_cast<size_t>(mi - lo)];
        c.pace = Ratio(c.actual, c.expected_to_date);
        c.projected = projected(k, mi);
      }
      StageTotal& total = r.totals[k];
      total.planned += c.planned;
      total.actual += c.actual;
      total.expected_to_date += c.expected_to_date;
      total.projected += c.projected;
      tm.stages.push_back(c);
    }
    r.months.push_back(std::move(tm));
  }
  for (StageTotal& total : r.totals) {
    if (total.has_data) total.pace = Ratio(total.actual, total.expected_to_date);
  }

  // Volume vs conversion (docs/math.md, "Gap: volume and conversion"): the plan's rate and lag
  // of the step into stage k, applied to the upstream stage's month-end projections.
  const size_t entry = EntryStageIndex(s);
  for (size_t k = entry + 1; k < n; ++k) {
    if (!dates[k] || !dates[k - 1]) continue;
    const Step& step = s.steps[k - 1];
    const std::vector<double> shares = LagShares(step);  // a lag w + f: 1 − f at w, f at w + 1
    StageGap g;
    g.stage = s.stages[k];
    g.stage_index = k;
    for (int64_t mi = plan_first; mi <= last; ++mi) {
      for (size_t j = 0; j < shares.size(); ++j) g.expected += step.rate * shares[j] * projected(k - 1, mi - static_cast<int64_t>(j));
    }
    g.planned = r.totals[k].planned;
    g.projected = r.totals[k].projected;
    g.volume = g.expected - g.planned;
    g.conversion = g.projected - g.expected;
    r.gap.push_back(g);
  }

  // Headline: the entry stage's pace, then the later stage furthest behind and why.
  size_t lead = n;
  if (dates[entry] && r.totals[entry].pace) lead = entry;
  for (size_t k = 0; k < n && lead == n; ++k) {
    if (r.totals[k].pace) lead = k;
  }
  if (lead < n) {
    r.headline = s.stages[lead] + " " + FormatPercent(*r.totals[lead].pace, 1) + " of pace";
    const StageGap* worst = nullptr;
    double worst_pace = 1.0;
    for (const StageGap& g : r.gap) {
      const size_t k = g.stage_index;
      if (r.totals[k].pace && *r.totals[k].pace < worst_pace) {
        worst_pace = *r.totals[k].pace;
        worst = &g;
      }
    }
    if (worst) {
      std::string why;
      if (worst->conversion < 0.0 && worst->volume >= 0.0) why = "conversion, not volume";
      else if (worst->volume < 0.0 && worst->conversion >= 0.0) why = "volume, not conversion";
      else if (worst->volume < 0.0 && worst->conversion < 0.0) why = worst->conversion < worst->volume ? "mostly conversion" : "mostly volume";
      r.headline += "; " + worst->stage + " " + FormatPercent(worst_pace, 1) + (why.empty() ? "" : " \xE2\x80\x94 " + why);
    } else if (std::all_of(r.totals.begin(), r.totals.end(), [](const StageTotal& x) { return !x.pace || *x.pace >= 1.0; })) {
      r.headline += "; every stage on pace";
    }
  }
  return r;
}

}  // namespace funnel
