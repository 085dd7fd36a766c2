#!/usr/bin/env python3
"""Writes a realistic plain-SQL migration history with a down file for every migration, for the
rehearsal benchmark (bench/rehearsal-bench.sh).

    bench/gen-rehearsal-history.py                     # 300 migrations into bench/out/rehearsal-300 (seed 1)
    bench/gen-rehearsal-history.py -n 500 --seed 7 --out /tmp/r500

The project is DIR/db/migrations/NNNN_<name>.sql + NNNN_<name>.down.sql and DIR/schemaguard.yml
(migrations: {path: db/migrations, format: sql, transaction: none}; require: {down_migrations: true}).

Migrations are of the kinds real projects write, each touching only what earlier migrations made:
CREATE TABLE (identity primary key, foreign keys to earlier tables, enums created once by the first
table that uses them, CHECK, UNIQUE, jsonb, timestamptz, an index per foreign key); ADD COLUMN
nullable or with a constant default; CREATE INDEX, some CONCURRENTLY alone in their own migration;
backfill UPDATEs; CHECK and FOREIGN KEY constraints added NOT VALID and VALIDATEd by a later
migration; SET NOT NULL after a backfill; RENAME COLUMN; contract migrations that DROP COLUMN
(their down adds the column back with its indexes and constraints); plpgsql trigger functions and
triggers; SQL functions; views, some later replaced with one more column.

Every down reverses its up exactly: the schema, and the data except a dropped column's values, which
no down can bring back (a contract migration dropping a column that holds data loses it by design). Why `transaction: none`: CREATE INDEX CONCURRENTLY cannot
run inside a transaction block, so a runner that wraps every file in one (the `sql` format's
default) could not apply these files. The files are written for psql -f, as projects that apply
migrations with psql write them: a migration of several statements carries its own BEGIN ... COMMIT
(with SET LOCAL lock_timeout where it alters a table in use), a migration of one statement needs
none, and CREATE/DROP INDEX CONCURRENTLY stands alone.

Standard library only; the output depends only on the arguments.
"""
import argparse
import os
import random
import shutil
import sys

MARKER = ".schemaguard-bench"

NOUNS = ("account", "team", "player", "invoice", "payment", "purchase_order", "product", "shipment",
         "warehouse", "customer", "subscription", "plan", "coupon", "review", "ticket", "message",
         "device", "login_session", "event", "report", "project", "task", "comment", "tag",
         "contract", "vendor", "address", "region", "store", "category", "price", "ledger_entry",
         "transfer", "refund", "notification", "webhook", "api_key", "membership", "league",
         "fixture", "season", "venue", "asset", "document", "upload", "job", "schedule", "quota",
         "channel", "campaign", "segment", "supplier", "carrier", "parcel", "discount", "cart",
         "wishlist", "survey", "answer", "badge")
QUALIFIERS = ("archived", "external", "partner", "regional", "billing", "support", "legacy", "daily")
# extra columns: (name, type); a column's type follows its name, as in real schemas
COLUMNS = (("label", "text"), ("note", "text"), ("score", "integer"), ("priority", "smallint"),
           ("weight", "numeric(12,2)"), ("source", "varchar(64)"), ("channel_code", "varchar(64)"),
           ("currency", "varchar(64)"), ("locale", "varchar(64)"), ("timezone", "text"),
           ("quantity_limit", "integer"), ("rating", "smallint"), ("level", "smallint"), ("origin", "text"),
           ("reference", "varchar(64)"), ("external_ref", "text"), ("checksum", "bigint"),
           ("revision", "integer"), ("rank", "integer"), ("balance", "numeric(12,2)"),
           ("limit_value", "bigint"), ("duration_s", "integer"), ("color", "varchar(64)"),
           ("slug", "varchar(64)"), ("title", "text"), ("summary", "text"), ("region_code", "varchar(64)"),
           ("cost", "numeric(12,2)"), ("margin", "numeric(12,2)"), ("discount_pct", "numeric(12,2)"),
           ("last_seen_at", "timestamptz"), ("verified_at", "timestamptz"), ("expires_at", "timestamptz"),
           ("archived_at", "timestamptz"), ("settings", "jsonb"), ("attributes", "jsonb"),
           ("preferences", "jsonb"), ("due_on", "date"), ("published_on", "date"), ("is_featured", "boolean"),
           ("is_hidden", "boolean"), ("is_verified", "boolean"), ("sort_order", "integer"),
           ("retry_count", "integer"), ("version_no", "bigint"))
