package dev.schemaguard.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.schemaguard.rehearsal.RehearsalTest.findings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liquibase changelogs rehearsed through the real Liquibase (the liquibase-core SchemaGuard carries), one changeset
 * at a time as {@code update-count} and {@code rollback-count 1} run them.
 */
class LiquibaseRehearsalTest {

    static final String LEAGUE = "examples/liquibase-league";
    private static final String MASTER = "src/main/resources/db/changelog/db.changelog-master.yaml";

    @TempDir
    Path dir;

    private static List<String> outcomes(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("rehearsal").get("migrations").forEach(m -> out.add(m.get("id").asText().replaceFirst(":[^:]*$", "")
                + " " + m.get("outcome").asText()));
        return out;
    }

    @Test
    void seed003TheTypeCreatedAgainFailsInLiquibaseAtItsLineNamingTheCreator() {
        Cli.Result r = Cli.run("rehearse", LEAGUE, "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        List<JsonNode> failed = findings(r.json(), "migration-failed");
        assertThat(failed).hasSize(1);
        JsonNode f = failed.get(0);
        assertThat(f.get("file").asText()).isEqualTo("src/main/resources/db/changelog/release-2/004-team-model.sql");
        assertThat(f.get("line").asInt()).as("the statement Liquibase split out of the changeset").isEqualTo(6);
        assertThat(f.get("message").asText()).contains("ERROR 42710: type \"division\" already exists")
                .contains("created by migration league:002:");
        assertThat(outcomes(r.json())).containsExactly("league:001 applied", "league:002 applied",
                "league:003 applied", "league:004 failed", "league:005 not reached", "league:006 not reached");
        // Liquibase's own tables are its bookkeeping, not the first changeset's changes
        assertThat(r.json().get("rehearsal").get("migrations").get(0).get("changes").toString())
                .contains("players").doesNotContain("databasechangelog");
    }

    @Test
    void namesAreQuotedAsTheChangelogsObjectQuotingStrategySaysSoLaterCastsReachTheirColumns() {
        // As DependencyTrack's changelogs: upper-case names under QUOTE_ALL_OBJECTS, a text column later cast to
        // uuid. Read unquoted, the cast named another column and the generated rows failed it.
        new ProjectBuilder(dir).file("src/main/resources/db/changelog/db.changelog-master.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd"
                    objectQuotingStrategy="QUOTE_ALL_OBJECTS">
                    <changeSet id="1" author="a">
                        <createTable tableName="COMPONENT">
                            <column name="ID" type="BIGINT"><constraints primaryKey="true"/></column>
                            <column name="UUID" type="VARCHAR(36)"><constraints nullable="false"/></column>
                        </createTable>
                    </changeSet>
                    <changeSet id="2" author="a">
                        <modifyDataType tableName="COMPONENT" columnName="UUID" newDataType="UUID"/>
                        <rollback>
                            <modifyDataType tableName="COMPONENT" columnName="UUID" newDataType="VARCHAR(36)"/>
                        </rollback>
                    </changeSet>
                </databaseChangeLog>
                """);
        Cli.Result lint = Cli.run("lint", dir.toString(), "--format", "json", "--fail-on", "never");
        assertThat(lint.out()).doesNotContain("\"rule\" : \"unrecognized-statement\"");
        Cli.Result r = Cli.run("rehearse", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(findings(r.json(), "data-dependent-failure")).isEmpty();
        assertThat(outcomes(r.json())).containsExactly("a:1 applied", "a:2 applied");
    }

    @Test
    void aPreconditionThatMarksTheChangesetRanSkipsItAsInProduction() {
        new ProjectBuilder(dir).file(MASTER, """
                databaseChangeLog:
                  - changeSet:
                      id: "1"
                      author: a
                      changes:
                        - createTable:
                            tableName: teams
                            columns:
                              - column: {name: id, type: bigint}
                  - changeSet:
                      id: "2"
                      author: a
                      preConditions:
                        - onFail: MARK_RAN
                        - not:
                            - tableExists: {tableName: teams}
                      changes:
                        - createTable:
                            tableName: teams
                            columns:
                              - column: {name: id, type: bigint}
                """);
        Cli.Result r = Cli.run("rehearse", dir.toString(), "--format", "json");
        assertThat(findings(r.json(), "migration-failed")).as(r.out() + r.err()).isEmpty();
        assertThat(outcomes(r.json())).containsExactly("a:1 applied", "a:2 applied");
    }

    /** Changeset 2 drops a column its rollback adds back empty. */
    private void dropsNickname() {
        new ProjectBuilder(dir).file(MASTER, """
                databaseChangeLog:
                  - changeSet:
                      id: "1"
                      author: a
                      changes:
                        - createTable:
                            tableName: players
                            columns:
                              - column: {name: id, type: bigint, constraints: {primaryKey: true}}
                              - column: {name: nickname, type: text}
                  - changeSet:
                      id: "2"
                      author: a
                      changes:
                        - dropColumn: {tableName: players, columnName: nickname}
                      rollback:
                        - addColumn:
                            tableName: players
                            columns:
                              - column: {name: nickname, type: text}
                """);
    }

    @Test
    void aRollbackThatAddsTheDroppedColumnBackEmptyLosesItsData() {
        dropsNickname();
        Cli.Result r = Cli.run("rehearse", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        List<JsonNode> lost = findings(r.json(), "data-loss");
        assertThat(lost).hasSize(1);
        assertThat(lost.get(0).get("migration").asText()).startsWith("a:2:");
        assertThat(lost.get(0).get("message").asText()).contains("nickname");
        assertThat(lost.get(0).get("line").asInt()).as("the dropColumn").isEqualTo(15);
        assertThat(findings(r.json(), "down-failed")).isEmpty();
    }

    @Test
    void fromProductionsDumpTheBaselinesChangesetsAreRecordedAndOnlyTheRestRuns() throws java.io.IOException {
        dropsNickname();
        java.nio.file.Files.writeString(dir.resolve("prod.sql"),
                "CREATE TABLE players (id bigint PRIMARY KEY, nickname text);\n");
        Cli.Result r = Cli.run("rehearse", dir.toString(), "--baseline", dir.resolve("prod.sql").toString(), "--from",
                "a:1:" + MASTER, "--format", "json");
        assertThat(outcomes(r.json())).as(r.out() + r.err()).containsExactly("a:2 applied");
        assertThat(findings(r.json(), "data-loss")).hasSize(1);
    }

    @Test
    void aConcurrentIndexRunsOutsideTheTransactionOnlyWhenTheChangesetSaysSo() {
        new ProjectBuilder(dir).file(MASTER, """
                databaseChangeLog:
                  - include: {file: db/changelog/indexes.sql}
                """).file("src/main/resources/db/changelog/indexes.sql", """
                --liquibase formatted sql

                --changeset a:1
                CREATE TABLE players (id bigint, name text);

                --changeset a:2 runInTransaction:false
                CREATE INDEX CONCURRENTLY players_name ON players (name);
                --rollback DROP INDEX CONCURRENTLY players_name;

                --changeset a:3
                CREATE INDEX CONCURRENTLY players_id ON players (id);
                """);
        Cli.Result r = Cli.run("rehearse", dir.toString(), "--format", "json");
        assertThat(outcomes(r.json())).as(r.out() + r.err()).containsExactly("a:1 applied", "a:2 applied",
                "a:3 failed");
        JsonNode failed = findings(r.json(), "migration-failed").get(0);
        assertThat(failed.get("line").asInt()).isEqualTo(11);
        assertThat(failed.get("message").asText()).contains("25001").contains("cannot run inside a transaction block");
    }

    @Test
    void aGeneratedStatementThatFailsIsReportedAtItsChangeset() {
        new ProjectBuilder(dir).file(MASTER, """
                databaseChangeLog:
                  - changeSet:
                      id: "1"
                      author: a
                      changes:
                        - sql: {sql: CREATE TABLE teams (id bigint)}
                  - changeSet:
                      id: "2"
                      author: a
                      changes:
                        - createTable:
                            tableName: teams
                            columns:
                              - column: {name: id, type: bigint}
                """);
        Cli.Result r = Cli.run("rehearse", dir.toString(), "--format", "json");
        JsonNode failed = findings(r.json(), "migration-failed").get(0);
        assertThat(failed.get("file").asText()).as(r.out() + r.err()).isEqualTo(MASTER);
        assertThat(failed.get("line").asInt()).as("changeset 2, whose SQL Liquibase generated").isEqualTo(7);
        assertThat(failed.get("message").asText()).contains("42P07");
    }

    /** A Maven module's changelog, named neither master nor db.changelog, that includes from the class path root. */
    private ProjectBuilder moduleProject() {
        String resources = "migration/src/main/resources/";
        String header = """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                      http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """;
        return new ProjectBuilder(dir).file("pom.xml", "<project/>\n").file("migration/pom.xml", "<project/>\n")
                .file(resources + "migration/changelog-main.xml", header + """
                    <include file="migration/changelog-v1.xml"/>
                    <include file="migration/changelog-procedures.xml"/>
                </databaseChangeLog>
                """).file(resources + "migration/changelog-v1.xml", header + """
                    <changeSet id="v1-1" author="a">
                        <createTable tableName="project">
                            <column name="id" type="bigint"/>
                        </createTable>
                    </changeSet>
                </databaseChangeLog>
                """).file(resources + "migration/changelog-procedures.xml", header + """
                    <changeSet id="count-projects" author="a" runOnChange="true">
                        <createProcedure path="procedures/count-projects.sql" relativeToChangelogFile="true"/>
                    </changeSet>
                </databaseChangeLog>
                """).file(resources + "migration/procedures/count-projects.sql", """
                CREATE OR REPLACE FUNCTION count_projects() RETURNS bigint LANGUAGE sql
                AS $$ SELECT count(*) FROM project $$;
                """);
    }

    @Test
    void aModulesChangelogIsFoundFromTheRepositoryRootAndRunFromItsClassPathRoot() {
        moduleProject();
        Cli.Result r = Cli.run("check", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(outcomes(r.json())).containsExactly("a:v1-1 applied", "a:count-projects applied");
        // the procedure's SQL file is read for lint, as a sqlFile is
        assertThat(r.findings("unrecognized-statement")).isEmpty();
    }

    @Test
    void aCustomChangeWhoseClassIsNotCompiledSkipsTheRehearsalWithTheReason() {
        moduleProject().file("migration/src/main/resources/migration/changelog-v1.xml", """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                      http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <changeSet id="v1-1" author="a">
                        <customChange class="org.example.migration.RenameIndexes"/>
                    </changeSet>
                </databaseChangeLog>
                """);
        Cli.Result r = Cli.run("check", dir.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Rehearsal skipped: Liquibase cannot read the changelog migration/changelog-main.xml: "
                + "its customChange class org.example.migration.RenameIndexes is the project's own code, not compiled here");
    }
}
