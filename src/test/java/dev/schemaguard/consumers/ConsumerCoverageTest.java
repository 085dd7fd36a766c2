package dev.schemaguard.consumers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 001: a registry silently incomplete is worse than none. Every report of the consumers says, per consumer, what
 * was scanned and what could not be analysed, and the gate fails when nothing could be, or less than asked for.
 */
class ConsumerCoverageTest {

    private static ProjectBuilder project(Path dir, String consumerConfig) {
        return new ProjectBuilder(dir)
                .file("schemaguard.yml", "consumers:\n  - name: portal\n    path: portal\n" + consumerConfig)
                .file("db/migrations/0001_create_sessions.sql", "CREATE TABLE sessions (id bigint PRIMARY KEY, "
                        + "website_id bigint, distinct_id text, hostname text);\n");
    }

    @Test
    void aConsumerOfWhichNothingCouldBeAnalysedFailsTheGateAndIsNeverSaidToUseNothing(@TempDir Path dir) {
        project(dir, "").file("portal/src/stats.ts", """
                export const stats = (db) => db.query(`SELECT hostname FROM sessions WHERE website_id = {websiteId:UUID}`);
                export const hosts = (db) => db.query(`SELECT count(*) FROM sessions WHERE hostname = {host:String}`);
                """);
        Cli.Result check = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(check.exitCode()).as(check.err()).isEqualTo(1);
        JsonNode finding = check.findings("consumer-coverage").get(0);
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("file").asText()).isEqualTo("schemaguard.yml");
        assertThat(finding.get("line").asInt()).isEqualTo(2);
        assertThat(finding.get("message").asText()).contains("none of the 2 queries of consumer portal");
        JsonNode coverage = check.json().get("consumer_coverage").get(0);
        assertThat(coverage.get("files").asInt()).isEqualTo(1);
        assertThat(coverage.get("queries").asInt()).isEqualTo(2);
        assertThat(coverage.get("not_analysed").asInt()).isEqualTo(2);
        assertThat(coverage.get("unanalysed").get(1).get("line").asInt()).isEqualTo(2);

        Cli.Result registry = Cli.run("consumers", dir.toString(), "--format", "markdown");
        assertThat(registry.out()).doesNotContain("No consumer uses a table the migrations manage")
                .contains("- **portal**: 1 file, 2 queries: 0 analysed in full, 0 in part, 2 not at all")
                .contains("what it uses is unknown, not nothing")
                .contains("  - not at all: src/stats.ts:1 (line 1: ");
        Cli.Result text = Cli.run("check", dir.toString(), "--static");
        assertThat(text.out()).contains("Consumers' coverage:\n  portal: 1 file, 2 queries: 0 analysed in full")
                .contains("      not at all: src/stats.ts:2");
        assertThat(Cli.run("check", dir.toString(), "--static", "--format", "markdown").out())
                .contains("### Consumers' coverage\n\n- portal: 1 file, 2 queries: 0 analysed in full");
        assertThat(Cli.run("check", dir.toString(), "--static", "--format", "html").out())
                .contains("<p class=\"coverage\">portal: 1 file, 2 queries: 0 analysed in full")
                .contains("<li>not at all: src/stats.ts:1");
    }

    @Test
    void minCoverageAndFailOnUnanalysedFailWhatIsBelowThemAndPassWhatIsNot(@TempDir Path dir) {
        project(dir, "    min_coverage: 50\n").file("portal/src/stats.ts", """
                export const a = (db) => db.query(`SELECT hostname FROM sessions WHERE id = $1`);
                export const b = (db) => db.query(`SELECT id, hostname FROM sessions, archive WHERE id = $1`);
                """);
        Cli.Result atHalf = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(atHalf.exitCode()).as(atHalf.out()).isZero();
        assertThat(atHalf.findings("consumer-coverage")).isEmpty();
        assertThat(atHalf.json().get("consumer_coverage").get(0).get("analysed_in_part").asInt()).isEqualTo(1);

        Cli.Result all = Cli.run("check", dir.toString(), "--static", "--fail-on-unanalysed", "--format", "json");
        assertThat(all.exitCode()).isEqualTo(1);
        assertThat(all.findings("consumer-coverage").get(0).get("message").asText())
                .contains("50.0 % of its queries analysed in full, below its min_coverage of 100 %");
        assertThat(Cli.run("consumers", dir.toString(), "--fail-on-unanalysed").exitCode()).isEqualTo(1);
    }

    @Test
    void aConsumerWhoseGlobsSelectNoFileFailsRatherThanPassingEmpty(@TempDir Path dir) {
        project(dir, "    include: [\"src/**/*.tsx\"]\n").file("portal/src/a.ts", "export const x = 1;\n");
        Cli.Result r = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.findings("consumer-coverage").get(0).get("message").asText())
                .contains("no file of consumer portal was scanned");
    }

    @Test
    void helperCallsNamingAManagedTableAreCountedAsDataAccessTheScanCannotSee(@TempDir Path dir) {
        project(dir, "").file("portal/store.py", """
                async def get_user(self, user_id):
                    row = await self.db_pool.simple_select_one(table="sessions", keyvalues={"id": user_id},
                                                               retcols=["hostname"])
                    await self.db_pool.simple_insert("sessions", {"id": 1})
                    log.info("sessions")
                    return await self.db_pool.execute("SELECT distinct_id FROM sessions WHERE id = %s", user_id)
                """);
        Cli.Result r = Cli.run("consumers", dir.toString(), "--format", "json");
        JsonNode coverage = r.json().get("consumer_coverage").get(0);
        assertThat(coverage.get("helper_calls").asInt()).isEqualTo(2);
        assertThat(coverage.get("analysed_in_full").asInt()).isEqualTo(1);
        assertThat(Cli.run("consumers", dir.toString()).out())
                .contains("portal: 1 file, 1 query: 1 analysed in full, 0 in part, 0 not at all (100 % in full); "
                        + "2 helper calls. Uses in what was not analysed are not listed");
    }

    @Test
    void aMinCoverageOutsideZeroToHundredIsAnErrorWithItsLine(@TempDir Path dir) {
        project(dir, "    include: [\"src/**/*.ts\"]\n    min_coverage: 120\n");
        Cli.Result r = Cli.run("check", dir.toString(), "--static");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("schemaguard.yml:5: consumer 'portal': min_coverage 120 is not a percentage");
    }
}