# (type, constant default, backfill expression over the table's own columns, CHECK for a NOT VALID constraint)
TYPES = {
    "integer": ("0", "(id % 100)::integer", "{c} >= 0"),
    "bigint": ("0", "id * 10", "{c} >= 0"),
    "numeric(12,2)": ("0", "round((id % 1000) / 10.0, 2)", "{c} >= 0"),
    "text": ("'unknown'", "'legacy-' || id", "char_length({c}) <= 200"),
    "varchar(64)": ("''", "left(name, 64)", "char_length({c}) <= 64"),
    "boolean": ("false", "(id % 2 = 0)", None),
    "timestamptz": (None, "created_at", "{c} >= '2000-01-01'::timestamptz"),
    "date": (None, "created_at::date", "{c} >= DATE '2000-01-01'"),
    "jsonb": ("'{}'::jsonb", "jsonb_build_object('source', 'backfill', 'id', id)", "jsonb_typeof({c}) = 'object'"),
    "smallint": ("1", "(id % 5)::smallint", "{c} BETWEEN 0 AND 100"),
}
ENUMS = (("order_status", ("draft", "pending", "active", "paused", "cancelled")),
         ("payment_state", ("open", "authorized", "captured", "refunded", "failed")),
         ("visibility", ("private", "internal", "public")),
         ("priority_level", ("low", "normal", "high", "urgent")),
         ("review_state", ("queued", "approved", "rejected")),
         ("channel_kind", ("email", "sms", "push", "webhook")),
         ("shipment_state", ("created", "in_transit", "delivered", "returned")),
         ("plan_tier", ("free", "starter", "pro", "enterprise")))


class Column:
    def __init__(self, name, sqltype, default=None, fk=None):
        self.name = name
        self.type = sqltype
        self.default = default       # constant default, or None (nullable, no default)
        self.fk = fk                 # (constraint name, parent table, validated) or None
        self.not_null = default is not None
        self.set_not_null = False    # made NOT NULL by a later migration: not dropped (its down could not re-add it)
        self.backfilled = False
        self.indexes = []            # [(index name, definition)]
        self.checks = []             # [[constraint name, expression, validated]]

    def definition(self):
        text = f"{self.name} {self.type}"
        if self.default is not None:
            text += f" NOT NULL DEFAULT {self.default}"
        return text


class Table:
    def __init__(self, name, parent):
        self.name = name
        self.parent = parent          # table referenced by a NOT NULL foreign key column, or None
        self.extra = []               # Columns added after creation (may be renamed, dropped, indexed)
        self.base_indexed = set()     # base columns with an index of their own
        self.trigger = False
        self.audited = False
        self.used = set()             # every column name ever used in this table


class View:
    def __init__(self, name, table, sql):
        self.name = name
        self.table = table
        self.sql = sql
        self.replaced = False


