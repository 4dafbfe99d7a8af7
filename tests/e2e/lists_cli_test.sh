# wuzha lists import / export / stats on the real domain lists of ../shared/data/domains:
# counts, persistence across runs (entries.csv + audit.jsonl), the allow list winning in
# the exports, round trips through RPZ and CSV, and the error messages.
source "$(dirname "$0")/lib.sh"
DATA=${WUZHA_SHARED_DATA_DIR:-$(dirname "$0")/../../../shared/data}/domains
if [ ! -d "$DATA" ]; then
  echo "SKIP: no real data at $DATA"
  exit 77
fi
L=lists
imp() { "$W" lists import --lists-dir "$L" --actor tester --json "$@" 2> err.txt; }

# Each real file in its format; the counts are those of docs/lists.md.
imp --format plain --file "$DATA/tw165_scam_sites.txt" --source tw165 --fraud-type investment > a.json
[ "$(json_get a.json lines)" = 27155 ] || fail "tw165 lines: $(cat a.json)"
[ "$(json_get a.json rejected)" = 3 ] || fail "tw165 rejected: $(cat a.json)"
[ $(( $(json_get a.json added) + $(json_get a.json duplicates) )) = 27149 ] || fail "tw165: $(cat a.json)"
grep -q "tw165_scam_sites.txt:[0-9]*: " err.txt || fail "rejected lines name file:line: $(cat err.txt)"
imp --format plain --file "$DATA/twnic_scam_sites.txt" --expires-days 30 > b.json
imp --format hosts --file "$DATA/blocklistproject_scam_hosts.txt" > c.json
[ "$(json_get c.json rejected)" = 0 ] || fail "hosts: $(cat c.json)"
imp --format plain --file "$DATA/scam_blocklist_raw_light.txt" > d.json
imp --format plain --file "$DATA/scam_blocklist_whitelist.txt" --kind allow > e.json
[ "$(json_get e.json kind)" = allow ] || fail "whitelist kind: $(cat e.json)"
[ "$(json_get e.json rejected)" = 7 ] || fail "whitelist: $(cat e.json)"
imp --format ranked --file "$DATA/tranco_top10k.csv" > f.json
[ "$(json_get f.json kind)" = protected ] || fail "ranked lists are protected brands: $(cat f.json)"
[ "$(json_get f.json added)" = 10000 ] || fail "tranco: $(cat f.json)"

# Importing the same file again changes nothing and writes no audit record.
records=$(wc -l < "$L/audit.jsonl")
imp --format ranked --file "$DATA/tranco_top10k.csv" > f2.json
[ "$(json_get f2.json added)" = 0 ] && [ "$(json_get f2.json updated)" = 0 ] || fail "re-import: $(cat f2.json)"
[ "$(json_get f2.json unchanged)" = 10000 ] || fail "re-import: $(cat f2.json)"
[ "$(wc -l < "$L/audit.jsonl")" = "$records" ] || fail "re-import wrote audit records"

# Stats read the directory back: every import is there, and so is the audit log.
"$W" lists stats --lists-dir "$L" --json > s.json
total=0
for f in a b c d e f; do total=$(( total + $(json_get $f.json added) )); done
[ "$(json_get s.json entries)" = "$total" ] || fail "stats entries $(json_get s.json entries) != $total"
[ "$(json_get s.json audit.records)" = "$records" ] || fail "audit records: $(cat s.json)"
[ "$(json_get s.json audit.last_actor)" = tester ] || fail "actor: $(cat s.json)"
[ "$(json_get s.json by_kind.protected.domain)" = 10000 ] || fail "by kind: $(cat s.json)"
[ "$(json_get s.json by_kind.allow.domain)" = "$(json_get e.json added)" ] || fail "allow: $(cat s.json)"
[ "$(json_get s.json by_kind.block.url)" -gt 1000 ] || fail "tw165 #path= URLs: $(cat s.json)"
# The last list that names an entry is its source; a fraud type stays once given.
[ "$(json_get s.json by_source.tw165)" -le "$(json_get a.json added)" ] || fail "by source: $(cat s.json)"
[ "$(json_get s.json by_source.tw165)" -gt 26000 ] || fail "by source: $(cat s.json)"
[ "$(json_get s.json by_fraud_type.investment)" = "$(json_get a.json added)" ] || fail "fraud: $(cat s.json)"
[ "$(json_get s.json snapshot_memory_bytes)" -gt 0 ] || fail "memory: $(cat s.json)"
[ "$(json_get s.json expired)" = 0 ] || fail "expired: $(cat s.json)"
"$W" lists stats --lists-dir "$L" | grep -q "audit log: $records records" || fail "stats text"
grep -q '"actor":"tester","op":"add"' "$L/audit.jsonl" || fail "audit.jsonl: $(head -1 "$L/audit.jsonl")"

