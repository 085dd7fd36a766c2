package dev.schemaguard.lint;

import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linting a migration costs in proportion to its statements: a file four times as long allocates about four times as
 * much, not sixteen. Counted in bytes allocated (the JVM's own count for the thread, which runs the whole lint of a
 * one-migration project), not in time, so the check is the same on a busy machine. Each quadratic step found so far
 * (a replay of the migration from its first statement for every statement that takes a lock, a scan of every object
 * the history created for every drop) made the ratio exceed ten on these sizes.
 */
class LintCostTest {

    @TempDir
    Path dir;

    /** Tables an earlier migration created, so that the dense migration's locks are on tables in use. */
    private static final int EXISTING = 40;

    @Test
    void allocationGrowsLinearlyWithTheStatementsOfAFile() {
        Path smallProject = project("small", 200);
        Path largeProject = project("large", 800);
        // Both linted before either is counted, and the least of three counts kept: code the JIT has compiled
        // allocates less than interpreted code (escape analysis), and a busy machine compiles later.
        allocatedLinting(smallProject);
        allocatedLinting(largeProject);
        long smallBytes = Long.MAX_VALUE;
        long largeBytes = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            smallBytes = Math.min(smallBytes, allocatedLinting(smallProject));
            largeBytes = Math.min(largeBytes, allocatedLinting(largeProject));
        }
        long small = smallBytes;
        long large = largeBytes;
        double ratio = (double) large / small;
        assertThat(ratio).as("bytes allocated linting 4x the statements: %,d against %,d", large, small)
                .isLessThan(5.0);
    }

    /** A project whose second migration has {@code units} blocks. */
    private Path project(String name, int units) {
        Path project = dir.resolve(name);
        new ProjectBuilder(project).file("db/migrations/0001_base.sql", base())
                .file("db/migrations/0002_squashed.sql", dense(units));
        return project;
    }

    /** Bytes the calling thread allocates linting {@code project}. */
    private long allocatedLinting(Path project) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Cli.Result r = Cli.run("lint", project.toString(), "--format", "json", "--fail-on", "never");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.json().get("summary").get("migrations").asInt()).isEqualTo(2);
        return allocated;
    }

    private static String base() {
        StringBuilder sql = new StringBuilder();
        for (int t = 0; t < EXISTING; t++) {
            sql.append("CREATE TABLE accounts_").append(t).append(" (id bigint PRIMARY KEY, status text, note text);\n");
            sql.append("CREATE INDEX accounts_").append(t).append("_status_idx ON accounts_").append(t)
                    .append(" (status);\n");
        }
        return sql.toString();
    }

    /**
     * A squashed schema's statements, {@code units} times: tables with sequences, comments, keys and indexes, foreign
     * keys and locks on the tables in use, drops of indexes and columns, a DO block, seed rows and a backfill.
     */
    private static String dense(int units) {
        StringBuilder sql = new StringBuilder("SET statement_timeout = 0;\n");
        for (int u = 0; u < units; u++) {
            String t = "items_" + u;
            String existing = "accounts_" + (u % EXISTING);
            sql.append("CREATE TABLE public.").append(t).append(" (\n    id bigint NOT NULL,\n    owner_id bigint,\n")
                    .append("    code character varying(40),\n    created_at timestamp with time zone DEFAULT now() NOT NULL\n);\n");
            sql.append("COMMENT ON TABLE public.").append(t).append(" IS 'unit ").append(u).append("';\n");
            sql.append("CREATE SEQUENCE public.").append(t).append("_id_seq START WITH 1 INCREMENT BY 1 CACHE 1;\n");
            sql.append("ALTER SEQUENCE public.").append(t).append("_id_seq OWNED BY public.").append(t).append(".id;\n");
            sql.append("ALTER TABLE ONLY public.").append(t).append(" ADD CONSTRAINT ").append(t)
                    .append("_pkey PRIMARY KEY (id);\n");
            sql.append("CREATE INDEX ").append(t).append("_code_idx ON public.").append(t).append(" USING btree (code);\n");
            sql.append("ALTER TABLE ONLY public.").append(t).append(" ADD CONSTRAINT ").append(t)
                    .append("_owner_fk FOREIGN KEY (owner_id) REFERENCES ").append(existing).append("(id);\n");
            sql.append("ALTER TABLE ").append(existing).append(" ADD COLUMN extra_").append(u).append(" integer;\n");
            sql.append("CREATE INDEX ").append(existing).append("_extra_").append(u).append("_idx ON ").append(existing)
                    .append(" (extra_").append(u).append(");\n");
            if (u % 3 == 0) {
                sql.append("DROP INDEX ").append(existing).append("_extra_").append(u).append("_idx;\n");
                sql.append("ALTER TABLE ").append(existing).append(" DROP COLUMN extra_").append(u).append(";\n");
            }
            sql.append("DO $$\nBEGIN\n    PERFORM 1 FROM ").append(t).append(";\nEXCEPTION\n    WHEN undefined_table THEN\n")
                    .append("        NULL;\nEND\n$$;\n");
            sql.append("INSERT INTO ").append(t).append(" (id, code) VALUES (1, 'a'), (2, 'b'), (3, 'c');\n");
            sql.append("UPDATE ").append(existing).append(" SET note = 'x' WHERE note IS NULL;\n");
        }
        return sql.toString();
    }
}
