package dev.schemaguard.consumers;

import dev.schemaguard.sql.SqlLexer;
import dev.schemaguard.sql.SqlSyntaxException;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.StatementSplitter;
import dev.schemaguard.sql.Token;
import dev.schemaguard.sql.TokenKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the SQL a consumer sends, and the members its code reads, in one source file: TypeScript and JavaScript
 * (also the script blocks of Svelte and Vue components), Python, Java, Kotlin, Go, and SQL files.
 *
 * <p>In code, a query is a string literal, or a concatenation of literals, whose text is SQL (see
 * {@link SqlClassifier}); interpolations and concatenated operands become positional parameters, as do {@code ?},
 * {@code %s} and {@code :name} placeholders (see {@link Placeholders}), so that a server can prepare the query. In an
 * SQL file, every statement is a query. Comments are never read.
 *
 * <p>Each file is read in one pass of a lexer for its language; only literals that start like a statement are decoded
 * and checked, so most of the cost is the pass itself. Extraction is thread-safe (each thread reuses its own buffers),
 * so a consumer's files can be read in parallel.
 */
public final class SqlExtractor {

    private SqlExtractor() {
    }

    /** Whether {@link #extract} reads files named like this one (by extension). */
    public static boolean supports(String relativeFile) {
        String extension = SourceLanguage.extension(relativeFile.replace('\\', '/'));
        return SourceLanguage.ofExtension(extension) != null || SourceLanguage.isComponent(extension);
    }

    /**
     * The queries and member reads of one file. Never fails on bad input: what cannot be read is reported in
     * {@link Extraction#problems()} and the scan goes on after it. A file of an unsupported kind gives an empty
     * extraction.
     *
     * @param relativeFile the file, relative to the consumer's root; queries and problems name it with forward
     *                     slashes
     * @param text         the file's text
     */
    public static Extraction extract(String relativeFile, String text) {
        return extract(relativeFile, text, PrismaSchema.empty(), false);
    }

    /**
     * As {@link #extract(String, String)}, also reading the calls of clients that name tables and columns, not SQL:
     * the Prisma client's model calls through the consumer's schema, and Knex chains when {@code knex}.
     */
    static Extraction extract(String relativeFile, String text, PrismaSchema prisma, boolean knex) {
        String file = relativeFile.replace('\\', '/');
        // A byte order mark is not code; dropping it moves offsets by one and keeps every line.
        SourceText source = new SourceText(file, text.startsWith("\uFEFF") ? text.substring(1) : text);
        List<ExtractedQuery> queries = new ArrayList<>();
        List<PropertyAccess> accesses = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        List<ClientCall> clientCalls = new ArrayList<>();
        String extension = SourceLanguage.extension(file);
        SourceLanguage language = SourceLanguage.ofExtension(extension);
        if (language == SourceLanguage.SQL) {
            sqlFile(source, queries);
        } else if (language == SourceLanguage.PRISMA) {
            queries.addAll(PrismaModels.queries(source));
        } else if (language != null) {
            scan(source, language, 0, source.text().length(), queries, accesses, calls, prisma, knex, clientCalls);
            if (language == SourceLanguage.PYTHON && SqlAlchemyModels.mayDeclare(source.text())) {
                queries.addAll(SqlAlchemyModels.queries(source));
            } else if ((language == SourceLanguage.JAVA || language == SourceLanguage.KOTLIN)
                    && JpaEntities.mayDeclare(source.text())) {
                queries.addAll(JpaEntities.queries(source, language));
            }
        } else if (SourceLanguage.isComponent(extension)) {
            for (ScriptBlocks.Block block : ScriptBlocks.find(source)) {
                SourceLanguage blockLanguage = block.typescript() ? SourceLanguage.TYPESCRIPT
                        : SourceLanguage.JAVASCRIPT;
                scan(source, blockLanguage, block.start(), block.end(), queries, accesses, calls, prisma, knex, clientCalls);
            }
        }
        return new Extraction(queries, accesses, calls, clientCalls, source.problems());
    }

    private static void scan(SourceText source, SourceLanguage language, int from, int to,
                             List<ExtractedQuery> queries, List<PropertyAccess> accesses,
                             List<Call> calls, PrismaSchema prisma, boolean knex, List<ClientCall> clientCalls) {
        SourceLexer lexer = SourceLexer.of(language, source, from, to);
        lexer.lex();
        new QueryFinder(source, lexer, language, queries).find();
        new CallFinder(source, lexer, calls).find();
        boolean script = language == SourceLanguage.TYPESCRIPT || language == SourceLanguage.JAVASCRIPT;
        if (script && !prisma.isEmpty()) {
            new PrismaClientCalls(lexer, prisma, clientCalls).find();
        }
        if (script && knex) {
            new KnexChains(lexer, clientCalls).find();
        }
        // Go reads a row into struct fields named in Go's own case, which say nothing about column names.
        if (language != SourceLanguage.GO) {
            new PropertyAccessFinder(source, lexer, language, accesses).find();
        }
    }

    /**
     * Every statement of an SQL file. Where the file stops being valid SQL (an unterminated string), the problem is
     * reported and the statements before it are still given.
     */
    private static void sqlFile(SourceText source, List<ExtractedQuery> queries) {
        String text = source.text();
        List<Statement> statements;
        try {
            statements = StatementSplitter.split(null, text, 1).statements();
        } catch (SqlSyntaxException e) {
            int offset = source.lineStart(e.line()) + e.column() - 1;
            source.problem(offset, e.getMessage());
            statements = statementsBefore(text.substring(0, offset));
        }
        for (Statement statement : statements) {
            if (statement.kind() == Statement.Kind.SQL) {
                queries.add(new ExtractedQuery(source.file(), statement.line(), Placeholders.number(statement.text()),
                        SourceLanguage.SQL.id));
            }
        }
    }

    /** The complete statements of a prefix of a script: a last statement the prefix cuts off is left out. */
    private static List<Statement> statementsBefore(String prefix) {
        try {
            List<Statement> statements = new ArrayList<>(StatementSplitter.split(null, prefix, 1).statements());
            List<Token> tokens = SqlLexer.tokenize(prefix);
            Token last = null;
            for (Token token : tokens) {
                if (token.kind() != TokenKind.COMMENT) {
                    last = token;
                }
            }
            if (!statements.isEmpty() && last != null && !last.isPunctuation(";")) {
                statements.remove(statements.size() - 1);
            }
            return statements;
        } catch (SqlSyntaxException e) {
            return List.of();
        }
    }
}
