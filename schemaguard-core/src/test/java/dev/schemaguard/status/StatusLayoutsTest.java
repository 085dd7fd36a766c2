package dev.schemaguard.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status} on the version tables of goose, diesel, Prisma and sqitch, created and filled as each runner does,
 * for the layout fixtures.
 */
class StatusLayoutsTest {

    private static final String LAYOUTS = "schemaguard-core/src/test/resources/layouts/";

    private ScratchDatabase db;

    @BeforeEach
    void database() {
        db = TestPostgres.newDatabase();
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private void sql(String... statements) {
        TestPostgres.execute(db, statements);
    }

    private JsonNode database(String layout, int expectedExit) {
        Cli.Result r = Cli.run("status", LAYOUTS + layout, "--db-url", db.url().toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err() + r.out()).isEqualTo(expectedExit);
        return r.json().get("database");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void gooseTheNewestRowOfEachVersionSaysWhetherItIsApplied() {
        sql("CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL, "
                        + "tstamp timestamp NULL default now(), PRIMARY KEY(id))",
                "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true), "
                        + "(3, true), (3, false)");
        JsonNode database = database("goose", 0);
        assertThat(database.get("runner").asText()).isEqualTo("goose");
        assertThat(texts(database.get("stamps"))).containsExactly("2");
        assertThat(texts(database.get("pending"))).containsExactly("00003", "00004");
    }

    @Test
    void gooseRefusesAMissingMigrationOlderThanTheNewestApplied() {
        sql("CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL, "
                        + "tstamp timestamp NULL default now(), PRIMARY KEY(id))",
                "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (3, true)");
        JsonNode database = database("goose", 1);
        assertThat(texts(database.get("pending"))).containsExactly("00002", "00004");
        assertThat(database.get("can_upgrade").asBoolean()).isFalse();
        assertThat(texts(database.get("blockers"))).singleElement().asString()
                .contains("00002 was never applied although the later 00003 was: goose refuses to apply it");
    }

    @Test
    void dieselRecordsVersionsWithoutTheirDashes() {
        sql("CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, "
                        + "run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                "INSERT INTO __diesel_schema_migrations (version) VALUES ('00000000000000'), ('20161108005417')");
        JsonNode database = database("diesel", 0);
        assertThat(database.get("runner").asText()).isEqualTo("diesel");
        assertThat(texts(database.get("pending"))).containsExactly("2016-11-20-101500", "2017-02-01-120000");
        assertThat(texts(database.get("unknown_applied"))).isEmpty();
    }

    @Test
    void prismaAMigrationStartedAndNotFinishedBlocksEveryLaterOne() {
        sql("""
                CREATE TABLE "_prisma_migrations" (
                    "id" VARCHAR(36) NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
                    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
                    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0,
                    CONSTRAINT "_prisma_migrations_pkey" PRIMARY KEY ("id"))""",
                "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at) VALUES "
                        + "('a', 'x', now(), '20210313140442_init', now() - interval '1 hour'), "
                        + "('b', 'y', NULL, '20210315093000_add_profile', now())");
        JsonNode database = database("prisma", 1);
        assertThat(database.get("runner").asText()).isEqualTo("prisma");
        assertThat(texts(database.get("stamps"))).containsExactly("20210313140442_init");
        assertThat(texts(database.get("pending"))).containsExactly("20210315093000_add_profile",
                "20210320120000_index_post_title");
        assertThat(texts(database.get("failed"))).containsExactly("20210315093000_add_profile");
        assertThat(texts(database.get("blockers"))).singleElement().asString().contains("(P3009)");
    }

    private static final String SQITCH_CHANGES = "CREATE TABLE sqitch.changes (change_id TEXT PRIMARY KEY, "
            + "script_hash TEXT NULL, change TEXT NOT NULL, project TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', "
            + "committed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(), committer_name TEXT NOT NULL, "
            + "committer_email TEXT NOT NULL, planned_at TIMESTAMPTZ NOT NULL, planner_name TEXT NOT NULL, "
            + "planner_email TEXT NOT NULL)";

    private static String deployed(String id, String change) {
        return "INSERT INTO sqitch.changes (change_id, change, project, committer_name, committer_email, planned_at, "
                + "planner_name, planner_email) VALUES ('" + id + "', '" + change + "', 'flipr', 'M', 'm@example.com', "
                + "now(), 'M', 'm@example.com')";
    }

    @Test
    void sqitchDeploysTheRestOfThePlanAfterWhatTheRegistryHolds() {
        sql("CREATE SCHEMA sqitch", SQITCH_CHANGES, deployed("1", "appschema"), deployed("2", "users"));
        JsonNode database = database("sqitch", 0);
        assertThat(database.get("version_table").asText()).isEqualTo("sqitch.changes");
        assertThat(texts(database.get("stamps"))).containsExactly("users");
        assertThat(texts(database.get("pending"))).containsExactly("insert_user@v1.0.0-dev2", "flips", "insert_user");
        assertThat(texts(database.get("notes"))).isEmpty();
    }

    @Test
    void sqitchARegistryThatIsNotThePlansBeginningBlocks() {
        sql("CREATE SCHEMA sqitch", SQITCH_CHANGES, deployed("1", "appschema"), deployed("2", "flips"));
        JsonNode database = database("sqitch", 1);
        assertThat(database.get("can_upgrade").asBoolean()).isFalse();
        assertThat(texts(database.get("blockers"))).singleElement().asString()
                .contains("the registry's change 2 is flips (project flipr) where the plan has users");
    }
}
