package dev.schemaguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The SQL lexer, splitter, statement parser and every static rule, on one plain-SQL migration after a fixed one. */
class MigrationSqlFuzzTest {

    private static final FuzzProject PROJECT = new FuzzProject(
            "migrations/0001_base.sql", "CREATE TABLE players (id int PRIMARY KEY, team_id int, name text);\n");

    @FuzzTest(maxDuration = "30s")
    void lint(byte[] content) {
        PROJECT.write("migrations/0002_fuzzed.sql", content).runsCleanly("lint", "--format", "json");
        PROJECT.write("migrations/0002_fuzzed.sql", FuzzProject.cutShort(content)).runsCleanly("lint", "--format", "json");
    }
}
