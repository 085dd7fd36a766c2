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

/** What a consumer declares of its own ways: another dialect's queries, its placeholders, its helpers. */
class ConventionsTest {

    private static ProjectBuilder project(Path dir, String conventions) {
        return new ProjectBuilder(dir)
                .file("schemaguard.yml", "consumers:\n  - name: app\n    path: app\n" + conventions)
                .file("db/migrations/0001_create.sql", "CREATE TABLE users (name text PRIMARY KEY, password_hash text, "
                        + "admin boolean, deactivated boolean);\n");
    }

    @Test
    void queriesOfAnotherDialectAreLeftOutAndCountedAsSuch(@TempDir Path dir) {
        project(dir, "    exclude:\n      files: [\"src/clickhouse/**\"]\n      functions: [clickhouseQuery, ch.query]\n")
                .file("app/src/users.ts", """
                        async function relationalQuery(db) {
                          return db.query(`SELECT name, admin FROM users WHERE name = $1`);
                        }
                        async function clickhouseQuery(db): Promise<{ x: string; y: number }[]> {
                          function inner(column: string) {
                            return `SELECT name, count() FROM users FINAL WHERE ${column} = {name:String}`;
                          }
                          return db.query(inner('name'));
                        }
                        export const other = (ch) => ch.query(`SELECT any(name) FROM users SETTINGS max_threads = 1`);
                        """)
                .file("app/src/clickhouse/stats.ts",
                        "export const s = (db) => db.query(`SELECT uniq(name) FROM users`);\n");
        Cli.Result r = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(r.exitCode()).as(r.out()).isZero();
        JsonNode coverage = r.json().get("consumer_coverage").get(0);
        assertThat(coverage.get("queries").asInt()).isEqualTo(1);
        assertThat(coverage.get("analysed_in_full").asInt()).isEqualTo(1);
        assertThat(coverage.get("excluded").asInt()).isEqualTo(3);
        assertThat(Cli.run("consumers", dir.toString()).out()).contains("1 query: 1 analysed in full, 0 in part, "
                + "0 not at all (100 % in full), 3 left out as another dialect's");
    }

    @Test
    void anArrowFunctionIsNamedByTheConstantItIsAssignedTo(@TempDir Path dir) {
        project(dir, "    exclude:\n      functions: [clickhouseQuery, rawQuery]\n")
                .file("app/src/db.ts", """
                        export const clickhouseQuery = async (db, name: string): Promise<{ n: number }[]> => {
                          const rows = await db.query(`SELECT count() FROM users FINAL WHERE name = {name:String}`);
                          return rows.map((row) => row.n);
                        };
                        const rawQuery: Runner = (db) => db.query(`SELECT uniq(name) FROM users`), other = 1;
                        export const relational = async (db) => {
                          return db.query(`SELECT name, admin FROM users WHERE name = $1`);
                        };
                        """);
        JsonNode coverage = Cli.run("consumers", dir.toString(), "--format", "json").json()
                .get("consumer_coverage").get(0);
        assertThat(coverage.get("excluded").asInt()).isEqualTo(2);
        assertThat(coverage.get("queries").asInt()).isEqualTo(1);
        assertThat(coverage.get("analysed_in_full").asInt()).isEqualTo(1);
    }

    @Test
    void declaredPlaceholdersAreParameters(@TempDir Path dir) {
        project(dir, "    placeholders: ['@[A-Za-z_]+']\n")
                .file("app/Users.java", """
                        class Users {
                            String byName = "SELECT admin FROM users WHERE name = @name AND deactivated = @off";
                        }
                        """);
        Cli.Result r = Cli.run("consumers", dir.toString(), "--format", "json");
        JsonNode query = r.json().get("queries").get(0);
        assertThat(query.get("analysed").asText()).isEqualTo("full");
        assertThat(query.get("sql").asText()).isEqualTo("SELECT admin FROM users WHERE name = $1 AND deactivated = $2");
    }

