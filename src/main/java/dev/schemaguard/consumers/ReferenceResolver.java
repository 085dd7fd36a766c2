package dev.schemaguard.consumers;

import dev.schemaguard.sql.SqlSyntaxException;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.StatementSplitter;
import dev.schemaguard.sql.Token;
import dev.schemaguard.sql.TokenKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which tables and columns of the schema a consumer's SQL reads and writes, so that a migration that drops or changes
 * one can name the queries it breaks. The SQL is lexed by PostgreSQL's rules and split into statements; each
 * statement that reads or writes rows is followed through its clauses, joins, CTEs and subqueries, and every column is
 * attributed to the table PostgreSQL would take it from, using the schema for unqualified names. What cannot be
 * attributed to exactly one table becomes a {@link Resolution.Problem}: a guess would blame the wrong migration or
 * let a breaking one through.
 */
public final class ReferenceResolver {

    private ReferenceResolver() {
    }

    /**
     * Resolves the references of SQL text that may hold several statements. Statements that read or write no rows
     * (DDL, SET, ...) name nothing and are no problem. Parameters ({@code $1}, {@code ?}, {@code :name},
     * {@code %s}) are values.
     *
     * @param sql    the SQL, as a consumer sends it
     * @param schema the tables and columns the project's migrations build
     */
    public static Resolution resolve(String sql, SchemaColumns schema) {
        Objects.requireNonNull(sql, "sql");
        List<Statement> statements;
        try {
            statements = StatementSplitter.split(null, sql, 1).statements();
        } catch (SqlSyntaxException e) {
            return new Resolution(List.of(), List.of(), List.of(new Resolution.Problem(e.line(),
                    "cannot analyse the SQL: " + e.getMessage())));
        }
        SchemaColumns tables = cached(Objects.requireNonNull(schema, "schema"));
        Set<Reference> references = new LinkedHashSet<>();
        Set<String> unknownTables = new LinkedHashSet<>();
        Set<Resolution.Problem> problems = new LinkedHashSet<>();
        Map<Reference, Integer> lines = new HashMap<>();
        for (Statement statement : statements) {
            if (statement.kind() != Statement.Kind.SQL) {
                continue;
            }
            ReferenceParser.Result parsed = parse(statement.tokens(), tables, problems);
            if (parsed == null) {
                continue;
            }
            for (PendingReference pending : parsed.references()) {
                for (Reference reference : pending.references()) {
                    references.add(reference);
                    if (pending.line() > 0) {
                        lines.putIfAbsent(reference, pending.line());
                    }
                }
            }
            unknownTables.addAll(parsed.unknownTables());
            problems.addAll(parsed.problems());
        }
        return new Resolution(new ArrayList<>(references), new ArrayList<>(unknownTables), new ArrayList<>(problems),
                lines);
    }

    /** Fragments read around in one statement at most: past them, the statement is more hole than text. */
    private static final int MAX_HOLES = 16;

    /**
     * Parses one statement. A parameter where no value can stand ({@code WHERE a = $1 ${searchQuery}}, where code
     * interpolated a fragment of SQL) is a hole: the statement is read again without it, and the hole is a problem,
     * so the query counts as analysed in part, and everything around it is still known. {@code null} when the
     * statement cannot be read even so; the problem says why.
     */
    private static ReferenceParser.Result parse(List<Token> tokens, SchemaColumns tables,
                                                Set<Resolution.Problem> problems) {
        List<Resolution.Problem> holes = new ArrayList<>();
        List<Token> read = columnHoles(tokens, holes);
        while (true) {
            try {
                ReferenceParser.Result parsed = ReferenceParser.parse(read, tables);
                problems.addAll(holes);
                return parsed;
            } catch (ReferenceParser.Unanalysable e) {
                Token at = e.at();
                if (at == null && !read.isEmpty() && !endsWithHole(read) && holes.size() < MAX_HOLES) {
                    // "... WHERE hidden = '0' AND": a base the code completes later (sql + clause).
                    Token last = read.get(read.size() - 1);
                    holes.add(new Resolution.Problem(last.endLine(), "the statement ends where more was expected: "
                            + "the code completes it with a fragment that is unknown; the rest is analysed"));
                    List<Token> completed = new ArrayList<>(read);
                    completed.add(new Token(TokenKind.PARAMETER, END_HOLE, END_HOLE, last.end() + 1, last.endLine(),
                            1));
                    read = completed;
                    continue;
                }
                if (at == null || at.kind() != TokenKind.PARAMETER || holes.size() == MAX_HOLES) {
                    problems.add(new Resolution.Problem(e.line(), e.getMessage()));
                    return null;
                }
                holes.add(new Resolution.Problem(at.line(), "a fragment interpolated as " + at.text()
                        + " stands where no value can: what it adds to the statement is unknown; the rest is "
                        + "analysed around it"));
                List<Token> without = new ArrayList<>(read);
                without.remove(at);
                read = without;
            }
        }
    }

    /** The parameter that stands for what code appends to an incomplete statement. */
    private static final String END_HOLE = "$0";

    private static boolean endsWithHole(List<Token> tokens) {
        return tokens.get(tokens.size() - 1).text().equals(END_HOLE);
    }

    /**
     * {@code website_event.${column}}: a qualified name whose column is interpolated. Which column it is cannot be
     * known, so it reads as a value, and the hole is a problem.
     */
    private static List<Token> columnHoles(List<Token> tokens, List<Resolution.Problem> holes) {
        List<Token> read = null;
        for (int i = 2; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == TokenKind.PARAMETER && tokens.get(i - 1).isPunctuation(".")
                    && tokens.get(i - 2).kind() == TokenKind.WORD) {
                if (read == null) {
                    read = new ArrayList<>(tokens);
                }
                read.remove(tokens.get(i - 1));
                read.remove(tokens.get(i - 2));
                holes.add(new Resolution.Problem(token.line(), "the column of " + tokens.get(i - 2).text() + "."
                        + token.text() + " is interpolated: which column it reads is unknown"));
            }
        }
        return read == null ? tokens : read;
    }

    /** Asks the schema once per table and query: a query names its tables again in joins and subqueries. */
    private static SchemaColumns cached(SchemaColumns schema) {
        Map<String, Set<String>> seen = new HashMap<>();
        return table -> {
            if (!seen.containsKey(table)) {
                seen.put(table, schema.columns(table)); // null too: an unknown table is asked about once
            }
            return seen.get(table);
        };
    }
}
