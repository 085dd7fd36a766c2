package dev.schemaguard.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Liquibase changelogs in the four notations, read in the order Liquibase runs them. */
class LiquibaseReaderTest {

    static final Path EXAMPLE = Path.of("examples/liquibase-league");

    @TempDir
    Path dir;

    private static List<String> ids(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.get("migrations").forEach(m -> out.add(m.get("id").asText()));
        return out;
    }

    private static List<String> findings(Cli.Result r) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : r.json().get("findings")) {
            String file = f.get("file").asText();
            out.add(f.get("rule").asText() + ":" + f.get("severity").asText() + ":" + file.substring(file.lastIndexOf('/') + 1)
                    + ":" + f.get("line").asInt());
        }
        return out;
    }

    @Test
    void seed003TheTypeCreatedTwiceIsAnErrorAtItsLineNamingTheCreator() {
        Cli.Result r = Cli.run("check", EXAMPLE.toString(), "--static", "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode error = r.findings("unguarded-create-type").stream()
                .filter(f -> f.get("severity").asText().equals("error")).findFirst().orElseThrow();
        assertThat(error.get("file").asText()).isEqualTo("src/main/resources/db/changelog/release-2/004-team-model.sql");
        assertThat(error.get("line").asInt()).isEqualTo(6);
        assertThat(error.get("message").asText()).contains("league:002:");
        assertThat(findings(r)).contains("foreign-key-not-valid:warning:003-teams.json:25")
                .noneMatch(f -> f.startsWith("concurrent-in-transaction"));
    }

    @Test
    void theRehearsalReplaysTheChangesetsAndFailsWhereTheTypeIsCreatedAgain() {
        Cli.Result r = Cli.run("check", EXAMPLE.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode failed = r.findings("migration-failed").get(0);
        assertThat(failed.get("line").asInt()).isEqualTo(6);
        assertThat(failed.get("message").asText()).contains("type \"division\" already exists");
    }

    @Test
    void changesetsComeInLiquibasesOrderAndOtherDatabasesAreLeftOut() {
        Cli.Result r = Cli.run("graph", EXAMPLE.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(ids(r.json())).containsExactly(
                "league:001:src/main/resources/db/changelog/changes/001-create-players.xml",
                "league:002:src/main/resources/db/changelog/changes/002-division.yaml",
                "league:003:src/main/resources/db/changelog/changes/003-teams.json",
                "league:004:src/main/resources/db/changelog/release-2/004-team-model.sql",
                "league:005:src/main/resources/db/changelog/release-2/004-team-model.sql",
                "league:006:src/main/resources/db/changelog/release-2/004-team-model.sql");
        Cli.Result text = Cli.run("graph", EXAMPLE.toString());
        assertThat(text.out()).contains("6 migrations (liquibase, src/main/resources/db/changelog/db.changelog-master.yaml)")
                .contains("not read, as Liquibase skips them on PostgreSQL (dbms): league:001-h2")
                .contains("changesets with contexts or labels (test) are all read");
    }

    @Test
    void changeTypesAreTheSqlLiquibaseGeneratesAtTheirLines() {
        new ProjectBuilder(dir).file("src/main/resources/db/changelog/db.changelog-master.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                    <property name="textType" value="TEXT"/>
                    <changeSet id="1" author="a">
                        <createTable tableName="player">
                            <column name="id" type="BIGINT"><constraints primaryKey="true"/></column>
                            <column name="rating" type="INT"/>
                            <column name="bio" type="${textType}"/>
                        </createTable>
                    </changeSet>
                    <changeSet id="2" author="a">
                        <addColumn tableName="player">
                            <column name="token" type="UUID" defaultValueComputed="gen_random_uuid()"/>
                        </addColumn>
                        <addColumn tableName="player">
                            <column name="team" type="BIGINT"><constraints nullable="false"/></column>
                        </addColumn>
                        <modifyDataType tableName="player" columnName="rating" newDataType="VARCHAR(10)"/>
                        <addNotNullConstraint tableName="player" columnName="bio" defaultNullValue="none"/>
                        <renameColumn tableName="player" oldColumnName="bio" newColumnName="about"/>
                        <createIndex indexName="player_rating" tableName="player"><column name="rating"/></createIndex>
                        <dropColumn tableName="player" columnName="about"/>
                        <loadData tableName="player" file="players.csv"/>
                        <sql>
                            ALTER TABLE player DROP COLUMN token;
                        </sql>
                    </changeSet>
                </databaseChangeLog>
                """);
        Cli.Result r = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(findings(r)).contains(
                "volatile-default:warning:db.changelog-master.xml:12",
                "add-column-not-null-no-default:warning:db.changelog-master.xml:15",
                "change-column-type:warning:db.changelog-master.xml:18",
                "set-not-null:warning:db.changelog-master.xml:19",
                "rename-column:warning:db.changelog-master.xml:20",
                "index-not-concurrent:warning:db.changelog-master.xml:21",
                "drop-column:warning:db.changelog-master.xml:22",
                "unrecognized-statement:info:db.changelog-master.xml:23",
                "drop-column:warning:db.changelog-master.xml:25");
    }

    @Test
    void unquotedNumericIdsAreReadAsLiquibaseRecordsThem() {
        // SnakeYAML's YAML 1.1 types: 002 is octal 2, 1.10 the number 1.1, 008 no number; Liquibase records the text
        new ProjectBuilder(dir).file("src/main/resources/db/changelog/db.changelog-master.yaml", """
                databaseChangeLog:
                  - changeSet: {id: 002, author: a, changes: [{sql: {sql: SELECT 1}}]}
                  - changeSet: {id: 1.10, author: a, changes: [{sql: {sql: SELECT 1}}]}
                  - changeSet: {id: 008, author: 007, changes: [{sql: {sql: SELECT 1}}]}
                  - changeSet: {id: "003", author: a, changes: [{sql: {sql: SELECT 1}}]}
                """);
        Cli.Result r = Cli.run("graph", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String file = ":src/main/resources/db/changelog/db.changelog-master.yaml";
        assertThat(ids(r.json())).containsExactly("a:2" + file, "a:1.1" + file, "7:008" + file, "a:003" + file);
    }

    @Test
    void aMissingIncludeIsAnErrorAtItsLine() {
        new ProjectBuilder(dir).file("src/main/resources/db/changelog/db.changelog-master.yaml", """
                databaseChangeLog:
                  - include:
                      file: db/changelog/nowhere.xml
                """);
        Cli.Result r = Cli.run("graph", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("db.changelog-master.yaml:2").contains("'db/changelog/nowhere.xml' not found");
    }

    @Test
    void initFindsTheMasterChangelog() {
        new ProjectBuilder(dir).copyOf(EXAMPLE);
        Cli.Result r = Cli.run("init", dir.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("6 migrations (liquibase");
    }
}
