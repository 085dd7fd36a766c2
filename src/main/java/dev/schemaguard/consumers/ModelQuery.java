package dev.schemaguard.consumers;

import java.util.List;

/**
 * An ORM model (a Prisma model, a SQLAlchemy class, a JPA entity) as the query of the columns it maps:
 * {@code SELECT "column", ... FROM "table"}, each column on the line of the field that maps it, so that evidence
 * points at the field and the rehearsal prepares the model's columns on the real schema like any query.
 */
final class ModelQuery {

    /**
     * A column a model maps.
     *
     * @param name its name in the database
     * @param line the line of the field that maps it, from 1
     */
    record Column(String name, int line) {
    }

    private ModelQuery() {
    }

    /**
     * The query of a model declared at {@code line}, mapping {@code columns} of {@code table} (in {@code schema}, or
     * {@code null} for the default one); {@code null} when it maps no column.
     */
    static ExtractedQuery of(String file, int line, String schema, String table, List<Column> columns,
                             SourceLanguage language) {
        if (columns.isEmpty()) {
            return null;
        }
        StringBuilder sql = new StringBuilder("SELECT");
        int at = line;
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            sql.append("\n".repeat(Math.max(0, column.line() - at))).append(c == 0 ? " " : ", ")
                    .append(quoted(column.name()));
            at = Math.max(at, column.line());
        }
        sql.append(" FROM ").append(schema == null || schema.equals("public") ? "" : quoted(schema) + ".")
                .append(quoted(table));
        return new ExtractedQuery(file, line, sql.toString(), language.id);
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
