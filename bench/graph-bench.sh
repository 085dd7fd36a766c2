#!/usr/bin/env bash
# Times `schemaguard graph` on a synthetic 100,000-revision Alembic history, as whole processes,
# next to baselines measured in the same run: JVM start (the CLI's --version) and reading the
# same files with find | xargs cat. Prints a Markdown table (also saved to bench/out/graph-bench.md).
#
# Usage: bench/graph-bench.sh [--runs N] [--warmup N] [--sql] [--no-hyperfine] [--regenerate]
# Environment: RUNS, WARMUP, REVISIONS, SEED, LAUNCHER (./schemaguard), JAR (target/schemaguard/schemaguard.jar),
#              JAVA (java), REPORT (bench/out/graph-bench.md)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-10}
WARMUP=${WARMUP:-1}
REVISIONS=${REVISIONS:-100000}
SEED=${SEED:-1}
LAUNCHER=${LAUNCHER:-./schemaguard}
JAR=${JAR:-target/schemaguard/schemaguard.jar}
JAVA=${JAVA:-java}
REPORT=${REPORT:-bench/out/graph-bench.md}
WITH_SQL=0
USE_HYPERFINE=1
REGENERATE=0

usage() { sed -n '2,8s/^# \{0,1\}//p' "$0"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --sql) WITH_SQL=1; shift ;;
        --no-hyperfine) USE_HYPERFINE=0; shift ;;
        --regenerate) REGENERATE=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "graph-bench: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case "$RUNS$WARMUP" in *[!0-9]*) echo "graph-bench: --runs and --warmup take whole numbers" >&2; exit 2 ;; esac
[ "$RUNS" -ge 1 ] || { echo "graph-bench: --runs must be at least 1" >&2; exit 2; }

if [ $((REVISIONS % 1000)) -eq 0 ]; then SIZE="$((REVISIONS / 1000))k"; else SIZE=$REVISIONS; fi

log() { echo "graph-bench: $*" >&2; }

# ---------------------------------------------------------------- the histories

# ensure FORMAT DIR SUBDIR EXT: generate DIR unless it holds the expected number of files.
ensure() {
    local format=$1 dir=$2 sub=$3 ext=$4 want=$REVISIONS have=0
    [ "$format" = sql ] && want=$((REVISIONS * 2))
    if [ "$REGENERATE" = 0 ] && [ -f "$dir/.schemaguard-bench" ] && [ -f "$dir/schemaguard.yml" ]; then
        have=$(find "$dir/$sub" -name "*.$ext" | wc -l)
    fi
    if [ "$have" -ne "$want" ]; then
        log "generating $dir ($REVISIONS $format revisions, seed $SEED)"
        python3 bench/gen-alembic-history.py --format "$format" -n "$REVISIONS" --seed "$SEED" \
            --out "$dir" >&2
    fi
}

ALEMBIC_DIR=bench/out/alembic-$SIZE
SQL_DIR=bench/out/sql-$SIZE
ensure alembic "$ALEMBIC_DIR" alembic/versions py
[ "$WITH_SQL" = 1 ] && ensure sql "$SQL_DIR" db/migrations sql

# ---------------------------------------------------------------- the commands

NAMES=()      # short names, in table order
declare -A CMD LABEL
SKIPPED=()    # "label: reason"
FAILED=0

add() { # add NAME LABEL COMMAND
    NAMES+=("$1"); LABEL[$1]=$2; CMD[$1]=$3
}

# Run a command once, untimed: it must succeed (and, for graph, print JSON) before it is timed.
check() { # check NAME [json]
    local name=$1 out err
    out=$(mktemp) err=$(mktemp)
    if ! (eval "${CMD[$name]}") >"$out" 2>"$err"; then
        log "${LABEL[$name]} failed: ${CMD[$name]}"
        tail -n 20 "$err" >&2
        rm -f "$out" "$err"
        return 1
    fi
    if [ "${2:-}" = json ] && ! python3 -c 'import json, sys; json.load(sys.stdin)' <"$out" 2>/dev/null; then
        log "${LABEL[$name]} did not print JSON: ${CMD[$name]}"
        head -c 2000 "$out" >&2
        rm -f "$out" "$err"
        return 1
    fi
    log "${LABEL[$name]}: ok ($(wc -c <"$out") bytes of output)"
    rm -f "$out" "$err"
}

if [ -x "$LAUNCHER" ]; then
    add graph "schemaguard graph (alembic)" "$LAUNCHER graph $ALEMBIC_DIR --format json"
    [ "$WITH_SQL" = 1 ] && add graph_sql "schemaguard graph (sql)" "$LAUNCHER graph $SQL_DIR --format json"
else
    SKIPPED+=("schemaguard graph: launcher $LAUNCHER not found or not executable")
    FAILED=1
fi
if ! command -v "$JAVA" >/dev/null 2>&1; then
    SKIPPED+=("JVM start: $JAVA not found")
elif [ ! -f "$JAR" ]; then
    SKIPPED+=("JVM start: $JAR not found (build it with mvn package)")
else
    add jvm "JVM start (--version)" "$JAVA -cp $JAR dev.schemaguard.cli.Main --version"
fi
add read "read files (alembic)" "find $ALEMBIC_DIR/alembic/versions -name '*.py' -print0 | xargs -0 cat > /dev/null"
[ "$WITH_SQL" = 1 ] && add read_sql "read files (sql)" "find $SQL_DIR/db/migrations -name '*.sql' -print0 | xargs -0 cat > /dev/null"