# RPZ: a zone a server can load; blocks and the allow list as passthru, and a block domain
# under an allowed one left out (the whitelist allows google.com and its subdomains).
"$W" lists export --lists-dir "$L" --format rpz --out zone.rpz > /dev/null
grep -q '^\$ORIGIN rpz.wuzha.local.$' zone.rpz || fail "zone origin"
grep -q '^0857.games CNAME .$' zone.rpz || fail "tw165 domain missing from the zone"
grep -q '^\*.0857.games CNAME .$' zone.rpz || fail "subdomain rule missing"
grep -q '^google.com CNAME rpz-passthru.$' zone.rpz || fail "allow list missing"
if grep -Eq '^([a-z0-9_-]+\.)*google\.com CNAME \.$' zone.rpz; then fail "a block rule under an allowed domain"; fi
if command -v named-checkzone > /dev/null; then
  named-checkzone -q rpz.wuzha.local zone.rpz || fail "named-checkzone refuses the zone"
fi
blocks=$(grep -c '^[^*;$@ ][^ ]* CNAME \.$' zone.rpz)
"$W" lists import --lists-dir rpz-back --format rpz --file zone.rpz --json > r.json
[ "$(json_get r.json rejected)" = 0 ] || fail "zone does not read back: $(cat r.json)"
"$W" lists stats --lists-dir rpz-back --json > rs.json
[ "$(json_get rs.json by_kind.block.domain)" = "$blocks" ] || fail "rpz round trip: $(cat rs.json)"

# CSV: the whole lists, read back into another directory, give the same figures.
"$W" lists export --lists-dir "$L" --format csv --out all.csv > /dev/null
"$W" lists import --lists-dir csv-back --format csv --file all.csv --json > cb.json
"$W" lists stats --lists-dir csv-back --json > cs.json
for k in entries by_kind by_source by_fraud_type; do
  [ "$(json_get cs.json $k)" = "$(json_get s.json $k)" ] || fail "csv round trip differs in $k"
done
# --kind and --type select among a CSV's rows.
"$W" lists import --lists-dir csv-allow --format csv --file all.csv --kind allow --json > ca.json
[ "$(json_get ca.json added)" = "$(json_get e.json added)" ] || fail "csv --kind: $(cat ca.json)"

# hosts and plain: block domains by default, allowed ones left out.
"$W" lists export --lists-dir "$L" --format hosts > hosts.txt
grep -q '^0.0.0.0 0857.games$' hosts.txt || fail "hosts export"
[ "$(wc -l < hosts.txt)" = "$blocks" ] || fail "hosts export has $(wc -l < hosts.txt) lines, zone $blocks"
"$W" lists export --lists-dir "$L" --format plain --kind protected > top.txt
[ "$(wc -l < top.txt)" = 10000 ] || fail "plain export of the protected list"

# A plain list of numbers with --type, expiring.
printf '+86 138 0013 8000\n027-8888 6666 # a landline\n13912345678\nnot a number\n' > numbers.txt
imp --format plain --type number --file numbers.txt --expires-days 7 > n.json
[ "$(json_get n.json added)" = 3 ] && [ "$(json_get n.json rejected)" = 1 ] || fail "numbers: $(cat n.json)"
grep -q "numbers.txt:4: " err.txt || fail "numbers error: $(cat err.txt)"
"$W" lists export --lists-dir "$L" --format plain --type number > numbers.out
[ "$(sort numbers.out | tr '\n' ' ')" = "8613800138000 8613912345678 862788886666 " ] || fail "numbers: $(cat numbers.out)"
"$W" lists stats --lists-dir "$L" --json --phone-db "$DATA/../phone/phone2region.zdb" > p.json
[ "$(json_get p.json phone_regions.located)" = 2 ] || fail "phone regions: $(cat p.json)"

# Errors: name the path or the valid choices; usage errors exit 2, a missing lists dir 1.
set +e
"$W" lists import --lists-dir "$L" --format plain --file nosuch.txt 2> e1.txt; rc1=$?
"$W" lists import --lists-dir "$L" --format xml --file numbers.txt 2> e2.txt; rc2=$?
"$W" lists export --lists-dir nowhere --format rpz 2> e3.txt; rc3=$?
"$W" lists import --lists-dir "$L" --format hosts --type number --file numbers.txt 2> e4.txt; rc4=$?
"$W" lists import --lists-dir "$L" --format csv --file numbers.txt 2> e5.txt; rc5=$?
set -e
[ $rc1 = 2 ] && grep -q "nosuch.txt" e1.txt || fail "missing file: $rc1 $(cat e1.txt)"
[ $rc2 = 2 ] && grep -q "csv, hosts, plain, ranked, rpz" e2.txt || fail "bad format: $rc2 $(cat e2.txt)"
[ $rc3 = 1 ] && grep -q "nowhere" e3.txt || fail "missing lists dir: $rc3 $(cat e3.txt)"
[ $rc4 = 2 ] || fail "--type number for hosts: $rc4 $(cat e4.txt)"
[ $rc5 = 1 ] && grep -q "every line was rejected" e5.txt || fail "wrong format: $rc5 $(cat e5.txt)"

# The lists directory holds the two files (and the writers' lock), no temporary file.
[ "$(ls -A "$L" | tr '\n' ' ')" = ".lock audit.jsonl entries.csv " ] || fail "lists dir: $(ls -A "$L")"
echo ok
