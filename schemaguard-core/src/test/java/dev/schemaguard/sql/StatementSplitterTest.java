package dev.schemaguard.sql;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class StatementSplitterTest {

    private static final Path FILE = Path.of("db/migrations/0007_scores.sql");

    private static List<Statement> split(String sql) {
        return StatementSplitter.split(FILE, sql, 1).statements();
    }

    private static List<String> texts(String sql) {
        return split(sql).stream().map(Statement::text).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = StatementSplitterTest.class.getResourceAsStream("/sql/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void splitsAtTopLevelSemicolonsAndKeepsTheExactText() {
        List<Statement> statements = split("""
                CREATE TABLE a (id int);
                INSERT INTO a VALUES (1);;
                  ;
                SELECT 'x;y' AS "a;b" -- trailing; comment
                FROM a""");
        assertThat(statements)
                .extracting(Statement::kind, Statement::text, Statement::line, Statement::column, Statement::endLine)
                .containsExactly(
                        tuple(Statement.Kind.SQL, "CREATE TABLE a (id int)", 1, 1, 1),
                        tuple(Statement.Kind.SQL, "INSERT INTO a VALUES (1)", 2, 1, 2),
                        tuple(Statement.Kind.SQL, "SELECT 'x;y' AS \"a;b\" -- trailing; comment\nFROM a", 4, 1, 5));
        assertThat(statements.get(0).file()).isEqualTo(FILE);
        assertThat(statements.get(0).tokens()).extracting(Token::text)
                .containsExactly("CREATE", "TABLE", "a", "(", "id", "int", ")");
        assertThat(statements.get(2).tokens()).extracting(Token::kind).doesNotContain(TokenKind.COMMENT);
    }

    @Test
    void linesAreFileLinesWhenTheScriptStartsFurtherDown() {
        // A dbmate up section: the marker is on line 1, the section's text starts on line 2.
        SqlScript script = StatementSplitter.split(FILE, "\nCREATE TABLE t (id int);\n  DROP TABLE u;\n", 2);
        assertThat(script.statements()).extracting(Statement::line, Statement::column)
                .containsExactly(tuple(3, 1), tuple(4, 3));
    }

    @Test
    void semicolonsInsideParenthesesDoNotSplit() {
        assertThat(texts("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log "
                + "VALUES (2)); SELECT 1"))
                .containsExactly("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log "
                        + "VALUES (2))", "SELECT 1");
    }

    @Test
    void aRealisticMigrationWithAPlpgsqlFunctionSplitsIntoItsStatements() throws IOException {
        SqlScript script = StatementSplitter.split(FILE, resource("plpgsql_migration.sql"), 1);
        assertThat(script.statements()).extracting(s -> s.tokens().get(0).value(), Statement::line,
                Statement::endLine).containsExactly(
                tuple("set", 4, 4),
                tuple("create", 6, 11),
                tuple("create", 13, 25),
                tuple("create", 27, 28),
                tuple("update", 33, 33));
        Statement function = script.statements().get(2);
        assertThat(function.text()).startsWith("CREATE OR REPLACE FUNCTION scores_touch()").endsWith("END;\n$fn$");
        Token body = function.tokens().get(function.tokens().size() - 1);
        assertThat(body.kind()).isEqualTo(TokenKind.STRING);
        assertThat(body.value()).contains("RAISE EXCEPTION 'negative points: %; rejected'", "$$quoted; text$$");
        assertThat(script.statements().get(0).leadingComments()).extracting(Token::text, Token::line).containsExactly(
                tuple("-- Migration 0007: scores", 1),
                tuple("-- schemaguard:ignore non-idempotent-ddl the installer creates it exactly once", 2));
        assertThat(script.statements().get(4).leadingComments()).extracting(Token::line).containsExactly(30);
        assertThat(script.comments()).extracting(Token::line).containsExactly(1, 2, 8, 30);
    }

    @Test
    void aDoBlockThatGuardsCreateTypeIsOneStatement() {
        List<Statement> statements = split("""
                DO $$
                BEGIN
                    CREATE TYPE division AS ENUM ('east', 'west');
                EXCEPTION
                    WHEN duplicate_object THEN null;
                END
                $$;
                CREATE TABLE teams (division division);
                """);
        assertThat(statements).extracting(Statement::line, Statement::endLine)
                .containsExactly(tuple(1, 7), tuple(8, 8));
        assertThat(statements.get(0).tokens()).extracting(Token::kind)
                .containsExactly(TokenKind.WORD, TokenKind.STRING);
    }

    @Test
    void aSqlStandardFunctionBodyIsPartOfItsStatement() {
        List<String> texts = texts("""
                CREATE FUNCTION bigger(a int, b int) RETURNS int
                LANGUAGE sql
                BEGIN ATOMIC
                    INSERT INTO audit VALUES (a);
                    SELECT CASE WHEN a > b THEN a ELSE b END;
                END;
                create or replace procedure log_it(x text) begin atomic insert into log values (x); end;
                CREATE FUNCTION one() RETURNS int LANGUAGE sql RETURN 1;
                SELECT bigger(1, 2);""");
        assertThat(texts).hasSize(4);
        assertThat(texts.get(0)).startsWith("CREATE FUNCTION bigger").endsWith("ELSE b END;\nEND");
        assertThat(texts.get(1)).isEqualTo("create or replace procedure log_it(x text) begin atomic insert into log "
                + "values (x); end");
        assertThat(texts.get(2)).isEqualTo("CREATE FUNCTION one() RETURNS int LANGUAGE sql RETURN 1");
    }

    @Test
    void beginAndAtomicOutsideAFunctionDefinitionAreOrdinaryWords() {
        assertThat(texts("BEGIN;\nCREATE INDEX i ON t (begin);\nSELECT begin, atomic FROM t;\nCOMMIT;"))
                .containsExactly("BEGIN", "CREATE INDEX i ON t (begin)", "SELECT begin, atomic FROM t", "COMMIT");
    }

    @Test
    void commentsAndStringsFullOfSemicolonsAndQuotesDoNotSplit() {
        assertThat(texts("/* it's /* \"nested; */ still; */ SELECT 1; -- don't; \"split\"\nSELECT 2;"))
                .containsExactly("SELECT 1", "SELECT 2");
        assertThat(texts("SELECT E'\\\\'; SELECT E'\\''; SELECT '\\'; SELECT $x$;$x$; SELECT \";\";"))
                .containsExactly("SELECT E'\\\\'", "SELECT E'\\''", "SELECT '\\'", "SELECT $x$;$x$", "SELECT \";\"");
    }

    @Test
    void psqlMetaCommandsAreStatementsOfTheirOwnKind() {
        List<Statement> statements = split("""
                \\connect app
                \\set ON_ERROR_STOP on
                CREATE TABLE t (id int);
                \\i other.sql
                SELECT format('CREATE INDEX ON %I (id)', tablename) FROM pg_tables
                \\gexec
                SELECT 1 \\g
                """);
        assertThat(statements).extracting(Statement::kind, Statement::text, Statement::line, Statement::column)
                .containsExactly(
                        tuple(Statement.Kind.META_COMMAND, "\\connect app", 1, 1),
                        tuple(Statement.Kind.META_COMMAND, "\\set ON_ERROR_STOP on", 2, 1),
                        tuple(Statement.Kind.SQL, "CREATE TABLE t (id int)", 3, 1),
                        tuple(Statement.Kind.META_COMMAND, "\\i other.sql", 4, 1),
                        tuple(Statement.Kind.SQL, "SELECT format('CREATE INDEX ON %I (id)', tablename) FROM pg_tables",
                                5, 1),
                        tuple(Statement.Kind.META_COMMAND, "\\gexec", 6, 1),
                        tuple(Statement.Kind.SQL, "SELECT 1", 7, 1),
                        tuple(Statement.Kind.META_COMMAND, "\\g", 7, 10));
        assertThat(statements.get(0).tokens()).extracting(Token::kind).containsExactly(TokenKind.META_COMMAND);
    }

    @Test
    void drizzleBreakpointsAreCommentsBeforeTheNextStatement() {
        List<Statement> statements = split("""
                CREATE TABLE "users" ("id" serial PRIMARY KEY);
                --> statement-breakpoint
                CREATE INDEX "users_id_idx" ON "users" ("id");""");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(1).leadingComments()).extracting(Token::text)
                .containsExactly("--> statement-breakpoint");
    }

    @Test
    void eachStatementKnowsTheCommentsBeforeItAndTheScriptKnowsThemAll() {
        SqlScript script = StatementSplitter.split(FILE, """
                CREATE TABLE a (id int); -- trailing note
                -- schemaguard:ignore drop-column the column moved to b in 0006
                ALTER TABLE a DROP COLUMN legacy;
                ;
                SELECT 1 /* inside */ ;
                -- at the end
                """, 1);
        List<Statement> statements = script.statements();
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).leadingComments()).isEmpty();
        assertThat(statements.get(1).leadingComments()).extracting(Token::text, Token::line).containsExactly(
                tuple("-- trailing note", 1),
                tuple("-- schemaguard:ignore drop-column the column moved to b in 0006", 2));
        assertThat(statements.get(2).leadingComments()).isEmpty();
        assertThat(statements.get(2).text()).isEqualTo("SELECT 1");
        assertThat(script.comments()).extracting(Token::text)
                .containsExactly("-- trailing note", "-- schemaguard:ignore drop-column the column moved to b in 0006",
                        "/* inside */", "-- at the end");
    }

    @Test
    void crlfScriptsSplitWithTheRightLinesAndNoCarriageReturnsInTheText() {
        List<Statement> statements = split("CREATE TABLE a (id int);\r\n-- c\r\nDROP TABLE a;\r\nSELECT\r\n  1;\r\n");
        assertThat(statements).extracting(Statement::text, Statement::line, Statement::endLine).containsExactly(
                tuple("CREATE TABLE a (id int)", 1, 1), tuple("DROP TABLE a", 3, 3), tuple("SELECT\r\n  1", 4, 5));
        assertThat(statements.get(1).leadingComments()).extracting(Token::text).containsExactly("-- c");
    }

    @Test
    void aFileWithAByteOrderMarkStartsAtLineOneColumnOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("0001_init.sql");
        Files.write(file, ("\uFEFFCREATE TABLE a (id int);\nDROP TABLE a;").getBytes(StandardCharsets.UTF_8));
        String text = TextFiles.read(file, Path.of("0001_init.sql"));
        List<Statement> statements = StatementSplitter.split(file, text, 1).statements();
        assertThat(statements).extracting(Statement::text, Statement::line, Statement::column)
                .containsExactly(tuple("CREATE TABLE a (id int)", 1, 1), tuple("DROP TABLE a", 2, 1));
        assertThat(statements.get(0).tokens().get(0).value()).isEqualTo("create");
    }

    @Test
    void scriptsWithoutStatementsAreEmpty() {
        assertThat(split("")).isEmpty();
        assertThat(split(" ;\n;; ")).isEmpty();
        SqlScript commentsOnly = StatementSplitter.split(FILE, "-- nothing to do\n/* really */\n", 1);
        assertThat(commentsOnly.statements()).isEmpty();
        assertThat(commentsOnly.comments()).hasSize(2);
    }

    @Test
    void anUnterminatedLiteralIsAnInputErrorAtTheFileLineWhereItStarts() {
        String sql = "SELECT 1;\n\nDO $body$\nBEGIN\n  NULL;\nEND $$;\n";
        assertThatThrownBy(() -> StatementSplitter.split(FILE, sql, 10))
                .isInstanceOf(InputException.class)
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> {
                    assertThat(e.file()).isEqualTo(FILE);
                    assertThat(e.line()).isEqualTo(12);
                    assertThat(e.column()).isEqualTo(4);
                    assertThat(e.describe()).isEqualTo("db/migrations/0007_scores.sql:12:4: unterminated "
                            + "dollar-quoted string that starts here: no $body$ closes it");
                });
        assertThatThrownBy(() -> split("SELECT 1;\n/* outer /* inner */\nSELECT 2;"))
                .isInstanceOfSatisfying(SqlSyntaxException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void theRowsAfterACopyFromStdinAreItsDataNotSql() {
        List<Statement> statements = split("""
                COPY public.players (id, note) FROM stdin;
                1\tit's; not SQL
                2\t\\N
                \\.
                CREATE INDEX players_note ON public.players (note);
                copy t from STDIN with (format csv);
                3,"a;b"
                """);
        assertThat(statements).extracting(Statement::text, Statement::line).containsExactly(
                tuple("COPY public.players (id, note) FROM stdin", 1),
                tuple("CREATE INDEX players_note ON public.players (note)", 5),
                tuple("copy t from STDIN with (format csv)", 6));
        assertThat(statements.get(0).copyData()).isEqualTo("1\tit's; not SQL\n2\t\\N\n");
        assertThat(statements.get(1).copyData()).isNull();
        assertThat(statements.get(2).copyData()).isEqualTo("3,\"a;b\"\n");
        assertThat(split("COPY t TO stdout;\nSELECT 1;")).extracting(Statement::text)
                .containsExactly("COPY t TO stdout", "SELECT 1");
        assertThat(split("COPY t (a FROM stdin;\n1\n\\.\n")).extracting(Statement::line).containsExactly(1);
    }
}
