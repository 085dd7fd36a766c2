package dev.schemaguard.consumers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reproductions of what the consumer scan got wrong on real code, each kept as a regression test. */
class ConsumerDefectsTest {

    private static List<String> sql(String file, String text) {
        return SqlExtractor.extract(file, text).queries().stream().map(ExtractedQuery::sql).toList();
    }

    private static Cli.Result consumers(Path dir, String code) {
        new ProjectBuilder(dir)
                .file("schemaguard.yml", "consumers:\n  - name: app\n    path: app\n")
                .file("db/migrations/0001_create.sql", "CREATE TABLE session (session_id uuid PRIMARY KEY, "
                        + "distinct_id text, hostname text);\nCREATE TABLE event (event_id uuid, session_id uuid, "
                        + "hostname text);\n")
                .file("app/src/q.ts", code);
        return Cli.run("consumers", dir.toString(), "--format", "json");
    }

    @Test
    void englishWordsAsAliasesDoNotHideRealSqlButSentencesStayText() {
        for (String alias : List.of("we", "our", "you", "its", "an")) {
            assertThat(sql("q.ts", "db.$queryRawUnsafe(`select " + alias + ".distinct_id from session " + alias + "`);"))
                    .as(alias).containsExactly("select " + alias + ".distinct_id from session " + alias);
        }
        assertThat(sql("q.ts", "const a = 'Select a team to continue'; const b = 'Update your profile, we will "
                + "save it.';")).isEmpty();
    }

    @Test
    void aUnionBranchsColumnIsEvidencedOnTheBranchsOwnLine(@TempDir Path dir) {
        Cli.Result r = consumers(dir, """
                export const hosts = (db) => db.query(`
                  SELECT session_id, distinct_id FROM session
                  UNION ALL
                  SELECT session_id, hostname FROM event`);
                """);
        List<String> uses = new ArrayList<>();
        r.json().get("uses").forEach(u -> uses.add(u.get("table").asText() + "." + u.get("column").asText() + ":"
                + u.get("line").asInt()));
        assertThat(uses).contains("session.session_id:2", "event.session_id:4", "event.hostname:4");
    }

    @Test
    void systemCatalogsAreNeverTheConsumersOwnTables(@TempDir Path dir) {
        Cli.Result r = consumers(dir, """
                export const size = (db) => db.query(`SELECT datname FROM pg_database WHERE datname = $1`);
                export const cols = (db) => db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`);
                export const own = (db) => db.query(`SELECT id FROM audit_log`);
                """);
        List<String> own = new ArrayList<>();
        r.json().get("own_tables").forEach(t -> own.add(t.get("table").asText()));
        assertThat(own).containsExactly("audit_log");
    }

    @Test
    void columnsNamedInDdlRunFromCodeAreUsesAMigrationCanBreak(@TempDir Path dir) {
        Cli.Result r = consumers(dir, """
                export const index = (db) => db.query(`CREATE INDEX IF NOT EXISTS session_distinct ON session (distinct_id)`);
                export const widen = (db) => db.query(`ALTER TABLE session ALTER COLUMN hostname TYPE varchar(500)`);
                """);
        List<String> uses = new ArrayList<>();
        for (JsonNode u : r.json().get("uses")) {
            uses.add(u.get("table").asText() + "." + u.get("column").asText() + " " + u.get("access").asText() + ":"
                    + u.get("line").asInt());
        }
        assertThat(uses).contains("session.distinct_id read:1", "session.hostname write:2");
    }
}
