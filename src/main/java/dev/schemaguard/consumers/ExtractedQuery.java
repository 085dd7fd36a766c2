package dev.schemaguard.consumers;

/**
 * A piece of SQL found in a consumer's source file.
 *
 * @param file     the file, relative to the consumer's root, with forward slashes
 * @param line     the line where the SQL text starts
 * @param sql      the SQL, with each interpolation ({@code ${...}}, f-string fields, concatenated variables) replaced
 *                 by a positional parameter {@code $1}, {@code $2}, ... in order
 * @param language {@code typescript}, {@code javascript}, {@code python}, {@code java}, {@code kotlin}, {@code go} or
 *                 {@code sql}
 * @param functions the functions the query is written in, innermost first (empty at top level and in an SQL file)
 * @param callee   the call the query is passed to ({@code clickhouse.query}, {@code execute}), or {@code null}
 */
public record ExtractedQuery(String file, int line, String sql, String language, java.util.List<String> functions,
                             String callee) {

    public ExtractedQuery {
        functions = java.util.List.copyOf(functions);
    }

    public ExtractedQuery(String file, int line, String sql, String language) {
        this(file, line, sql, language, java.util.List.of(), null);
    }
}
