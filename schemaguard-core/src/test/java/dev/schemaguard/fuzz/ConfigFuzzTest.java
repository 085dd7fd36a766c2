package dev.schemaguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The configuration loader (YAML, keys, kinds of values, rule ids, severities, paths). */
class ConfigFuzzTest {

    private static final FuzzProject PROJECT = new FuzzProject(
            "migrations/0001_base.sql", "CREATE TABLE players (id int PRIMARY KEY);\n",
            "migrations/0002_drop.sql", "ALTER TABLE players DROP COLUMN id;\n");

    @FuzzTest(maxDuration = "30s")
    void load(byte[] yaml) {
        PROJECT.write("schemaguard.yml", yaml).runsCleanly("lint", "--format", "json");
    }
}
