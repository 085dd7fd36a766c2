#!/usr/bin/env bash
# Lint throughput on two large plain-SQL corpora, as whole processes, side by side in one run:
# `schemaguard lint`, Squawk (npm squawk-cli) on the same files, JVM start (--version) and
# `cat` of the corpus as a floor. The corpora: many small migrations (gen-sql-corpus.py), and the
# shape of shipped histories (gen-real-corpus.py: squashed schemas, long bodies, seed blocks, COPY).
# Prints a Markdown table per corpus (also saved to bench/out/lint-bench.md) with MB/s and ratios,
# the load average around each, and the number of findings of each tool (context, not a quality claim).
#
# Usage: bench/lint-bench.sh [--runs N] [--warmup N] [--mb MB] [--corpus small|shaped|both] [--no-hyperfine] [--regenerate]
# Environment: PIN (1: time a copy of launcher + jar, immune to rebuilds), RUNS (3), WARMUP (0), MB (30), SEED (1),
#              CORPUS (one folder instead: its kind from --corpus), LAUNCHER (./schemaguard), JAR (target/schemaguard.jar),
#              JAVA (java), SQUAWK (bench/out/squawk/node_modules/.bin/squawk), REPORT (bench/out/lint-bench.md)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-3}
WARMUP=${WARMUP:-0}
MB=${MB:-30}
SEED=${SEED:-1}
CORPUS=${CORPUS:-}
KINDS=both
LAUNCHER=${LAUNCHER:-./schemaguard}
JAR=${JAR:-target/schemaguard.jar}
JAVA=${JAVA:-java}
SQUAWK=${SQUAWK:-bench/out/squawk/node_modules/.bin/squawk}
REPORT=${REPORT:-bench/out/lint-bench.md}
USE_HYPERFINE=1
REGENERATE=0

usage() { sed -n '2,13s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --mb) MB=$2; shift 2 ;;
        --corpus) KINDS=$2; shift 2 ;;
        --no-hyperfine) USE_HYPERFINE=0; shift ;;
        --regenerate) REGENERATE=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "lint-bench: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case "$RUNS$WARMUP" in *[!0-9]*) echo "lint-bench: --runs and --warmup take whole numbers" >&2; exit 2 ;; esac
[ "$RUNS" -ge 1 ] || { echo "lint-bench: --runs must be at least 1" >&2; exit 2; }
case "$KINDS" in small) KINDS=(small) ;; shaped) KINDS=(shaped) ;; both) KINDS=(small shaped) ;;
    *) echo "lint-bench: --corpus takes small, shaped or both" >&2; exit 2 ;; esac
[ -z "$CORPUS" ] || [ "${#KINDS[@]}" = 1 ] || { echo "lint-bench: CORPUS names one folder: give --corpus small or shaped" >&2; exit 2; }
log() { echo "lint-bench: $*" >&2; }

# Others may change src/ while this runs, and the launcher rebuilds the jar when src/ is newer:
# a rebuild (or a half-written jar) inside a timed run spoils it. So unless PIN=0, time a copy of
# the launcher next to a copy of the current jar, in bench/out/pinned/ (the same script, JVM
# options and class-data archive; it finds no src/ there, so it never rebuilds).
if [ "${PIN:-1}" = 1 ] && [ -x "$LAUNCHER" ] && [ -f "$JAR" ]; then
    "$LAUNCHER" --version >/dev/null    # build now if the sources are newer
    rm -rf bench/out/pinned && mkdir -p bench/out/pinned/target
    cp "$LAUNCHER" bench/out/pinned/schemaguard
    cp "$JAR" bench/out/pinned/target/schemaguard.jar
    LAUNCHER=bench/out/pinned/schemaguard JAR=bench/out/pinned/target/schemaguard.jar
    log "timing a pinned copy: $LAUNCHER ($(sha256sum "$JAR" | cut -c1-12), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
fi
: >"$REPORT.tmp"
STATUS=0

