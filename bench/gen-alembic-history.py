#!/usr/bin/env python3
"""Generate a large synthetic migration history for SchemaGuard benchmarks.

Default (--format alembic): an Alembic project with N revisions in
DIR/alembic/versions/<rev>_<slug>.py.  The history is mostly a main line; about
every --fork-every revisions it forks into 2-3 branches of 1-5 revisions each,
which a merge revision (down_revision = ("a", "b"[, "c"])) rejoins.  A few
revisions carry depends_on (on an ancestor, or across the branches of a fork)
and a few fork branches carry branch_labels.  The result has exactly one head,
one base and no errors.

--format sql: an equivalent linear plain-SQL project with N migrations in
DIR/db/migrations/NNNNNN_<name>.sql and NNNNNN_<name>.down.sql.

Both write DIR/schemaguard.yml.  Output is a pure function of the arguments
(--seed, -n, --fork-every, ...): the same arguments give byte-identical files.

Python 3 standard library only; files are written directly (no subprocesses),
100,000 revisions take a few seconds.
"""

import argparse
import datetime
import os
import random
import re
import queue
import shutil
import sys
import threading
import time

MARKER = ".schemaguard-bench"
WRITER_THREADS = 2

NOUNS = [
    "user", "account", "order", "invoice", "payment", "product", "customer", "session",
    "address", "shipment", "coupon", "review", "tag", "category", "message", "event",
    "subscription", "plan", "team", "project", "task", "comment", "audit_log", "webhook",
    "api_key", "device", "notification", "report", "warehouse", "supplier",
]
COLUMNS = [
    ("email", "sa.String(length=255)", "varchar(255)"),
    ("status", "sa.String(length=32)", "varchar(32)"),
    ("created_at", "sa.DateTime(timezone=True)", "timestamptz"),
    ("updated_at", "sa.DateTime(timezone=True)", "timestamptz"),
    ("amount", "sa.Numeric(precision=12, scale=2)", "numeric(12,2)"),
    ("quantity", "sa.Integer()", "integer"),
    ("is_active", "sa.Boolean()", "boolean"),
    ("notes", "sa.Text()", "text"),
    ("external_id", "sa.String(length=64)", "varchar(64)"),
    ("score", "sa.Float()", "double precision"),
    ("metadata", "sa.JSON()", "jsonb"),
    ("deleted_at", "sa.DateTime(timezone=True)", "timestamptz"),
]


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Generate a synthetic Alembic (or plain SQL) migration history for benchmarks.")
    p.add_argument("-n", "--revisions", type=int, default=100_000,
                   help="number of revisions/migrations (default 100000)")
    p.add_argument("--out", default=None,
                   help="output project directory (default bench/out/<format>-<N>, e.g. bench/out/alembic-100k)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--format", choices=("alembic", "sql"), default="alembic",
                   help="alembic (default) or sql (linear plain SQL, NNNNNN_name.sql + .down.sql)")
    p.add_argument("--fork-every", type=int, default=50,
                   help="about this many main-line revisions between forks; 0 = no forks (default 50)")
    p.add_argument("--depends-every", type=int, default=400,
                   help="about one revision in this many gets depends_on; 0 = none (default 400)")
    p.add_argument("--label-every", type=int, default=10,
                   help="about one fork in this many gets a branch_labels entry; 0 = none (default 10)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing non-empty output directory not made by this script")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    args = p.parse_args(argv)
    if args.revisions < 1:
        p.error("--revisions must be at least 1")
    for name in ("fork_every", "depends_every", "label_every"):
        if getattr(args, name) < 0:
            p.error("--%s must not be negative" % name.replace("_", "-"))
    if args.out is None:
        n = args.revisions
        size = "%dk" % (n // 1000) if n % 1000 == 0 else str(n)
        args.out = os.path.join("bench", "out", "%s-%s" % (args.format, size))
    return args


def prepare_out(out, force):
    """Create an empty output directory; replace one this script made earlier."""
    if os.path.exists(out):
        if not os.path.isdir(out):
            sys.exit("error: %s exists and is not a directory" % out)
        if os.listdir(out):
            if not (force or os.path.exists(os.path.join(out, MARKER))):
                sys.exit("error: %s is not empty and was not made by this script (use --force)" % out)
            shutil.rmtree(out)
    os.makedirs(out, exist_ok=True)


_WORD = re.compile(r"\w+")


def slugify(message, limit=40):
    """Alembic's file name slug (ScriptDirectory, truncate_slug_length = 40)."""
    slug = "_".join(_WORD.findall(message)).lower()
    if len(slug) > limit:
        slug = slug[:limit].rsplit("_", 1)[0] + "_"
    return slug


class Schema:
    """A tiny model of the schema so the operations look coherent (tables exist, columns are new)."""

    def __init__(self, rng):
        self.rng = rng
        self.tables = []        # tables every later revision can see
        self.branch = None      # the fork branch being written, if any
        self.branch_tables = {} # fork branch -> tables created on it, visible after the merge
        self.counter = 0

    def enter(self, branch):
        """Move to a fork branch (an int) or back to the trunk (None)."""
        if branch is None and self.branch_tables:
            for created in self.branch_tables.values():
                self.tables.extend(created)
            self.branch_tables = {}
        self.branch = branch

    def next_id(self):
        self.counter += 1
        return self.counter

    def op(self):
        """Pick an operation: (kind, message, table, extra)."""
        r = self.rng.random()
        own = self.branch_tables.setdefault(self.branch, []) if self.branch is not None else self.tables
        if not (self.tables or own) or r < 0.25:
            table = "%s_%d" % (self.rng.choice(NOUNS), self.next_id())
            own.append(table)
            cols = self.rng.sample(COLUMNS, self.rng.randint(1, 3))
            return "create_table", "create %s table" % table, table, cols
        pool = self.tables[-500:] if own is self.tables else self.tables[-500:] + own
        table = self.rng.choice(pool)
        if r < 0.70:
            name, satype, pgtype = self.rng.choice(COLUMNS)
            column = "%s_%d" % (name, self.next_id())
            return "add_column", "add %s to %s" % (column, table), table, (column, satype, pgtype)
        if r < 0.85:
            index = "ix_%s_%d" % (table, self.next_id())
            return "create_index", "index %s" % table, table, index
        column = "flag_%d" % self.next_id()
        return "execute", "backfill %s on %s" % (column, table), table, column


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def write_raw(path, data):
    """Write one small file with raw system calls: much cheaper than open() for 100k files."""
    fd = os.open(path, _CREATE, 0o644)
    try:
        while data:
            data = data[os.write(fd, data):]
    finally:
        os.close(fd)


class Writer:
    """Writes files on background threads while the main thread renders the next ones.

    File system calls release the GIL, so rendering (CPU) and writing (system calls) overlap.
    The order files are written in does not matter: each file's content is fixed before it is
    queued, so the output is the same whatever the scheduling.
    """

    BATCH = 256

    def __init__(self, threads=WRITER_THREADS):
        self.queue = queue.Queue(maxsize=64)
        self.batch = []
        self.errors = []
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]
        for t in self.threads:
            t.start()

    def _run(self):
        while True:
            batch = self.queue.get()
            if batch is None:
                return
            if self.errors:
                continue
            try:
                for path, data in batch:
                    write_raw(path, data)
            except OSError as e:
                self.errors.append(e)

    def write(self, path, text):
        self.batch.append((path, text.encode()))
        if len(self.batch) >= self.BATCH:
            self.queue.put(self.batch)
            self.batch = []

    def close(self):
        if self.batch:
            self.queue.put(self.batch)
            self.batch = []
        for _ in self.threads:
            self.queue.put(None)
        for t in self.threads:
            t.join()
        if self.errors:
            raise self.errors[0]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# --------------------------------------------------------------------------- alembic

