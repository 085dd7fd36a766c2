package dev.schemaguard.consumers;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SqlExtractorTest {

    private static final Path PORTAL = Path.of("examples/contracts-portal");

    private static Extraction portal(String file) throws IOException {
        return SqlExtractor.extract(file, Files.readString(PORTAL.resolve(file)));
    }

    private static List<String> sql(String file, String text) {
        return SqlExtractor.extract(file, text).queries().stream().map(ExtractedQuery::sql).toList();
    }

    @Nested
    class ContractsPortal {

        @Test
        void theStarSelectOfThePlayerAndTheColumnsTheCodeReadsFromIt() throws IOException {
            Extraction page = portal("src/routes/contract/[token]/+page.server.ts");

            assertThat(page.queries()).extracting(ExtractedQuery::line, ExtractedQuery::language)
                    .containsExactly(tuple(20, "typescript"), tuple(34, "typescript"));
            ExtractedQuery star = page.queries().get(0);
            assertThat(star.file()).isEqualTo("src/routes/contract/[token]/+page.server.ts");
            assertThat(star.sql()).startsWith("SELECT p.*, t.name AS team_name")
                    .contains("FROM players p", "JOIN teams t ON t.id = p.team_id")
                    .endsWith("WHERE c.token = $1");
            assertThat(page.queries().get(1).sql())
                    .isEqualTo("SELECT status, signed_at, pdf_url FROM contracts WHERE token = $1");
            assertThat(page.propertyAccesses())
                    .contains(new PropertyAccess("date_of_birth", 40), new PropertyAccess("custom_notes", 53),
                            new PropertyAccess("jersey_number", 58), new PropertyAccess("rows", 19))
                    .doesNotContain(new PropertyAccess("query", 19), new PropertyAccess("query", 33));
            assertThat(page.problems()).isEmpty();
        }

        @Test
        void theSigningTransactionWritesTheOutboxThroughPlainAndTaggedTemplates() throws IOException {
            Extraction sign = portal("src/routes/contract/[token]/sign/+server.ts");

            assertThat(sign.queries()).extracting(ExtractedQuery::line).containsExactly(27, 42, 60);
            assertThat(sign.queries().get(0).sql()).isEqualTo("""
                    SELECT id, tenant_id, player_id, status, signed_at
                    \t\t\t      FROM contracts
                    \t\t\t     WHERE token = $1
                    \t\t\t       FOR UPDATE""");
            assertThat(sign.queries().get(1).sql()).startsWith("UPDATE contracts").endsWith("RETURNING signed_at");
            assertThat(sign.queries().get(2).sql()).isEqualTo("""
                    INSERT INTO outbox (tenant_id, event_type, payload, status, created_at)
                    \t\t\t VALUES ($1, $2, $3, 'pending', now())""");
            assertThat(sign.propertyAccesses()).contains(new PropertyAccess("signed_at", 51),
                    new PropertyAccess("tenant_id", 62));
        }

        @Test
        void userFacingCopyIsNotSql() throws IOException {
            assertThat(portal("src/lib/copy.ts").queries()).isEmpty();
        }

        @Test
        void aComponentIsReadOnlyInItsScriptBlocks() {
            Extraction component = SqlExtractor.extract("src/routes/Team.svelte", """
                    <script lang="ts">
                      import { pool } from '$lib/db';
                      const teams = pool.query('SELECT id, name FROM teams ORDER BY name');
                    </script>

                    <p>SELECT * FROM players, said nobody. {team.division}</p>
                    <script context="module">
                      export const q = "DELETE FROM sessions WHERE expires_at < now()";
                    </script>
                    """);

            assertThat(component.queries()).extracting(ExtractedQuery::line, ExtractedQuery::sql,
                    ExtractedQuery::language).containsExactly(
                    tuple(3, "SELECT id, name FROM teams ORDER BY name", "typescript"),
                    tuple(8, "DELETE FROM sessions WHERE expires_at < now()", "javascript"));
            assertThat(component.propertyAccesses()).extracting(PropertyAccess::name).doesNotContain("division");
        }
    }

    @Nested
    class TypeScript {

        @Test
        void nestedTemplatesAndBracesInInterpolationsEachBecomeOneParameter() {
            assertThat(sql("repo.ts", """
                    const q = sql`SELECT * FROM players WHERE team_id = ${team.id}
                      AND id IN (${ids.map((i) => `${i}`).join(',')}) AND meta = ${{ a: 1 }.a}`;
                    """)).containsExactly("""
                    SELECT * FROM players WHERE team_id = $1
                      AND id IN ($2) AND meta = $3""");
        }

        @Test
        void aQueryInsideTheInterpolationOfATemplateThatIsNotSql() {
            assertThat(sql("page.ts", """
                    const html = `<ul>${(await db.query('SELECT name FROM teams')).rows
                      .map((t) => `<li>${t.name}</li>`)}</ul>`;
                    """)).containsExactly("SELECT name FROM teams");
        }

        @Test
        void aTaggedTemplateInsideACall() {
            assertThat(sql("repo.ts", "await db.query(sql`DELETE FROM contracts WHERE id = ${id}`);"))
                    .containsExactly("DELETE FROM contracts WHERE id = $1");
        }

        @Test
        void concatenatedOperandsBecomeParameters() {
            assertThat(sql("repo.js", """
                    const q = 'SELECT id FROM players WHERE team_id = ' + teamId +
                      ' AND name = ' + quote(names[0]) + ' ORDER BY ' + order;
                    """)).containsExactly("SELECT id FROM players WHERE team_id = $1 AND name = $2 ORDER BY $3");
        }

        @Test
        void regularExpressionsAreNotStrings() {
            Extraction extraction = SqlExtractor.extract("util.ts", """
                    const quote = /'/g, ratio = (a + 1) / b / c;
                    if (quoted) /"/.test(s); const half = { n: 1 }.n / 2;
                    const q = "SELECT id FROM players";
                    """);
            assertThat(extraction.queries()).extracting(ExtractedQuery::line, ExtractedQuery::sql)
                    .containsExactly(tuple(3, "SELECT id FROM players"));
            assertThat(extraction.problems()).isEmpty();
        }

        @Test
        void commentsWithSqlInThemAreIgnored() {
            assertThat(sql("repo.ts", """
                    // SELECT * FROM players
                    /* DELETE FROM contracts WHERE id = 1;
                       'unbalanced */
                    const label = 'Players';
                    """)).isEmpty();
        }

        @Test
        void anUnterminatedStringIsReportedAndTheScanGoesOn() {
            Extraction extraction = SqlExtractor.extract("repo.ts", """
                    const broken = 'SELECT oops;
                    const q = `SELECT name FROM teams WHERE id = ${id}`;
                    """);
            assertThat(extraction.problems()).containsExactly(
                    new Extraction.Problem("repo.ts", 1, "unterminated string literal"));
            assertThat(extraction.queries()).extracting(ExtractedQuery::line, ExtractedQuery::sql)
                    .containsExactly(tuple(2, "SELECT name FROM teams WHERE id = $1"));
        }

        @Test
        void membersAreReadThroughOptionalChainsIndexesAndDestructuring() {
            Extraction extraction = SqlExtractor.extract("page.ts", """
                    const { date_of_birth, custom_notes: notes, team: { division }, jersey = 'none' } = player;
                    const size = row?.jersey_size ?? row!.jersey_option;
                    const parent = row['parent_email'] + row?.["parent_phone"];
                    const mapped = rows.map((r) => r.id);
                    """);
            assertThat(extraction.propertyAccesses()).extracting(PropertyAccess::name, PropertyAccess::line)
                    .containsExactly(tuple("date_of_birth", 1), tuple("custom_notes", 1), tuple("team", 1),
                            tuple("division", 1), tuple("jersey", 1), tuple("jersey_size", 2),
                            tuple("jersey_option", 2), tuple("parent_email", 3), tuple("parent_phone", 3),
                            tuple("id", 4));
        }

        @Test
        void aQueryKeepsTheLineOfItsFirstCharacter() {
            Extraction extraction = SqlExtractor.extract("repo.ts", """
                    const q = `

                        SELECT id
                          FROM players`;
                    """);
            assertThat(extraction.queries()).extracting(ExtractedQuery::line).containsExactly(3);
        }
    }

    @Nested
    class Python {

        @Test
        void fStringFieldsBecomeParametersAndDoubledBracesAreBraces() {
            assertThat(sql("repo.py", """
                    cur.execute(f"SELECT * FROM players WHERE team_id = {team.id!r:>4} AND tags @> '{{a}}'")
                    """)).containsExactly("SELECT * FROM players WHERE team_id = $1 AND tags @> '{a}'");
        }

        @Test
        void adjacentLiteralsOfAnyPrefixConcatenate() {
            Extraction extraction = SqlExtractor.extract("repo.py", """
                    query = (
                        "SELECT id, name "
                        r'FROM players '
                        Rf"WHERE team_id = {team_id} "
                        b'''ORDER BY name'''
                    )
                    other = "FROM nowhere"
                    """);
            assertThat(extraction.queries()).extracting(ExtractedQuery::line, ExtractedQuery::sql)
                    .containsExactly(tuple(2, "SELECT id, name FROM players WHERE team_id = $1 ORDER BY name"));
        }

        @Test
        void psycopgPlaceholdersAreNumberedAndANameUsedTwiceKeepsItsNumber() {
            assertThat(sql("repo.py", """
                    cur.execute(
                        \"\"\"
                        SELECT * FROM players
                         WHERE team_id = %(team)s AND age > %s
                           AND coach_id IN (SELECT id FROM coaches WHERE team_id = %(team)s)
                           AND name LIKE 'A%%'
                        \"\"\",
                        params,
                    )
                    """)).containsExactly("""
                    SELECT * FROM players
                         WHERE team_id = $1 AND age > $2
                           AND coach_id IN (SELECT id FROM coaches WHERE team_id = $1)
                           AND name LIKE 'A%'""");
        }

        @Test
        void aTripleQuotedQueryStartsOnTheLineOfItsFirstWord() {
            Extraction extraction = SqlExtractor.extract("repo.py", """
                    def players(conn):
                        return conn.execute(text(\"\"\"
                            SELECT id FROM players WHERE team_id = :team
                        \"\"\"), {"team": 1})
                    """);
            assertThat(extraction.queries()).extracting(ExtractedQuery::line, ExtractedQuery::sql)
                    .containsExactly(tuple(3, "SELECT id FROM players WHERE team_id = $1"));
        }

        @Test
        void docstringsAndCommentsAreNotQueries() {
            assertThat(sql("repo.py", """
                    def purge():
                        \"\"\"DELETE FROM sessions WHERE expires_at < now()\"\"\"
                        # SELECT * FROM players
                        return 1
                    """)).isEmpty();
        }

        @Test
        void rowReadsByAttributeKeyGetAndGetattrButNotImports() {
            Extraction extraction = SqlExtractor.extract("views.py", """
                    from app.models import Player
                    import os.path
                    notes = row["custom_notes"] or row.get('parent_email')
                    born = row.date_of_birth
                    size = getattr(row, "jersey_size", None)
                    @app.get("/players")
                    def index(): return row.keys()
                    """);
            assertThat(extraction.propertyAccesses()).extracting(PropertyAccess::name, PropertyAccess::line)
                    .containsExactly(tuple("custom_notes", 3), tuple("parent_email", 3), tuple("date_of_birth", 4),
                            tuple("jersey_size", 5));
        }

        @Test
        void anUnterminatedTripleQuotedStringIsReported() {
            Extraction extraction = SqlExtractor.extract("repo.py", """
                    q = "SELECT id FROM teams"
                    broken = '''SELECT
                    """);
            assertThat(extraction.queries()).extracting(ExtractedQuery::sql).containsExactly("SELECT id FROM teams");
            assertThat(extraction.problems()).extracting(Extraction.Problem::line, Extraction.Problem::message)
                    .containsExactly(tuple(2, "unterminated triple-quoted string"));
        }
    }

    @Nested
    class Java {

        @Test
        void aTextBlockLosesItsIncidentalIndentationAndJdbcPlaceholdersAreNumbered() {
            Extraction extraction = SqlExtractor.extract("PlayerDao.java", """
                    class PlayerDao {
                        static final String FIND = \"\"\"
                                SELECT p.id,
                                       p.name
                                  FROM players p
                                 WHERE p.team_id = ? AND p.tags ? 'captain' AND p.meta ?? 'x'
                                \"\"\";
                    }
                    """);
            assertThat(extraction.queries()).extracting(ExtractedQuery::line, ExtractedQuery::sql,
                    ExtractedQuery::language).containsExactly(tuple(3, """
                    SELECT p.id,
                           p.name
                      FROM players p
                     WHERE p.team_id = $1 AND p.tags ? 'captain' AND p.meta ?? 'x'""", "java"));
        }

        @Test
        void literalVariableLiteralMakesTheVariableAParameter() {
            assertThat(sql("PlayerDao.java", """
                    String q = "SELECT id, name FROM players WHERE team_id = " + teamId
                            + " AND season = " + season.year() + " LIMIT ?";
                    """)).containsExactly("SELECT id, name FROM players WHERE team_id = $1 AND season = $2 LIMIT $3");
        }

        @Test
        void resultSetGettersReadColumns() {
            Extraction extraction = SqlExtractor.extract("PlayerDao.java", """
                    import java.sql.ResultSet;
                    Player map(ResultSet rs) {
                        return new Player(rs.getString("date_of_birth"), rs.getInt("jersey_number"),
                                rs.getObject("custom_notes", String.class), System.getenv("HOME"));
                    }
                    """);
            assertThat(extraction.propertyAccesses()).extracting(PropertyAccess::name, PropertyAccess::line)
                    .containsExactly(tuple("date_of_birth", 3), tuple("jersey_number", 3), tuple("custom_notes", 4));
        }

        @Test
        void jpqlIsNotSqlButANativeQueryIs() {
            assertThat(sql("PlayerRepository.java", """
                    import org.springframework.data.jpa.repository.Query;
                    interface PlayerRepository {
                        @Query("SELECT p FROM Player p WHERE p.team = :team")
                        List<Player> byTeam(Team team);
                        @Query(value = "SELECT * FROM players WHERE team_id = :team", nativeQuery = true)
                        List<Player> byTeamNative(long team);
                    }
                    """)).containsExactly("SELECT * FROM players WHERE team_id = $1");
        }

        @Test
        void anUnterminatedTextBlockIsReported() {
            Extraction extraction = SqlExtractor.extract("Broken.java", """
                    String ok = "DELETE FROM sessions WHERE id = ?";
                    String broken = \"\"\"
                        SELECT
                    """);
            assertThat(extraction.queries()).extracting(ExtractedQuery::sql)
                    .containsExactly("DELETE FROM sessions WHERE id = $1");
            assertThat(extraction.problems()).extracting(Extraction.Problem::line, Extraction.Problem::message)
                    .containsExactly(tuple(2, "unterminated text block"));
        }
    }

    @Nested
    class Kotlin {

        @Test
        void rawStringTemplatesBecomeParametersAndTrimIndentIsApplied() {
            Extraction extraction = SqlExtractor.extract("PlayerRepository.kt", """
                    val sql = \"\"\"
                        SELECT id, name
                          FROM players
                         WHERE team_id = ${team.id} AND season = $season AND code = '${'$'}x'
                    \"\"\".trimIndent()
                    """);
            assertThat(extraction.queries()).extracting(ExtractedQuery::line, ExtractedQuery::sql,
                    ExtractedQuery::language).containsExactly(tuple(2, """
                    SELECT id, name
                      FROM players
                     WHERE team_id = $1 AND season = $2 AND code = '$x'""", "kotlin"));
        }

        @Test
        void trimMarginAndEscapedStrings() {
            assertThat(sql("Repo.kt", """
                    val a = \"\"\"
                        |UPDATE players
                        |   SET name = ?
                        | WHERE id = ?\"\"\".trimMargin()
                    val b = "SELECT \\$1::int, name FROM players WHERE id = $id"
                    """)).containsExactly("UPDATE players\n   SET name = $1\n WHERE id = $2",
                    "SELECT $1::int, name FROM players WHERE id = $2");
        }

        @Test
        void rowsReadByGetterAndIndex() {
            Extraction extraction = SqlExtractor.extract("Repo.kt", """
                    import java.sql.ResultSet
                    fun map(rs: ResultSet, row: Map<String, Any?>) =
                        Player(rs.getString("date_of_birth"), row["custom_notes"], row.jersey_size)
                    """);
            assertThat(extraction.propertyAccesses()).extracting(PropertyAccess::name)
                    .containsExactly("date_of_birth", "custom_notes", "jersey_size");
        }
    }

    @Nested
    class Go {

        @Test
        void rawStringsConcatenationAndFormatVerbs() {
            Extraction extraction = SqlExtractor.extract("store/players.go", """
                    package store

                    const getPlayer = `-- name: GetPlayer :one
                    SELECT id, name FROM players WHERE id = $1`

                    func (s *Store) ByTeam(teamID int64) error {
                        rows, err := s.db.Query("SELECT id FROM players " +
                            "WHERE team_id = $1", teamID)
                        q := fmt.Sprintf("SELECT %s FROM players WHERE id = %d", cols, id)
                        return row.Scan(&p.DateOfBirth)
                    }
                    """);
            assertThat(extraction.queries()).extracting(ExtractedQuery::line, ExtractedQuery::sql,
                    ExtractedQuery::language).containsExactly(
                    tuple(3, "-- name: GetPlayer :one\nSELECT id, name FROM players WHERE id = $1", "go"),
                    tuple(7, "SELECT id FROM players WHERE team_id = $1", "go"),
                    tuple(9, "SELECT $1 FROM players WHERE id = $2", "go"));
            assertThat(extraction.propertyAccesses()).isEmpty();
        }

        @Test
        void anUnterminatedRawStringIsReported() {
            Extraction extraction = SqlExtractor.extract("x.go", "var q = \"SELECT 1\"\nvar r = `SELECT\n");
            assertThat(extraction.queries()).extracting(ExtractedQuery::sql).containsExactly("SELECT 1");
            assertThat(extraction.problems()).extracting(Extraction.Problem::line).containsExactly(2);
        }
    }

    @Nested
    class SqlFiles {

        @Test
        void everyStatementIsAQuery() {
            Extraction extraction = SqlExtractor.extract("queries/players.sql", """
                    -- name: ListPlayers :many
                    SELECT * FROM players WHERE team_id = $1;

                    UPDATE players
                       SET custom_notes = :notes
                     WHERE id = :id;
                    """);
            assertThat(extraction.queries()).extracting(ExtractedQuery::line, ExtractedQuery::sql,
                    ExtractedQuery::language).containsExactly(
                    tuple(2, "SELECT * FROM players WHERE team_id = $1", "sql"),
                    tuple(4, "UPDATE players\n   SET custom_notes = $1\n WHERE id = $2", "sql"));
        }

        @Test
        void statementsBeforeAnUnterminatedStringAreKept() {
            Extraction extraction = SqlExtractor.extract("q.sql", """
                    SELECT 1;
                    SELECT 2; SELECT 'oops
                    """);
            assertThat(extraction.queries()).extracting(ExtractedQuery::sql).containsExactly("SELECT 1", "SELECT 2");
            assertThat(extraction.problems()).extracting(Extraction.Problem::line).containsExactly(2);
        }
    }

    @Nested
    class Classifier {

        @Test
        void userInterfaceCopyIsNotSql() {
            assertThat(List.of("Select a team to continue", "Update your profile", "Update your contact details "
                            + "with the league office if anything here is wrong.", "Delete your account",
                    "Create a new team", "Drop files here to upload", "Select all", "SELECT ALL", "DELETE",
                    "select a player from the list", "Select players from your team", "Insert into clipboard",
                    "Update profile settings", "Values must be positive", "Table of contents", "Call us at 555-1234",
                    "Do not disturb", "Copy to clipboard", "Copy link to clipboard", "Create account", "drop table",
                    "With love from the team", "Merge into main", "Truncate text", "truncate text", "LOCK SCREEN",
                    "Select…", "Select one:", "Update available!", "Delete from list", "Explain your choice",
                    "select a team", "Lock the door", "Refresh the page", "Values (optional)",
                    "Select the player's team", "Alter ego", "Update failed: try again",
                    "call config.load() before saving", "SELECT CASE"))
                    .filteredOn(SqlClassifier::isQuery).isEmpty();
        }

        @Test
        void sqlIsSqlWhateverItsCase() {
            assertThat(List.of("SELECT 1", "select now()", "select id from players", "SELECT * FROM players",
                    "Select * from players", "WITH recent AS (SELECT 1) SELECT * FROM recent",
                    "INSERT INTO players (name) VALUES ($1)", "insert into players select * from staging",
                    "UPDATE players SET name = $1", "update players p set name = 'x'", "DELETE FROM players",
                    "delete from players where id = $1", "MERGE INTO players p USING staging s ON s.id = p.id",
                    "CREATE TABLE t (id int)", "create unique index concurrently if not exists i on t (a)",
                    "ALTER TABLE players ADD COLUMN x int", "DROP TABLE IF EXISTS t", "TRUNCATE TABLE players",
                    "TRUNCATE players, teams CASCADE", "COPY players (id) FROM STDIN", "COPY (SELECT 1) TO STDOUT",
                    "CALL refresh_stats($1)", "DO $$ BEGIN PERFORM 1; END $$", "VALUES (1), (2)",
                    "TABLE players ORDER BY id", "EXPLAIN ANALYZE SELECT * FROM players",
                    "LOCK TABLE players IN SHARE MODE", "REFRESH MATERIALIZED VIEW CONCURRENTLY stats",
                    "(SELECT 1) UNION (SELECT 2)", "/* hint */ SELECT id FROM players",
                    "SELECT current_date", "SELECT a.id FROM accounts a JOIN players p ON p.account_id = a.id",
                    "SELECT CASE WHEN $1 THEN 1 END", "select date '2024-09-01' - interval '1 year'"))
                    .filteredOn(query -> !SqlClassifier.isQuery(query)).isEmpty();
        }
    }

    @Nested
    class Parameters {

        @Test
        void anInterpolationInsideAnSqlStringIsDroppedSoNoNumberGoesUnused() {
            assertThat(sql("repo.ts", "q = `SELECT * FROM players WHERE name ILIKE '%${term}%' AND id = ${id}`"))
                    .containsExactly("SELECT * FROM players WHERE name ILIKE '%%' AND id = $1");
        }

        @Test
        void interpolationsAreNumberedAfterTheParametersTheTextAlreadyHas() {
            assertThat(sql("repo.ts", "q = `SELECT * FROM t WHERE a = $1 AND b = ${b} AND c = $2`"))
                    .containsExactly("SELECT * FROM t WHERE a = $1 AND b = $3 AND c = $2");
        }

        @Test
        void castsSlicesAndOperatorsAreNotPlaceholders() {
            assertThat(Placeholders.number("SELECT a::int, b[1:n], c ?| array['x'], d ?& e, f = ? FROM t "
                    + "WHERE g IN (?, :g) AND h LIKE '%s ?' AND x = :g"))
                    .isEqualTo("SELECT a::int, b[1:n], c ?| array['x'], d ?& e, f = $1 FROM t "
                            + "WHERE g IN ($2, $3) AND h LIKE '%s ?' AND x = $3");
        }
    }

    @Test
    void noInputMakesItThrow() {
        // Fragments that open and close each language's constructs, shuffled into broken files.
        String[] fragments = {"'", "\"", "`", "\"\"\"", "'''", "${", "{", "}", "(", ")", "[", "]", "\\", "\n", "/*",
            "*/", "//", "#", "/", "f\"", "rb'", "$", "$1", "?", "%s", "%(", ":x", "SELECT ", "INSERT INTO t ",
            "FROM t ", " + ", "x.y", "row[\"a\"]", "const { a } = ", ".trimIndent()", "<script>", "</script>", "-- ",
            "E'\\", "\\u{", "\\x", "\\N{", "$$", "\u00e9", "\r\n"};
        Random random = new Random(7);
        for (String file : List.of("a.ts", "a.py", "A.java", "A.kt", "a.go", "a.sql", "A.svelte")) {
            for (int i = 0; i < 400; i++) {
                StringBuilder text = new StringBuilder();
                for (int k = random.nextInt(30); k > 0; k--) {
                    text.append(fragments[random.nextInt(fragments.length)]);
                }
                assertThat(SqlExtractor.extract(file, text.toString())).as("%s: %s", file, text).isNotNull();
            }
        }
    }

    @Test
    void otherFilesGiveNothing() {
        assertThat(SqlExtractor.supports("README.md")).isFalse();
        assertThat(SqlExtractor.supports("src/App.vue")).isTrue();
        assertThat(SqlExtractor.extract("README.md", "SELECT * FROM players").queries()).isEmpty();
    }
}
