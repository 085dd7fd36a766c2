#!/usr/bin/env bash
# Rehearsal cost against the bare cost of applying the same files with psql, side by side in one run
# on the same PostgreSQL server. On a generated plain-SQL history with a down for every migration
# (bench/gen-rehearsal-history.py, 300 migrations by default) it times, whole processes, round-robin:
#   psql        for each migration in order: psql -f up, psql -f down, psql -f up (a fresh database,
#               created and dropped by the command, as the rehearsal does with its scratch database)
#   rehearse    schemaguard rehearse DIR --db-url <the same server> (snapshots, seeding, fingerprints,
#               lock tracing, down, up again, rolled-back re-run)
#   and, for reference: the same files through one psql session (no process start per file), through
#   Debian's /usr/bin/psql wrapper, the rehearsal on the embedded server, and JVM start alone. Then one
#   more rehearsal, untimed, under JFR, to say where its time goes.
# Prints a Markdown table (also saved to bench/out/rehearsal-bench.md) with medians and rehearse ÷ psql.
#
# Usage: bench/rehearsal-bench.sh [--runs N] [-n MIGRATIONS] [--commit REV] [--no-embedded] [--no-profile]
#                                 [--no-hyperfine] [--regenerate]
# Environment: RUNS (3), MIGRATIONS (300), SEED (1), PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres),
#              PSQL (the psql binary of the server's version; see below), LAUNCHER (./schemaguard), JAVA (java),
#              REPORT (bench/out/rehearsal-bench.md)
# --commit REV builds that commit (git archive, in bench/out/rehearsal-build/) instead of the working tree,
# so that edits others make to src/ while this runs change nothing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-3}
MIGRATIONS=${MIGRATIONS:-300}
SEED=${SEED:-1}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
PSQL=${PSQL:-}
WRAPPER=/usr/bin/psql   # on Debian and Ubuntu, postgresql-common's pg_wrapper: a Perl script that execs the binary
LAUNCHER=${LAUNCHER:-./schemaguard}
JAVA=${JAVA:-java}
REPORT=${REPORT:-bench/out/rehearsal-bench.md}
COMMIT=""
EMBEDDED=1
PROFILE=1
USE_HYPERFINE=1
REGENERATE=0

usage() { sed -n '2,20s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        -n) MIGRATIONS=$2; shift 2 ;;
        --commit) COMMIT=$2; shift 2 ;;
        --no-embedded) EMBEDDED=0; shift ;;
        --no-profile) PROFILE=0; shift ;;
        --no-hyperfine) USE_HYPERFINE=0; shift ;;
        --regenerate) REGENERATE=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "rehearsal-bench: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case "$RUNS$MIGRATIONS" in *[!0-9]*) echo "rehearsal-bench: --runs and -n take whole numbers" >&2; exit 2 ;; esac
[ "$RUNS" -ge 1 ] || { echo "rehearsal-bench: --runs must be at least 1" >&2; exit 2; }
log() { echo "rehearsal-bench: $*" >&2; }
export PGHOST PGPORT PGUSER

# ---------------------------------------------------------------- the server
if ! "${PSQL:-$WRAPPER}" -X -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
    log "no PostgreSQL at $PGHOST:$PGPORT; starting the local cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
    sleep 1
fi
SERVER_VERSION=$("${PSQL:-$WRAPPER}" -X -d postgres -Atc 'SHOW server_version')
SERVER_JIT=$("${PSQL:-$WRAPPER}" -X -d postgres -Atc 'SHOW jit')
# The baseline runs psql itself. Debian's /usr/bin/psql is a Perl wrapper that picks a version and then execs
# /usr/lib/postgresql/<major>/bin/psql: ~17 ms of Perl per call, which is no part of applying a migration. So
# unless PSQL says otherwise the binary of the server's major version is timed, and the wrapper is one more row.
MAJOR=$("${PSQL:-$WRAPPER}" -X -d postgres -Atc "SELECT current_setting('server_version_num')::int / 10000")
if [ -z "$PSQL" ]; then
    PSQL=$WRAPPER
    [ -x "/usr/lib/postgresql/$MAJOR/bin/psql" ] && PSQL=/usr/lib/postgresql/$MAJOR/bin/psql