def q(style, value):
    return ('"%s"' if style else "'%s'") % value


def py_value(style, value):
    """Render None, a string or a tuple of strings as Python source."""
    if value is None:
        return "None"
    if isinstance(value, str):
        return q(style, value)
    if len(value) == 1:
        return "(%s,)" % q(style, value[0])
    return "(%s)" % ", ".join(q(style, v) for v in value)


def alembic_bodies(kind, table, extra, style):
    """Return (upgrade body, downgrade body) for an Alembic revision."""
    if kind == "create_table":
        cols = "".join("        sa.Column(%s, %s, nullable=True),\n" % (q(style, name), satype)
                       for name, satype, _ in extra)
        up = ("    op.create_table(\n"
              "        %s,\n"
              "        sa.Column(%s, sa.Integer(), nullable=False),\n"
              "%s"
              "        sa.PrimaryKeyConstraint(%s),\n"
              "    )\n") % (q(style, table), q(style, "id"), cols, q(style, "id"))
        down = "    op.drop_table(%s)\n" % q(style, table)
    elif kind == "add_column":
        column, satype, _ = extra
        up = "    op.add_column(%s, sa.Column(%s, %s, nullable=True))\n" % (
            q(style, table), q(style, column), satype)
        down = "    op.drop_column(%s, %s)\n" % (q(style, table), q(style, column))
    elif kind == "create_index":
        up = "    op.create_index(%s, %s, [%s], unique=False)\n" % (
            q(style, extra), q(style, table), q(style, "id"))
        down = "    op.drop_index(%s, table_name=%s)\n" % (q(style, extra), q(style, table))
    else:  # execute
        up = ("    op.add_column(%s, sa.Column(%s, sa.Boolean(), nullable=True))\n"
              "    op.execute(\"UPDATE %s SET %s = false WHERE %s IS NULL\")\n"
              "    op.alter_column(%s, %s, nullable=False)\n") % (
            q(style, table), q(style, extra), table, extra, extra, q(style, table), q(style, extra))
        down = "    op.drop_column(%s, %s)\n" % (q(style, table), q(style, extra))
    return up, down


