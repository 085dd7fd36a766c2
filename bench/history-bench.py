#!/usr/bin/env python3
"""Rehearsal of real migration histories next to psql applying the same files, on the same server.

For each history named (a row of bench/accuracy-histories.tsv, checked out at its pinned commit in
CHECKOUTS/<folder>), timed round-robin, whole processes:
  (a) psql per file   a fresh database; for each migration in apply order: psql -1 -f up, psql -1 -f down,
                      psql -1 -f up (one process per file, the server's own psql binary; without -1 where a
                      diesel metadata.toml says run_in_transaction = false); the database dropped
  (b) rehearse        schemaguard rehearse CHECKOUT --db-url <the same server> --format json --timings
Then, untimed, what the runner would meet, to check each error of the rehearsal against: a fresh database,
for each migration psql -1 -f up, and for each down-failed of the rehearsal, that down on a copy of the
database right after the up.
Prints a Markdown section per history (also written to REPORT): the times and (b) / (a), the migrations
applied / failed / not reached, the findings by rule, and each error with what psql said.

Usage: bench/history-bench.py CHECKOUTS NAME... [--runs N]
Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PSQL (/usr/lib/postgresql/<major>/bin/psql),
             LAUNCHER (./schemaguard), REPORT (bench/out/history-bench.md)
"""
import collections
import json
import os
import statistics
import subprocess
import sys
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = os.environ.get("PGHOST", "127.0.0.1")
PORT = os.environ.get("PGPORT", "5432")
USER = os.environ.get("PGUSER", "postgres")
LAUNCHER = os.environ.get("LAUNCHER", os.path.join(ROOT, "schemaguard"))
REPORT = os.environ.get("REPORT", os.path.join(ROOT, "bench", "out", "history-bench.md"))
URL = f"postgresql://{USER}@{HOST}:{PORT}/postgres"


def psql_binary():
    if os.environ.get("PSQL"):
        return os.environ["PSQL"]
    # Debian's /usr/bin/psql is a Perl wrapper (~17 ms a call): time the binary of the server's version
    major = subprocess.run(["psql", "-X", "-h", HOST, "-p", PORT, "-U", USER, "-d", "postgres", "-Atc",
                            "SELECT current_setting('server_version_num')::int / 10000"],
                           capture_output=True, text=True, check=True).stdout.strip()
    candidate = f"/usr/lib/postgresql/{major}/bin/psql"
    return candidate if os.path.exists(candidate) else "psql"


PSQL = psql_binary()


def psql(database, *args):
    return subprocess.run([PSQL, "-X", "-q", "-h", HOST, "-p", PORT, "-U", USER, "-d", database,
                           "-v", "ON_ERROR_STOP=1", *args], capture_output=True, text=True)


def histories():
    rows = {}
    for line in open(os.path.join(ROOT, "bench", "accuracy-histories.tsv")):
        if line.startswith("#") or not line.strip():
            continue
        folder, repository, commit, path, layout = line.rstrip("\n").split("\t")
        rows[folder] = (repository, commit, path, layout)
    return rows


def apply_order(checkout):
    """(id, up, down or None) in apply order, as SchemaGuard reads the history."""
    graph = json.loads(subprocess.run([LAUNCHER, "graph", checkout, "--format", "json", "--fail-on", "never"],
                                      capture_output=True, text=True, check=True).stdout)
    order = []
    for m in graph["migrations"]:
        up = m["file"]
        down = None
        if up.endswith("/up.sql"):
            down = up[:-len("up.sql")] + "down.sql"
        elif up.endswith(".up.sql"):
            down = up[:-len(".up.sql")] + ".down.sql"
        if down and not os.path.exists(os.path.join(checkout, down)):
            down = None
        order.append((m["id"], os.path.join(checkout, up), down and os.path.join(checkout, down)))
    return order


def wrap(up):
    """psql's -1 (one transaction per file, as diesel runs a migration) unless its metadata.toml says not to."""
    metadata = os.path.join(os.path.dirname(up), "metadata.toml")
    if os.path.exists(metadata) and "run_in_transaction = false" in open(metadata).read().replace('"', ""):
        return []
    return ["-1"]


def fresh_database():
    name = "sgbench_" + uuid.uuid4().hex[:12]
    psql("postgres", "-c", f"CREATE DATABASE {name}")
    return name


def drop(name):
    psql("postgres", "-c", f"DROP DATABASE IF EXISTS {name}")


def psql_per_file(order):
    """(a): up, down, up per migration, one psql per file, on a fresh database; the whole command timed."""
    start = time.monotonic()
    db = fresh_database()
    for _, up, down in order:
        psql(db, *wrap(up), "-f", up)
        if down:
            psql(db, *wrap(up), "-f", down)
            psql(db, *wrap(up), "-f", up)
    drop(db)
    return time.monotonic() - start


def rehearse(checkout, output):
    start = time.monotonic()
    subprocess.run([LAUNCHER, "rehearse", checkout, "--db-url", URL, "--format", "json", "--timings",
                    "--fail-on", "never", "--output", output], capture_output=True, text=True, check=True)
    return time.monotonic() - start


