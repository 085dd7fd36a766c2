package dev.schemaguard.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.source.LiquibaseChangelog;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import dev.schemaguard.testing.TestPostgres;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * status compares the MD5SUMs of a DATABASECHANGELOG written by the real Liquibase with the checksums of the
 * changesets now, for XML, YAML and formatted SQL changesets.
 */
class LiquibaseChecksumStatusTest {

    private static final String DIR = "src/main/resources/db/changelog/";

    @TempDir
    Path dir;

    private void project() {
        new ProjectBuilder(dir).file(DIR + "db.changelog-master.yaml", """
                databaseChangeLog:
                  - include: {file: db/changelog/players.xml}
                  - include: {file: db/changelog/teams.yaml}
                  - include: {file: db/changelog/views.sql}
                """).file(DIR + "players.xml", """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                      http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                  <changeSet id="1" author="league">
                    <createTable tableName="players">
                      <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                      <column name="name" type="varchar(100)"/>
                    </createTable>
                  </changeSet>
                </databaseChangeLog>
                """).file(DIR + "teams.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: "2"
                      author: league
                      changes:
                        - addColumn:
                            tableName: players
                            columns:
                              - column: {name: team, type: varchar(40)}
                """).file(DIR + "views.sql", """
                --liquibase formatted sql

                --changeset league:3
                CREATE INDEX players_team ON players (team);

                --changeset league:4 runOnChange:true
                CREATE OR REPLACE VIEW player_names AS SELECT name FROM players;
                """);
    }

    /** Runs {@code liquibase update} with the real Liquibase and returns the MD5SUMs it stored, by author:id. */
    private Map<String, String> update(ScratchDatabase db) throws Exception {
        System.setProperty("liquibase.analytics.enabled", "false");
        LiquibaseChangelog changelog = LiquibaseChangelog.of(dir, dir.resolve(DIR + "db.changelog-master.yaml"));
        ResourceAccessor resources = changelog.resources();
        try (Connection c = db.connect()) {
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources), () -> {
                var database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                new Liquibase(changelog.changelog(), resources, database).update(new Contexts(), new LabelExpression());
            });
            Map<String, String> sums = new TreeMap<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT author || ':' || id, md5sum FROM databasechangelog")) {
                while (r.next()) {
                    sums.put(r.getString(1), r.getString(2));
                }
            }
            return sums;
        }
    }

    private Cli.Result status(ScratchDatabase db) {
        return Cli.run("status", dir.toString(), "--db-url", db.url().toString(), "--format", "json");
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = dir.resolve(DIR + file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void unchangedChangesetsHaveTheChecksumsLiquibaseStored() throws Exception {
        project();
        try (ScratchDatabase db = TestPostgres.newDatabase()) {
            Map<String, String> stored = update(db);
            assertThat(stored).hasSize(4).allSatisfy((id, sum) -> assertThat(sum).startsWith("9:"));
            Cli.Result r = status(db);
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            JsonNode database = r.json().get("database");
            assertThat(database.get("changed").isArray()).as("compared, not skipped").isTrue();
            assertThat(database.get("changed")).isEmpty();
            assertThat(texts(database.get("pending"))).isEmpty();
            assertThat(texts(database.get("blockers"))).isEmpty();
        }
    }

    @Test
    void changedChangesetsAreBlockersWithTheChecksumLiquibaseWouldStoreNow() throws Exception {
        project();
        Map<String, String> now;
        try (ScratchDatabase db = TestPostgres.newDatabase()) {
            Map<String, String> before = update(db);
            edit("players.xml", "varchar(100)", "varchar(200)");
            edit("teams.yaml", "varchar(40)", "varchar(60)");
            edit("views.sql", "ON players (team)", "ON players (team, name)");
            edit("views.sql", "SELECT name FROM", "SELECT id, name FROM");
            Cli.Result r = status(db);
            assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
            JsonNode database = r.json().get("database");
            List<String> changed = new ArrayList<>();
            Map<String, String> computed = new TreeMap<>();
            database.get("changed").forEach(c -> {
                changed.add(c.get("id").asText().replaceFirst(":[^:]*$", ""));
                computed.put(c.get("id").asText().replaceFirst(":[^:]*$", ""), c.get("file_checksum").asText());
                assertThat(c.get("applied_checksum").asText())
                        .isEqualTo(before.get(c.get("id").asText().replaceFirst(":[^:]*$", "")));
            });
            assertThat(changed).containsExactly("league:1", "league:2", "league:3", "league:4");
            List<String> blockers = texts(database.get("blockers"));
            assertThat(blockers).hasSize(3).allMatch(b -> b.contains("Liquibase's validation fails"));
            assertThat(texts(database.get("notes"))).anyMatch(n -> n.startsWith("changeset league:4:")
                    && n.contains("runOnChange, so the update runs it again"));
            now = computed;
        }
        // the checksums status computed are those the real Liquibase stores for the changed changelog
        try (ScratchDatabase fresh = TestPostgres.newDatabase()) {
            assertThat(update(fresh)).isEqualTo(now);
        }
    }

    @Test
    void aValidCheckSumAcceptsTheStoredOne() throws Exception {
        project();
        try (ScratchDatabase db = TestPostgres.newDatabase()) {
            Map<String, String> before = update(db);
            edit("players.xml", "<createTable tableName=\"players\">", "<validCheckSum>" + before.get("league:1")
                    + "</validCheckSum>\n    <createTable tableName=\"players\">");
            edit("players.xml", "varchar(100)", "varchar(200)");
            Cli.Result r = status(db);
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.json().get("database").get("changed")).isEmpty();
        }
    }
}
