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
 * @param function the function the query is written in, or {@code null} (top level, an SQL file)
 * @param callee   the call the query is passed to ({@code clickhouse.query}, {@code execute}), or {@code null}
 */
public record ExtractedQuery(String file, int line, String sql, String language, String function, String callee) {

    public ExtractedQuery(String file, int line, String sql, String language) {
        this(file, line, sql, language, null, null);
    }
}
