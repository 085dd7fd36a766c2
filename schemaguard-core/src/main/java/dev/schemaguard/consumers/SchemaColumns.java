package dev.schemaguard.consumers;

import java.util.Set;

/**
 * The tables and columns the project's migrations build, as the reference resolver asks for them.
 */
@FunctionalInterface
public interface SchemaColumns {

    /**
     * The columns of a table.
     *
     * @param table the table's key as migrations name it: {@code players} for a table of the {@code public} schema,
     *              {@code schema.table} otherwise, each part as PostgreSQL stores it (unquoted names folded to lower
     *              case, quoted names as written)
     * @return its column names, stored the same way, or {@code null} when the schema has no such table
     */
    Set<String> columns(String table);
}
