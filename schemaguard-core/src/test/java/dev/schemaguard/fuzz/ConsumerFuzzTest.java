package dev.schemaguard.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.util.List;

/**
 * The consumer scan: each language's lexer, the SQL classifier, placeholders and the reference resolver, on one
 * source file of a consumer (its language chosen by the input) against a fixed schema.
 */
class ConsumerFuzzTest {

    private static final List<String> FILES = List.of("svc/q.ts", "svc/q.py", "svc/Q.java", "svc/Q.kt", "svc/q.go",
            "svc/q.sql", "svc/Page.svelte");

    private static final FuzzProject PROJECT = new FuzzProject(
            "migrations/0001_base.sql", """
                    CREATE TABLE players (id int PRIMARY KEY, team_id int, name text);
                    CREATE TABLE teams (id int PRIMARY KEY, name text);
                    """,
            "schemaguard.yml", "consumers:\n  - name: svc\n    path: svc\n");

    @FuzzTest(maxDuration = "30s")
    void scan(FuzzedDataProvider data) {
        String file = data.pickValue(FILES);
        for (String other : FILES) {
            PROJECT.write(other, new byte[0]);
        }
        byte[] content = data.consumeRemainingAsBytes();
        PROJECT.write(file, content).runsCleanly("consumers", "--format", "json");
        PROJECT.write(file, FuzzProject.cutShort(content)).runsCleanly("consumers", "--format", "json");
    }
}
