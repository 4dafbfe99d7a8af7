# wuzha's RPZ export in a real resolver: a small list goes through `wuzha lists import`
# and `wuzha lists export --format rpz`, an unprivileged unbound on a free high port of
# 127.0.0.1 loads the zone, and dig asks it. Listed domains and their subdomains get
# NXDOMAIN, an allowed subdomain of a listed one passes, an expired entry, a lookalike
# and unlisted names answer from local zones (no network needed). Then a refresh: export again,
# `unbound-control auth_zone_reload`, and the new domain is blocked. Needs unbound and
# dig (scripts/install-deps): skipped without them, failed when CI=true.
source "$(dirname "$0")/lib.sh"
for tool in unbound unbound-control dig; do
  if ! command -v "$tool" > /dev/null && ! [ -x "/usr/sbin/$tool" ]; then
    [ "${CI:-}" = true ] && fail "$tool is not installed (scripts/install-deps installs it)"
    echo "SKIP: $tool is not installed (scripts/install-deps installs it)"
    exit 77
  fi
done
PATH=$PATH:/usr/sbin
UNBOUND_PID=
cleanup() {
  if [ -n "$UNBOUND_PID" ]; then
    kill "$UNBOUND_PID" 2> /dev/null || true
    wait "$UNBOUND_PID" 2> /dev/null || true
  fi
  rm -rf "$T"
}
trap cleanup EXIT

L=lists
cat > block.txt << 'EOF'
scam-shop.example.com
phish.example.org
EOF
echo "ok.scam-shop.example.com" > allow.txt
cat > old.csv << 'EOF'
kind,type,value,source,fraud_type,first_seen,last_seen,expires
block,domain,expired.example.com,test,,1000,1000,2000
EOF
"$W" lists import --lists-dir "$L" --format plain --file block.txt --source test > /dev/null
"$W" lists import --lists-dir "$L" --format plain --file allow.txt --kind allow > /dev/null
"$W" lists import --lists-dir "$L" --format csv --file old.csv > /dev/null
"$W" lists export --lists-dir "$L" --format rpz --zone rpz.wuzha.test --out zone.rpz > /dev/null
grep -q '^scam-shop.example.com CNAME .$' zone.rpz || fail "zone: $(cat zone.rpz)"
if grep -q expired zone.rpz; then fail "an expired entry was exported"; fi

# Answers without a network: example.com from an auth-zone the iterator uses
# (for-upstream), so RPZ applies to it and an allowed name is really let through; the
# unlisted good.example.net from local-data. (Unbound answers local-data before RPZ: a
# name with local-data is never blocked, so the listed names must not have any.)
cat > example.com.zone << 'EOF'
$ORIGIN example.com.
$TTL 300
@ IN SOA ns.example.com. hostmaster.example.com. 1 3600 600 86400 300
@ IN NS ns.example.com.
ns IN A 192.0.2.53
scam-shop IN A 192.0.2.66
www.scam-shop IN A 192.0.2.66
ok.scam-shop IN A 192.0.2.11
expired IN A 192.0.2.12
xscam-shop IN A 192.0.2.13
later IN A 192.0.2.14
EOF
PORT=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > unbound.conf << EOF
server:
  interface: 127.0.0.1
  port: $PORT
  do-ip6: no
  chroot: ""
  username: ""
  directory: "$T"
  pidfile: "$T/unbound.pid"
  use-syslog: no
  logfile: ""
  verbosity: 1
  do-daemonize: no
  module-config: "respip validator iterator"
  access-control: 127.0.0.0/8 allow
  local-data: "good.example.net. 300 IN A 192.0.2.10"
auth-zone:
  name: "example.com."
  zonefile: "$T/example.com.zone"
  for-upstream: yes
  for-downstream: no
rpz:
  name: "rpz.wuzha.test."
  zonefile: "$T/zone.rpz"
  rpz-log: yes
  rpz-log-name: "wuzha"
remote-control:
  control-enable: yes
  control-interface: "$T/unbound.ctl"
  control-use-cert: no
EOF
unbound-checkconf unbound.conf > /dev/null || fail "unbound-checkconf: $(unbound-checkconf unbound.conf 2>&1)"
unbound -d -c unbound.conf > unbound.log 2>&1 &
UNBOUND_PID=$!

ask() { dig @127.0.0.1 -p "$PORT" +time=2 +tries=1 +noall +comments +answer "$1" A; }
status() { ask "$1" | sed -n 's/.*status: \([A-Z]*\).*/\1/p'; }
address() { dig @127.0.0.1 -p "$PORT" +time=2 +tries=1 +short "$1" A; }

for _ in $(seq 50); do
  kill -0 "$UNBOUND_PID" 2> /dev/null || fail "unbound exited: $(cat unbound.log)"
  [ "$(address good.example.net)" = 192.0.2.10 ] && break
  sleep 0.2
done
[ "$(address good.example.net)" = 192.0.2.10 ] || fail "unbound does not answer: $(cat unbound.log)"

[ "$(address ok.scam-shop.example.com)" = 192.0.2.11 ] || fail "the auth-zone does not answer: $(ask ok.scam-shop.example.com)"
[ "$(status scam-shop.example.com)" = NXDOMAIN ] || fail "listed domain: $(ask scam-shop.example.com)"
[ "$(status www.scam-shop.example.com)" = NXDOMAIN ] || fail "subdomain: $(ask www.scam-shop.example.com)"
[ "$(status a.b.phish.example.org)" = NXDOMAIN ] || fail "deep subdomain: $(ask a.b.phish.example.org)"
[ "$(address ok.scam-shop.example.com)" = 192.0.2.11 ] || fail "allowed subdomain: $(ask ok.scam-shop.example.com)"
[ "$(address expired.example.com)" = 192.0.2.12 ] || fail "expired entry: $(ask expired.example.com)"
[ "$(address xscam-shop.example.com)" = 192.0.2.13 ] || fail "lookalike name: $(ask xscam-shop.example.com)"
grep -q "rpz: applied \[wuzha\] scam-shop.example.com. rpz-nxdomain" unbound.log || fail "rpz log: $(cat unbound.log)"

# The refresh an operator runs from cron (docs/operations.md).
[ "$(address later.example.com)" = 192.0.2.14 ] || fail "before the refresh: $(ask later.example.com)"
echo "later.example.com" > later.txt
"$W" lists import --lists-dir "$L" --format plain --file later.txt > /dev/null
"$W" lists export --lists-dir "$L" --format rpz --zone rpz.wuzha.test --out zone.rpz > /dev/null
unbound-control -c unbound.conf auth_zone_reload rpz.wuzha.test > reload.txt 2>&1 || fail "reload: $(cat reload.txt)"
[ "$(status later.example.com)" = NXDOMAIN ] || fail "after the reload: $(ask later.example.com)"
[ "$(status scam-shop.example.com)" = NXDOMAIN ] || fail "after the reload: $(ask scam-shop.example.com)"
echo ok
