# wuzha bench --json prints throughput and latency percentiles, and a baseline ratio.
source "$(dirname "$0")/lib.sh"
"$W" bench --json --events 30000 > b.json
for k in events_per_s p50_us p99_us p999_us ratio_to_baseline; do
  v=$(json_get b.json $k) || fail "missing $k"
  python3 -c "import sys; assert float(sys.argv[1])>0" "$v" || fail "$k=$v"
done
"$W" bench --json --events 30000 --workload ingest > i.json
[ "$(json_get i.json accepted)" = 30000 ] || fail "ingest workload accepted $(json_get i.json accepted)"
echo ok
