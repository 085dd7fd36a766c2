#!/usr/bin/env python3
"""Writes a plain-SQL migration corpus with the shape of shipped histories, for the lint benchmark.

    bench/gen-real-corpus.py                   # ~30 MB into bench/out/real-corpus (seed 1)
    bench/gen-real-corpus.py --mb 5 --seed 7 --out /tmp/corpus

gen-sql-corpus.py writes many small migrations. Shipped histories also hold, and spend most of their
bytes in, files of another shape (measured on public histories: a squashed schema of 2,500
statements in 420 KB, consolidated releases of 40-65 KB, seed files of thousands of rows):

- squashed schemas (pg_dump style, 100-500 statements each: CREATE TABLE public.x, sequences OWNED BY,
  ALTER TABLE ONLY ... ADD CONSTRAINT for keys and foreign keys, indexes, COMMENT ON, trigger
  functions, triggers, views, policies), one at the start of the history and more later, as
  projects squash again;
- consolidated releases: 40-150 statements mixing new tables, ALTERs, indexes and functions;
- long DO blocks and plpgsql functions (bodies of 60-400 lines: loops, dynamic SQL, nested blocks);
- seed files with large INSERT ... VALUES blocks (1,000-6,000 rows, often several INSERTs);
- pg_dump data files: COPY ... FROM stdin; blocks of tab-separated rows ended by \\. (psql reads the
  rows as data; the lexer must step over them, which is part of the workload);
- between them, the small migrations of gen-sql-corpus.py (its generator, reused).

The project is DIR/db/migrations/NNNNNN_<name>.sql plus DIR/schemaguard.yml. Standard library only;
the output depends only on the arguments.
"""
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("gen_sql_corpus", os.path.join(HERE, "gen-sql-corpus.py"))
small = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(small)

TYPES = ("bigint", "integer", "text", "character varying(255)", "boolean", "timestamp with time zone",
         "jsonb", "numeric(12,2)", "uuid", "text[]", "smallint", "double precision")