    @Test
    void declaredHelpersNameTheTableAndColumnsTheirCallsUseAndADropOfOneFailsTheGate(@TempDir Path dir) {
        project(dir, """
                    helpers:
                      - function: [simple_select_one, simple_select_list]
                        table: table:1
                        reads: [keyvalues:2, retcols:3]
                      - function: simple_update_one
                        table: table:1
                        reads: [keyvalues:2]
                        writes: [updatevalues:3]
                """)
                .file("db/migrations/0002_drop.sql", "SET lock_timeout = '5s';\n"
                        + "ALTER TABLE users RENAME COLUMN password_hash TO password_digest;\n")
                .file("app/store.py", """
                        async def get_user(self, user_id):
                            return await self.db_pool.simple_select_one(
                                table="users", keyvalues={"name": user_id}, retcols=["admin", "deactivated"]
                            )

                        async def set_password(self, user_id, h):
                            await self.db_pool.simple_update_one("users", {"name": user_id}, {"password_hash": h})

                        async def other(self):
                            await self.db_pool.simple_insert("users", {"name": "x"})
                        """);
        Cli.Result r = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        JsonNode broken = r.findings("consumer-breaking-change").get(0);
        assertThat(broken.get("message").asText()).contains("renames column users.password_hash")
                .contains("(store.py:7)");
        JsonNode coverage = r.json().get("consumer_coverage").get(0);
        assertThat(coverage.get("helper_calls_analysed").asInt()).isEqualTo(2);
        assertThat(coverage.get("helper_calls").asInt()).isEqualTo(1);
        List<String> uses = new ArrayList<>();
        Cli.run("consumers", dir.toString(), "--format", "json").json().get("uses").forEach(u -> uses.add(
                u.get("column").asText() + " " + u.get("access").asText() + ":" + u.get("line").asInt()));
        assertThat(uses).contains("admin read:2", "deactivated read:2", "name read:2", "password_hash write:7");
    }

    @Test
    void aHelperWithoutItsTableArgumentIsAnErrorWithItsLine(@TempDir Path dir) {
        project(dir, "    helpers:\n      - function: simple_select_one\n        reads: [retcols]\n");
        Cli.Result r = Cli.run("consumers", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("schemaguard.yml:5: consumer 'app': a helper needs 'function'");
    }

    @Test
    void theKnexPresetReadsTheTablesAQueryBuilderNames(@TempDir Path dir) {
        project(dir, "    presets: [knex]\n")
                .file("db/migrations/0002_rename.sql", "SET lock_timeout = '5s';\nALTER TABLE users RENAME TO accounts;\n")
                .file("app/users.js", """
                        export const admins = (knex) => knex('users').where({ admin: true }).select('name');
                        export const audit = (knex, row) => knex.insert(row).into('users');
                        """);
        Cli.Result r = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.findings("consumer-breaking-change").get(0).get("message").asText())
                .contains("renames table users to accounts").contains("(users.js:1 and 3 more)");
        JsonNode coverage = r.json().get("consumer_coverage").get(0);
        assertThat(coverage.get("helper_calls_analysed").asInt()).isEqualTo(1);
        assertThat(coverage.get("helper_calls").asInt()).as("insert(row): which columns is unknown").isEqualTo(1);
        project(dir, "    presets: [knexx]\n");
        Cli.Result unknown = Cli.run("check", dir.toString(), "--static");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("schemaguard.yml:4: consumer 'app': 'knexx' is not a preset; presets: knex");
    }

    @Test
    void theKnexPresetReadsTheColumnsOfAChainAtTheirLines(@TempDir Path dir) {
        project(dir, "    presets: [knex]\n")
                .file("db/migrations/0002_teams.sql", "CREATE TABLE teams (id bigint, label text, owner text);\n")
                .file("app/users.ts", """
                        export const list = (knex) => knex('users')
                          .join('teams', 'users.name', '=', 'teams.owner')
                          .where({ admin: true })
                          .select('users.name', 'teams.label as team');
                        export const save = (knex, name) =>
                          knex('users').where('name', name).update({ password_hash: 'x', deactivated: false });
                        export const make = (knex, row) => knex.insert({ ...row, admin: false }).into('users');
                        const copy = Buffer.from('users');
                        """);
        Cli.Result r = Cli.run("consumers", dir.toString(), "--format", "json");
        List<String> uses = new ArrayList<>();
        r.json().get("uses").forEach(u -> uses.add(u.get("access").asText() + " " + u.get("table").asText()
                + (u.get("column").isNull() ? "" : "." + u.get("column").asText()) + ":" + u.get("line").asInt()));
        assertThat(uses).containsExactlyInAnyOrder("read users:1", "read teams:2", "read users.name:2",
                "read teams.owner:2", "read users.admin:3", "read users.name:4", "read teams.label:4",
                "write users:6", "read users.name:6", "write users.password_hash:6", "write users.deactivated:6",
                "write users:7", "write users.admin:7");
        JsonNode coverage = r.json().get("consumer_coverage").get(0);
        assertThat(coverage.get("helper_calls_analysed").asInt()).isEqualTo(2);
        assertThat(coverage.get("helper_calls").asInt()).as("the spread of row").isEqualTo(1);
        assertThat(r.json().get("own_tables").toString()).doesNotContain("users");
    }
}