class Gen:
    def __init__(self, rnd):
        self.r = rnd
        self.tables = []
        self.names = set()
        self.enums = []              # enum names created so far
        self.views = []
        self.functions = set()
        self.pending = []            # [table, column, check] NOT VALID constraints waiting for VALIDATE
        self.have_updated_at_fn = False
        self.have_audit = False

    # ------------------------------------------------------------------ helpers
    def pick_table(self, pred=lambda t: True):
        candidates = [t for t in self.tables if pred(t)]
        # recent tables are touched more often, as in real histories
        if not candidates:
            return None
        weights = [1 + i for i in range(len(candidates))]
        return self.r.choices(candidates, weights)[0]

    def new_name(self, base):
        name = base
        i = 2
        while name in self.names:
            name = f"{base}_{i}"
            i += 1
        self.names.add(name)
        return name

    def new_column(self, table, with_default=False):
        """A column the table does not have yet, of the type its name calls for."""
        options = [(n, t) for n, t in COLUMNS
                   if n not in table.used and (not with_default or TYPES[t][0] is not None)]
        if options:
            name, sqltype = self.r.choice(options)
        else:
            name, sqltype = f"extra_{len(table.used)}", "text"
        table.used.add(name)
        return Column(name, sqltype, TYPES[sqltype][0] if with_default else None)

    def locked(self, statements):
        """A migration altering a table in use: in its own transaction with a lock_timeout, or a lone statement."""
        if len(statements) == 1 and self.r.random() < 0.4:
            return statements[0] + "\n"
        return "BEGIN;\nSET LOCAL lock_timeout = '5s';\n" + "\n".join(statements) + "\nCOMMIT;\n"

    @staticmethod
    def tx(statements):
        if len(statements) == 1:
            return statements[0] + "\n"
        return "BEGIN;\n" + "\n".join(statements) + "\nCOMMIT;\n"

    # ------------------------------------------------------------------ migration kinds
    def create_table(self):
        noun = self.r.choice(NOUNS)
        if noun in self.names:
            noun = f"{self.r.choice(QUALIFIERS)}_{noun}"
        name = self.new_name(noun)
        parent = self.pick_table() if self.tables and self.r.random() < 0.75 else None
        other = self.pick_table(lambda t: t is not parent) if parent and self.r.random() < 0.3 else None
        t = Table(name, parent)
        t.used.update(("id", "name", "created_at", "updated_at"))
        up, down = [], []
        new_enum = None
        cols = [f"    id bigint GENERATED {'ALWAYS' if self.r.random() < 0.7 else 'BY DEFAULT'} AS IDENTITY PRIMARY KEY"]
        fk_indexes = []
        if parent:
            cols.append(f"    {parent.name}_id bigint NOT NULL REFERENCES {parent.name} (id) ON DELETE CASCADE")
            t.used.add(f"{parent.name}_id")
            fk_indexes.append(f"{parent.name}_id")
        if other:
            cols.append(f"    {other.name}_id bigint REFERENCES {other.name} (id) ON DELETE SET NULL")
            t.used.add(f"{other.name}_id")
            fk_indexes.append(f"{other.name}_id")
        cols.append("    name text NOT NULL")
        if self.r.random() < 0.5:
            cols.append("    code varchar(32) NOT NULL")
            t.used.add("code")
        if self.r.random() < 0.45:
            unused = [e for e in ENUMS if e[0] not in self.enums]
            if unused and (not self.enums or self.r.random() < 0.4):
                enum, labels = unused[0]
                self.enums.append(enum)
                new_enum = enum
                up.append(f"CREATE TYPE {enum} AS ENUM ({', '.join(repr(v) for v in labels)});")
            else:
                enum = self.r.choice(self.enums)
                labels = dict(ENUMS)[enum]
            cols.append(f"    status {enum} NOT NULL DEFAULT '{labels[0]}'")
            t.used.add("status")
        if self.r.random() < 0.5:
            cols.append("    amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (amount >= 0)")
            t.used.add("amount")
        if self.r.random() < 0.3:
            cols.append("    quantity integer CHECK (quantity BETWEEN 0 AND 10000)")
            t.used.add("quantity")
        if self.r.random() < 0.6:
            cols.append("    metadata jsonb NOT NULL DEFAULT '{}'::jsonb")
            t.used.add("metadata")
        cols.append("    created_at timestamptz NOT NULL DEFAULT now()")
        cols.append("    updated_at timestamptz NOT NULL DEFAULT now()")
        if "code" in t.used:
            scope = f"{parent.name}_id, code" if parent and self.r.random() < 0.5 else "code"
            cols.append(f"    CONSTRAINT {name}_code_key UNIQUE ({scope})")
        if self.r.random() < 0.3:
            cols.append(f"    CONSTRAINT {name}_name_not_blank CHECK (char_length(name) > 0)")
        up.append(f"CREATE TABLE {name} (\n" + ",\n".join(cols) + "\n);")
        for col in fk_indexes:
            up.append(f"CREATE INDEX {name}_{col}_idx ON {name} ({col});")
            t.base_indexed.add(col)
        down.append(f"DROP TABLE {name};")
        if new_enum:
            down.append(f"DROP TYPE {new_enum};")
        self.tables.append(t)
        return f"create_{name}", self.tx(up), self.tx(down)

    def add_nullable_column(self):
        t = self.pick_table()
        c = self.new_column(t)
        t.extra.append(c)
        return (f"add_{t.name}_{c.name}", self.locked([f"ALTER TABLE {t.name} ADD COLUMN {c.definition()};"]),
                self.locked([f"ALTER TABLE {t.name} DROP COLUMN {c.name};"]))

    def add_default_column(self):
        t = self.pick_table()
        c = self.new_column(t, with_default=True)
        t.extra.append(c)
        return (f"add_{t.name}_{c.name}", self.locked([f"ALTER TABLE {t.name} ADD COLUMN {c.definition()};"]),
                self.locked([f"ALTER TABLE {t.name} DROP COLUMN {c.name};"]))

    def add_reference(self):
        """expand: a nullable reference column with its foreign key NOT VALID (validated later)."""
        t = self.pick_table(lambda t: len(self.tables) > 1)
        parents = [p for p in self.tables if p is not t and f"{p.name}_id" not in t.used]
        if t is None or not parents:
            return None
        p = self.r.choice(parents)
        c = Column(f"{p.name}_id", "bigint")
        t.used.add(c.name)
        con = f"{t.name}_{c.name}_fkey"
        c.fk = [con, p, False]
        t.extra.append(c)
        self.pending.append((t, c, None))
        return (f"add_{t.name}_{c.name}",
                self.locked([f"ALTER TABLE {t.name} ADD COLUMN {c.name} bigint;",
                             f"ALTER TABLE {t.name} ADD CONSTRAINT {con} FOREIGN KEY ({c.name}) "
                             f"REFERENCES {p.name} (id) NOT VALID;"]),
                self.locked([f"ALTER TABLE {t.name} DROP COLUMN {c.name};"]))

    def create_index(self):
        options = []
        for t in self.tables:
            for c in t.extra:
                if not c.indexes and c.type not in ("jsonb", "boolean"):
                    options.append((t, c, c.name))
            for base in ("created_at", "name"):
                if base not in t.base_indexed:
                    options.append((t, None, base))
        if not options:
            return None
        t, c, col = self.r.choice(options[-40:])
        name = self.new_name(f"{t.name}_{col}_idx")
        key = f"{col} DESC" if col == "created_at" else col
        where = f" WHERE {col} IS NOT NULL" if c is not None and c.default is None and self.r.random() < 0.3 else ""
        definition = f"INDEX {name} ON {t.name} ({key}){where}"
        if c is not None:
            c.indexes.append((name, definition))
        else:
            t.base_indexed.add(col)
        if self.r.random() < 0.45:
            return (f"index_{name}_concurrently", f"CREATE {definition.replace('INDEX', 'INDEX CONCURRENTLY', 1)};\n",
                    f"DROP INDEX CONCURRENTLY IF EXISTS {name};\n")
        return f"index_{name}", f"CREATE {definition};\n", f"DROP INDEX {name};\n"

    def backfill(self):
        options = [(t, c) for t in self.tables if not t.trigger
                   for c in t.extra if c.default is None and not c.backfilled and c.fk is None]
        if not options:
            return None
        t, c = self.r.choice(options)
        c.backfilled = True
        expr = TYPES[c.type][1]
        return (f"backfill_{t.name}_{c.name}",
                f"UPDATE {t.name} SET {c.name} = {expr} WHERE {c.name} IS NULL;\n",
                f"UPDATE {t.name} SET {c.name} = NULL WHERE {c.name} IS NOT NULL;\n")

    def add_check_not_valid(self):
        options = [(t, c) for t in self.tables for c in t.extra
                   if TYPES[c.type][2] and not c.checks and c.fk is None]
        if not options:
            return None
        t, c = self.r.choice(options)
        con = f"{t.name}_{c.name}_check"
        check = [con, TYPES[c.type][2].format(c=c.name), False]
        c.checks.append(check)
        self.pending.append((t, c, check))
        return (f"constrain_{t.name}_{c.name}_not_valid",
                self.locked([f"ALTER TABLE {t.name} ADD CONSTRAINT {con} CHECK ({check[1]}) NOT VALID;"]),
                self.locked([f"ALTER TABLE {t.name} DROP CONSTRAINT {con};"]))

    def validate(self):
        if not self.pending:
            return None
        t, c, check = self.pending.pop(0)
        if c not in t.extra:
            return None  # dropped meanwhile (cannot happen: pending columns are not dropped), kept for safety
        if check is None:
            con, p, _ = c.fk
            c.fk[2] = True
            readd = f"ALTER TABLE {t.name} ADD CONSTRAINT {con} FOREIGN KEY ({c.name}) REFERENCES {p.name} (id) NOT VALID;"
        else:
            con = check[0]
            check[2] = True
            readd = f"ALTER TABLE {t.name} ADD CONSTRAINT {con} CHECK ({check[1]}) NOT VALID;"
        return (f"validate_{con}", self.tx([f"ALTER TABLE {t.name} VALIDATE CONSTRAINT {con};"]),
                self.locked([f"ALTER TABLE {t.name} DROP CONSTRAINT {con};", readd]))

    def set_not_null(self):
        options = [(t, c) for t in self.tables for c in t.extra if c.backfilled and not c.not_null]
        if not options:
            return None
        t, c = self.r.choice(options)
        c.not_null = c.set_not_null = True
        return (f"require_{t.name}_{c.name}",
                self.locked([f"ALTER TABLE {t.name} ALTER COLUMN {c.name} SET NOT NULL;"]),
                self.locked([f"ALTER TABLE {t.name} ALTER COLUMN {c.name} DROP NOT NULL;"]))

    def rename_column(self):
        pending = {id(c) for _, c, _ in self.pending}
        options = [(t, c) for t in self.tables for c in t.extra
                   if c.fk is None and id(c) not in pending and not c.name.startswith("legacy_")]
        if not options:
            return None
        t, c = self.r.choice(options)
        old = c.name
        new = f"legacy_{old}"
        t.used.add(new)
        c.name = new
        # constraint expressions follow the column; only the generator's copies need the new name
        for check in c.checks:
            check[1] = TYPES[c.type][2].format(c=new)
        c.indexes = [(n, d.replace(f"({old}", f"({new}").replace(f"WHERE {old} ", f"WHERE {new} "))
                     for n, d in c.indexes]
        return (f"rename_{t.name}_{old}_to_{new}",
                self.locked([f"ALTER TABLE {t.name} RENAME COLUMN {old} TO {new};"]),
                self.locked([f"ALTER TABLE {t.name} RENAME COLUMN {new} TO {old};"]))

    def drop_column(self):
        """contract: the down adds the column back, with its indexes and constraints (not its data)."""
        pending = {id(c) for _, c, _ in self.pending}
        options = [(t, c) for t in self.tables for c in t.extra if not c.set_not_null and id(c) not in pending]
        if not options:
            return None
        t, c = self.r.choice(options)
        t.extra.remove(c)
        down = [f"ALTER TABLE {t.name} ADD COLUMN {c.definition()};"]
        if c.fk:
            con, p, valid = c.fk
            down.append(f"ALTER TABLE {t.name} ADD CONSTRAINT {con} FOREIGN KEY ({c.name}) REFERENCES {p.name} (id)"
                        + ("" if valid else " NOT VALID") + ";")
        for con, expr, valid in c.checks:
            down.append(f"ALTER TABLE {t.name} ADD CONSTRAINT {con} CHECK ({expr})" + ("" if valid else " NOT VALID") + ";")
        for _, definition in c.indexes:
            down.append(f"CREATE {definition};")
        return (f"contract_drop_{t.name}_{c.name}", self.locked([f"ALTER TABLE {t.name} DROP COLUMN {c.name};"]),
                self.locked(down))

    def trigger(self):
        if not self.have_updated_at_fn:
            self.have_updated_at_fn = True
            return ("create_set_updated_at_function",
                    "CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger\n"
                    "LANGUAGE plpgsql AS $$\nBEGIN\n    NEW.updated_at := now();\n    RETURN NEW;\nEND;\n$$;\n",
                    "DROP FUNCTION set_updated_at();\n")
        t = self.pick_table(lambda t: not t.trigger)
        if t is None:
            return None
        t.trigger = True
        name = f"{t.name}_set_updated_at"
        return (f"trigger_{name}",
                self.locked([f"CREATE TRIGGER {name} BEFORE UPDATE ON {t.name}\n"
                             f"    FOR EACH ROW EXECUTE FUNCTION set_updated_at();"]),
                self.locked([f"DROP TRIGGER {name} ON {t.name};"]))

    def audit(self):
        if not self.have_audit:
            self.have_audit = True
            self.names.add("audit_log")
            up = ("BEGIN;\n"
                  "CREATE TABLE audit_log (\n"
                  "    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                  "    table_name text NOT NULL,\n"
                  "    operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),\n"
                  "    row_id bigint,\n"
                  "    changed_at timestamptz NOT NULL DEFAULT now()\n"
                  ");\n"
                  "CREATE INDEX audit_log_table_name_changed_at_idx ON audit_log (table_name, changed_at);\n"
                  "CREATE FUNCTION audit_row_change() RETURNS trigger\n"
                  "LANGUAGE plpgsql AS $fn$\n"
                  "BEGIN\n"
                  "    IF TG_OP = 'DELETE' THEN\n"
                  "        INSERT INTO audit_log (table_name, operation, row_id) VALUES (TG_TABLE_NAME, TG_OP, OLD.id);\n"
                  "        RETURN OLD;\n"
                  "    END IF;\n"
                  "    INSERT INTO audit_log (table_name, operation, row_id) VALUES (TG_TABLE_NAME, TG_OP, NEW.id);\n"
                  "    RETURN NEW;\n"
                  "END;\n"
                  "$fn$;\n"
                  "COMMIT;\n")
            return "create_audit_log", up, "BEGIN;\nDROP FUNCTION audit_row_change();\nDROP TABLE audit_log;\nCOMMIT;\n"
        t = self.pick_table(lambda t: not t.audited)
        if t is None:
            return None
        t.audited = True
        t.trigger = True
        name = f"{t.name}_audit"
        return (f"trigger_{name}",
                self.locked([f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {t.name}\n"
                             f"    FOR EACH ROW EXECUTE FUNCTION audit_row_change();"]),
                self.locked([f"DROP TRIGGER {name} ON {t.name};"]))

    def function(self):
        t = self.pick_table(lambda t: f"{t.name}_created_since" not in self.functions)
        if t is None:
            return None
        fn = f"{t.name}_created_since"
        self.functions.add(fn)
        return (f"function_{fn}",
                f"CREATE FUNCTION {fn}(since timestamptz) RETURNS bigint\n"
                f"LANGUAGE sql STABLE AS $$\n    SELECT count(*) FROM {t.name} WHERE created_at >= since\n$$;\n",
                f"DROP FUNCTION {fn}(timestamptz);\n")

    def view(self):
        t = self.pick_table(lambda t: not any(v.table is t for v in self.views))
        if t is None:
            return None
        name = self.new_name(f"{t.name}_overview")
        if t.parent:
            p = t.parent
            sql = (f"SELECT c.id, c.name, c.created_at, p.id AS {p.name}_id, p.name AS {p.name}_name\n"
                   f"FROM {t.name} c\nJOIN {p.name} p ON p.id = c.{p.name}_id")
        else:
            sql = f"SELECT id, name, created_at\nFROM {t.name}\nWHERE created_at > now() - interval '90 days'"
        self.views.append(View(name, t, sql))
        return f"view_{name}", f"CREATE VIEW {name} AS\n{sql};\n", f"DROP VIEW {name};\n"

    def replace_view(self):
        options = [v for v in self.views if not v.replaced]
        if not options:
            return None
        v = self.r.choice(options)
        v.replaced = True
        old = v.sql
        # CREATE OR REPLACE VIEW may only add columns at the end
        first, rest = v.sql.split("\n", 1)
        prefix = "c." if v.table.parent else ""
        v.sql = f"{first}, {prefix}updated_at\n{rest}"
        return (f"view_{v.name}_add_updated_at", f"CREATE OR REPLACE VIEW {v.name} AS\n{v.sql};\n",
                f"BEGIN;\nDROP VIEW {v.name};\nCREATE VIEW {v.name} AS\n{old};\nCOMMIT;\n")

    KINDS = (("create_table", 20), ("add_nullable_column", 13), ("add_default_column", 8),
             ("add_reference", 3), ("create_index", 10), ("backfill", 8), ("add_check_not_valid", 5),
             ("validate", 6), ("set_not_null", 3), ("rename_column", 4), ("drop_column", 6),
             ("trigger", 5), ("audit", 2), ("function", 2), ("view", 4), ("replace_view", 1))

    def migration(self, index):
        if index < 6 or len(self.tables) < 3:
            return self.create_table()
        names = [k for k, _ in self.KINDS]
        weights = [w for _, w in self.KINDS]
        while True:
            result = getattr(self, self.r.choices(names, weights)[0])()
            if result is not None:
                return result