HEADER_PLAIN = '''"""{message}

Revision ID: {rev}
Revises: {revises}
Create Date: {date}

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = {rev_v}
down_revision = {down_v}
branch_labels = {labels_v}
depends_on = {depends_v}


'''

HEADER_TYPED = '''"""{message}

Revision ID: {rev}
Revises: {revises}
Create Date: {date}

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = {rev_v}
down_revision: Union[str, None] = {down_v}
branch_labels: Union[str, Sequence[str], None] = {labels_v}
depends_on: Union[str, Sequence[str], None] = {depends_v}


'''

PLAIN_FUNCS = "def upgrade():\n%s\n\ndef downgrade():\n%s"
TYPED_FUNCS = "def upgrade() -> None:\n%s\n\ndef downgrade() -> None:\n%s"

HEADER_TYPED_MERGE = HEADER_TYPED.replace(
    "down_revision: Union[str, None]", "down_revision: Union[str, Sequence[str], None]")


def make_ids(rng, n):
    """n distinct 12-hex-digit revision ids, like Alembic's uuid4().hex[-12:]."""
    ids, seen = [], set()
    while len(ids) < n:
        rev = "%012x" % rng.getrandbits(48)
        if rev not in seen and not rev.isdigit():  # an all-digit id would look like a number
            seen.add(rev)
            ids.append(rev)
    return ids