TIMED=()
for name in "${NAMES[@]}"; do
    kind=""; case "$name" in graph*) kind=json ;; esac
    if check "$name" $kind; then
        TIMED+=("$name")
    else
        SKIPPED+=("${LABEL[$name]}: failed, see above")
        FAILED=1
    fi
done

# ---------------------------------------------------------------- timing

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ "$USE_HYPERFINE" = 1 ] && command -v hyperfine >/dev/null 2>&1; then
    TIMER="hyperfine $(hyperfine --version | awk '{print $2}')"
else
    TIMER="bash loop (round-robin, \$EPOCHREALTIME)"
    USE_HYPERFINE=0
fi
log "timing ${#TIMED[@]} command(s), $WARMUP warm-up + $RUNS runs each, with $TIMER"

if [ "${#TIMED[@]}" -gt 0 ]; then
    if [ "$USE_HYPERFINE" = 1 ]; then
        args=()
        for name in ${TIMED[@]+"${TIMED[@]}"}; do args+=(--command-name "$name" "${CMD[$name]}"); done
        hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic \
            --export-json "$WORK/hyperfine.json" "${args[@]}" >&2
    else
        now() {
            if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi
        }
        for ((i = 0; i < WARMUP; i++)); do
            for name in "${TIMED[@]}"; do (eval "${CMD[$name]}") >/dev/null 2>&1 || true; done
        done
        # round-robin, so drift on a noisy machine hits every command alike
        for ((i = 1; i <= RUNS; i++)); do
            for name in "${TIMED[@]}"; do
                start=$(now)
                if ! (eval "${CMD[$name]}") >/dev/null 2>"$WORK/stderr"; then
                    log "${LABEL[$name]} failed on run $i: ${CMD[$name]}"
                    tail -n 20 "$WORK/stderr" >&2
                    exit 1
                fi
                end=$(now)
                echo "$start $end" >>"$WORK/$name.times"
            done
            log "run $i/$RUNS done"
        done
    fi
fi

# ---------------------------------------------------------------- report

files=$(find "$ALEMBIC_DIR/alembic/versions" -name '*.py' | wc -l)
bytes=$(find "$ALEMBIC_DIR/alembic/versions" -name '*.py' -printf '%s\n' | awk '{s += $1} END {print s}')
java_version=$({ "$JAVA" -version 2>&1 || echo "no java"; } | sed -n 1p)

ROWS=$(for n in ${TIMED[@]+"${TIMED[@]}"}; do printf '%s\t%s\t%s\n' "$n" "${LABEL[$n]}" "${CMD[$n]}"; done)
export WORK USE_HYPERFINE ROWS
{
    echo "## SchemaGuard graph benchmark"
    echo
    echo "- when: $(date -u '+%Y-%m-%d %H:%M:%S UTC'); machine: $(uname -srm), $(nproc) CPUs; $java_version"
    echo "- history: \`$ALEMBIC_DIR\`, $files revision files, $((bytes / 1024 / 1024)) MiB (seed $SEED)"
    if [ "$WITH_SQL" = 1 ]; then
        echo "- SQL history: \`$SQL_DIR\`, $(find "$SQL_DIR/db/migrations" -name '*.sql' | wc -l) files (up and down)"
    fi
    echo "- timer: $TIMER; $WARMUP warm-up + $RUNS timed runs per command, whole processes, warm page cache"
    echo
    python3 - <<'EOF'
import json, os, statistics

rows = [line.split("\t") for line in os.environ["ROWS"].splitlines() if line]
work = os.environ["WORK"]
times = {}
if os.environ["USE_HYPERFINE"] == "1" and rows:
    with open(os.path.join(work, "hyperfine.json")) as f:
        for result in json.load(f)["results"]:
            times[result["command"]] = result["times"]
else:
    for name, _, _ in rows:
        with open(os.path.join(work, name + ".times")) as f:
            times[name] = [float(b) - float(a) for a, b in (l.split() for l in f if l.strip())]

stats = {}
for name, _, _ in rows:
    t = times[name]
    stats[name] = (len(t), min(t), statistics.median(t), statistics.mean(t),
                   statistics.stdev(t) if len(t) > 1 else 0.0)

def ratio(name, base):
    if name == base:
        return "(baseline)"
    if base not in stats or not name.startswith("graph"):
        return "–"
    return "%.2f×" % (stats[name][2] / stats[base][2])

print("| Command | Runs | Min (s) | Median (s) | Mean ± σ (s) | Median ÷ JVM start | Median ÷ read files |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, label, _ in rows:
    n, lo, med, mean, sd = stats[name]
    read = "read_sql" if name.endswith("_sql") else "read"
    print("| %s | %d | %.3f | %.3f | %.3f ± %.3f | %s | %s |"
          % (label, n, lo, med, mean, sd, ratio(name, "jvm"), ratio(name, read)))
print()
for name, label, cmd in rows:
    print("- %s: `%s`" % (label, cmd))
EOF
    for s in "${SKIPPED[@]+"${SKIPPED[@]}"}"; do echo "- not timed: $s"; done
} >"$WORK/report.md"

mkdir -p "$(dirname "$REPORT")"
cp "$WORK/report.md" "$REPORT"
cat "$WORK/report.md"
log "report saved to $REPORT"
exit "$FAILED"
