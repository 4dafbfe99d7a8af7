# wuzha config defaults prints a file that checks clean; errors name the key and line.
source "$(dirname "$0")/lib.sh"
"$W" config defaults > d.toml
"$W" config check d.toml > /dev/null || fail "defaults do not check"
printf '[pipeline]\nthreads = 2\nthread = 3\n' > bad.toml
set +e; "$W" config check bad.toml 2> err.txt; rc=$?; set -e
[ $rc -ne 0 ] || fail "unknown key accepted"
grep -q "bad.toml:3" err.txt && grep -q "pipeline.thread" err.txt || fail "message: $(cat err.txt)"
"$W" --config d.toml config show > shown.toml
"$W" config check shown.toml > /dev/null || fail "config show output does not check"

# A command that does not exist fails, even with --help (scripts probe with it).
set +e; "$W" nosuch --help > /dev/null 2>&1; rc=$?; set -e
[ $rc -eq 2 ] || fail "unknown command exit $rc"
"$W" ingest --help > /dev/null || fail "ingest --help"
echo ok
