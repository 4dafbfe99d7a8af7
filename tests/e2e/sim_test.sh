# wuzha sim --seed S --population N --days D --out DIR: the same bytes (events, city,
# truth, summary) on any thread count, a different run for another seed, actions from a
# file (a bad line is exit 2 naming file:line), and every event file ingests cleanly.
source "$(dirname "$0")/lib.sh"
"$W" sim --seed 7 --population 3000 --days 1 --out A --threads 1 > a.txt
"$W" sim --seed 7 --population 3000 --days 1 --out B --threads 2 > b.txt
grep -q "events" a.txt || fail "no summary paragraph: $(cat a.txt)"
for f in events/call.jsonl events/transfer.jsonl city/residents.csv truth/gangs.jsonl \
         truth/victims.jsonl truth/money_paths.jsonl summary.json; do
  [ -f "A/$f" ] || fail "missing A/$f"
done
[ -d A/statements ] || fail "missing A/statements/"
diff -r A B > /dev/null || fail "1 vs 2 threads differ: $(diff -rq A B | head -5)"
[ "$(json_get A/summary.json seed)" = 7 ] || fail "summary seed"
[ "$(json_get A/summary.json population)" = 3000 ] || fail "summary population"
[ "$(json_get A/summary.json events.total)" -gt 10000 ] || fail "too few events"
[ "$(json_get A/summary.json wuhan_scale.fraud_sms_per_day.wuhan)" = 190000 ] || fail "wuhan ref"

# Another seed, another city and other events. Only the files the command owns are
# replaced in an existing directory.
mkdir -p C/events && echo keep > C/notes.txt && echo stale > C/events/stale.jsonl
"$W" sim --seed 8 --population 3000 --days 1 --out C > c.txt
! diff -rq A/events C/events > /dev/null || fail "seeds 7 and 8 gave the same events"
[ -f C/notes.txt ] || fail "a file the command does not own was removed"
[ ! -e C/events/stale.jsonl ] || fail "the previous run's events/ was not replaced"

# Actions: a statement request for one of the city's accounts, applied during the run.
account=$(python3 -c "import csv,sys
r=csv.DictReader(open('A/city/accounts.csv')); print(next(r)['account'])")
cat > actions.jsonl <<EOF
{"id":1,"kind":"request_statement","at":"2024-05-01T12:00:00+08:00","target":"$account"}

{"id":2,"kind":"block_number","at":1714536000000,"target":"8617012345678"}
EOF
"$W" sim --seed 7 --population 3000 --days 1 --out D --actions actions.jsonl > d.txt
[ "$(json_get D/summary.json counts.statements)" = 1 ] || fail "statement not delivered"
[ -f "D/statements/$account-1.csv" ] || fail "statement file: $(ls D/statements)"

# A malformed action is a usage error naming the file and line; nothing is simulated.
printf '%s\n' '{"id":1,"kind":"freeze","at":1714536000000,"target":"6222"}' \
              '{"id":2,"kind":"freeze","at":"noon","target":"6222"}' > bad.jsonl
set +e; "$W" sim --seed 7 --population 3000 --days 1 --out E --actions bad.jsonl 2> e.err; rc=$?; set -e
[ $rc = 2 ] || fail "bad action: exit $rc, want 2"
grep -q "bad.jsonl:2: .*'at'" e.err || fail "error must name file:line and field: $(cat e.err)"
[ ! -e E/events ] || fail "a run with bad actions must not write events"

# Every event and statement file is valid input: nothing quarantined, nothing lost.
"$W" ingest A/events/*.jsonl --quarantine q.jsonl --json --progress never > s.json
[ "$(json_get s.json quarantined)" = 0 ] || fail "events quarantined: $(head -3 q.jsonl)"
[ "$(json_get s.json accepted)" = "$(json_get A/summary.json events.total)" ] ||
  fail "ingest accepted $(json_get s.json accepted) of $(json_get A/summary.json events.total)"
"$W" ingest D/statements/*.csv --quarantine q2.jsonl --json --progress never > s2.json || true
[ "$(json_get s2.json quarantined)" = 0 ] || fail "statement rows quarantined: $(head -3 q2.jsonl)"
[ "$(json_get s2.json files_failed)" = 0 ] || fail "statement file not read: $(cat s2.json)"
echo ok
