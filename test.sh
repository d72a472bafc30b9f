#!/usr/bin/env bash
# Runs every test: the suite on SQLite, the suite on PostgreSQL (a private cluster on loopback), and the
# browser tests in Chromium. Installs what is missing on a fresh Debian machine (run as root).
# Ends with one line "N passed, N failed" (", N skipped" if any) adding up every run.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_install=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_install+=(postgresql)
command -v chromium >/dev/null 2>&1 || need_install+=(chromium)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "Installing ${need_install[*]} ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_install[@]}" >/dev/null || {
    echo "Could not install ${need_install[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# --- a private PostgreSQL cluster, always stopped at the end ---
PGDIR=$(mktemp -d /tmp/valueweb-pg.XXXXXX)
PGPORT=${VALUEWEB_TEST_PGPORT:-55432}
while (echo > /dev/tcp/127.0.0.1/$PGPORT) >/dev/null 2>&1; do PGPORT=$((PGPORT + 1)); done
chown postgres "$PGDIR"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_pg() {
  as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR"
}
trap stop_pg EXIT
as_postgres "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres >/dev/null || { echo "initdb failed"; echo "0 passed, 1 failed"; exit 1; }
as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" -l "$PGDIR/log" -w start >/dev/null \
  || { cat "$PGDIR/log"; echo "0 passed, 1 failed"; exit 1; }
export VALUEWEB_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Pooling=true;Maximum Pool Size=40"

# --- build once, check formatting ---
failed_steps=0
echo "== build"
dotnet build Valueweb.slnx -c Release -v q -nologo > /tmp/valueweb-build.log 2>&1
if [ $? != 0 ]; then grep -E "error|Error" /tmp/valueweb-build.log | sort -u | head -40; echo "build failed"; echo "0 passed, 1 failed"; exit 1; fi
echo "== format"
if ! dotnet format whitespace Valueweb.slnx --verify-no-changes -v q; then
  echo "FAILED: dotnet format whitespace found changes (run: dotnet format whitespace Valueweb.slnx)"; failed_steps=$((failed_steps + 1))
fi

passed=0; failed=0; skipped=0
RESULTS=$(mktemp -d /tmp/valueweb-results.XXXXXX)
run_suite() { # name project env...
  local name=$1 project=$2; shift 2
  echo "== $name"
  local log="$RESULTS/$name.log"
  env "$@" dotnet test "$project" -c Release --no-build -nologo ${TEST_LOGGER:+--logger "$TEST_LOGGER"} >"$log" 2>&1
  local rc=$?
  grep -E "^\s+Failed |^\s+Error Message|^\s+\[FAIL\]" -A 12 "$log" | head -200
  local line p f s
  line=$(grep -E "(Passed|Failed)!? +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+" "$log" | tail -1)
  if [ -n "$line" ]; then
    f=$(echo "$line" | sed -E 's/.*Failed: +([0-9]+).*/\1/'); p=$(echo "$line" | sed -E 's/.*Passed: +([0-9]+).*/\1/'); s=$(echo "$line" | sed -E 's/.*Skipped: +([0-9]+).*/\1/')
  elif grep -qE "^Total tests: +[0-9]+" "$log"; then # the console logger's long form
    p=$(grep -E "^ +Passed: +[0-9]+" "$log" | tail -1 | grep -oE "[0-9]+"); f=$(grep -E "^ +Failed: +[0-9]+" "$log" | tail -1 | grep -oE "[0-9]+")
    s=$(grep -E "^ +Skipped: +[0-9]+" "$log" | tail -1 | grep -oE "[0-9]+"); p=${p:-0}; f=${f:-0}; s=${s:-0}
  else
    echo "$name: no test summary (exit $rc)"; tail -40 "$log"; failed=$((failed + 1)); return
  fi
  echo "$name: $p passed, $f failed, $s skipped"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then echo "$name: exited $rc"; tail -40 "$log"; failed=$((failed + 1)); fi
}
TEST_LOGGER="console;verbosity=normal" run_suite matching tests/Valueweb.Matching.Tests
grep -h -m1 "^matching set:" "$RESULTS/matching.log" || echo "matching set: figures not printed"
run_suite sqlite tests/Valueweb.Tests VALUEWEB_TEST_ENGINE=sqlite
run_suite postgres tests/Valueweb.Tests VALUEWEB_TEST_ENGINE=postgres
run_suite browser tests/Valueweb.BrowserTests VALUEWEB_TEST_ENGINE=sqlite
rm -rf "$RESULTS"

failed=$((failed + failed_steps))
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" = 0 ]
