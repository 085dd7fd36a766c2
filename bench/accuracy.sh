#!/usr/bin/env bash
# Lints public migration histories that ran in production and prints, per history, how many migrations were
# read and the findings by severity and by rule: the corpus SchemaGuard's precision is judged on (ACCURACY.md).
# It fetches nothing: DIR holds one checkout per row of the manifest, at the manifest's commit.
#
# Usage: bench/accuracy.sh DIR [--manifest FILE] [--out DIR] [--only NAME[,NAME...]]
#   DIR         the folder holding the checkouts (a row's first column names its folder)
#   --manifest  the histories (default bench/accuracy-histories.tsv): folder, repository, commit, migrations
#               folder inside the checkout, layout
#   --out       where each history's JSON report and the summary go (default bench/out/accuracy)
#   --only      lint only these histories
# Environment: LAUNCHER (./schemaguard).
# Exit status: 0 when every history was linted; 1 when one is missing, at another commit, or could not be read.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

MANIFEST=bench/accuracy-histories.tsv
OUT=bench/out/accuracy
ONLY=""
LAUNCHER=${LAUNCHER:-./schemaguard}
ROOT=""
usage() { sed -n '2,14s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --manifest) MANIFEST=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --only) ONLY=",$2,"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "accuracy: unknown option: $1" >&2; usage >&2; exit 2 ;;
        *) [ -z "$ROOT" ] || { echo "accuracy: one folder of checkouts, not two" >&2; exit 2; }; ROOT=$1; shift ;;
    esac
done
[ -n "$ROOT" ] || { usage >&2; exit 2; }
[ -d "$ROOT" ] || { echo "accuracy: $ROOT is not a folder" >&2; exit 2; }
[ -f "$MANIFEST" ] || { echo "accuracy: no manifest $MANIFEST" >&2; exit 2; }
ROOT=$(cd "$ROOT" && pwd)
LAUNCHER=$(cd "$(dirname "$LAUNCHER")" && pwd)/$(basename "$LAUNCHER")
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# One build before the runs: the launcher rebuilds when sources are newer than its jar.
"$LAUNCHER" --version >/dev/null

status=0
rows=()
while IFS=$'\t' read -r name repository commit path layout; do
    case "$name" in ''|'#'*) continue ;; esac
    [ -z "$ONLY" ] || [[ "$ONLY" == *",$name,"* ]] || continue
    checkout=$ROOT/$name
    if [ ! -d "$checkout" ]; then
        echo "accuracy: $name: missing; git clone https://github.com/$repository $checkout && git -C $checkout checkout $commit" >&2
        status=1
        continue
    fi
    at=$(git -C "$checkout" rev-parse HEAD 2>/dev/null || echo "not a git checkout")
    if [ "$at" != "$commit" ]; then
        echo "accuracy: $name: at $at, the manifest pins $commit; git -C $checkout checkout $commit" >&2
        status=1
        continue
    fi
    # As a new user runs it: from the project's root, naming the migrations folder.
    if (cd "$checkout" && "$LAUNCHER" lint "$path" --format json --fail-on never --quiet) \
            >"$OUT/$name.json" 2>"$OUT/$name.err"; then
        rows+=("$name"$'\t'"$layout")
    else
        echo "accuracy: $name: $(head -c 400 "$OUT/$name.err")" >&2
        rm -f "$OUT/$name.json"
        status=1
    fi
done <"$MANIFEST"

python3 - "$OUT" "${rows[@]}" <<'PY'
import collections, json, sys

out, rows = sys.argv[1], sys.argv[2:]
lines = ["| history | layout | migrations | errors | warnings | infos | by rule (errors, warnings; info) |",
         "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
total = collections.Counter()
for row in rows:
    name, layout = row.split("\t")
    with open(f"{out}/{name}.json", encoding="utf-8") as f:
        report = json.load(f)
    summary = report["summary"]
    by_rule = {sev: collections.Counter(f["rule"] for f in report["findings"] if f["severity"] == sev)
               for sev in ("error", "warning", "info")}
    rules = "; ".join(", ".join(f"{rule} {count}" for rule, count in sorted(by_rule[sev].items()))
                      for sev in ("error", "warning", "info") if by_rule[sev])
    lines.append(f"| {name} | {layout} | {summary['migrations']} | {summary['errors']} | {summary['warnings']} "
                 f"| {summary['infos']} | {rules} |")
    total.update(migrations=summary["migrations"], errors=summary["errors"], warnings=summary["warnings"],
                 infos=summary["infos"])
lines.append(f"| **{len(rows)} histories** | | {total['migrations']} | {total['errors']} | {total['warnings']} "
             f"| {total['infos']} | |")
text = "\n".join(lines) + "\n"
with open(f"{out}/summary.md", "w", encoding="utf-8") as f:
    f.write(text)
print(text, end="")
PY
exit $status