fi
[ "$(readlink -f "$WRAPPER" 2>/dev/null)" != "$(readlink -f "$PSQL")" ] \
    && [ "$(basename "$(readlink -f "$WRAPPER" 2>/dev/null)")" = pg_wrapper ] || WRAPPER=""
DB_URL="postgresql://$PGUSER@$PGHOST:$PGPORT/postgres"
log "server: PostgreSQL $SERVER_VERSION at $PGHOST:$PGPORT (jit $SERVER_JIT)"

# ---------------------------------------------------------------- the history
DIR=bench/out/rehearsal-$MIGRATIONS
MIG=$DIR/db/migrations
have=0
if [ "$REGENERATE" = 0 ] && [ -f "$DIR/.schemaguard-bench" ] && grep -q -- "--seed $SEED\$" "$DIR/.schemaguard-bench" \
    && [ ! bench/gen-rehearsal-history.py -nt "$DIR/.schemaguard-bench" ]; then
    have=$(find "$MIG" -name '*.down.sql' | wc -l)
fi
if [ "$have" -ne "$MIGRATIONS" ]; then
    log "generating $DIR ($MIGRATIONS migrations, seed $SEED)"
    python3 bench/gen-rehearsal-history.py -n "$MIGRATIONS" --seed "$SEED" --out "$DIR" >&2
fi
UPS=$(find "$MIG" -name '*.sql' ! -name '*.down.sql' | sort)
[ "$(echo "$UPS" | wc -l)" -eq "$MIGRATIONS" ] || { log "expected $MIGRATIONS up files in $MIG"; exit 1; }

# ---------------------------------------------------------------- the jar
if [ -n "$COMMIT" ]; then
    rev=$(git rev-parse --short "$COMMIT^{commit}")
    BUILD=bench/out/rehearsal-build/$rev
    if [ ! -f "$BUILD/target/schemaguard.jar" ]; then
        log "building commit $rev in $BUILD"
        rm -rf "$BUILD" && mkdir -p "$BUILD"
        git archive "$rev" | tar -x -C "$BUILD"
        if ! (cd "$BUILD" && { mvn -B -q -o -DskipTests package || mvn -B -q -DskipTests package; }) >"$BUILD.log" 2>&1; then
            tail -n 30 "$BUILD.log" >&2; rm -rf "$BUILD"
            log "the build of $rev failed (output above)"; exit 1
        fi
    fi
    LAUNCHER=$BUILD/schemaguard
    JAR=$BUILD/target/schemaguard.jar
    VERSION_NOTE="commit $rev"
else
    # The launcher rebuilds the jar when src/ is newer: build now, then time a copy (launcher + jar) that no
    # later edit can rebuild in the middle of a timed run (it finds no src/ next to it).
    "$LAUNCHER" --version >/dev/null
    rm -rf bench/out/rehearsal-pinned && mkdir -p bench/out/rehearsal-pinned/target
    cp "$LAUNCHER" bench/out/rehearsal-pinned/schemaguard
    cp "$(dirname "$LAUNCHER")/target/schemaguard.jar" bench/out/rehearsal-pinned/target/schemaguard.jar
    LAUNCHER=bench/out/rehearsal-pinned/schemaguard
    JAR=bench/out/rehearsal-pinned/target/schemaguard.jar
    dirty=$(git status --porcelain -- src pom.xml | grep -q . && echo ", working tree with uncommitted changes" || true)
    VERSION_NOTE="working tree at $(git rev-parse --short HEAD)$dirty"
fi
log "timing $LAUNCHER ($VERSION_NOTE, jar $(sha256sum "$JAR" | cut -c1-12))"

