package dev.schemaguard.consumers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An interpolated fragment is a hole in the statement, not the end of its analysis, and a fragment the code holds in a
 * local string joins the query it is used in: each test is a reproduction of a query a real codebase lost.
 */
class FragmentsTest {

    private static List<String> sql(String file, String text) {
        return SqlExtractor.extract(file, text).queries().stream().map(ExtractedQuery::sql).toList();
    }

    private static Cli.Result check(Path dir, String table, String migration, String file, String code) {
        new ProjectBuilder(dir)
                .file("schemaguard.yml", "consumers:\n  - name: app\n    path: app\n")
                .file("db/migrations/0001_create.sql", table)
                .file("db/migrations/0002_change.sql", "SET lock_timeout = '5s';\n" + migration)
                .file("app/" + file, code);
        return Cli.run("check", dir.toString(), "--static", "--format", "json");
    }

    private static final String SESSION = "CREATE TABLE session (session_id uuid PRIMARY KEY, website_id uuid, "
            + "distinct_id text, hostname text);\n";
    private static final String SEARCH = """
            export async function sessions(db, websiteId: string, search?: string) {
              const searchQuery = search ? `and distinct_id ilike $2` : '';
              return db.$queryRawUnsafe(`select session_id, hostname from session where website_id = $1 ${searchQuery}`,
                websiteId, search);
            }
            """;

    @Test
    void aFragmentHeldInALocalConstantJoinsItsQueryAndADropOfWhatItNamesFailsTheGate(@TempDir Path dir) {
        assertThat(sql("s.ts", SEARCH)).containsExactly("select session_id, hostname from session where website_id = "
                + "$1 and distinct_id ilike $2");
        Cli.Result r = check(dir, SESSION, "ALTER TABLE session DROP COLUMN distinct_id;\n", "src/sessions.ts", SEARCH);
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        JsonNode broken = r.findings("consumer-breaking-change").get(0);
        assertThat(broken.get("evidence").get(0).get("file").asText()).isEqualTo("src/sessions.ts");
        assertThat(r.json().get("consumer_coverage").get(0).get("analysed_in_full").asInt()).isEqualTo(1);
    }

    @Test
    void anUnknownFragmentIsAHoleAndEverythingAroundItIsStillResolved(@TempDir Path dir) {
        String code = """
                export async function sessions(db, websiteId: string, filters: string) {
                  return db.$queryRawUnsafe(`select session_id, distinct_id from session where website_id = $1 ${filters(1)}`,
                    websiteId);
                }
                """;
        Cli.Result r = check(dir, SESSION, "ALTER TABLE session DROP COLUMN distinct_id;\n", "src/sessions.ts", code);
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.findings("consumer-breaking-change")).hasSize(1);
        JsonNode coverage = r.json().get("consumer_coverage").get(0);
        assertThat(coverage.get("analysed_in_part").asInt()).isEqualTo(1);
        assertThat(coverage.get("unanalysed").get(0).get("gaps").get(0).asText())
                .contains("a fragment interpolated as $2 stands where no value can");
    }

    @Test
    void conditionsAppendedWithPlusEqualsJoinTheQueryTheyExtend(@TempDir Path dir) {
        String code = """
                def get_reports(txn, room_id, quarantined):
                    sql = "SELECT media_id FROM local_media_repository WHERE room_id = ?"
                    if quarantined:
                        sql += " AND quarantined_by IS NULL"
                    txn.execute(sql, (room_id,))
                """;
        // The appended condition keeps its own line, two below the query's, so evidence in it points there.
        assertThat(sql("media.py", code)).containsExactly("SELECT media_id FROM local_media_repository WHERE room_id = "
                + "$1\n\n AND quarantined_by IS NULL");
        Cli.Result r = check(dir, "CREATE TABLE local_media_repository (media_id text, room_id text, quarantined_by text);\n",
                "ALTER TABLE local_media_repository RENAME COLUMN quarantined_by TO quarantined_by_user;\n",
                "media.py", code);
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        JsonNode broken = r.findings("consumer-breaking-change").get(0);
        assertThat(broken.get("message").asText()).contains("renames column local_media_repository.quarantined_by");
        assertThat(broken.get("evidence").get(0).get("line").asInt()).isEqualTo(4);
    }

    @Test
    void aFromClauseHeldInALocalFStringJoinsTheQuery() {
        String code = """
                def get_destinations(txn, after, limit):
                    w = "WHERE destination > ?" if after else ""
                    sql_base = f"FROM destinations {w}"
                    sql = f"SELECT destination, retry_last_ts {sql_base} LIMIT ?"
                    txn.execute(sql, (after, limit))
                """;
        assertThat(sql("d.py", code)).containsExactly("SELECT destination, retry_last_ts FROM destinations WHERE "
                + "destination > $1 LIMIT $2");
    }

    @Test
    void formatFieldsAndConcatenatedClausesAreFollowedOrLeftAsHoles() {
        String code = """
                def rooms(txn, clause_name):
                    where = "room_version = ?"
                    txn.execute("SELECT room_id FROM rooms WHERE {where} ORDER BY {order}".format(where=where, order=o))
                    clause = "is_public = TRUE"
                    txn.execute("SELECT creator FROM rooms WHERE " + clause)
                """;
        assertThat(sql("r.py", code)).containsExactly("SELECT room_id FROM rooms WHERE room_version = $1 ORDER BY $2",
                "SELECT creator FROM rooms WHERE is_public = TRUE");
    }

    @Test
    void taggedTemplatesSendInterpolationsAsParametersEvenWhenTheNameIsBound() {
        String code = """
                const status = 'active';
                export const q = sql`SELECT id FROM accounts WHERE status = ${status}`;
                """;
        assertThat(sql("a.ts", code)).containsExactly("SELECT id FROM accounts WHERE status = $1");
    }

    @Test
    void doubleBracePlaceholdersAreNamedParametersWithTheirCasts() {
        String code = """
                export function stats(websiteId) {
                  return rawQuery(`select count(*) from website_event where website_id = {{websiteId::uuid}}
                    and created_at > {{startDate}} and website_id = {{websiteId::uuid}}`, { websiteId });
                }
                """;
        assertThat(sql("s.ts", code)).containsExactly("select count(*) from website_event where website_id = $1::uuid\n"
                + "    and created_at > $2 and website_id = $1::uuid");
    }

    @Test
    void aBaseTheCodeCompletesLaterAndAnInterpolatedColumnAreHolesNotFailures(@TempDir Path dir) {
        String code = """
                def count_devices(txn, user_ids, where_clauses):
                    sql = \"\"\"
                        SELECT count(*)
                        FROM devices
                        WHERE
                            hidden = '0' AND
                    \"\"\"
                    clause, args = make_in_list_sql_clause(txn.database_engine, "user_id", user_ids)
                    txn.execute(sql + clause, args)
                    where = "WHERE " + " AND ".join(where_clauses)
                    txn.execute(f"SELECT devices.{column}, user_id FROM devices {where}")
                """;
        Cli.Result r = check(dir, "CREATE TABLE devices (user_id text, device_id text, hidden boolean);\n",
                "ALTER TABLE devices DROP COLUMN hidden;\n", "devices.py", code);
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.findings("consumer-breaking-change").get(0).get("evidence").get(0).get("line").asInt())
                .isEqualTo(6);
        JsonNode coverage = r.json().get("consumer_coverage").get(0);
        assertThat(coverage.get("analysed_in_part").asInt()).isEqualTo(2);
        assertThat(coverage.get("unanalysed").toString())
                .contains("the statement ends where more was expected")
                .contains("the column of devices.$1 is interpolated");
    }
}
