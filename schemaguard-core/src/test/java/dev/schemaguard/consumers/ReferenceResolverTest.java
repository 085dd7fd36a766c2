package dev.schemaguard.consumers;

import dev.schemaguard.consumers.Reference.Access;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceResolverTest {

    /** basketball-api's schema before migration 019 dropped players.team_id, and a few tables for the edge cases. */
    private static final Map<String, Set<String>> TABLES = Map.of(
            "players", Set.of("id", "name", "team_id", "parent_id", "date_of_birth", "custom_notes", "jersey_number",
                    "tenant_id", "created_at"),
            "teams", Set.of("id", "name", "division", "age_group", "tenant_id"),
            "parents", Set.of("id", "name", "email", "phone"),
            "player_teams", Set.of("player_id", "team_id"),
            "outbox", Set.of("id", "tenant_id", "event_type", "topic", "payload", "status", "created_at"),
            "events", Set.of("id", "user", "order", "Kind"),
            "analytics.visits", Set.of("id", "player_id", "seen_at"));

    private static Resolution resolve(String sql) {
        return ReferenceResolver.resolve(sql, TABLES::get);
    }

    /** Resolves SQL the resolver must understand completely. */
    private static List<Reference> references(String sql) {
        Resolution resolution = resolve(sql);
        assertThat(resolution.problems()).as(sql).isEmpty();
        return resolution.references();
    }

    private static Reference read(String table, String column) {
        return new Reference(table, column, Access.READ, false);
    }

    private static Reference readTable(String table) {
        return new Reference(table, null, Access.READ, false);
    }

    private static Reference readStar(String table) {
        return new Reference(table, null, Access.READ, true);
    }

    private static Reference write(String table, String column) {
        return new Reference(table, column, Access.WRITE, false);
    }

    private static Reference writeTable(String table) {
        return new Reference(table, null, Access.WRITE, false);
    }

    private static List<String> problemMessages(String sql) {
        return resolve(sql).problems().stream().map(Resolution.Problem::message).toList();
    }

    // ---- the incident's queries (seeds 000, 001) ----

    @Test
    void contractPageQueryReadsTeamIdAndEveryPlayerColumn() {
        assertThat(references("SELECT p.*, t.name AS team_name FROM players p JOIN teams t ON t.id = p.team_id "
                + "WHERE p.id = $1")).containsExactly(
                readStar("players"), read("teams", "name"), readTable("players"), readTable("teams"),
                read("teams", "id"), read("players", "team_id"), read("players", "id"));
    }

    @Test
    void aQualifiedColumnIsReadEvenWhenTheSchemaNoLongerHasIt() {
        Map<String, Set<String>> after019 = new HashMap<>(TABLES);
        Set<String> players = new HashSet<>(TABLES.get("players"));
        players.remove("team_id");
        after019.put("players", players);
        Resolution resolution = ReferenceResolver.resolve("SELECT p.*, t.name FROM players p JOIN teams t "
                + "ON t.id = p.team_id", after019::get);
        assertThat(resolution.references()).contains(read("players", "team_id"));
        assertThat(resolution.problems()).isEmpty();
    }

    @Test
    void outboxInsertWritesTheListedColumns() {
        assertThat(references("INSERT INTO outbox (topic, payload) VALUES ($1, $2)")).containsExactly(
                writeTable("outbox"), write("outbox", "topic"), write("outbox", "payload"));
    }

    // ---- columns and tables ----

    @Test
    void unqualifiedColumnsBelongToTheOneTableThatHasThem() {
        assertThat(references("SELECT jersey_number, division FROM players p JOIN teams t ON t.id = p.team_id"))
                .containsExactly(read("players", "jersey_number"), read("teams", "division"), readTable("players"),
                        readTable("teams"), read("teams", "id"), read("players", "team_id"));
    }

    @Test
    void aColumnTwoTablesHaveIsAProblemNotAGuess() {
        Resolution resolution = resolve("SELECT name FROM players p JOIN teams t ON t.id = p.team_id");
        assertThat(resolution.references()).containsExactly(readTable("players"), readTable("teams"),
                read("teams", "id"), read("players", "team_id"));
        assertThat(resolution.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message()).contains("\"name\"", "ambiguous", "players p", "teams t");
        });
    }

    @Test
    void aColumnNoTableHasIsAProblem() {
        Resolution resolution = resolve("SELECT id,\n  nickname FROM players");
        assertThat(resolution.references()).containsExactly(read("players", "id"), readTable("players"));
        assertThat(resolution.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).contains("\"nickname\"", "players");
        });
    }

    @Test
    void aliasesWithAndWithoutAsAndSchemaQualifiedNames() {
        assertThat(references("SELECT pl.name, public.teams.division FROM public.players AS pl, public.teams"))
                .containsExactly(read("players", "name"), read("teams", "division"), readTable("players"),
                        readTable("teams"));
        assertThat(references("SELECT v.seen_at FROM analytics.visits v WHERE v.player_id = $1"))
                .containsExactly(read("analytics.visits", "seen_at"), readTable("analytics.visits"),
                        read("analytics.visits", "player_id"));
    }

    @Test
    void namesFoldToLowerCaseUnlessQuotedAndQuotedKeywordsAreColumns() {
        assertThat(references("SELECT \"user\", E.\"Kind\", e.ORDER, E.Id FROM Events E")).containsExactly(
                read("events", "user"), read("events", "Kind"), read("events", "order"), read("events", "id"),
                readTable("events"));
        assertThat(problemMessages("SELECT Kind FROM events")).singleElement().asString().contains("\"kind\"");
    }

    @Test
    void joinUsingReadsTheColumnOnBothSidesAndMergesIt() {
        assertThat(references("SELECT tenant_id, p.name FROM players p JOIN teams t USING (tenant_id) "
                + "ORDER BY tenant_id")).containsExactly(
                read("players", "name"), readTable("players"), readTable("teams"), read("players", "tenant_id"),
                read("teams", "tenant_id"));
    }

    @Test
    void everyClauseReadsItsColumns() {
        assertThat(references("SELECT t.division, count(*) AS n, rank() OVER (PARTITION BY t.age_group "
                + "ORDER BY count(*) DESC) FROM teams t WHERE t.tenant_id = $1 GROUP BY t.division, t.age_group "
                + "HAVING count(*) > 1 ORDER BY n DESC, t.division LIMIT $2 OFFSET $3")).containsExactly(
                read("teams", "division"), read("teams", "age_group"), readTable("teams"), read("teams", "tenant_id"));
        assertThat(references("SELECT date_trunc('month', created_at) AS month, count(*) FROM players "
                + "GROUP BY month ORDER BY 1")).containsExactly(read("players", "created_at"), readTable("players"));
        assertThat(references("SELECT name, sum(jersey_number) OVER w FROM players WINDOW w AS (PARTITION BY "
                + "team_id ORDER BY created_at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)")).containsExactly(
                read("players", "name"), read("players", "jersey_number"), readTable("players"),
                read("players", "team_id"), read("players", "created_at"));
    }

    @Test
    void orderByNamesASelectListColumnBeforeATableColumn() {
        assertThat(references("SELECT p.name AS email FROM players p JOIN parents pa ON pa.id = p.parent_id "
                + "ORDER BY email")).doesNotContain(read("parents", "email"));
    }

    // ---- subqueries and CTEs ----

    @Test
    void subqueriesHaveTheirOwnScopeAndSeeTheOuterOne() {
        assertThat(references("SELECT p.name, (SELECT count(*) FROM player_teams pt WHERE pt.player_id = p.id) "
                + "AS teams FROM players p WHERE EXISTS (SELECT 1 FROM parents pa WHERE pa.id = p.parent_id) "
                + "AND p.team_id IN (SELECT id FROM teams WHERE division = $1)")).containsExactly(
                read("players", "name"), readTable("player_teams"), read("player_teams", "player_id"),
                read("players", "id"), readTable("players"), readTable("parents"), read("parents", "id"),
                read("players", "parent_id"), read("players", "team_id"), read("teams", "id"), readTable("teams"),
                read("teams", "division"));
    }

    @Test
    void anUnqualifiedColumnTheSubqueryLacksIsTheOuterQuerys() {
        assertThat(references("SELECT name FROM players WHERE EXISTS (SELECT 1 FROM player_teams "
                + "WHERE player_id = id)")).containsExactly(read("players", "name"), readTable("players"),
                readTable("player_teams"), read("player_teams", "player_id"), read("players", "id"));
    }

    @Test
    void subqueryColumnsResolveThroughItsSelectList() {
        assertThat(references("SELECT s.tid, s.n FROM (SELECT team_id AS tid, count(*) AS n FROM players "
                + "GROUP BY team_id) s")).containsExactly(read("players", "team_id"), readTable("players"));
        assertThat(problemMessages("SELECT s.name FROM (SELECT id FROM players) s")).singleElement().asString()
                .contains("\"s.name\"", "no column \"name\"");
        assertThat(references("SELECT v.label FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, label)")).isEmpty();
    }

    @Test
    void lateralSubqueriesSeeTheTablesBeforeThem() {
        assertThat(references("SELECT p.name, latest.team_id FROM players p LEFT JOIN LATERAL (SELECT pt.team_id "
                + "FROM player_teams pt WHERE pt.player_id = p.id LIMIT 1) latest ON true")).containsExactly(
                read("players", "name"), read("player_teams", "team_id"), readTable("players"),
                readTable("player_teams"), read("player_teams", "player_id"), read("players", "id"));
    }

    @Test
    void aCteIsNotATableAndItsColumnsResolveThroughItsSelectList() {
        Resolution resolution = resolve("WITH roster AS (SELECT p.id, p.name AS player_name, t.name AS team_name "
                + "FROM players p JOIN teams t ON t.id = p.team_id) SELECT player_name, team_name FROM roster "
                + "WHERE id = $1");
        assertThat(resolution.problems()).isEmpty();
        assertThat(resolution.unknownTables()).isEmpty();
        assertThat(resolution.references()).containsExactly(read("players", "id"), read("players", "name"),
                read("teams", "name"), readTable("players"), readTable("teams"), read("teams", "id"),
                read("players", "team_id"));
    }

    @Test
    void aCteOverAStarPassesOnTheColumnsRead() {
        assertThat(references("WITH active AS (SELECT * FROM players WHERE tenant_id = $1) "
                + "SELECT a.date_of_birth FROM active a")).containsExactly(readStar("players"), readTable("players"),
                read("players", "tenant_id"), read("players", "date_of_birth"));
    }

    @Test
    void aCteShadowsTheTableItIsNamedAfter() {
        Resolution resolution = resolve("WITH players AS (SELECT id, name FROM players WHERE tenant_id = $1) "
                + "SELECT name, team_id FROM players");
        assertThat(resolution.references()).containsExactly(read("players", "id"), read("players", "name"),
                readTable("players"), read("players", "tenant_id"));
        assertThat(resolution.problems()).singleElement().extracting(Resolution.Problem::message).asString()
                .contains("\"team_id\"");
    }

    @Test
    void recursiveCteReadsItsOwnRowsUnderItsColumnNames() {
        assertThat(references("WITH RECURSIVE chain(id, parent) AS (SELECT id, parent_id FROM players WHERE id = $1 "
                + "UNION ALL SELECT p.id, p.parent_id FROM players p JOIN chain c ON p.id = c.parent) "
                + "SELECT id FROM chain")).containsExactly(read("players", "id"), read("players", "parent_id"),
                readTable("players"));
    }

    @Test
    void dataModifyingCtes() {
        assertThat(references("WITH moved AS (DELETE FROM player_teams WHERE team_id = $1 RETURNING player_id) "
                + "UPDATE players SET team_id = NULL WHERE id IN (SELECT player_id FROM moved)")).containsExactly(
                writeTable("player_teams"), read("player_teams", "team_id"), read("player_teams", "player_id"),
                writeTable("players"), write("players", "team_id"), read("players", "id"));
    }

    @Test
    void setOperationsReadEachBranch() {
        assertThat(references("SELECT id, name FROM players UNION ALL (SELECT id, name FROM teams) ORDER BY name"))
                .containsExactly(read("players", "id"), read("players", "name"), readTable("players"),
                        read("teams", "id"), read("teams", "name"), readTable("teams"));
    }

    // ---- stars ----

    @Test
    void starsReadEveryColumnOfTheirTables() {
        assertThat(references("SELECT * FROM players")).containsExactly(readStar("players"), readTable("players"));
        assertThat(references("SELECT * FROM players p JOIN teams t ON t.id = p.team_id")).containsExactly(
                readStar("players"), readStar("teams"), readTable("players"), readTable("teams"),
                read("teams", "id"), read("players", "team_id"));
        assertThat(references("SELECT row_to_json(p) FROM players p")).containsExactly(readStar("players"),
                readTable("players"));
        assertThat(references("TABLE teams")).containsExactly(readTable("teams"), readStar("teams"));
    }

    @Test
    void countStarReadsNoColumn() {
        assertThat(references("SELECT count(*) FROM players WHERE tenant_id = $1")).containsExactly(
                readTable("players"), read("players", "tenant_id"));
    }

    // ---- expressions ----

    @Test
    void functionCallsCastsAndWordOperatorsHoldColumnsNotKeywords() {
        assertThat(references("SELECT coalesce(p.jersey_number, 0), p.date_of_birth::text, "
                + "CAST(p.created_at AS timestamp with time zone), extract(year FROM p.date_of_birth), "
                + "substring(p.name FROM 1 FOR 3), trim(both ' ' FROM p.custom_notes), "
                + "CASE WHEN p.jersey_number BETWEEN 1 AND 99 THEN 'ok' ELSE 'odd' END AS jersey, "
                + "string_agg(t.name, ', ' ORDER BY t.name) FILTER (WHERE t.division IS NOT NULL) "
                + "FROM players p, teams t WHERE p.created_at AT TIME ZONE 'UTC' > now() - interval '30 days' "
                + "AND p.name ILIKE $1 AND p.id = ANY($2::int[]) AND p.custom_notes IS DISTINCT FROM $3 "
                + "AND t.age_group NOT IN ('u10', 'u12') AND date '2024-01-01' < current_date "
                + "GROUP BY p.jersey_number, p.date_of_birth, p.created_at, p.name, p.custom_notes, p.id")).contains(
                read("players", "jersey_number"), read("players", "date_of_birth"), read("players", "created_at"),
                read("players", "name"), read("players", "custom_notes"), read("teams", "name"),
                read("teams", "division"), read("players", "id"), read("teams", "age_group"));
    }

    @Test
    void parametersAreValuesNotColumns() {
        assertThat(references("SELECT name FROM players WHERE id = ? AND tenant_id = :tenant AND team_id=? "
                + "AND parent_id = %s AND created_at > %(since)s AND jersey_number=%s")).containsExactly(
                read("players", "name"), readTable("players"), read("players", "id"), read("players", "tenant_id"),
                read("players", "team_id"), read("players", "parent_id"), read("players", "created_at"),
                read("players", "jersey_number"));
    }

    // ---- writes ----

    @Test
    void insertWithoutAColumnListWritesEveryColumn() {
        assertThat(references("INSERT INTO player_teams VALUES ($1, $2)")).containsExactly(
                new Reference("player_teams", null, Access.WRITE, true));
        assertThat(references("INSERT INTO outbox DEFAULT VALUES")).containsExactly(writeTable("outbox"));
    }

    @Test
    void insertSelectWritesTheListAndReadsTheQuery() {
        assertThat(references("INSERT INTO player_teams (player_id, team_id) SELECT id, team_id FROM players "
                + "WHERE team_id IS NOT NULL")).containsExactly(writeTable("player_teams"),
                write("player_teams", "player_id"), write("player_teams", "team_id"), read("players", "id"),
                read("players", "team_id"), readTable("players"));
    }

    @Test
    void onConflictReadsTheArbiterAndExcludedAndWritesTheSetColumns() {
        assertThat(references("INSERT INTO teams AS t (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE "
                + "SET name = EXCLUDED.name, division = excluded.division WHERE t.tenant_id = $3 RETURNING t.id"))
                .containsExactly(writeTable("teams"), write("teams", "id"), write("teams", "name"),
                        read("teams", "id"), read("teams", "name"), write("teams", "division"),
                        read("teams", "division"), read("teams", "tenant_id"));
    }

    @Test
    void updateWritesItsSetColumnsAndReadsTheRest() {
        assertThat(references("UPDATE players p SET team_id = t.id, custom_notes = $1 FROM teams t "
                + "WHERE t.name = $2 AND p.tenant_id = t.tenant_id RETURNING p.id")).containsExactly(
                writeTable("players"), write("players", "team_id"), read("teams", "id"),
                write("players", "custom_notes"), readTable("teams"), read("teams", "name"),
                read("players", "tenant_id"), read("teams", "tenant_id"), read("players", "id"));
    }

    @Test
    void deleteUsingWritesItsTableAndReadsTheOthers() {
        assertThat(references("DELETE FROM player_teams pt USING teams t WHERE pt.team_id = t.id "
                + "AND t.division = $1 RETURNING *")).containsExactly(writeTable("player_teams"), readTable("teams"),
                read("player_teams", "team_id"), read("teams", "id"), read("teams", "division"),
                readStar("player_teams"), readStar("teams"));
    }

    @Test
    void mergeWritesItsTargetAndReadsItsSource() {
        assertThat(references("MERGE INTO teams t USING (SELECT $1::int AS id, $2 AS name) s ON t.id = s.id "
                + "WHEN MATCHED AND t.division IS NULL THEN UPDATE SET name = s.name "
                + "WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)")).containsExactly(
                writeTable("teams"), read("teams", "id"), read("teams", "division"), write("teams", "name"),
                write("teams", "id"));
    }

    @Test
    void truncateWritesEachTable() {
        assertThat(references("TRUNCATE TABLE outbox, ONLY player_teams RESTART IDENTITY CASCADE")).containsExactly(
                writeTable("outbox"), writeTable("player_teams"));
    }

    // ---- statements, consumer tables, what cannot be analysed ----

    @Test
    void severalStatementsAndStatementsThatNameNoRows() {
        assertThat(references("SET search_path = public; SELECT name FROM players; CREATE TABLE scratch (id int);"
                + "\nDELETE FROM outbox WHERE status = 'sent'")).containsExactly(read("players", "name"),
                readTable("players"), writeTable("outbox"), read("outbox", "status"));
    }

    @Test
    void theConsumersOwnTablesAreListedApartAndNeverBlamedOnAMigration() {
        Resolution resolution = resolve("SELECT c.signed_at, signed_by, p.name FROM contracts c "
                + "JOIN players p ON p.id = c.player_id");
        assertThat(resolution.unknownTables()).containsExactly("contracts");
        assertThat(resolution.references()).containsExactly(read("players", "name"), readTable("players"),
                read("players", "id"));
        assertThat(resolution.problems()).isEmpty();
    }

    @Test
    void aColumnThatAConsumerTableMightAlsoHaveIsAProblem() {
        assertThat(problemMessages("SELECT name FROM contracts c JOIN players p ON p.id = c.player_id"))
                .singleElement().asString().contains("\"name\"", "players p", "contracts c");
    }

    @Test
    void whatCannotBeAnalysedIsSaidNeverGuessed() {
        assertThat(problemMessages("SELECT * FROM $1 WHERE id = $2")).singleElement().asString()
                .contains("table name is a parameter");
        assertThat(problemMessages("SELECT name FROM players p NATURAL JOIN teams")).singleElement().asString()
                .contains("NATURAL JOIN");
        assertThat(problemMessages("SELECT a FROM players AS p(a, b)")).singleElement().asString()
                .contains("by position");
        assertThat(problemMessages("SELECT name FROM players WHERE name = 'unterminated")).singleElement()
                .asString().contains("cannot analyse the SQL");
        Resolution partly = resolve("SELECT name FROM players WHERE x IS JSON;\nSELECT division FROM teams");
        assertThat(partly.references()).containsExactly(read("teams", "division"), readTable("teams"));
        assertThat(partly.problems()).singleElement().extracting(Resolution.Problem::line).isEqualTo(1);
    }
}