# ---------------------------------------------------------------- the commands
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# psql, one process per file: what applying the history up, down, up costs with nothing else.
# No -1: the files carry their own BEGIN/COMMIT (the project runs them psql -f style, migrations.transaction:
# none), and CREATE INDEX CONCURRENTLY cannot run inside the transaction -1 would wrap it in.
baseline() { # baseline PSQL_BINARY per-file|session
    echo 'set -euo pipefail'
    echo "db=sg_bench_\$\$_\$RANDOM"
    echo "psql() { $1 -X -q -v ON_ERROR_STOP=1 \"\$@\"; }"
    echo "psql -d postgres -c \"CREATE DATABASE \$db TEMPLATE template0 ENCODING 'UTF8'\""
    echo "trap 'psql -d postgres -c \"DROP DATABASE IF EXISTS \$db\"' EXIT"
    if [ "$2" = session ]; then
        echo "psql -d \"\$db\" -f $WORK/session.sql"
        return
    fi
    for up in $UPS; do
        printf 'psql -d "$db" -f %s\npsql -d "$db" -f %s\npsql -d "$db" -f %s\n' "$up" "${up%.sql}.down.sql" "$up"
    done
}
# The same files in the same order through one psql session (\i): the SQL work without a process and a
# connection per file. For reference only.
for up in $UPS; do printf '\\i %s\n\\i %s\n\\i %s\n' "$up" "${up%.sql}.down.sql" "$up"; done >"$WORK/session.sql"
baseline "$PSQL" per-file >"$WORK/psql-files.sh"
baseline "$PSQL" session >"$WORK/psql-session.sh"
[ -n "$WRAPPER" ] && baseline "$WRAPPER" per-file >"$WORK/psql-wrapper.sh"

NAMES=(); declare -A CMD LABEL
add() { NAMES+=("$1"); LABEL[$1]=$2; CMD[$1]=$3; }
REHEARSE="$LAUNCHER rehearse $DIR --format json --timings --fail-on never --output"
add psql "(a) \`psql -f\`, a process per file: up, down, up per migration" "bash $WORK/psql-files.sh"
add rehearse "(b) \`schemaguard rehearse --db-url\` (same server)" "$REHEARSE /dev/null --db-url $DB_URL"
add session "(a′) psql, one session for all files (\\\\i)" "bash $WORK/psql-session.sh"
[ -n "$WRAPPER" ] && add wrapper "(a″) as (a), through Debian's \`$WRAPPER\` (Perl pg_wrapper)" "bash $WORK/psql-wrapper.sh"
[ "$EMBEDDED" = 1 ] && add embedded "(c) \`schemaguard rehearse\`, embedded server" "$REHEARSE /dev/null"
add jvm "(d) JVM start (\`java -jar schemaguard.jar --version\`)" "$JAVA -jar $JAR --version"

# One untimed run of each: it must succeed (it also builds the launcher's class-data archive, downloads
# nothing after the first embedded start, and warms the page cache). The rehearsal's JSON is kept.
for name in "${NAMES[@]}"; do
    cmd=${CMD[$name]}
    [ "$name" = rehearse ] && cmd="$REHEARSE $WORK/rehearse.json --db-url $DB_URL"
    start=$(date +%s.%N)
    if ! (eval "$cmd") >/dev/null 2>"$WORK/$name.err"; then
        log "$name failed: $cmd"; tail -n 20 "$WORK/$name.err" >&2; exit 1
    fi
    log "$name: ok, untimed run $(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')") s"
done

# ---------------------------------------------------------------- timing, round-robin
# Other work on the machine (and on the shared server) comes and goes: one run of every command per
# round, so a busy minute hits all of them alike.
if [ "$USE_HYPERFINE" = 1 ] && command -v hyperfine >/dev/null 2>&1; then
    TIMER="hyperfine $(hyperfine --version | awk '{print $2}'), one run of each command per round"
else
    TIMER="bash loop (date +%s.%N), one run of each command per round"; USE_HYPERFINE=0
fi
log "timing ${#NAMES[@]} commands, $RUNS rounds, with $TIMER"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$WORK/times"
for ((i = 1; i <= RUNS; i++)); do
    if [ "$USE_HYPERFINE" = 1 ]; then
        args=()
        for name in "${NAMES[@]}"; do args+=(--command-name "$name" "${CMD[$name]}"); done
        hyperfine --runs 1 --style basic --export-json "$WORK/round.json" "${args[@]}" >&2
        python3 - "$WORK/round.json" >>"$WORK/times" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["command"], r["times"][0], r["user"], r["system"])
EOF
    else
        for name in "${NAMES[@]}"; do
            t0=$(date +%s.%N)
            (eval "${CMD[$name]}") >/dev/null 2>"$WORK/$name.err" || { tail -n 20 "$WORK/$name.err" >&2; exit 1; }
            t1=$(date +%s.%N)
            echo "$name $(python3 -c "print($t1 - $t0)") nan nan" >>"$WORK/times"
        done
    fi
    log "round $i/$RUNS done (load $(cut -d' ' -f1 /proc/loadavg))"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- where the rehearsal's time goes