class Shapes:
    """The large files; small ones come from gen-sql-corpus.py's Gen, sharing its random stream and names."""

    def __init__(self, gen):
        self.g = gen
        self.r = gen.r
        self.squashes = 0
        # a history that was squashed once starts with the squashed schema
        self.started = False

    def summary(self):
        return f"{len(self.g.tables)} tables, {self.squashes} squashed or consolidated schemas"

    def words(self, n):
        return self.g.words(n)

    def column_list(self):
        r = self.r
        cols = [("id", "bigint", "NOT NULL")]
        for w in r.sample(small.COL_WORDS, r.randint(3, 12)):
            cols.append((w, r.choice(TYPES), r.choice(("", "", "NOT NULL"))))
        cols.append(("created_at", "timestamp with time zone", "DEFAULT now() NOT NULL"))
        cols.append(("updated_at", "timestamp with time zone", "DEFAULT now() NOT NULL"))
        return cols

    def plpgsql_body(self, lines, table):
        """A plpgsql body of about `lines` lines: declarations, loops, IFs, dynamic SQL, nested blocks."""
        r = self.r
        out = ["DECLARE", "    rec record;", "    n integer := 0;", "    q text;", "BEGIN"]
        while len(out) < lines:
            k = r.random()
            if k < 0.25:
                out += [f"    FOR rec IN SELECT id, status FROM {table} WHERE updated_at < now() - interval '{r.randint(1, 90)} days' LOOP",
                        "        n := n + 1;",
                        f"        UPDATE {table} SET status = 'archived' WHERE id = rec.id;",
                        "    END LOOP;"]
            elif k < 0.45:
                out += [f"    IF NEW.status IS DISTINCT FROM OLD.status THEN",
                        f"        INSERT INTO {table}_history (row_id, status, changed_at) VALUES (NEW.id, NEW.status, now());",
                        "    ELSIF NEW.status = 'deleted' THEN",
                        f"        RAISE EXCEPTION 'cannot delete % (%); use archive', NEW.id, '{self.words(2)}';",
                        "    END IF;"]
            elif k < 0.6:
                out += [f"    q := format('SELECT count(*) FROM %I WHERE %I = $1', '{table}', 'status');",
                        "    EXECUTE q INTO n USING 'active';",
                        "    -- comments in the body; semicolons in strings ';' and \"quoted;identifiers\""]
            elif k < 0.75:
                out += ["    BEGIN", f"        PERFORM pg_notify('{table}', json_build_object('id', NEW.id, 'op', TG_OP)::text);",
                        "    EXCEPTION", "        WHEN undefined_table THEN", "            NULL;", "    END;"]
            else:
                out += [f"    SELECT coalesce(max(id), 0) INTO n FROM {table} WHERE code LIKE '{self.words(1)}%';",
                        f"    n := n * {r.randint(2, 9)} + length($x${self.words(3)}$x$);"]
        out += ["    RETURN NEW;", "END;"]
        return "\n".join(out)

    def squashed(self, low=100, high=500):
        """A pg_dump-style schema of low..high statements, on tables the history has not seen."""
        r, g = self.r, self.g
        self.squashes += 1
        target = r.randint(low, high)
        head = ["SET statement_timeout = 0;", "SET lock_timeout = 0;", "SET client_encoding = 'UTF8';",
                "SET standard_conforming_strings = on;",
                "SELECT pg_catalog.set_config('search_path', '', false);",
                "SET check_function_bodies = false;", "SET client_min_messages = warning;",
                "SET default_tablespace = '';", "CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;",
                "COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';"]
        stmts = list(head)
        tables = []
        while len(stmts) < target:
            name = g.table_name()
            cols = self.column_list()
            tables.append((name, cols))
            g.tables.append(small.Table(name, True))
            if r.random() < 0.3:
                labels = r.sample(small.ENUM_VALUES, r.randint(3, 8))
                stmts.append(f"CREATE TYPE public.{name}_state AS ENUM (\n" + ",\n".join(f"    '{v}'" for v in labels) + "\n);")
            if r.random() < 0.35:
                fn = f"{name}_guard_{self.squashes}"
                stmts.append(f"CREATE FUNCTION public.{fn}() RETURNS trigger\n    LANGUAGE plpgsql\n    AS $$\n"
                             + self.plpgsql_body(r.randint(12, 60), name) + "\n$$;")
            stmts.append(f"CREATE TABLE public.{name} (\n" + ",\n".join(
                f"    {c} {t}{' ' + x if x else ''}" for c, t, x in cols) + "\n);")
            stmts.append(f"COMMENT ON TABLE public.{name} IS '{self.words(r.randint(3, 10)).capitalize()}.';")
            for c, _, _ in r.sample(cols[1:], min(len(cols) - 1, r.randint(0, 3))):
                stmts.append(f"COMMENT ON COLUMN public.{name}.{c} IS '{self.words(r.randint(2, 8))}';")
            stmts.append(f"CREATE SEQUENCE public.{name}_id_seq\n    START WITH 1\n    INCREMENT BY 1\n"
                         "    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;")
            stmts.append(f"ALTER SEQUENCE public.{name}_id_seq OWNED BY public.{name}.id;")
            if r.random() < 0.3:
                stmts.append(f"CREATE VIEW public.{name}_recent AS\n SELECT id, created_at\n   FROM public.{name}\n"
                             f"  WHERE (created_at > (now() - '{r.randint(1, 30)} days'::interval));")
        for name, cols in tables:
            stmts.append(f"ALTER TABLE ONLY public.{name} ALTER COLUMN id SET DEFAULT "
                         f"nextval('public.{name}_id_seq'::regclass);")
            stmts.append(f"ALTER TABLE ONLY public.{name}\n    ADD CONSTRAINT {name}_pkey PRIMARY KEY (id);")
        for name, cols in tables:
            for c, _, _ in r.sample(cols[1:-2], min(len(cols) - 3, r.randint(0, 3))):
                stmts.append(f"CREATE INDEX {name}_{c}_idx ON public.{name} USING btree ({c});")
            if r.random() < 0.4:
                stmts.append(f"CREATE UNIQUE INDEX {name}_created_uniq ON public.{name} USING btree (id, created_at);")
        for i, (name, cols) in enumerate(tables):
            if i and r.random() < 0.6:
                parent = tables[r.randrange(i)][0]
                stmts.append(f"ALTER TABLE ONLY public.{name}\n    ADD CONSTRAINT {name}_{parent}_fk FOREIGN KEY (id) "
                             f"REFERENCES public.{parent}(id) ON DELETE CASCADE;")
            if r.random() < 0.2:
                stmts.append(f"ALTER TABLE public.{name} ENABLE ROW LEVEL SECURITY;")
                stmts.append(f"CREATE POLICY {name}_isolation ON public.{name} USING ((created_at IS NOT NULL));")
        for line in stmts:
            if line.startswith("CREATE FUNCTION public."):
                fn = line.split("(")[0].split(".")[1]
                table = fn.rsplit("_guard_", 1)[0]
                stmts.append(f"CREATE TRIGGER {fn}_trg BEFORE UPDATE ON public.{table} "
                             f"FOR EACH ROW EXECUTE FUNCTION public.{fn}();")
        return f"squashed_schema_{self.squashes}", "--\n-- PostgreSQL database dump\n--\n\n" + "\n\n".join(stmts) + "\n"

    def consolidated(self):
        name, body = self.squashed(40, 150)
        return name.replace("squashed_schema", "release_consolidated"), body

    def long_body(self):
        """A DO block or a plpgsql function with a body of 60-400 lines."""
        r, g = self.r, self.g
        t = r.choice(g.tables).name
        body = self.plpgsql_body(r.randint(60, 400), t)
        if r.random() < 0.5:
            text = f"-- One-off data repair on {t}.\n\nDO $repair$\n{body.replace('RETURN NEW;', 'RETURN;')}\n$repair$;\n"
            return f"repair_{t}", text
        g.functions += 1
        fn = f"{t}_maintain_{g.functions}"
        return f"function_{fn}", (f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger\n    LANGUAGE plpgsql\nAS $$\n"
                                  f"{body}\n$$;\n")

    def seed_block(self):
        """INSERTs of 1,000-6,000 rows in all, as reference-data migrations ship them."""
        r, g = self.r, self.g
        t = r.choice(g.tables).name
        out = [f"-- Reference data for {t}."]
        for part in range(r.randint(1, 3)):
            rows = []
            for i in range(r.randint(300, 1500)):
                word = self.words(r.randint(1, 5)).replace("'", "''")
                rows.append(f"({part * 10000 + i}, 'R{part}_{i:05d}', '{word}', {r.randint(0, 10 ** 6)}, "
                            f"'2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}', {r.choice(('true', 'false', 'NULL'))})")
            out.append(f"INSERT INTO {t} (id, code, name, score, valid_from, enabled) VALUES\n" + ",\n".join(rows) + ";")
        return f"seed_{t}", "\n\n".join(out) + "\n"

    def copy_dump(self):
        """A pg_dump data section: COPY ... FROM stdin blocks, then the sequences set."""
        r, g = self.r, self.g
        out = ["--\n-- Data for reference tables (pg_dump --data-only)\n--", "SET client_encoding = 'UTF8';"]
        for _ in range(r.randint(1, 3)):
            t = r.choice(g.tables).name
            rows = [f"{i}\tC{i:06d}\t{self.words(r.randint(1, 6))}\t{r.randint(0, 999)}\t\\N\t2024-0{r.randint(1, 9)}-1{r.randint(0, 9)}"
                    for i in range(1, r.randint(50, 400))]
            out.append(f"COPY public.{t} (id, code, name, score, note, valid_from) FROM stdin;\n" + "\n".join(rows) + "\n\\.")
            out.append(f"SELECT pg_catalog.setval('public.{t}_id_seq', {len(rows)}, true);")
        return "data_dump", "\n\n".join(out) + "\n"

    def next(self):
        """A large file one time in twenty (about two thirds of the bytes), else a small migration."""
        r = self.r
        if not self.started:
            self.started = True
            return self.squashed()
        if r.random() >= 1 / 20:
            return self.g.next()
        kinds = ((self.squashed, 3), (self.consolidated, 6), (self.long_body, 6), (self.seed_block, 2),
                 (self.copy_dump, 1))
        pick = r.uniform(0, sum(w for _, w in kinds))
        for fn, w in kinds:
            pick -= w
            if pick <= 0:
                return fn()
        return kinds[-1][0]()


def main():
    small.generate("gen-real-corpus", "bench/out/real-corpus", lambda rnd: Shapes(small.Gen(rnd)))


if __name__ == "__main__":
    main()
