# Sourced by the benchmarks: times the commands named in TIMED (their text in the associative array CMD),
# WARMUP warm-up and RUNS timed runs each, with hyperfine when USE_HYPERFINE=1 and it is installed, else a
# round-robin bash loop. Writes one line per command to $WORK/times: "NAME cpu=SECONDS T1 T2 ..." (cpu=nan
# without hyperfine), sets TIMER to a description of the timer, and logs through the script's log().
time_commands() {
    if [ "$USE_HYPERFINE" = 1 ] && command -v hyperfine >/dev/null 2>&1; then
        TIMER="hyperfine $(hyperfine --version | awk '{print $2}')"
    else
        TIMER="bash loop (round-robin, \$EPOCHREALTIME)"; USE_HYPERFINE=0
    fi
    log "timing ${#TIMED[@]} command(s), $WARMUP warm-up + $RUNS runs each, with $TIMER"
    : >"$WORK/times"
    [ "${#TIMED[@]}" -gt 0 ] || return 0
    if [ "$USE_HYPERFINE" = 1 ]; then
        local args=() name
        for name in "${TIMED[@]}"; do args+=(--command-name "$name" "${CMD[$name]}"); done
        hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic --export-json "$WORK/hf.json" "${args[@]}" >&2
        python3 - "$WORK/hf.json" >"$WORK/times" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["command"], "cpu=%.4f" % (r["user"] + r["system"]), *r["times"])
PY
    else
        now() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi; }
        local i name t0 t1
        for ((i = 0; i < WARMUP; i++)); do for name in "${TIMED[@]}"; do (eval "${CMD[$name]}") >/dev/null 2>&1 || true; done; done
        declare -A T
        for ((i = 0; i < RUNS; i++)); do
            for name in "${TIMED[@]}"; do
                t0=$(now); (eval "${CMD[$name]}") >/dev/null 2>&1 || true; t1=$(now)
                T[$name]="${T[$name]:-} $(python3 -c "print($t1 - $t0)")"
            done
        done
        for name in "${TIMED[@]}"; do echo "$name cpu=nan ${T[$name]}" >>"$WORK/times"; done
    fi
}
