#!/usr/bin/env bash
# Start-up: a one-file lint, as a pre-commit hook runs it, through the distribution's launcher, next to Squawk
# (npm squawk-cli: its node launcher, and the binary it wraps) on the same file, in the same hyperfine run; and the
# JVM's own floor (java -version with the same runtime and cache), and `lint --version` (the command line alone),
# which split SchemaGuard's time into JVM, command line, and analysis. Prints the load average before and after:
# the machine may be shared, so compare figures of one run only.
#
# With --java17 it also times the same jar on a Java 17 runtime linked from JDK17 (jlink) with a class-data archive
# of the same training run, dumped in place (a Java 17 archive names the jar's path: it cannot ship in a tarball).
#
# With --also NAME=TARBALL (repeatable) it also times the one-file lint of another distribution (an earlier commit's
# `mvn -B package`), in the same run: how each change moved the figure.
#
# Usage: bench/startup.sh [--runs N] [--warmup N] [--rounds N] [--java17] [--also NAME=TARBALL]...
# Environment: DIST (target/schemaguard/schemaguard-<version>-linux-x64.tar.gz), RUNS (30), WARMUP (3), ROUNDS (1: the whole
#              comparison N times in a row), SQUAWK_DIR (bench/out/squawk), REPORT (bench/out/startup.md),
#              JDK17 (/usr/lib/jvm/java-17-openjdk-amd64)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-30}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-1}
SQUAWK_DIR=${SQUAWK_DIR:-bench/out/squawk}
REPORT=${REPORT:-bench/out/startup.md}
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JAVA17=0
ALSO=()
usage() { sed -n '2,17s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --java17) JAVA17=1; shift ;;
    --also) ALSO+=("$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "startup: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

DIST=${DIST:-$(ls target/schemaguard/schemaguard-*-linux-x64.tar.gz 2>/dev/null | head -1)}
[ -n "$DIST" ] && [ -f "$DIST" ] || { echo "startup: no distribution; build it with mvn -B -DskipTests package" >&2; exit 2; }
if ! command -v hyperfine >/dev/null 2>&1; then
  echo "startup: installing hyperfine (apt)" >&2
  apt-get install -y -qq hyperfine >/dev/null
fi
if [ ! -x "$SQUAWK_DIR/node_modules/.bin/squawk" ]; then
  echo "startup: installing squawk-cli (npm)" >&2
  mkdir -p "$SQUAWK_DIR"
  (cd "$SQUAWK_DIR" && npm install --silent --no-audit --no-fund squawk-cli >/dev/null)
fi
squawk_npm="$(cd "$SQUAWK_DIR" && pwd)/node_modules/.bin/squawk"
squawk_bin=$(find "$(cd "$SQUAWK_DIR" && pwd)/node_modules/@squawk-cli" -path '*/bin/squawk' -type f | head -1)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$DIST"
home=$(echo "$work"/schemaguard-*)
cd "$work"
# One migration, findings from both tools (an index built without CONCURRENTLY).
printf 'CREATE INDEX users_email ON users (email);\n' > 0042_users_email.sql
launcher="$home/bin/schemaguard"
"$launcher" lint 0042_users_email.sql >/dev/null || [ $? -eq 1 ]
java_floor="$home/runtime/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:disable"
[ -f "$home/lib/schemaguard.aot" ] && java_floor="$java_floor -XX:AOTCache=$home/lib/schemaguard.aot"

also=()
for entry in "${ALSO[@]}"; do
  name=${entry%%=*} tarball=${entry#*=}
  case "$tarball" in /*) ;; *) tarball="$OLDPWD/$tarball" ;; esac
  dir="$work/also-${#also[@]}"
  mkdir -p "$dir"
  tar -C "$dir" -xzf "$tarball"
  other=$(echo "$dir"/schemaguard-*/bin/schemaguard)
  also+=(-n "schemaguard lint ($name)" "$other lint 0042_users_email.sql")
done

java17=()
if [ "$JAVA17" = 1 ]; then
  flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:disable)
  modules=$(sed -n 's/^MODULES="\(.*\)"/\1/p' "$home/runtime/release" | tr ' ' ',')
  "$JDK17/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
    --output "$work/java17" >/dev/null
  mkdir -p "$work/training/db/migrations"
  printf 'migrations:\n  path: db/migrations\n' > "$work/training/schemaguard.yml"
  printf 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n' > "$work/training/db/migrations/0001_users.sql"
  printf 'CREATE INDEX users_email ON users (email);\n' > "$work/training/db/migrations/0002_email.sql"
  "$work/java17/bin/java" "${flags[@]}" -XX:DumpLoadedClassList="$work/classes.lst" -cp "$home/lib/schemaguard.jar" \
    dev.schemaguard.cli.Main check --static "$work/training" >/dev/null || true
  "$work/java17/bin/java" "${flags[@]}" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
    -XX:SharedArchiveFile="$work/java17.jsa" -cp "$home/lib/schemaguard.jar" >/dev/null 2>&1
  java17=(-n "schemaguard lint (Java 17 runtime, class-data archive in place)"
    "$work/java17/bin/java ${flags[*]} -Xshare:on -XX:SharedArchiveFile=$work/java17.jsa -cp $home/lib/schemaguard.jar dev.schemaguard.cli.Main lint 0042_users_email.sql")
fi

case "$REPORT" in /*) report=$REPORT ;; *) report="$OLDPWD/$REPORT" ;; esac
mkdir -p "$(dirname "$report")"
{
  echo "One-file lint start-up, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores; runtime: $(sed -n 's/^JAVA_VERSION="\(.*\)"/Java \1/p' "$home/runtime/release"); squawk $("$squawk_npm" --version | awk '{print $2}'); $RUNS runs each after $WARMUP warm-up runs"
} > "$report"

for round in $(seq 1 "$ROUNDS"); do
  before=$(cut -d' ' -f1-3 /proc/loadavg)
  hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --ignore-failure --style none \
    --export-json "$work/round.json" \
    -n "schemaguard lint (distribution)" "$launcher lint 0042_users_email.sql" \
    -n "squawk (npm launcher)" "$squawk_npm 0042_users_email.sql" \
    -n "squawk (binary)" "$squawk_bin 0042_users_email.sql" \
    -n "java -version (same runtime and cache)" "$java_floor -version" \
    -n "schemaguard lint --version (command line only)" "$launcher lint --version" "${also[@]}" "${java17[@]}" >/dev/null
  after=$(cut -d' ' -f1-3 /proc/loadavg)
  python3 - "$work/round.json" "$round" "$before" "$after" >> "$report" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ms = lambda s: f"{s * 1000:.1f}"
squawk = next(r for r in results if r["command"] == "squawk (npm launcher)")["median"]
print(f"\nRound {sys.argv[2]} (load average before: {sys.argv[3]}; after: {sys.argv[4]})\n")
print("| command | median ms | mean ± σ ms | min ms | user ms | sys ms | median vs squawk (npm) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in results:
    print(f"| {r['command']} | {ms(r['median'])} | {ms(r['mean'])} ± {ms(r['stddev'])} | {ms(r['min'])} | "
          f"{ms(r['user'])} | {ms(r['system'])} | {r['median'] / squawk:.2f}× |")
PY
done
cat "$report"