def plan_alembic(args, rng):
    """The revision graph: list of (rev, parents, depends_on, branch_labels, fork branch or None)."""
    n = args.revisions
    ids = make_ids(rng, n)
    nodes = []
    mainline = []           # revisions on the trunk (ancestors of everything after them)
    state = {"i": 0}

    def new(parents, depends=None, labels=None, branch=None):
        rev = ids[state["i"]]
        state["i"] += 1
        nodes.append((rev, parents, depends, labels, branch))
        return rev

    def ancestor_dep(parent):
        pool = mainline[-200:]
        choices = [r for r in pool if r != parent]
        return rng.choice(choices) if choices else None

    def wants_dep():
        return args.depends_every and rng.randrange(args.depends_every) == 0

    head = new(())
    mainline.append(head)
    fe = args.fork_every
    until_fork = rng.randint(max(1, fe - fe // 4), fe + fe // 4) if fe else -1
    forks = 0
    while state["i"] < n:
        left = n - state["i"]
        if fe and until_fork <= 0 and left >= 4:
            # a fork: 2-3 branches of 1-5 revisions from the current head, then a merge
            k = rng.choice((2, 2, 3))
            lengths = [rng.randint(1, 5) for _ in range(k)]
            while sum(lengths) + 1 > left:
                lengths = [max(1, x - 1) for x in lengths]
                if sum(lengths) + 1 > left:
                    k, lengths = 2, [1, 1]
                    break
            forks += 1
            labelled = args.label_every and rng.randrange(args.label_every) == 0
            branches = []
            for b, length in enumerate(lengths):
                tip = head
                branch = []
                for j in range(length):
                    labels = ("feature_%05d" % forks,) if labelled and b == 0 and j == 0 else None
                    depends = None
                    if wants_dep():
                        # across the branches of this fork when possible, else on an ancestor
                        sibling = [r for br in branches for r in br]
                        depends = rng.choice(sibling) if sibling and rng.random() < 0.5 else ancestor_dep(tip)
                        if depends is not None and rng.random() < 0.2:
                            extra = ancestor_dep(tip)
                            if extra and extra != depends:
                                depends = (depends, extra)
                    tip = new((tip,), depends, labels, b)
                    branch.append(tip)
                branches.append(branch)
            head = new(tuple(br[-1] for br in branches))
            mainline.append(head)
            until_fork = rng.randint(max(1, fe - fe // 4), fe + fe // 4)
        else:
            depends = ancestor_dep(head) if wants_dep() else None
            head = new((head,), depends)
            mainline.append(head)
            until_fork -= 1
    return nodes


def write_alembic(args, rng):
    out = args.out
    versions = os.path.join(out, "alembic", "versions")
    os.makedirs(versions)
    nodes = plan_alembic(args, rng)
    schema = Schema(rng)
    date = datetime.datetime(2016, 1, 4, 9, 30, 0, 0)
    step = datetime.timedelta
    with Writer() as writer:
        for rev, parents, depends, labels, branch in nodes:
            date += step(minutes=rng.randint(1, 100), microseconds=rng.randint(0, 999_999))
            schema.enter(branch)
            style = rng.random() < 0.4            # True: type-annotated, double quotes
            merge = len(parents) > 1
            if merge:
                message = "merge " + " and ".join(parents)
                up = down = "    pass\n"
            else:
                kind, message, table, extra = schema.op()
                up, down = alembic_bodies(kind, table, extra, style)
            down_value = None if not parents else parents[0] if not merge else parents
            header = (HEADER_TYPED_MERGE if merge else HEADER_TYPED) if style else HEADER_PLAIN
            text = header.format(
                message=message.capitalize(),
                rev=rev,
                revises=", ".join(parents),
                date=date.isoformat(" ", "microseconds"),
                rev_v=q(style, rev),
                down_v=py_value(style, down_value),
                labels_v=py_value(style, labels),
                depends_v=py_value(style, depends),
            ) + (TYPED_FUNCS if style else PLAIN_FUNCS) % (up, down)
            writer.write("%s/%s_%s.py" % (versions, rev, slugify(message)), text)

    with open(os.path.join(out, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = alembic\n"
                "sqlalchemy.url = postgresql://localhost/bench\n")
    with open(os.path.join(out, "alembic", "env.py"), "w") as f:
        f.write('"""Placeholder env.py: this project is a SchemaGuard benchmark and is never run."""\n')
    with open(os.path.join(out, "schemaguard.yml"), "w") as f:
        f.write("migrations: {path: alembic/versions, format: alembic}\n")
    return len(nodes)


# --------------------------------------------------------------------------- sql

def sql_bodies(kind, table, extra):
    if kind == "create_table":
        cols = "".join(",\n    %s %s" % (name, pgtype) for name, _, pgtype in extra)
        up = "CREATE TABLE %s (\n    id bigserial PRIMARY KEY%s\n);\n" % (table, cols)
        down = "DROP TABLE %s;\n" % table
    elif kind == "add_column":
        column, _, pgtype = extra
        up = "ALTER TABLE %s ADD COLUMN %s %s;\n" % (table, column, pgtype)
        down = "ALTER TABLE %s DROP COLUMN %s;\n" % (table, column)
    elif kind == "create_index":
        up = "CREATE INDEX %s ON %s (id);\n" % (extra, table)
        down = "DROP INDEX %s;\n" % extra
    else:
        up = ("ALTER TABLE %s ADD COLUMN %s boolean;\n"
              "UPDATE %s SET %s = false WHERE %s IS NULL;\n"
              "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;\n") % (
            table, extra, table, extra, extra, table, extra)
        down = "ALTER TABLE %s DROP COLUMN %s;\n" % (table, extra)
    return up, down


def write_sql(args, rng):
    out = args.out
    migrations = os.path.join(out, "db", "migrations")
    os.makedirs(migrations)
    schema = Schema(rng)
    width = max(6, len(str(args.revisions)))
    with Writer() as writer:
        for i in range(1, args.revisions + 1):
            kind, message, table, extra = schema.op()
            up, down = sql_bodies(kind, table, extra)
            base = "%s/%0*d_%s" % (migrations, width, i, slugify(message))
            writer.write(base + ".sql", "-- %s\n%s" % (message.capitalize(), up))
            writer.write(base + ".down.sql", "-- Revert: %s\n%s" % (message, down))
    with open(os.path.join(out, "schemaguard.yml"), "w") as f:
        f.write("migrations: {path: db/migrations, format: sql}\n")
    return args.revisions


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    prepare_out(args.out, args.force)
    rng = random.Random("schemaguard-bench:%s:%d" % (args.format, args.seed))
    count = (write_alembic if args.format == "alembic" else write_sql)(args, rng)
    with open(os.path.join(args.out, MARKER), "w") as f:
        f.write("generated by bench/gen-alembic-history.py %s\n" % " ".join(
            "--%s=%s" % (k.replace("_", "-"), v) for k, v in sorted(vars(args).items())
            if k not in ("out", "force", "quiet")))
    if not args.quiet:
        print("wrote %d %s revisions to %s in %.2f s" % (
            count, args.format, args.out, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
