#!/usr/bin/env python3
"""Check a project written by gen-alembic-history.py, reading only the files on disk.

Alembic: every file names its revision in its file name, ids are unique 12-hex-digit
strings, every down_revision and depends_on exists, there is exactly one base and
exactly one head, the graph (with dependencies) has no cycle, branch labels are unique.
SQL: versions are 1..N without gaps and every NNNNNN_name.sql has its .down.sql.

Usage: bench/check-history.py DIR     (exit status 0 when the history is sound)
"""

import ast
import os
import re
import sys

HEADER = re.compile(
    r"^(revision|down_revision|branch_labels|depends_on)\s*(?::[^=\n]*)?=\s*(.+)$", re.M)
HEX12 = re.compile(r"^[0-9a-f]{12}$")


def as_tuple(value):
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def check_alembic(versions):
    errors = []
    revs = {}
    for name in os.listdir(versions):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(versions, name), encoding="utf-8") as f:
            text = f.read()
        header = {key: ast.literal_eval(value.strip()) for key, value in HEADER.findall(text)}
        if set(header) != {"revision", "down_revision", "branch_labels", "depends_on"}:
            errors.append("%s: header has %s" % (name, sorted(header)))
            continue
        rev = header["revision"]
        if not HEX12.match(rev) or not name.startswith(rev + "_"):
            errors.append("%s: bad revision id %r" % (name, rev))
        if rev in revs:
            errors.append("%s: duplicate revision %s" % (name, rev))
        if "from alembic import op" not in text or "def upgrade(" not in text \
                or "def downgrade(" not in text or ("Revision ID: %s\n" % rev) not in text:
            errors.append("%s: does not look like an Alembic revision" % name)
        revs[rev] = (as_tuple(header["down_revision"]), as_tuple(header["depends_on"]),
                     as_tuple(header["branch_labels"]))

    children = {rev: 0 for rev in revs}
    labels = {}
    merges = depends = 0
    for rev, (parents, deps, branch_labels) in revs.items():
        merges += len(parents) > 1
        depends += bool(deps)
        for parent in parents + deps:
            if parent not in revs:
                errors.append("%s: unknown revision %s" % (rev, parent))
        for parent in parents:
            if parent in children:
                children[parent] += 1
        for label in branch_labels:
            if label in labels:
                errors.append("%s: branch label %s already used by %s" % (rev, label, labels[label]))
            labels[label] = rev
    heads = [rev for rev, n in children.items() if n == 0]
    bases = [rev for rev, (parents, _, _) in revs.items() if not parents]
    if len(heads) != 1:
        errors.append("%d heads: %s" % (len(heads), heads[:10]))
    if len(bases) != 1:
        errors.append("%d bases: %s" % (len(bases), bases[:10]))

    # cycle check over down_revision + depends_on edges (iterative DFS, colours)
    state = dict.fromkeys(revs, 0)
    for start in revs:
        if state[start]:
            continue
        stack = [(start, iter(revs[start][0] + revs[start][1]))]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif nxt in state:
                if state[nxt] == 1:
                    errors.append("cycle through %s" % nxt)
                elif state[nxt] == 0:
                    state[nxt] = 1
                    stack.append((nxt, iter(revs[nxt][0] + revs[nxt][1])))
    forks = sum(1 for n in children.values() if n > 1)
    summary = ("%d revisions, %d base, %d head, %d forks, %d merges, %d with depends_on, "
               "%d branch labels" % (len(revs), len(bases), len(heads), forks, merges, depends, len(labels)))
    return summary, errors


def check_sql(migrations):
    errors = []
    names = set(os.listdir(migrations))
    ups = sorted(n for n in names if n.endswith(".sql") and not n.endswith(".down.sql"))
    for expected, name in enumerate(ups, 1):
        version = int(name.split("_", 1)[0])
        if version != expected:
            errors.append("%s: expected version %d" % (name, expected))
            break
        if name[:-4] + ".down.sql" not in names:
            errors.append("%s: no down migration" % name)
    downs = sum(1 for n in names if n.endswith(".down.sql"))
    if downs != len(ups):
        errors.append("%d up and %d down migrations" % (len(ups), downs))
    return "%d migrations, %d down migrations" % (len(ups), downs), errors


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    root = sys.argv[1]
    if os.path.isdir(os.path.join(root, "alembic", "versions")):
        summary, errors = check_alembic(os.path.join(root, "alembic", "versions"))
    elif os.path.isdir(os.path.join(root, "db", "migrations")):
        summary, errors = check_sql(os.path.join(root, "db", "migrations"))
    else:
        sys.exit("error: %s has neither alembic/versions nor db/migrations" % root)
    print(summary)
    for error in errors[:50]:
        print("error:", error)
    if errors:
        print("%d errors" % len(errors))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
