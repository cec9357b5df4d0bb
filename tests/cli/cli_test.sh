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

"$bin" sample-scenario > "$dir/sample.json"
check "sample-scenario writes JSON" grep -q '"version": 1' "$dir/sample.json"

out="$("$bin" plan "$dir/sample.json")"; rc=$?
check "plan exits 0" test "$rc" -eq 0
check "table has 53,334 visitors" grep -Eq 'Visitor +2\.5 % +53,333\.33 +53,334' <<<"$out"
check "table has 40 customers" grep -Eq 'Customer +40\.00 +40$' <<<"$out"

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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
