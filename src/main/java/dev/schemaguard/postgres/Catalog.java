package dev.schemaguard.postgres;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a database's schema is, read from its system catalogs: every object a migration can create, change or
 * drop, in user schemas (never pg_catalog, information_schema or pg_toast). Keys are display names: the object's
 * name alone in schema {@code public}, {@code schema.name} elsewhere. Maps and sets are sorted by key, so two
 * catalogs compare and print deterministically.
 *
 * @param schemas    user schemas, {@code public} included
 * @param tables     ordinary and partitioned tables
 * @param indexes    by index name (qualified like tables)
 * @param enums      enum types with their values in sort order
 * @param types      composite, domain and range types
 * @param sequences  sequences with their settings
 * @param views      views and materialized views
 * @param functions  functions and procedures, keyed by signature {@code name(argtypes)}
 * @param triggers   keyed {@code table.trigger}
 * @param extensions name → installed version
 */
public record Catalog(
        Set<String> schemas,
        Map<String, Table> tables,
        Map<String, Index> indexes,
        Map<String, EnumType> enums,
        Map<String, Definition> types,
        Map<String, Definition> sequences,
        Map<String, Definition> views,
        Map<String, Definition> functions,
        Map<String, Definition> triggers,
        Map<String, String> extensions) {

    /**
     * A table.
     *
     * @param schema      the schema it lives in
     * @param name        its name
     * @param columns     its columns in position order (dropped columns excluded)
     * @param constraints its constraints, sorted by name
     * @param options     its storage parameters as {@code name=value} ({@code fillfactor=70},
     *                    {@code autovacuum_enabled=false}), sorted; empty when it has none
     */
    public record Table(String schema, String name, List<Column> columns, List<Constraint> constraints,
                        List<String> options) {

        public Table(String schema, String name, List<Column> columns, List<Constraint> constraints) {
            this(schema, name, columns, constraints, List.of());
        }

        /** The table as messages name it: {@code name} in public, {@code schema.name} elsewhere. */
        public String displayName() {
            return Catalog.displayName(schema, name);
        }

        /** The SQL name, quoted where needed: {@code "public"."players"}. */
        public String sqlName() {
            return quote(schema) + "." + quote(name);
        }

        public Column column(String columnName) {
            return columns.stream().filter(c -> c.name().equals(columnName)).findFirst().orElse(null);
        }
    }

    /**
     * A column.
     *
     * @param name      its name
     * @param position  its position among the table's live columns, from 1
     * @param type      the type as {@code format_type} prints it ({@code character varying(100)}, {@code division})
     * @param notNull   whether it is NOT NULL
     * @param defaultExpression the default expression, or {@code null}
     * @param identity  {@code "always"}, {@code "by default"} or {@code ""} when not an identity column
     * @param generated the expression of a stored generated column, or {@code null}
     * @param collation its collation when it is not its type's default ({@code "C"}), else {@code null}
     */
    public record Column(String name, int position, String type, boolean notNull, String defaultExpression,
                         String identity, String generated, String collation) {

        public Column(String name, int position, String type, boolean notNull, String defaultExpression,
                      String identity, String generated) {
            this(name, position, type, notNull, defaultExpression, identity, generated, null);
        }
    }

    /**
     * A table constraint.
     *
     * @param name              its name
     * @param type              {@code p} primary key, {@code u} unique, {@code f} foreign key, {@code c} check,
     *                          {@code x} exclusion, {@code n} NOT NULL (PostgreSQL 18 records these)
     * @param definition        as {@code pg_get_constraintdef} prints it
     * @param validated         false for a NOT VALID constraint not yet validated
     * @param columns           the constrained columns, in key order
     * @param referencedTable   a foreign key's referenced table (display name), else {@code null}
     * @param referencedColumns a foreign key's referenced columns, else empty
     */
    public record Constraint(String name, char type, String definition, boolean validated, List<String> columns,
                             String referencedTable, List<String> referencedColumns) {
    }

    /**
     * An index.
     *
     * @param name       display name
     * @param table      display name of its table
     * @param definition as {@code pg_get_indexdef} prints it
     * @param valid      false for an index a failed CREATE INDEX CONCURRENTLY left behind
     * @param unique     whether it is unique
     */
    public record Index(String name, String table, String definition, boolean valid, boolean unique) {
    }

    /** An enum type and its values in sort order. */
    public record EnumType(String name, List<String> values) {
    }

    /** Any other object, compared by its definition text. */
    public record Definition(String name, String kind, String definition) {
    }

    /** {@code name} in schema public, {@code schema.name} elsewhere. */
    public static String displayName(String schema, String name) {
        return schema.equals("public") ? name : schema + "." + name;
    }

    /** An identifier quoted for SQL. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
