package dev.schemaguard.postgres;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What migrations still to come will ask of the values in some columns, so that the rows generated now are rows real
 * data could be: a text column a later migration casts to {@code jsonb} holds JSON, one a later CHECK limits to
 * {@code IN ('active', 'closed')} holds those words.
 *
 * @param castTo by table (display name) and column, the built-in type a later migration turns the column into
 *               ({@code jsonb}, {@code int4}, {@code uuid}, {@code date}, ...)
 * @param checks     by table (display name), the expressions of CHECK constraints later migrations add to it
 * @param references by table (display name), the foreign keys later migrations add to it: its rows are generated
 *                   referencing rows of the parent, as real rows would when the key is added
 */
public record Foresight(Map<String, Map<String, String>> castTo, Map<String, List<String>> checks,
                        Map<String, List<Reference>> references) {

    /** Nothing known of what comes later. */
    public static final Foresight NONE = new Foresight(Map.of(), Map.of(), Map.of());

    public Foresight {
        castTo = Map.copyOf(castTo);
        checks = Map.copyOf(checks);
        references = Map.copyOf(references);
    }

    /**
     * A foreign key a later migration adds.
     *
     * @param columns           the referencing columns, as the catalog names them
     * @param table             the referenced table (display name)
     * @param referencedColumns the referenced columns as the catalog names them; empty for the table's primary key
     */
    public record Reference(List<String> columns, String table, List<String> referencedColumns) {
        public Reference {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }
    }

    /** The foreign keys later migrations add to {@code table}. */
    List<Reference> referencesOf(String table) {
        return references.getOrDefault(table, List.of());
    }

    /** The type a later migration casts {@code table.column} to, or {@code null}. */
    String castOf(String table, String column) {
        return castTo.getOrDefault(table, Map.of()).get(column);
    }

    /** The later CHECK expressions on {@code table} that name {@code column}. */
    List<String> checksOn(String table, String column) {
        Pattern word = Pattern.compile("(?i)(?<![\\w$])\"?" + Pattern.quote(column) + "\"?(?![\\w$])");
        return checks.getOrDefault(table, List.of()).stream().filter(e -> word.matcher(e).find()).toList();
    }
}