def header(number, name, kind, seed):
    return (f"-- {number:04d} {name.replace('_', ' ')}\n"
            f"-- {kind} (generated by bench/gen-rehearsal-history.py, seed {seed})\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--migrations", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=None, help="default: bench/out/rehearsal-N")
    ap.add_argument("--force", action="store_true", help="replace a non-empty directory not made by this script")
    args = ap.parse_args()
    if args.migrations < 1:
        ap.error("-n must be at least 1")
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", f"rehearsal-{args.migrations}")
    if os.path.isdir(out) and os.listdir(out):
        if not os.path.exists(os.path.join(out, MARKER)) and not args.force:
            sys.exit(f"gen-rehearsal-history: {out} is not empty and was not made by this script (use --force)")
        shutil.rmtree(out)
    mig = os.path.join(out, "db", "migrations")
    os.makedirs(mig)
    with open(os.path.join(out, MARKER), "w") as f:
        f.write(f"gen-rehearsal-history.py -n {args.migrations} --seed {args.seed}\n")
    with open(os.path.join(out, "schemaguard.yml"), "w") as f:
        f.write("# Generated by bench/gen-rehearsal-history.py. The files are applied with psql -f, one statement\n"
                "# at a time: migrations of several statements carry their own BEGIN ... COMMIT, and\n"
                "# CREATE INDEX CONCURRENTLY stands alone (it cannot run inside a transaction block).\n"
                "migrations:\n  path: db/migrations\n  format: sql\n  transaction: none\n"
                "require:\n  down_migrations: true\n")
    gen = Gen(random.Random(args.seed))
    kinds = {}
    for i in range(1, args.migrations + 1):
        name, up, down = gen.migration(i)
        kind = name.split("_")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
        base = f"{i:04d}_{name}"[:80]
        with open(os.path.join(mig, base + ".sql"), "w") as f:
            f.write(header(i, name, "up", args.seed) + up)
        with open(os.path.join(mig, base + ".down.sql"), "w") as f:
            f.write(header(i, name, "down: reverses the up", args.seed) + down)
    print(f"gen-rehearsal-history: {args.migrations} migrations, {len(gen.tables) + gen.have_audit} tables, "
          f"{len(gen.enums)} enums, {len(gen.views)} views into {out}; kinds: "
          + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])), file=sys.stderr)


if __name__ == "__main__":
    main()
