# wuzha run gives the same output, byte for byte, on 1, 2 and 8 threads, and the same
# as its own output hash says.
source "$(dirname "$0")/lib.sh"
# A small demo city (simulated feeds) plus the demo's damaged feed and GBK CSV.
"$W" demo --out city --population 5000 --days 1 --events 20000 --seed 3 > demo.txt 2>&1
for t in 1 2 8; do
  "$W" run city/sim/events/*.jsonl city/dirty_feed.jsonl city/dirty_account_open.csv \
      --threads $t --out out$t.jsonl --quarantine q$t.jsonl --json > r$t.json
done
[ "$(json_get r1.json pipeline.processed)" -gt 50000 ] || fail "too few events processed"
cmp out1.jsonl out2.jsonl || fail "1 vs 2 threads differ"
cmp out1.jsonl out8.jsonl || fail "1 vs 8 threads differ"
cmp q1.jsonl q8.jsonl || fail "quarantine differs across threads"
[ "$(json_get r1.json output_hash)" = "$(json_get r8.json output_hash)" ] || fail "hash"
# Events come out in event-time order.
python3 - <<'PY' || fail "output not in event-time order"
import json
ts=[json.loads(l)["ts"] for l in open("out1.jsonl") if l.startswith('{"type"')]
assert ts==sorted(ts) and len(ts)>50000
PY
echo ok