# One more rehearsal under JFR (same JVM options as the launcher, without its class-data archive: this JDK
# crashes when JFR meets the dynamic archive), its main thread's samples attributed to the phase of the
# replay they fall in; a thread waiting in a socket read is waiting for the server.
PROFILE_NOTE="not profiled (--no-profile)"
if [ "$PROFILE" = 1 ] && command -v jfr >/dev/null 2>&1; then
    log "profiling one rehearsal with JFR"
    if "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=warning:stderr \
        -XX:StartFlightRecording=filename="$WORK/rehearse.jfr",settings=profile \
        -XX:FlightRecorderOptions=stackdepth=256 \
        -jar "$JAR" rehearse "$DIR" --format json --timings --fail-on never --output "$WORK/profiled.json" \
        --db-url "$DB_URL" >/dev/null 2>"$WORK/jfr.err"; then
        jfr print --json --stack-depth 256 --events jdk.ExecutionSample,jdk.NativeMethodSample \
            "$WORK/rehearse.jfr" >"$WORK/samples.json"
        PROFILE_NOTE=""
    else
        tail -n 5 "$WORK/jfr.err" >&2; PROFILE_NOTE="the JFR run failed"
    fi
elif [ "$PROFILE" = 1 ]; then
    PROFILE_NOTE="not profiled: no jfr tool"
fi

