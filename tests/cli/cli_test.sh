#!/usr/bin/env bash
# funnelplan CLI: the same numbers as the engine, clear errors, right exit codes.
set -u
bin="$1"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
passed=0 failed=0
check() {  # check NAME CONDITION...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}

# The sample starts in the current month; FUNNELPLAN_TODAY pins it so the months below are fixed.
check "sample-scenario starts this month" grep -q "\"start_month\": \"$(date +%Y-%m)\"" <("$bin" sample-scenario)
check "FUNNELPLAN_TODAY pins the start month" grep -q '"start_month": "2027-03"' <(FUNNELPLAN_TODAY=2027-03-31 "$bin" sample-scenario)
export FUNNELPLAN_TODAY=2026-01-15
"$bin" sample-scenario > "$dir/sample.json"
check "sample-scenario writes JSON" grep -q '"version": 1' "$dir/sample.json"

out="$("$bin" plan "$dir/sample.json")"; rc=$?
check "plan exits 0" test "$rc" -eq 0
check "table has 53,334 visitors" grep -Eq 'Visitor +2\.5 % +53,333\.33 +53,334' <<<"$out"
check "table has 40 customers" grep -Eq 'Customer +40\.00 +40$' <<<"$out"
check "month table ends with the totals" grep -Eq '^Total +53,334 +1,334 +534 +267 +160 +40$' <<<"$out"
check "month table customers add up to 40" test "$(awk '/^20[0-9][0-9]-[0-9][0-9]/ { s += $NF } END { print s }' <<<"$out")" -eq 40

json="$("$bin" plan "$dir/sample.json" --format json)"
check "json customers whole = 40" grep -q '"whole": 40' <<<"$json"
check "json is parseable" node -e 'const j=JSON.parse(require("fs").readFileSync(0,"utf8")); if(j.stages[1].whole!==1334) process.exit(1)' <<<"$json"

sed 's/"revenue_goal": 1000000.0/"revenue_goal": 0/' "$dir/sample.json" > "$dir/zero.json"
err="$("$bin" plan "$dir/zero.json" 2>&1 >/dev/null)"; rc=$?
check "goal 0 exits 1" test "$rc" -eq 1
check "goal 0 names the field" grep -q 'revenue_goal: Revenue goal must be greater than 0' <<<"$err"

echo '{"version": 1,' > "$dir/broken.json"
err="$("$bin" plan "$dir/broken.json" 2>&1)"; rc=$?
check "broken JSON exits 1" test "$rc" -eq 1
check "broken JSON says so" grep -q 'Not valid JSON' <<<"$err"

"$bin" plan "$dir/missing.json" 2>/dev/null; rc=$?
check "missing file exits 2" test "$rc" -eq 2
"$bin" plan "$dir/sample.json" --format xml 2>/dev/null; rc=$?
check "unknown format exits 2" test "$rc" -eq 2

csv="$("$bin" plan "$dir/sample.json" --format csv)"
check "csv has a header of stages" grep -q '^Month,Revenue goal,Visitor,Lead,MQL,SQL,Opportunity,Customer' <<<"$csv"
check "csv total row has the targets" grep -q '^Total,1000000.00,53334,1334,534,267,160,40' <<<"$csv"
check "csv months before the start are listed" grep -q '^2025-10,0.00,4445,112,0,0,0,0' <<<"$csv"
cat > "$dir/uncertain.json" <<'JSON'
{"version": 1, "revenue_goal": 100000, "deal_size": 10000, "stages": ["Lead", "Customer"],
 "steps": [{"rate": 0.4, "k": 40, "n": 100}], "uncertainty": {"seed": 3, "draws": 50000}}
JSON
out="$("$bin" plan "$dir/uncertain.json")"
check "uncertain plan prints leads at 90 % confidence" grep -Eq 'Lead needed: 2[56] \(50 %\), [0-9]+ \(80 %\), (29|30|31) \(90 % confidence\)' <<<"$out"

# --- analyze / generate ---------------------------------------------------------------
# A file is mapped and read in 16 MB steps, its pages dropped behind the importer; standard input
# is read whole. Both must read a 24 MB export the same way (only the source's name differs).
"$bin" generate hubspot-contacts --rows 150000 --seed 5 --output "$dir/big.csv"
check "a mapped file and standard input import alike" node -e '
  const [a, b] = process.argv.slice(1).map((t) => { const j = JSON.parse(t); delete j.source; return JSON.stringify(j); });
  if (a !== b || !a.includes("\"imported\":150000")) process.exit(1);' \
  "$("$bin" analyze "$dir/big.csv" --format json)" "$("$bin" analyze - --format json < "$dir/big.csv")"
rm -f "$dir/big.csv"
"$bin" generate hubspot-contacts --rows 500 --seed 9 --output "$dir/hs.csv"
check "generate writes a HubSpot header" grep -q '^"Record ID","First Name"' "$dir/hs.csv"
check "generate writes 500 rows" test "$(wc -l < "$dir/hs.csv")" -eq 501
"$bin" generate hubspot-contacts --rows 500 --seed 9 > "$dir/hs2.csv"
check "generate is deterministic" cmp -s "$dir/hs.csv" "$dir/hs2.csv"

out="$("$bin" analyze "$dir/hs.csv")"; rc=$?
check "analyze exits 0" test "$rc" -eq 0
check "analyze names the preset" grep -q 'HubSpot contacts (UTF-8, comma-separated)' <<<"$out"
check "analyze counts rows" grep -q '500 rows read, 500 imported, 0 rejected' <<<"$out"
check "analyze marks e-mail as personal" grep -Eq 'Email +text +personal data, not kept' <<<"$out"

json="$("$bin" analyze "$dir/hs.csv" --format json)"
check "analyze json: stage counts fall and start at 500" node -e '
  const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const r = j.stage_counts.map((s) => s.reached);
  if (j.preset.id !== "hubspot-contacts" || r[0] !== 500 || r.some((v, i) => i && v > r[i - 1])) process.exit(1);
  if (!j.columns.find((c) => c.name === "Email").personal) process.exit(1);' <<<"$json"
check "no personal data in the analysis" bash -c '! grep -q "@example.com" <<<"$1"' _ "$json"

printf 'Stage,Created
Lead,2024-01-01
MQL,2024-02-30
' > "$dir/bad.csv"
out="$("$bin" analyze "$dir/bad.csv")"
check "bad date reported with row and column" grep -q 'row 3, column "Created": "2024-02-30" is not a date' <<<"$out"
out="$(printf 'Stage	Created
Lead	3/5/2024
' | "$bin" analyze -)"
check "analyze reads standard input (a paste)" grep -q 'tab-separated' <<<"$out"
# Quality by source from the Lead stage, as on the Data tab. By hand: Ads has 3 records, 2 of
# them Leads (the Subscriber is not), 1 of which became a Customer: 50 %. Events: 1 Lead, no
# customer: 0 %. No lost status in the data: no win rate (every closed record would be a win).
out="$(printf 'Stage,Created,Source
Subscriber,2024-01-02,Ads
Lead,2024-01-05,Ads
Customer,2024-01-10,Ads
Lead,2024-02-03,Events
' | "$bin" analyze -)"
check "by source: records, entry-stage leads and the share going on" grep -Eq '^Ads +3 +2 +50 %$' <<<"$out"
check "by source: a source whose leads did not convert" grep -Eq '^Events +1 +1 +0 %$' <<<"$out"
check "no win rate without a lost status" bash -c '! grep -q "Win rate" <<<"$1"' _ "$out"
out="$(printf 'Stage,Created
Lead,2024-01-05
Customer,2024-01-10
Lost,2024-02-03
' | "$bin" analyze -)"
check "win rate with a lost status: 1 won of 2 closed" grep -q 'Win rate (won / (won + lost)): 50 % of 2 closed' <<<"$out"
: > "$dir/empty.csv"
"$bin" analyze "$dir/empty.csv" >/dev/null 2>&1; rc=$?
check "empty file exits 1" test "$rc" -eq 1
# A CRM's "Export to Excel" that is a web page with an .xls name: refused, with what it is and
# what to do, on standard error; no empty table on standard output.
printf '<html><body><table><tr><th>Lead Status</th><th>Create Date</th></tr><tr><td>Open</td><td>3/14/2025</td></tr></table></body></html>\n' > "$dir/report.xls"
out="$("$bin" analyze "$dir/report.xls" 2>"$dir/err.txt")"; rc=$?
check "an HTML .xls exits 1" test "$rc" -eq 1
check "an HTML .xls is named a web page, with what to do" grep -q 'report.xls: nothing could be imported' "$dir/err.txt"
check "... and why" grep -q 'This looks like a web page (HTML.*Download > CSV' "$dir/err.txt"
check "a failed import prints no empty table" test -z "$out"
"$bin" generate nosuchshape >/dev/null 2>&1; rc=$?
check "unknown shape exits 2" test "$rc" -eq 2

# --- track and forecast (docs/math.md, "Tracking and forecast": the same numbers as the engine tests) ---
# Plan: Lead →(50 %, lag 1) SQL →(40 %) Customer, $120,000 at $10,000 over January–March 2026.
cat > "$dir/track.json" <<'JSON'
{"version": 1, "name": "track", "currency": "USD", "revenue_goal": 120000, "deal_size": 10000,
 "stages": ["Lead", "SQL", "Customer"], "start_month": "2026-01", "horizon_months": 3,
 "steps": [{"rate": 0.5, "lag_months": 1}, {"rate": 0.4, "lag_months": 0}]}
JSON
{ echo "Lead Date,SQL Date"
  for i in $(seq 18); do echo "2025-12-05,"; done
  for i in $(seq 7); do echo "2026-01-10,2026-01-20"; done
  for i in $(seq 3); do echo "2026-01-10,2026-02-10"; done
  echo "2026-01-10,2026-02-14"; echo "2026-01-10,2026-02-15"
  for i in $(seq 10); do echo "2026-01-12,"; done
  for i in $(seq 9); do echo "2026-02-03,"; done
  echo "2026-02-20,"; } > "$dir/track.csv"
out="$(FUNNELPLAN_TODAY=2026-03-01 "$bin" track "$dir/track.json" "$dir/track.csv" --as-of 2026-02-14)"; rc=$?
check "track exits 0" test "$rc" -eq 0
check "track headline: pace and the cause" grep -q 'Lead 98 % of pace; SQL 73.3 % — conversion, not volume' <<<"$out"
check "track table: the running month's leads" grep -Eq '^2026-02\* +Lead +20 +9 +10\.0 +90 % +18\.0$' <<<"$out"
check "track gap: SQL all conversion" grep -Eq '^SQL +20 +20\.0 +15\.0 +0\.0 +-5\.0$' <<<"$out"
check "track names the stage without data" grep -q 'No date column in the export for Customer' <<<"$out"
json="$(FUNNELPLAN_TODAY=2026-03-01 "$bin" track "$dir/track.json" "$dir/track.csv" --as-of 2026-02-14 --format json)"
check "track json: months, pace, projection, gap" node -e '
  const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const feb = j.months[2], lead = feb.stages[0], sql = feb.stages[1];
  if (j.as_of !== "2026-02-14" || feb.month !== "2026-02" || !feb.running) process.exit(1);
  if (lead.name !== "Lead" || lead.planned !== 20 || lead.actual !== 9 || lead.expected_to_date !== 10 ||
      lead.pace !== 0.9 || lead.projected !== 18) process.exit(2);
  if (sql.actual !== 4 || sql.projected !== 8 || feb.stages[2].actual !== null) process.exit(3);
  if (j.gap[0].stage !== "SQL" || j.gap[0].volume !== 0 || j.gap[0].conversion !== -5) process.exit(4);
  if (j.totals[0].actual !== 49 || j.totals[1].planned !== 20) process.exit(5);' <<<"$json"
err="$(FUNNELPLAN_TODAY=2026-02-10 "$bin" track "$dir/track.json" "$dir/track.csv" --as-of 2026-02-14 2>&1)"; rc=$?
check "track: an as-of day after today exits 1" test "$rc" -eq 1
check "track: an as-of day after today is explained" grep -q 'is after today (2026-02-10)' <<<"$err"
err="$("$bin" track "$dir/track.json" "$dir/track.csv" --as-of 2026-02-31 2>&1)"; rc=$?
check "track: a bad as-of date exits 2" test "$rc" -eq 2
check "track: a bad as-of date says so" grep -q "is not a date (expected YYYY-MM-DD)" <<<"$err"

# Six opportunities: won at 10 days, lost at 20, open at 25, won and lost at 30, open at 40.
printf 'Stage,Opportunity Date,Proposal Date,Won Date,Amount
Won,2026-01-01,,2026-01-11,1000
Lost,2026-01-01,2026-01-21,,
Opportunity,2026-02-24,,,
Won,2026-01-01,2026-01-15,2026-01-31,3000
Lost,2026-01-01,2026-01-31,,
Opportunity,2026-02-09,,,
' > "$dir/six.csv"
out="$(FUNNELPLAN_TODAY=2026-03-21 "$bin" forecast "$dir/six.csv" --as-of 2026-03-21 --until 2026-03 --stage Opportunity)"; rc=$?
check "forecast exits 0" test "$rc" -eq 0
check "forecast: naive 1 win vs 1/3 censoring-aware" grep -q 'Naive (open x won / (won + lost)): 1.0 wins; censoring-aware: 0.3' <<<"$out"
check "forecast: lost records dated by their latest date" grep -q 'each dated by its latest date in the export: 2' <<<"$out"
json="$(FUNNELPLAN_TODAY=2026-03-21 "$bin" forecast "$dir/six.csv" --as-of 2026-03-21 --until 2026-03 --stage Opportunity --format json)"
check "forecast json: curves and the open pipeline" node -e '
  const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const o = j.open_pipeline, c = j.curve;
  if (j.horizon_days !== 10 || o.open !== 2 || Math.abs(o.expected_wins - 1 / 3) > 1e-12) process.exit(1);
  if (o.naive_expected_wins !== 1 || Math.abs(o.expected_revenue - 2000 / 3) > 1e-9) process.exit(2);
  if (c.length !== 3 || Math.abs(c[2].won - 7 / 18) > 1e-12 || Math.abs(c[2].won + c[2].lost + c[2].open - 1) > 1e-12) process.exit(3);
  if (j.records.beyond_curve !== 1 || "close_the_gap" in j) process.exit(4);' <<<"$json"
cat > "$dir/pipe.json" <<'JSON'
{"version": 1, "name": "pipeline", "currency": "USD", "revenue_goal": 8000, "deal_size": 2000,
 "stages": ["Lead", "Opportunity", "Won"], "start_month": "2026-03", "horizon_months": 2,
 "steps": [{"rate": 0.5, "lag_months": 0.25}, {"rate": 0.5, "lag_months": 0}],
 "channels": [{"name": "Search", "share": 0.5, "cost_per_lead": 50, "max_leads_per_month": 20},
              {"name": "Events", "share": 0.5, "cost_per_lead": 80}],
 "uncertainty": {"seed": 5, "draws": 20000}}
JSON
run_pipe() { FUNNELPLAN_TODAY=2026-03-21 "$bin" forecast "$dir/six.csv" --as-of 2026-03-21 --until 2026-04 --stage Opportunity --scenario "$dir/pipe.json" "$@"; }
json="$(run_pipe --format json)"; rc=$?
check "forecast with a scenario exits 0" test "$rc" -eq 0
check "forecast json: goal, P(goal) and closing the gap" node -e '
  const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const t = j.total, g = j.close_the_gap;
  if (t.goal !== 8000 || !(t.p_goal >= 0 && t.p_goal < 0.1) || !(t.p90 >= t.p50 && t.p50 >= t.p10)) process.exit(1);
  if (g.entry_stage !== "Lead" || g.months.length !== 2 || !g.months[0].can_help || g.months[1].can_help) process.exit(2);
  if (Math.abs(g.months[0].win_chance - 1 / 12) > 1e-12) process.exit(3);
  const l = g.levels[2];
  if (l.confidence !== 90 || l.leads_per_month !== Math.ceil(l.shortfall / (2000 / 12) - 1e-9)) process.exit(4);
  // The cheapest mix fills Search (cheaper) to its cap of 20 in the one month that helps.
  if (l.mix[0].channel !== "Search" || l.mix[0].leads !== 20 || l.cost !== 20 * 50 + (l.total_leads - 20) * 80) process.exit(5);' <<<"$json"
check "forecast is reproducible (seeded)" test "$json" = "$(run_pipe --format json)"
out="$(run_pipe)"
check "forecast table: months too late to help" grep -Eq '^  2026-04  0 %  too late to help$' <<<"$out"
cut -d, -f1-3,5 "$dir/six.csv" > "$dir/nowon.csv"
# Every CRM shape the importer knows: deal exports forecast revenue from their own amounts, a
# contacts export from its opportunity and customer dates; the censoring-aware estimate is below
# the naive one (open deals include old ones that will never close).
for shape in hubspot-deals salesforce-opportunities pipedrive-deals hubspot-contacts salesforce-leads spreadsheet; do
  "$bin" generate "$shape" --rows 2000 --seed 4 --output "$dir/$shape.csv"
  j="$(FUNNELPLAN_TODAY=2025-01-15 "$bin" forecast "$dir/$shape.csv" --as-of 2024-12-31 --until 2025-06 --format json)"; rc=$?
  check "forecast of a $shape export exits 0" test "$rc" -eq 0
  check "forecast of a $shape export: open records, fewer wins than the naive count" node -e '
    const j = JSON.parse(require("fs").readFileSync(0, "utf8")), o = j.open_pipeline;
    const revenue = process.argv[1].endsWith("deals") || process.argv[1].endsWith("opportunities");
    if (!(o.open > 0 && o.expected_wins > 0 && o.expected_wins < o.naive_expected_wins)) process.exit(1);
    if (revenue && !(o.expected_revenue > 0 && o.p10 <= o.p50 && o.p50 <= o.p90)) process.exit(2);' "$shape" <<<"$j"
done
err="$(FUNNELPLAN_TODAY=2026-03-21 "$bin" forecast "$dir/nowon.csv" --as-of 2026-03-21 --until 2026-04 2>&1)"; rc=$?
check "forecast without customer dates exits 1" test "$rc" -eq 1
check "forecast without customer dates names the stage" grep -q 'no date for the customer stage "Won"' <<<"$err"
err="$("$bin" forecast "$dir/six.csv" --as-of 2025-03-21 --until 2026-04 --stage Opportunity 2>&1)"; rc=$?
check "forecast before the data exits 1" test "$rc" -eq 1
check "forecast before the data is explained" grep -q "is before the data's first date 2026-01-01" <<<"$err"
"$bin" forecast "$dir/six.csv" --as-of 2026-03-21 >/dev/null 2>&1; rc=$?
check "forecast without --until exits 2" test "$rc" -eq 2
"$bin" generate salesforce-opportunities --rows 400 --seed 2 --output "$dir/opps.csv"
out="$(FUNNELPLAN_TODAY=2026-01-01 "$bin" forecast "$dir/opps.csv" --as-of 2024-12-31 --until 2025-03)"; rc=$?
check "forecast on a Salesforce opportunities export exits 0" test "$rc" -eq 0
check "forecast dates lost deals by their close date" grep -q 'Lost records dated by their close date' <<<"$out"

# --- hostile input: a message and exit 1, never an abort or raw control characters -------------
sed 's/"revenue_goal": 1000000.0/"revenue_goal": 1e400/' "$dir/sample.json" > "$dir/huge.json"
err="$("$bin" plan "$dir/huge.json" 2>&1 >/dev/null)"; rc=$?
check "1e400 exits 1 (not an abort)" test "$rc" -eq 1
check "1e400 says the number is too large" grep -q 'A number is too large' <<<"$err"
python3 -c 'import sys; d=100000; sys.stdout.write("{\"version\":1,\"x\":" + "["*d + "]"*d + "}")' > "$dir/deep.json"
err="$("$bin" plan "$dir/deep.json" 2>&1 >/dev/null)"; rc=$?
check "100,000 levels of nesting exit 1 (not a crash)" test "$rc" -eq 1
check "deep nesting says so" grep -q 'nested more than 64 levels' <<<"$err"
node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  j.data_mapping = {stages: ["Lead", "Customer"], stage_values: [{value: "Won", stage: 1, lost: "yes"}]};
  process.stdout.write(JSON.stringify(j));' "$dir/sample.json" > "$dir/lost.json"
err="$("$bin" plan "$dir/lost.json" 2>&1 >/dev/null)"; rc=$?
check "a string for lost exits 1" test "$rc" -eq 1
check "a string for lost names its path" grep -q 'data_mapping.stage_values\[0\].lost: Expected true or false' <<<"$err"
node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  j.seasonality = Array(j.horizon_months).fill(1.7e308);
  process.stdout.write(JSON.stringify(j));' "$dir/sample.json" > "$dir/season.json"
out="$("$bin" plan "$dir/season.json" --format csv 2>"$dir/season.err")"; rc=$?
check "seasonality near the largest double exits 1" test "$rc" -eq 1
check "seasonality near the largest double prints no nan" bash -c '! grep -qi nan <<<"$1"' _ "$out"
check "seasonality near the largest double names the field" grep -q 'seasonality\[0\]' "$dir/season.err"

# Names from a client's file: formulas defused in CSV, control characters shown, not sent.
node -e '
  const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  j.name = "Plan \u001b]0;owned\u0007 \u001b[31mred";
  j.stages = ["=cmd|\u0027 /C calc\u0027!A0", "+1", "@SUM(A1)", "-2", "Line\rbreak", "Customer"];
  process.stdout.write(JSON.stringify(j));' "$dir/sample.json" > "$dir/names.json"
csv="$("$bin" plan "$dir/names.json" --format csv)"
check "csv defuses =, +, @ and - names" grep -q "^Month,Revenue goal,'=cmd|' /C calc'!A0,'+1,'@SUM(A1),'-2," <<<"$csv"
check "csv quotes a carriage return inside a name" grep -q '"Line.break",Customer' <<<"$csv"
out="$("$bin" plan "$dir/names.json")"
check "plan table sends no escape character" bash -c '! grep -q $'"'"'\x1b'"'"' <<<"$1"' _ "$out"
check "plan table shows the escape as text" grep -qF 'Plan \x1b]0;owned\x07 \x1b[31mred' <<<"$out"
printf 'Stage,Created,Source\nLead,2024-01-01,\033[2Jwiped\nCustomer,2024-02-01,ok\n' > "$dir/escape.csv"
out="$("$bin" analyze "$dir/escape.csv")"
check "analyze table sends no escape character" bash -c '! grep -q $'"'"'\x1b'"'"' <<<"$1"' _ "$out"
check "analyze table shows the escape as text" grep -qF '\x1b[2Jwiped' <<<"$out"

# Excel workbooks: the same export as .xlsx (written by openpyxl) and as .csv count the same;
# from standard input too; a damaged workbook is refused with a reason and advice.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if /usr/bin/python3 "$here/tests/browser/make_xlsx.py" "$dir/xlsx" >/dev/null 2>&1; then
  counts() { node -e '
    const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
    process.stdout.write(JSON.stringify([j.rows.imported, j.stage_counts]));'; }
  from_csv="$("$bin" analyze "$dir/xlsx/contacts.csv" --format json | counts)"
  from_xlsx="$("$bin" analyze "$dir/xlsx/contacts.xlsx" --format json | counts)"
  check "a workbook counts as its CSV" test -n "$from_csv" -a "$from_csv" = "$from_xlsx"
  check "a workbook imports rows" grep -qE '^\[[1-9][0-9]*,' <<<"$from_xlsx"
  # Named as the workbook (and its sheet), not as the tab-separated text made from it.
  check "a workbook is reported as a workbook" grep -q '^.*contacts.xlsx (sheet "Contacts"): HubSpot contacts (Excel workbook)$' \
    <<<"$("$bin" analyze "$dir/xlsx/contacts.xlsx" | head -n 1)"
  check "a workbook's JSON says workbook: true" grep -q '"workbook": true' <<<"$("$bin" analyze "$dir/xlsx/contacts.xlsx" --format json)"
  check "a CSV's JSON says workbook: false" grep -q '"workbook": false' <<<"$("$bin" analyze "$dir/xlsx/contacts.csv" --format json)"
  check "a workbook from standard input counts as its CSV" test "$("$bin" analyze - --format json < "$dir/xlsx/contacts.xlsx" | counts)" = "$from_csv"
  head -c 2000 "$dir/xlsx/contacts.xlsx" > "$dir/cut.xlsx"
  err="$("$bin" analyze "$dir/cut.xlsx" 2>&1 >/dev/null)"; rc=$?
  check "a cut workbook exits 2 (cannot read)" test "$rc" -eq 2
  check "a cut workbook says why and what to do" grep -q 'as an Excel workbook: .*save or download it as CSV' <<<"$err"
else
  check "make_xlsx.py writes the test workbooks (python3-openpyxl)" false
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
