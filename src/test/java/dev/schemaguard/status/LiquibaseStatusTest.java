package dev.schemaguard.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** status reads DATABASECHANGELOG, and a held DATABASECHANGELOGLOCK is a blocker. */
class LiquibaseStatusTest {

    static final Path EXAMPLE = Path.of("examples/liquibase-league");

    private ScratchDatabase db;

    @BeforeEach
    void database() {
        db = TestPostgres.newDatabase();
        sql("CREATE TABLE databasechangelog (id varchar(255) NOT NULL, author varchar(255) NOT NULL, "
                + "filename varchar(255) NOT NULL, dateexecuted timestamp NOT NULL, orderexecuted int NOT NULL, "
                + "exectype varchar(10) NOT NULL, md5sum varchar(35), description varchar(255), comments varchar(255), "
                + "tag varchar(255), liquibase varchar(20), contexts varchar(255), labels varchar(255), "
                + "deployment_id varchar(10))",
                "CREATE TABLE databasechangeloglock (id int PRIMARY KEY, locked boolean NOT NULL, lockgranted timestamp, "
                        + "lockedby varchar(255))",
                "INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) VALUES "
                        + "('001', 'league', 'db/changelog/changes/001-create-players.xml', now(), 1, 'EXECUTED'), "
                        + "('002', 'league', 'classpath:/db/changelog/changes/002-division.yaml', now(), 2, 'EXECUTED')");
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private void sql(String... statements) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private JsonNode status() {
        Cli.Result r = Cli.run("status", EXAMPLE.toString(), "--db-url", db.url().toString(), "--format", "json");
        assertThat(r.err()).doesNotContain("error:");
        return r.json().get("database");
    }

    @Test
    void theExecutedChangesetsAreMatchedByIdAuthorAndChangelogPath() {
        sql("INSERT INTO databasechangeloglock VALUES (1, false, NULL, NULL)");
        JsonNode database = status();
        assertThat(database.get("runner").asText()).isEqualTo("liquibase");
        assertThat(texts(database.get("stamps")))
                .containsExactly("league:002:src/main/resources/db/changelog/changes/002-division.yaml");
        assertThat(texts(database.get("pending"))).hasSize(4).first().asString().startsWith("league:003:");
        assertThat(texts(database.get("blockers"))).isEmpty();
    }

    @Test
    void aHeldChangelogLockIsABlocker() {
        sql("INSERT INTO databasechangeloglock VALUES (1, true, now(), 'api-7d9f (10.0.3.17)')");
        Cli.Result r = Cli.run("status", EXAMPLE.toString(), "--db-url", db.url().toString(), "--format", "json");
        assertThat(r.exitCode()).isNotZero();
        assertThat(texts(r.json().get("database").get("blockers")))
                .anyMatch(b -> b.contains("DATABASECHANGELOGLOCK is held by api-7d9f (10.0.3.17)"));
    }
}