# ---------------------------------------------------------------- the report
export WORK PROFILE_NOTE
{
    echo "History: \`$DIR\` — $MIGRATIONS plain-SQL migrations with down files (gen-rehearsal-history.py -n $MIGRATIONS --seed $SEED)."
    echo "Server for every row but (c): PostgreSQL $SERVER_VERSION at $PGHOST:$PGPORT (jit $SERVER_JIT); (c) the embedded server."
    echo "psql: \`$PSQL\`, as \`psql -X -q -v ON_ERROR_STOP=1 -d DB -f FILE\`; (a) and (a′) create and drop their database."
    echo "SchemaGuard: $VERSION_NOTE. Timer: $TIMER, $RUNS rounds after one untimed run of each; $(nproc) cores;"
    echo "load average $LOAD_BEFORE before, $LOAD_AFTER after; $(date -u +%Y-%m-%d)."
    echo
    python3 - "$WORK/times" <<EOF
import math, statistics, sys
labels = {$(for n in "${NAMES[@]}"; do printf '"%s": """%s""", ' "$n" "${LABEL[$n]}"; done)}
rows = {}
for line in open(sys.argv[1]):
    name, t, user, system = line.split()
    rows.setdefault(name, []).append((float(t), float(user), float(system)))
med = {n: statistics.median(t for t, _, _ in r) for n, r in rows.items()}
print("| command | median | min | max | CPU of the command (user + sys, median) | ÷ (a) psql |")
print("|---|---:|---:|---:|---:|---:|")
for n in labels:
    if n not in rows:
        continue
    ts = [t for t, _, _ in rows[n]]
    cpu = statistics.median(u + s for _, u, s in rows[n])
    cpu = "–" if math.isnan(cpu) else f"{cpu:.1f} s"
    ratio = f"{med[n] / med['psql']:.2f}×" if n != "jvm" else "–"
    print(f"| {labels[n]} | {med[n]:.2f} s | {min(ts):.2f} s | {max(ts):.2f} s | {cpu} | {ratio} |")
r = med["rehearse"] / med["psql"]
print()
print(f"Target (full rehearsal within 2× of applying the same files up, down, up with psql on the same server): "
      f"**{'MET' if r <= 2 else 'NOT MET'}** — (b) ÷ (a) = {r:.2f}×.")
EOF
    echo
    summary=$WORK/rehearse.json; source="the untimed run of (b)"
    [ -z "$PROFILE_NOTE" ] && summary=$WORK/profiled.json && source="the profiled run below"
    SOURCE=$source python3 - "$summary" "${WORK}/samples.json" <<'EOF'
import collections, json, os, sys
d = json.load(open(sys.argv[1]))
r = d["rehearsal"]
ms = r["migrations"]
times = d["timings"]
up = sum(m["up_millis"] for m in times["migrations"])
total = sum(m["millis"] for m in times["migrations"])
rules = collections.Counter(f["rule"] for f in d.get("findings", []))
print(f"From the rehearsal's own JSON ({os.environ['SOURCE']}): {len(ms)} migrations "
      f"({collections.Counter(m['outcome'] for m in ms).most_common()}), replay {times['rehearsal_millis'] / 1000:.1f} s; "
      f"first applies of the ups (`up_millis`) {up / 1000:.1f} s, everything else per migration "
      f"(`millis` − `up_millis`) {(total - up) / 1000:.1f} s. Findings: "
      + ", ".join(f"`{k}` {v}" for k, v in rules.most_common()) + ".")
tenth = max(1, len(ms) // 10)
print(f"Per migration (`millis`, mean per tenth of the history): "
      + ", ".join(f"{sum(m['millis'] for m in times['migrations'][i:i + tenth]) / len(ms[i:i + tenth]):.0f}"
                  for i in range(0, len(ms), tenth)) + " ms.")
print()
note = os.environ.get("PROFILE_NOTE")
if note:
    print(f"Phases: {note}.")
    sys.exit()
PERIOD = {"jdk.ExecutionSample": 10, "jdk.NativeMethodSample": 20}  # ms, JFR's 'profile' settings
RULES = [  # leaf first: the first frame that matches names the phase
    ("DataSeeder.readTypes", "seeding: reading the column types (`DataSeeder.readTypes`)"),
    ("DataSeeder.", "seeding: the rest (which tables are empty, inserts)"),
    ("ScriptRunner.heldLocks", "lock tracing: pg_locks after each statement"),
    ("ScriptRunner.relations", "lock tracing: the relations before each up"),
    ("CatalogReader.read", "catalog snapshots (`CatalogReader.read`)"),
    ("Fingerprints.take", "data fingerprints (`Fingerprints.take`)"),
    ("CatalogDiff.between", "diffs and data comparison (in Java)"),
    ("DataLoss.of", "diffs and data comparison (in Java)"),
    ("SqlExecutor.rerun", "re-run of the up, rolled back"),
    ("SqlExecutor.down", "down"),
    ("SqlExecutor.up", "UP"),
    ("ScratchDatabases", "creating and dropping the scratch database"),
    ("Rehearsal.", "the rest of the replay"),
]
ms_by, native = collections.Counter(), collections.Counter()
for e in json.load(open(sys.argv[2]))["recording"]["events"]:
    v = e["values"]
    if not v.get("sampledThread") or v["sampledThread"].get("javaName") != "main":
        continue
    frames = [f["method"]["type"]["name"].rsplit("/", 1)[-1] + "." + f["method"]["name"]
              for f in v["stackTrace"]["frames"]]
    phase = next((name for f in frames for key, name in RULES if key in f), None)
    if phase == "UP":
        phase = ("up again, after the down" if any("Rehearsal.roundTrip" in f for f in frames)
                 else "up, first apply (what `up_millis` counts)")
    phase = phase or "outside the replay (JVM start, reading and parsing the files, JSON report)"
    ms_by[phase] += PERIOD[e["type"]]
    if e["type"] == "jdk.NativeMethodSample" and any("NioSocketImpl" in f for f in frames[:8]):
        native[phase] += PERIOD[e["type"]]
total = sum(ms_by.values())
print("Where the time of one more rehearsal (b) goes, from JFR samples of its main thread "
      f"({total / 1000:.1f} s sampled; \"waiting\" = in a socket read, i.e. waiting for the server; the half of "
      "each catalog snapshot read on the second connection runs on another thread, and the main thread's wait for "
      "it, parked, is not sampled):")
print()
print("| phase | time | share | of which waiting for the server |")
print("|---|---:|---:|---:|")
for phase, t in ms_by.most_common():
    print(f"| {phase} | {t / 1000:.1f} s | {100 * t / total:.0f} % | {100 * native[phase] / t:.0f} % |")
EOF
} >"$WORK/report.md"
mkdir -p "$(dirname "$REPORT")"
cp "$WORK/report.md" "$REPORT"
cat "$REPORT"
log "report saved to $REPORT"
