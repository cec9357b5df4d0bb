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
"$bin" generate nosuchshape >/dev/null 2>&1; rc=$?
check "unknown shape exits 2" test "$rc" -eq 2

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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
