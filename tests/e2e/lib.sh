# Shared helpers for the end-to-end tests: each test is a bash script that gets the
# wuzha binary as $1 and works in a fresh temporary directory.
set -euo pipefail
W=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"
fail() { echo "FAIL: $*" >&2; exit 1; }
# json_get FILE KEY.PATH: prints a value from a JSON file (python3 is a build dependency).
json_get() { python3 -c "import json,sys
v=json.load(open(sys.argv[1]))
for k in sys.argv[2].split('.'): v=v[int(k)] if isinstance(v,list) else v[k]
print(v if not isinstance(v,(dict,list)) else json.dumps(v,sort_keys=True))" "$1" "$2"; }
