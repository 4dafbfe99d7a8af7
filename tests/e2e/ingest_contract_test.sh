# wuzha ingest FILE... --quarantine Q.jsonl --json: summary fields, one quarantine line
# per bad record with file/line/field/reason/raw, and the exit code rule.
source "$(dirname "$0")/lib.sh"
printf '%s\n' 'not json' '{"type":"transfer","amount":"abc"}' '{"type":"no_such_event"}' > bad.jsonl
set +e; "$W" ingest bad.jsonl --quarantine q.jsonl --json > s.json; rc=$?; set -e
[ $rc -ne 0 ] || fail "exit code must be non-zero when nothing usable was read"
[ "$(json_get s.json read)" = 3 ] || fail "read"
[ "$(json_get s.json accepted)" = 0 ] || fail "accepted"
[ "$(json_get s.json quarantined)" = 3 ] || fail "quarantined"
[ "$(json_get s.json by_reason)" = '{"invalid_value": 1, "malformed": 1, "unknown_type": 1}' ] || fail "by_reason: $(json_get s.json by_reason)"
python3 - <<'PY' || fail "quarantine lines"
import json
rows=[json.loads(l) for l in open("q.jsonl")]
assert [r["line"] for r in rows]==[1,2,3], rows
assert all(r["file"]=="bad.jsonl" for r in rows)
assert rows[1]["field"]=="amount" and rows[1]["reason"]=="invalid_value"
assert rows[2]["field"]=="type" and rows[2]["reason"]=="unknown_type"
assert rows[0]["raw"]=="not json"
PY
# One good record among bad ones: exit 0, the good one accepted.
printf '%s\n' '{"type":"call","ts":1714537800000,"caller":"+86 138 0013 8000","callee":"027-88886666","duration_s":30}' >> bad.jsonl
"$W" ingest bad.jsonl --quarantine q.jsonl --json --out good.jsonl > s.json || fail "exit code must be 0 when something was accepted"
[ "$(json_get s.json accepted)" = 1 ] || fail "accepted after adding a good line"
grep -q '"caller":"8613800138000","callee":"862788886666"' good.jsonl || fail "normalized output: $(cat good.jsonl)"
# A GBK CSV export is detected and converted.
printf 'type,ts,account,person_id,name,bank,outlet\naccount_open,2024-05-01 09:00:00,6217002870012345678,420102199003071232,张伟,CCB,CCB-WH-031\n' | iconv -f UTF-8 -t GB18030 > opens.csv
"$W" ingest opens.csv --quarantine q2.jsonl --json --out opens.jsonl > s2.json
[ "$(json_get s2.json files.0.encoding)" = gbk ] || fail "GBK not detected"
grep -q '"name":"张伟"' opens.jsonl || fail "GBK name not converted: $(cat opens.jsonl)"
# A missing file is reported, the others still read.
"$W" ingest nope.jsonl bad.jsonl --quarantine q3.jsonl --json > s3.json || fail "one good file is enough"
[ "$(json_get s3.json files_failed)" = 1 ] || fail "files_failed"
echo ok