# bench_corpus KIND: generates the corpus of that kind if missing, times the commands on it, appends its table.
bench_corpus() {
local kind=$1 generator corpus
if [ "$kind" = small ]; then generator=bench/gen-sql-corpus.py; corpus=${CORPUS:-bench/out/sql-corpus}
else generator=bench/gen-real-corpus.py; corpus=${CORPUS:-bench/out/real-corpus}; fi
MIG=$corpus/db/migrations
# ---------------------------------------------------------------- the corpus
want_bytes=$(python3 -c "print(int(float('$MB') * 1_000_000))")
have_bytes=0
if [ "$REGENERATE" = 0 ] && [ -f "$corpus/.schemaguard-bench" ] && [ -d "$MIG" ]; then
    have_bytes=$(find "$MIG" -name '*.sql' -print0 | xargs -0 cat | wc -c)
fi
# The generator stops at the first migration past the target: accept up to 1% over.
if [ "$have_bytes" -lt "$want_bytes" ] || [ "$have_bytes" -gt $((want_bytes + want_bytes / 100)) ]; then
    log "generating $corpus ($MB MB, seed $SEED)"
    python3 "$generator" --mb "$MB" --seed "$SEED" --out "$corpus" >&2
fi
FILES=$(find "$MIG" -name '*.sql' | wc -l)
BYTES=$(find "$MIG" -name '*.sql' -print0 | xargs -0 cat | wc -c)
log "corpus: $FILES files, $BYTES bytes in $MIG"

# ---------------------------------------------------------------- the commands
NAMES=(); unset CMD LABEL OUT; declare -gA CMD LABEL OUT; SKIPPED=(); FAILED=0
add() { NAMES+=("$1"); LABEL[$1]=$2; CMD[$1]=$3; }

if [ -x "$LAUNCHER" ]; then
    add schemaguard "\`schemaguard lint $corpus --format json --fail-on never\`" \
        "$LAUNCHER lint $corpus --format json --fail-on never"
else
    SKIPPED+=("schemaguard: launcher $LAUNCHER not found"); FAILED=1
fi
if [ -x "$SQUAWK" ]; then
    # One invocation; squawk expands the quoted glob itself (no argument-length limit), reads every
    # file, and the JSON reporter avoids terminal formatting. Exit 1 = findings, so it is ignored.
    add squawk "Squawk $("$SQUAWK" --version | awk '{print $2}') (\`squawk '$MIG/*.sql' --reporter json\`)" \
        "$SQUAWK '$MIG/*.sql' --reporter json || [ \$? -eq 1 ]"
else
    SKIPPED+=("Squawk: $SQUAWK not found (npm install --prefix bench/out/squawk squawk-cli)"); FAILED=1
fi
if command -v "$JAVA" >/dev/null 2>&1 && [ -f "$JAR" ]; then
    add jvm "JVM start (\`java -jar $JAR --version\`)" "$JAVA -jar $JAR --version"
else
    SKIPPED+=("JVM start: $JAVA or $JAR not found")
fi
add cat "floor: \`cat\` of the corpus" "find $MIG -name '*.sql' -print0 | xargs -0 cat > /dev/null"

WORK=$(mktemp -d)

# Untimed first run of each: must succeed; keeps the output to count findings (and absorbs a
# rebuild by the launcher and the cold page cache).
TIMED=()
for name in "${NAMES[@]}"; do
    if (eval "${CMD[$name]}") >"$WORK/$name.out" 2>"$WORK/$name.err"; then
        TIMED+=("$name"); log "$name: ok ($(wc -c <"$WORK/$name.out") bytes of output)"
    else
        log "$name failed: ${CMD[$name]}"; tail -n 20 "$WORK/$name.err" >&2
        SKIPPED+=("${LABEL[$name]}: failed (exit status non-zero), see stderr"); FAILED=1
    fi
done

FINDINGS=$(python3 - "$WORK" "$MIG" <<'EOF'
import collections, json, os, sys
work, mig = sys.argv[1], sys.argv[2]
out = []
try:
    d = json.load(open(os.path.join(work, "schemaguard.out")))
    rules = collections.Counter(f["rule"] for f in d.get("findings", []))
    s = d.get("summary", {})
    out.append(f"- SchemaGuard: {sum(rules.values())} findings ({s.get('errors')} errors, {s.get('warnings')} warnings, "
               f"{s.get('infos')} info) on {s.get('migrations')} migrations: "
               + ", ".join(f"`{r}` {n}" for r, n in rules.most_common()))
except Exception as e:
    out.append(f"- SchemaGuard: no JSON to count ({e.__class__.__name__})")
try:
    d = json.load(open(os.path.join(work, "squawk.out")))
    rules = collections.Counter(f.get("rule_name") for f in d)
    files = {os.path.basename(f["file"]) for f in d}
    total = len([f for f in os.listdir(mig) if f.endswith(".sql")])
    kinds = collections.Counter(f.split("_")[1] for f in os.listdir(mig) if f.endswith(".sql") and f not in files)
    out.append(f"- Squawk: {len(d)} findings in {len(files)} of {total} files: "
               + ", ".join(f"`{r}` {n}" for r, n in rules.most_common())
               + "; files without a finding, by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
except Exception as e:
    out.append(f"- Squawk: no JSON to count ({e.__class__.__name__})")
print("\n".join(out))
EOF
)

# ---------------------------------------------------------------- timing
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
time_commands
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- the table
{
    echo "Corpus ($kind): \`$corpus\` — $FILES plain-SQL migrations, $(python3 -c "print(f'{$BYTES/1e6:.1f}')") MB ($(basename "$generator") --mb $MB --seed $SEED)."
    echo "Timer: $TIMER, $WARMUP warm-up + $RUNS runs, after one untimed run of each; $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC');"
    echo "load average (1, 5, 15 min) $LOAD_BEFORE before, $LOAD_AFTER after."
    echo
    python3 - "$WORK/times" "$BYTES" <<EOF
import statistics, sys
labels = {$(for n in "${NAMES[@]}"; do printf '"%s": """%s""", ' "$n" "${LABEL[$n]}"; done)}
rows = {}
for line in open(sys.argv[1]):
    name, cpu, *ts = line.split()
    rows[name] = [float(t) for t in ts]
mb = int(sys.argv[2]) / 1e6
med = {n: statistics.median(ts) for n, ts in rows.items()}
jvm = med.get("jvm")
cpu = {}
for line in open(sys.argv[1]):
    name, c, *_ = line.split()
    cpu[name] = c.split("=")[1]
print("| command | median | min | CPU (user+sys, mean) | MB/s | MB/s after JVM start | ÷ Squawk | ÷ cat |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for n in ("schemaguard", "squawk", "jvm", "cat"):
    if n not in rows:
        continue
    m = med[n]
    rate = f"{mb / m:.2f}" if n != "jvm" else "–"
    net = f"{mb / (m - jvm):.2f}" if n == "schemaguard" and jvm and m > jvm else "–"
    sq = f"{m / med['squawk']:.2f}×" if "squawk" in med and n != "jvm" else "–"
    ct = f"{m / med['cat']:.1f}×" if "cat" in med and n != "jvm" else "–"
    c = cpu.get(n, "nan")
    c = f"{float(c):.2f} s" if c != "nan" else "–"
    print(f"| {labels[n]} | {m:.3f} s | {min(rows[n]):.3f} s | {c} | {rate} | {net} | {sq} | {ct} |")
if "schemaguard" in med and "squawk" in med:
    ratio = med["schemaguard"] / med["squawk"]
    verdict = "met" if ratio <= 0.5 else "not met"
    print()
    print(f"Target (SchemaGuard at most 0.5× Squawk's wall time on this corpus): **{verdict}** — "
          f"{ratio:.2f}×; SchemaGuard {mb / med['schemaguard']:.2f} MB/s, Squawk {mb / med['squawk']:.2f} MB/s.")
EOF
    echo
    echo "Findings (context, not a quality claim):"
    echo
    echo "$FINDINGS"
    for s in ${SKIPPED[@]+"${SKIPPED[@]}"}; do :; done
    if [ "${#SKIPPED[@]}" -gt 0 ]; then echo; printf -- '- skipped: %s\n' "${SKIPPED[@]}"; fi
    echo
} | tee -a "$REPORT.tmp"
rm -rf "$WORK"
[ "$FAILED" = 0 ] || STATUS=1
}

. "$(dirname "$0")/timing.sh"
for kind in "${KINDS[@]}"; do bench_corpus "$kind"; done
mv "$REPORT.tmp" "$REPORT"
exit $STATUS
