# wuzha trace on files: transfers in JSON Lines and in a bank's CSV statement (the same
# transfers twice, de-duplicated), victims named by transaction id or taken from report
# events, the JSON trace with its graph, the refund plan, and the usage errors.
source "$(dirname "$0")/lib.sh"
cat > transfers.jsonl <<'J'
{"type":"transfer","id":"T1","ts":1000,"from_account":"6222000000000001","to_account":"6222000000000100","amount_fen":600000}
{"type":"transfer","id":"T2","ts":2000,"from_account":"6222000000000002","to_account":"6222000000000100","amount_fen":400000}
{"type":"transfer","id":"T3","ts":3000,"from_account":"6222000000000100","to_account":"6222000000000200","amount_fen":500000}
{"type":"transfer","id":"T4","ts":4000,"from_account":"6222000000000200","amount_fen":100000,"channel":"atm"}
{"type":"report","id":"R1","ts":9000,"person_id":"429905198011055642","account":"6222000000000002","loss_fen":400000,"fraud_ts":2000,"fraud_type":"刷单返利"}
J
cat > statement.csv <<'C'
type,id,ts,from_account,to_account,amount_fen,channel
transfer,T3,3000,6222000000000100,6222000000000200,500000,mobile
transfer,T4,4000,6222000000000200,,100000,atm
C

"$W" trace transfers.jsonl statement.csv --victim v1=T1 --from-reports --quarantine q.jsonl \
    --json > trace.json 2> err.txt || fail "trace: $(cat err.txt)"
grep -q "2 duplicates dropped" err.txt || fail "the statement's rows are duplicates: $(cat err.txt)"
[ "$(json_get trace.json conserved)" = True ] || fail "conserved: $(cat trace.json)"
[ "$(json_get trace.json total.stolen_fen)" = 1000000 ] || fail "stolen: $(cat trace.json)"
# FIFO: A sends v1's money first; B's cash withdrawal is v1's.
[ "$(json_get trace.json total.held_fen)" = 900000 ] || fail "held: $(cat trace.json)"
[ "$(json_get trace.json exits.0.kind)" = cash ] || fail "exit: $(cat trace.json)"
python3 - trace.json <<'P' || fail "graph: $(cat trace.json)"
import json, sys
g = json.load(open(sys.argv[1]))["graph"]
ids = {n["id"] for n in g["nodes"]}
assert "a:6222000000000200" in ids and "x:cash" in ids, ids
assert all(e["from"] in ids and e["to"] in ids for e in g["edges"])
P

"$W" trace transfers.jsonl --victim v1=T1 --victim v2=T2 --policy pro_rata \
    --frozen 6222000000000100=500000 --refund-csv plan.csv --refund-json plan.json \
    --quarantine q.jsonl > out.txt 2> err.txt || fail "refunds: $(cat err.txt)"
grep -q "^v1,6222000000000100,300000,300000,taint_share,T1$" plan.csv || fail "plan: $(cat plan.csv)"
grep -q "^v2,6222000000000100,200000,200000,taint_share,T2$" plan.csv || fail "plan: $(cat plan.csv)"
[ "$(json_get plan.json conserved)" = True ] || fail "plan: $(cat plan.json)"

set +e
"$W" trace transfers.jsonl --victim v1=NOPE --quarantine q.jsonl > /dev/null 2> err.txt
[ $? = 2 ] || fail "an unknown transaction id is a usage error"
grep -q "no transfer with id 'NOPE'" err.txt || fail "message: $(cat err.txt)"
"$W" trace transfers.jsonl --victim v1=T1 --policy sideways --quarantine q.jsonl > /dev/null 2> err.txt
[ $? = 2 ] || fail "an unknown policy is a usage error"
"$W" trace transfers.jsonl --quarantine q.jsonl > /dev/null 2> err.txt
[ $? = 2 ] || fail "no victims is a usage error"
echo ok