def error(result):
    """The ERROR line psql printed, without the file's path."""
    lines = [line for line in result.stderr.splitlines() if "ERROR:" in line] or result.stderr.splitlines()[-1:]
    return lines[0].split("ERROR:", 1)[-1].strip() if lines else "exit " + str(result.returncode)


def runner_outcomes(order, check_downs):
    """
    Per migration: psql's error on its up, None when it ran; and for the migrations of check_downs, the error of
    their down run right after the up, on a copy of the database.
    """
    db = fresh_database()
    ups, downs = {}, {}
    for mid, up, down in order:
        r = psql(db, *wrap(up), "-f", up)
        ups[mid] = error(r) if r.returncode else None
        if r.returncode == 0 and down and mid in check_downs:
            # on a copy: a down that commits its own BEGIN ... END would not roll back
            copy = "sgbench_" + uuid.uuid4().hex[:12]
            psql("postgres", "-c", f"CREATE DATABASE {copy} TEMPLATE {db}")
            d = psql(copy, *wrap(up), "-f", down)
            downs[mid] = error(d) if d.returncode else None
            drop(copy)
    drop(db)
    return ups, downs


def section(name, row, order, runs, times, rehearsal, ups, downs):
    repository, commit, _, layout = row
    out = []
    a = statistics.median(times["psql"])
    b = statistics.median(times["rehearse"])
    out.append(f"### {name} ({repository} at {commit[:12]}, {layout}, {len(order)} migrations, "
               f"{sum(1 for _, _, d in order if d)} with a down)\n")
    out.append("| command | median | min | max |")
    out.append("|---|---:|---:|---:|")
    for label, key in (("(a) psql -f per file: up, down, up", "psql"), ("(b) schemaguard rehearse --db-url", "rehearse")):
        out.append(f"| {label} | {statistics.median(times[key]):.1f} s | {min(times[key]):.1f} s | "
                   f"{max(times[key]):.1f} s |")
    out.append(f"\n(b) ÷ (a) = **{b / a:.2f}×** over {runs} run{'s' if runs > 1 else ''} "
               f"(target ≤ 1.5×: {'met' if b / a <= 1.5 else 'NOT met'}).\n")
    migrations = rehearsal["rehearsal"]["migrations"]
    outcomes = collections.Counter(m["outcome"] for m in migrations)
    out.append("Migrations: " + ", ".join(f"{outcomes.get(k, 0)} {k}" for k in ("applied", "failed", "not reached"))
               + f"; went on from a copy after its up: "
               + str(sum(1 for m in migrations if "went on from a copy" in m.get("note", ""))) + ".\n")
    rules = collections.Counter((f["rule"], f["severity"]) for f in rehearsal["findings"])
    out.append("Findings: " + ", ".join(f"`{r}` {s} {n}" for (r, s), n in sorted(rules.items())) + ".\n")
    failing = {mid: e for mid, e in ups.items() if e}
    out.append("psql applying the ups alone, in order, on an empty database: " + (
        "every up applies" if not failing else "fails at " + "; ".join(f"{mid} ({e})" for mid, e in failing.items()))
        + ".\n")
    errors = [f for f in rehearsal["findings"] if f["severity"] == "error"]
    if errors:
        out.append("| error | migration | psql applying the same files |")
        out.append("|---|---|---|")
        for f in errors:
            said = {"migration-failed": ups, "down-failed": downs}.get(f["rule"])
            if said is None:
                check = "– (no psql error to compare: a comparison of schema or data)"
            else:
                got = said.get(f["migration"], "not reached")
                check = "fails too: " + got if got and got != "not reached" else (
                    "not reached" if got == "not reached" else "**applies**")
            out.append(f"| `{f['rule']}` | {f['migration']} | {check.replace('|', '/')} |")
        out.append("")
    return "\n".join(out)


def main(argv):
    runs = 1
    if "--runs" in argv:
        i = argv.index("--runs")
        runs = int(argv[i + 1])
        del argv[i:i + 2]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    checkouts, names = argv[0], argv[1:]
    rows = histories()
    os.makedirs(os.path.dirname(REPORT), exist_ok=True)
    sections = []
    for name in names:
        checkout = os.path.join(checkouts, name)
        order = apply_order(checkout)
        output = os.path.join(os.path.dirname(REPORT), f"{name}.rehearse.json")
        times = {"psql": [], "rehearse": []}
        for _ in range(runs):
            times["psql"].append(psql_per_file(order))
            times["rehearse"].append(rehearse(checkout, output))
        rehearsal = json.load(open(output))
        ups, downs = runner_outcomes(order, {f["migration"] for f in rehearsal["findings"]
                                             if f["rule"] == "down-failed"})
        sections.append(section(name, rows[name], order, runs, times, rehearsal, ups, downs))
        print(sections[-1], flush=True)
    server = subprocess.run([PSQL, "-X", "-h", HOST, "-p", PORT, "-U", USER, "-d", "postgres", "-Atc",
                             "SHOW server_version"], capture_output=True, text=True).stdout.strip()
    with open(REPORT, "w") as f:
        f.write(f"PostgreSQL {server} at {HOST}:{PORT}, psql {PSQL}, {os.cpu_count()} cores.\n\n")
        f.write("\n\n".join(sections) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
