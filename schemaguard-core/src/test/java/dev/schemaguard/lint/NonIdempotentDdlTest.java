package dev.schemaguard.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003's mechanism for every kind of object: a CREATE of something an earlier migration created, with nothing
 * since dropping it, fails on every database the history built, so it is an error naming the creator; the same CREATE
 * after a drop, a rename or a statement whose effect is not known is only the re-run information it was.
 */
class NonIdempotentDdlTest {

    @TempDir
    Path dir;

    private static final String SETUP = """
            CREATE EXTENSION pgcrypto;
            CREATE SCHEMA reporting;
            CREATE TABLE players (id bigint PRIMARY KEY, name text);
            CREATE INDEX players_name_idx ON players (name);
            CREATE SEQUENCE invoice_seq;
            CREATE VIEW player_names AS SELECT name FROM players;
            CREATE MATERIALIZED VIEW player_count AS SELECT count(*) AS n FROM players;
            CREATE UNIQUE INDEX player_count_n_idx ON player_count (n);
            CREATE FUNCTION player_total() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM players';
            ALTER TABLE players ADD CONSTRAINT players_name_key UNIQUE (name);
            """;

    /** Each re-run finding of the last migration: line, severity, and the message for errors. */
    private List<String> lastMigration(String sql) {
        new ProjectBuilder(dir).file("db/migrations/0001_setup.sql", SETUP).file("db/migrations/0002_again.sql", sql);
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode f : r.findings("non-idempotent-ddl")) {
            if (f.get("file").asText().endsWith("0002_again.sql")) {
                out.add(f.get("line").asInt() + ":" + f.get("severity").asText());
            }
        }
        return out;
    }

    @Test
    void everyObjectCreatedAgainIsAnErrorNamingItsCreator() {
        new ProjectBuilder(dir).file("db/migrations/0001_setup.sql", SETUP).file("db/migrations/0002_again.sql", """
                CREATE TABLE players (id bigint PRIMARY KEY, name text);
                CREATE INDEX players_name_idx ON players (name);
                CREATE SEQUENCE invoice_seq;
                CREATE VIEW player_names AS SELECT name FROM players;
                CREATE MATERIALIZED VIEW player_count AS SELECT count(*) AS n FROM players;
                CREATE FUNCTION player_total() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM players';
                CREATE SCHEMA reporting;
                CREATE EXTENSION pgcrypto;
                ALTER TABLE players ADD CONSTRAINT players_name_key UNIQUE (name);
                """);
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        List<JsonNode> again = r.findings("non-idempotent-ddl").stream()
                .filter(f -> f.get("file").asText().endsWith("0002_again.sql")).toList();
        assertThat(again).hasSize(9).allSatisfy(f -> {
            assertThat(f.get("severity").asText()).isEqualTo("error");
            assertThat(f.get("message").asText()).contains("migration 0001 already created it");
        });
        assertThat(again.get(0).get("message").asText()).startsWith("creates table players again");
        assertThat(again.get(0).get("fix").asText()).contains("IF NOT EXISTS");
        assertThat(again.get(5).get("fix").asText()).contains("CREATE OR REPLACE FUNCTION");
    }

    @Test
    void guardedOrConditionalCreationsAreNoErrors() {
        assertThat(lastMigration("""
                CREATE TABLE IF NOT EXISTS players (id bigint PRIMARY KEY, name text);
                CREATE INDEX IF NOT EXISTS players_name_idx ON players (name);
                CREATE OR REPLACE VIEW player_names AS SELECT name FROM players;
                CREATE OR REPLACE FUNCTION player_total() RETURNS bigint LANGUAGE sql AS 'SELECT 1';
                CREATE FUNCTION player_total(team bigint) RETURNS bigint LANGUAGE sql AS 'SELECT 1';
                DO $$ BEGIN
                    ALTER TABLE players ADD CONSTRAINT players_name_key UNIQUE (name);
                EXCEPTION WHEN duplicate_object THEN null;
                END $$;
                CREATE SEQUENCE invoice_seq;
                """)).containsExactly("10:error");
    }

    /** What histories that ran for years do: the name is freed first, often by dropping what holds it. */
    @Test
    void aNameFreedFirstIsNoError() {
        assertThat(lastMigration("""
                DROP MATERIALIZED VIEW player_count;
                CREATE MATERIALIZED VIEW player_count AS SELECT count(*) AS n FROM players;
                CREATE UNIQUE INDEX player_count_n_idx ON player_count (n);
                ALTER INDEX players_name_idx RENAME TO players_name_old_idx;
                CREATE INDEX players_name_idx ON players (lower(name));
                DROP TABLE players CASCADE;
                CREATE TABLE players (id bigint PRIMARY KEY, name text);
                CREATE SEQUENCE invoice_seq;
                CREATE VIEW player_names AS SELECT name FROM players;
                ALTER TABLE players ADD CONSTRAINT players_name_key UNIQUE (name);
                DROP SCHEMA reporting CASCADE;
                CREATE SCHEMA reporting;
                CREATE SCHEMA reporting;
                """)).contains("12:info").filteredOn(f -> f.endsWith(":error")).containsExactly("13:error");
    }

    /**
     * Code whose effect is not known (here SQL built at run time) may have dropped anything: nothing earlier is claimed,
     * but what is created after it is known to exist.
     */
    @Test
    void afterAStatementWhoseEffectIsNotKnownNothingIsClaimed() {
        assertThat(lastMigration("""
                DO $$ BEGIN EXECUTE 'DROP TABLE ' || 'players'; END $$;
                CREATE TABLE players (id bigint PRIMARY KEY, name text);
                CREATE TABLE players (id bigint PRIMARY KEY, name text);
                """)).containsExactly("2:info", "3:error");
    }
}
