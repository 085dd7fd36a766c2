package dev.schemaguard.source;

import dev.schemaguard.source.LiquibaseTree.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase change types as the SQL Liquibase generates for PostgreSQL: createTable is a CREATE TABLE, addColumn an
 * ADD COLUMN per column, modifyDataType an ALTER COLUMN ... TYPE with its USING cast, addNotNullConstraint an UPDATE of
 * the NULLs (with defaultNullValue) then SET NOT NULL, and so on. A change that cannot be written as SQL without
 * running Liquibase (loadData's CSV, customChange, an unresolved ${property}) becomes a {@link #UNREAD} comment that
 * the analysis reports, never a guess.
 */
final class LiquibaseChanges {

    /** The comment that marks a change SchemaGuard does not turn into SQL, with why. */
    static final String UNREAD = "-- schemaguard:liquibase-unread ";

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("datetime", "timestamp"),
            Map.entry("clob", "text"), Map.entry("blob", "bytea"), Map.entry("longblob", "bytea"),
            Map.entry("double", "double precision"), Map.entry("tinyint", "smallint"), Map.entry("int", "integer"),
            Map.entry("currency", "decimal"), Map.entry("number", "numeric"), Map.entry("nvarchar", "varchar"),
            Map.entry("longvarchar", "text"), Map.entry("longtext", "text"), Map.entry("mediumtext", "text"),
            Map.entry("tinytext", "text"), Map.entry("tinyblob", "bytea"), Map.entry("mediumblob", "bytea"),
            Map.entry("binary", "bytea"), Map.entry("varbinary", "bytea"), Map.entry("float", "float"),
            Map.entry("nchar", "char"), Map.entry("java.sql.types.varchar", "varchar"),
            Map.entry("java.sql.types.bigint", "bigint"), Map.entry("java.sql.types.integer", "integer"),
            Map.entry("java.sql.types.boolean", "boolean"), Map.entry("java.sql.types.timestamp", "timestamp"));

    /** PostgreSQL's reserved key words, which Liquibase quotes as names under every strategy. */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
            "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date",
            "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
            "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
            "overlaps", "placing", "primary", "references", "returning", "right", "select", "session_user",
            "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing", "true",
            "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with");

    private final UnaryOperator<String> properties;
    /** The objectQuotingStrategy of the changeset being read (its own, else its changelog's). */
    private String quoting = "LEGACY";

    /** @param properties resolves a {@code ${name}}, or gives {@code null} when the changelog defines none */
    LiquibaseChanges(UnaryOperator<String> properties) {
        this.properties = properties;
    }

    /** Names of the changes read next are quoted as {@code strategy} says ({@code null}: Liquibase's LEGACY). */
    void quoting(String strategy) {
        quoting = strategy == null || strategy.isBlank() ? "LEGACY" : strategy.strip().toUpperCase(Locale.ROOT);
    }

    /** An attribute with its ${properties} substituted; {@code null} when absent. */
    private String attr(Node node, String key) {
        String value = node.attribute(key);
        if (value == null) {
            return null;
        }
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = properties.apply(m.group(1));
            if (resolved == null) {
                throw new Unread("${" + m.group(1) + "}, a property the changelogs do not define for PostgreSQL");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String required(Node node, String key) {
        String value = attr(node, key);
        if (value == null || value.isBlank()) {
            throw new Unread(node.name + " without " + key);
        }
        return value;
    }

    /** A change Liquibase would need to run to know its SQL. */
    static final class Unread extends RuntimeException {
        Unread(String message) {
            super(message, null, false, false);
        }
    }

    private String table(Node node, String key) {
        return qualified(attr(node, "schemaName"), required(node, key));
    }

    /** A name Liquibase writes into its SQL: quoted as the changeset's objectQuotingStrategy quotes it. */
    private String name(Node node, String key) {
        return id(required(node, key));
    }

    /** A comma-separated list of column names, each as {@link #id} writes it. */
    private String names(Node node, String key) {
        List<String> out = new ArrayList<>();
        for (String part : required(node, key).split(",")) {
            if (!part.isBlank()) {
                out.add(id(part.strip()));
            }
        }
        return String.join(", ", out);
    }

    /**
     * An identifier as Liquibase writes it for PostgreSQL: QUOTE_ALL_OBJECTS quotes every one; the default (LEGACY)
     * quotes reserved words and names of mixed case, QUOTE_ONLY_RESERVED_WORDS reserved words only; anything else is
     * left to PostgreSQL, which folds it to lower case. A name already quoted is kept.
     */
    private String id(String name) {
        if (name == null || name.startsWith("\"")) {
            return name;
        }
        boolean quote = switch (quoting) {
            case "QUOTE_ALL_OBJECTS" -> true;
            case "QUOTE_ONLY_RESERVED_WORDS" -> RESERVED.contains(name.toLowerCase(Locale.ROOT));
            default -> RESERVED.contains(name.toLowerCase(Locale.ROOT))
                    || !name.equals(name.toLowerCase(Locale.ROOT)) && !name.equals(name.toUpperCase(Locale.ROOT));
        };
        return quote ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }

    /** The SQL of one change; {@code null} for changes that do nothing to the database (tagDatabase, empty). */
    String sql(Node change, String text) {
        return switch (change.name) {
            case "createTable" -> createTable(change);
            case "dropTable" -> "DROP TABLE " + table(change, "tableName")
                    + ("true".equals(attr(change, "cascadeConstraints")) ? " CASCADE" : "") + ";";
            case "addColumn" -> {
                StringBuilder s = new StringBuilder();
                for (Node column : change.children("column")) {
                    s.append("ALTER TABLE ").append(table(change, "tableName")).append(" ADD ").append(column(column, null))
                            .append(";");
                }
                yield s.toString();
            }
            case "dropColumn" -> {
                List<String> names = new ArrayList<>();
                if (attr(change, "columnName") != null) {
                    names.add(id(attr(change, "columnName")));
                }
                change.children("column").forEach(c -> names.add(name(c, "name")));
                StringBuilder s = new StringBuilder();
                for (String name : names) {
                    s.append("ALTER TABLE ").append(table(change, "tableName")).append(" DROP COLUMN ").append(name)
                            .append(";");
                }
                yield s.toString();
            }
            case "renameColumn" -> "ALTER TABLE " + table(change, "tableName") + " RENAME COLUMN "
                    + name(change, "oldColumnName") + " TO " + name(change, "newColumnName") + ";";
            case "renameTable" -> "ALTER TABLE " + table(change, "oldTableName") + " RENAME TO "
                    + name(change, "newTableName") + ";";
            case "renameView" -> "ALTER VIEW " + table(change, "oldViewName") + " RENAME TO "
                    + name(change, "newViewName") + ";";
            case "modifyDataType" -> {
                String type = type(required(change, "newDataType"));
                String column = name(change, "columnName");
                yield "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN " + column + " TYPE " + type
                        + " USING (" + column + "::" + type + ");";
            }
            case "addNotNullConstraint" -> {
                String column = name(change, "columnName");
                String fill = attr(change, "defaultNullValue");
                yield (fill == null ? "" : "UPDATE " + table(change, "tableName") + " SET " + column + " = "
                        + literal(fill) + " WHERE " + column + " IS NULL;")
                        + "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN " + column + " SET NOT NULL;";
            }
            case "dropNotNullConstraint" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + name(change, "columnName") + " DROP NOT NULL;";
            case "addDefaultValue" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + name(change, "columnName") + " SET DEFAULT " + defaultValue(change) + ";";
            case "dropDefaultValue" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + name(change, "columnName") + " DROP DEFAULT;";
            case "addForeignKeyConstraint" -> "ALTER TABLE " + table(change, "baseTableName") + " ADD CONSTRAINT "
                    + name(change, "constraintName") + " FOREIGN KEY (" + names(change, "baseColumnNames")
                    + ") REFERENCES " + qualified(attr(change, "referencedTableSchemaName"),
                    name(change, "referencedTableName")) + " (" + names(change, "referencedColumnNames") + ")"
                    + onDelete(change) + ("false".equals(attr(change, "validate")) ? " NOT VALID" : "") + ";";
            case "dropForeignKeyConstraint" -> "ALTER TABLE " + table(change, "baseTableName") + " DROP CONSTRAINT "
                    + name(change, "constraintName") + ";";
            case "addUniqueConstraint" -> "ALTER TABLE " + table(change, "tableName") + " ADD CONSTRAINT "
                    + id(attr(change, "constraintName") == null ? required(change, "tableName") + "_"
                    + required(change, "columnNames").replace(",", "_").replace(" ", "") + "_key"
                    : attr(change, "constraintName")) + " UNIQUE (" + names(change, "columnNames") + ");";
            case "dropUniqueConstraint" -> "ALTER TABLE " + table(change, "tableName") + " DROP CONSTRAINT "
                    + name(change, "constraintName") + ";";
            case "addPrimaryKey" -> "ALTER TABLE " + table(change, "tableName") + " ADD CONSTRAINT "
                    + id(attr(change, "constraintName") == null ? required(change, "tableName") + "_pkey"
                    : attr(change, "constraintName")) + " PRIMARY KEY (" + names(change, "columnNames") + ");";
            case "dropPrimaryKey" -> "ALTER TABLE " + table(change, "tableName") + " DROP CONSTRAINT "
                    + id(attr(change, "constraintName") == null ? required(change, "tableName") + "_pkey"
                    : attr(change, "constraintName")) + ";";
            case "createIndex" -> {
                List<String> columns = change.children("column").stream().map(c -> name(c, "name")).toList();
                if (columns.isEmpty()) {
                    throw new Unread("createIndex without columns");
                }
                yield "CREATE " + ("true".equals(attr(change, "unique")) ? "UNIQUE " : "") + "INDEX "
                        + name(change, "indexName") + " ON " + table(change, "tableName") + " ("
                        + String.join(", ", columns) + ");";
            }
            case "dropIndex" -> "DROP INDEX " + qualified(attr(change, "schemaName"), name(change, "indexName"))
                    + ";";
            case "createSequence" -> "CREATE SEQUENCE " + table(change, "sequenceName")
                    + (attr(change, "startValue") == null ? "" : " START WITH " + attr(change, "startValue"))
                    + (attr(change, "incrementBy") == null ? "" : " INCREMENT BY " + attr(change, "incrementBy")) + ";";
            case "dropSequence" -> "DROP SEQUENCE " + table(change, "sequenceName") + ";";
            case "createView" -> "CREATE " + ("true".equals(attr(change, "replaceIfExists")) ? "OR REPLACE " : "")
                    + "VIEW " + table(change, "viewName") + " AS " + body(change, text) + ";";
            case "dropView" -> "DROP VIEW " + table(change, "viewName") + ";";
            case "sql", "createProcedure" -> terminated(body(change, text));
            case "insert" -> {
                List<Node> columns = change.children("column");
                yield "INSERT INTO " + table(change, "tableName") + " ("
                        + String.join(", ", columns.stream().map(c -> name(c, "name")).toList()) + ") VALUES ("
                        + String.join(", ", columns.stream().map(this::defaultValue).toList()) + ");";
            }
            case "update" -> "UPDATE " + table(change, "tableName") + " SET "
                    + String.join(", ", change.children("column").stream()
                    .map(c -> name(c, "name") + " = " + defaultValue(c)).toList())
                    + where(change) + ";";
            case "delete" -> "DELETE FROM " + table(change, "tableName") + where(change) + ";";
            case "tagDatabase", "empty", "output", "comment", "validCheckSum", "preConditions", "rollback" -> null;
            case "loadData", "loadUpdateData" -> throw new Unread(change.name + " of " + attr(change, "tableName")
                    + " from " + attr(change, "file") + " (rows from a CSV file, which SchemaGuard does not load)");
            default -> throw new Unread(change.name + " is not one of the change types SchemaGuard reads");
        };
    }

    /**
     * The rollback Liquibase derives for a change ({@code ""} for one that changed nothing), or {@code null} when it
     * derives none (sql, dropTable, modifyDataType, ...): the changeset then has no down without its own rollback.
     */
    String autoRollback(Node change) {
        return switch (change.name) {
            case "createTable" -> "DROP TABLE " + table(change, "tableName") + ";";
            case "addColumn" -> {
                StringBuilder s = new StringBuilder();
                for (Node column : change.children("column")) {
                    s.append("ALTER TABLE ").append(table(change, "tableName")).append(" DROP COLUMN ")
                            .append(name(column, "name")).append(";");
                }
                yield s.toString();
            }
            case "renameColumn" -> "ALTER TABLE " + table(change, "tableName") + " RENAME COLUMN "
                    + name(change, "newColumnName") + " TO " + name(change, "oldColumnName") + ";";
            case "renameTable" -> "ALTER TABLE " + qualified(attr(change, "schemaName"), name(change, "newTableName"))
                    + " RENAME TO " + name(change, "oldTableName") + ";";
            case "createIndex" -> "DROP INDEX " + qualified(attr(change, "schemaName"), name(change, "indexName"))
                    + ";";
            case "addForeignKeyConstraint" -> "ALTER TABLE " + table(change, "baseTableName") + " DROP CONSTRAINT "
                    + name(change, "constraintName") + ";";
            case "addUniqueConstraint", "addPrimaryKey" -> attr(change, "constraintName") == null ? null
                    : "ALTER TABLE " + table(change, "tableName") + " DROP CONSTRAINT " + id(attr(change, "constraintName"))
                    + ";";
            case "addNotNullConstraint" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + name(change, "columnName") + " DROP NOT NULL;";
            case "dropNotNullConstraint" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + name(change, "columnName") + " SET NOT NULL;";
            case "addDefaultValue" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + name(change, "columnName") + " DROP DEFAULT;";
            case "createSequence" -> "DROP SEQUENCE " + table(change, "sequenceName") + ";";
            case "createView" -> "DROP VIEW " + table(change, "viewName") + ";";
            case "tagDatabase", "empty", "output", "comment", "validCheckSum", "preConditions" -> "";
            default -> null;
        };
    }

    private String where(Node change) {
        Node where = change.child("where");
        String text = where != null ? where.text.strip() : attr(change, "where");
        return text == null || text.isEmpty() ? "" : " WHERE " + text;
    }

    private String onDelete(Node change) {
        String onDelete = attr(change, "onDelete");
        return onDelete == null ? "" : " ON DELETE " + onDelete;
    }

    private String qualified(String schema, String name) {
        return schema == null || schema.isBlank() ? id(name) : id(schema) + "." + id(name);
    }

    /** The SQL text of an sql or createView change: its text, or its {@code sql} attribute (YAML, JSON). */
    private String body(Node change, String text) {
        String sql = text != null ? text : attr(change, "sql") != null ? attr(change, "sql") : change.text;
        if (sql == null || sql.isBlank()) {
            sql = attr(change, "selectQuery");
        }
        if (sql == null || sql.isBlank()) {
            throw new Unread(change.name + " without SQL");
        }
        return sql;
    }

    /** SQL whose last statement ends with a semicolon, so that the change after it starts a statement of its own. */
    private static String terminated(String sql) {
        String trimmed = sql.stripTrailing();
        if (trimmed.endsWith(";")) {
            return sql;
        }
        String lastLine = trimmed.substring(trimmed.lastIndexOf('\n') + 1);
        return trimmed + (lastLine.contains("--") ? "\n;" : ";");
    }

    private String createTable(Node change) {
        List<String> parts = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        for (Node column : change.children("column")) {
            parts.add(column(column, foreignKeys));
        }
        parts.addAll(foreignKeys);
        return "CREATE TABLE " + ("true".equals(attr(change, "ifNotExists")) ? "IF NOT EXISTS " : "")
                + table(change, "tableName") + " (" + String.join(", ", parts) + ");";
    }

    /** A column definition; a createTable's foreign keys are collected as table constraints. */
    private String column(Node column, List<String> foreignKeys) {
        String name = name(column, "name");
        String type = type(required(column, "type"));
        StringBuilder s = new StringBuilder(name).append(' ');
        boolean autoIncrement = "true".equals(attr(column, "autoIncrement"));
        s.append(type);
        if (autoIncrement) {
            s.append(" GENERATED BY DEFAULT AS IDENTITY");
        }
        String defaultValue = defaultValueOrNull(column);
        if (defaultValue != null) {
            s.append(" DEFAULT ").append(defaultValue);
        }
        Node constraints = column.child("constraints");
        if (constraints != null) {
            if ("false".equals(attr(constraints, "nullable"))) {
                s.append(" NOT NULL");
            }
            if ("true".equals(attr(constraints, "primaryKey"))) {
                s.append(" PRIMARY KEY");
            }
            if ("true".equals(attr(constraints, "unique"))) {
                s.append(" UNIQUE");
            }
            String referenced = attr(constraints, "referencedTableName");
            String references = attr(constraints, "references");
            if (referenced != null || references != null) {
                String target = referenced != null ? id(referenced) + "(" + (attr(constraints, "referencedColumnNames")
                        == null ? id("id") : names(constraints, "referencedColumnNames")) + ")" : references;
                String constraint = id(attr(constraints, "foreignKeyName"));
                String definition = (constraint == null ? "" : "CONSTRAINT " + constraint + " ") + "FOREIGN KEY ("
                        + name + ") REFERENCES " + target;
                if (foreignKeys != null) {
                    foreignKeys.add(definition);
                } else {
                    s.append(constraint == null ? "" : " CONSTRAINT " + constraint).append(" REFERENCES ").append(target);
                }
            }
        }
        return s.toString();
    }

    private String defaultValue(Node node) {
        String value = defaultValueOrNull(node);
        return value == null ? "NULL" : value;
    }

    /** A column's default as SQL: defaultValue is a string, defaultValueComputed an expression. */
    private String defaultValueOrNull(Node node) {
        String computed = attr(node, "defaultValueComputed") != null ? attr(node, "defaultValueComputed")
                : attr(node, "valueComputed");
        if (computed != null) {
            return computed;
        }
        for (String key : List.of("defaultValueNumeric", "valueNumeric", "defaultValueBoolean", "valueBoolean")) {
            if (attr(node, key) != null) {
                return attr(node, key);
            }
        }
        String sequence = attr(node, "defaultValueSequenceNext");
        if (sequence != null) {
            return "nextval('" + sequence + "')";
        }
        for (String key : List.of("defaultValue", "value", "defaultValueDate", "valueDate")) {
            if (attr(node, key) != null) {
                return literal(attr(node, key));
            }
        }
        return null;
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A Liquibase type as PostgreSQL's: DATETIME is timestamp, CLOB text, java.sql.Types.X the type X. */
    static String type(String type) {
        String t = type.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        int paren = lower.indexOf('(');
        String base = paren < 0 ? lower : lower.substring(0, paren).strip();
        String rest = paren < 0 ? "" : t.substring(paren);
        String mapped = TYPES.get(base);
        if (mapped == null) {
            return t;
        }
        // datetime(6) is a precision PostgreSQL's timestamp takes; blob and clob lengths it does not
        return mapped.equals("bytea") || mapped.equals("text") ? mapped : mapped + rest;
    }
}
