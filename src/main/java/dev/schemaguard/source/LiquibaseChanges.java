package dev.schemaguard.source;

import dev.schemaguard.source.LiquibaseTree.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private final UnaryOperator<String> properties;

    /** @param properties resolves a {@code ${name}}, or gives {@code null} when the changelog defines none */
    LiquibaseChanges(UnaryOperator<String> properties) {
        this.properties = properties;
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
        String schema = attr(node, "schemaName");
        String table = required(node, key);
        return schema == null || schema.isBlank() ? table : schema + "." + table;
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
                    names.add(attr(change, "columnName"));
                }
                change.children("column").forEach(c -> names.add(required(c, "name")));
                StringBuilder s = new StringBuilder();
                for (String name : names) {
                    s.append("ALTER TABLE ").append(table(change, "tableName")).append(" DROP COLUMN ").append(name)
                            .append(";");
                }
                yield s.toString();
            }
            case "renameColumn" -> "ALTER TABLE " + table(change, "tableName") + " RENAME COLUMN "
                    + required(change, "oldColumnName") + " TO " + required(change, "newColumnName") + ";";
            case "renameTable" -> "ALTER TABLE " + table(change, "oldTableName") + " RENAME TO "
                    + required(change, "newTableName") + ";";
            case "renameView" -> "ALTER VIEW " + table(change, "oldViewName") + " RENAME TO "
                    + required(change, "newViewName") + ";";
            case "modifyDataType" -> {
                String type = type(required(change, "newDataType"));
                String column = required(change, "columnName");
                yield "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN " + column + " TYPE " + type
                        + " USING (" + column + "::" + type + ");";
            }
            case "addNotNullConstraint" -> {
                String column = required(change, "columnName");
                String fill = attr(change, "defaultNullValue");
                yield (fill == null ? "" : "UPDATE " + table(change, "tableName") + " SET " + column + " = "
                        + literal(fill) + " WHERE " + column + " IS NULL;")
                        + "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN " + column + " SET NOT NULL;";
            }
            case "dropNotNullConstraint" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + required(change, "columnName") + " DROP NOT NULL;";
            case "addDefaultValue" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + required(change, "columnName") + " SET DEFAULT " + defaultValue(change) + ";";
            case "dropDefaultValue" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + required(change, "columnName") + " DROP DEFAULT;";
            case "addForeignKeyConstraint" -> "ALTER TABLE " + table(change, "baseTableName") + " ADD CONSTRAINT "
                    + required(change, "constraintName") + " FOREIGN KEY (" + required(change, "baseColumnNames")
                    + ") REFERENCES " + qualified(attr(change, "referencedTableSchemaName"),
                    required(change, "referencedTableName")) + " (" + required(change, "referencedColumnNames") + ")"
                    + onDelete(change) + ("false".equals(attr(change, "validate")) ? " NOT VALID" : "") + ";";
            case "dropForeignKeyConstraint" -> "ALTER TABLE " + table(change, "baseTableName") + " DROP CONSTRAINT "
                    + required(change, "constraintName") + ";";
            case "addUniqueConstraint" -> "ALTER TABLE " + table(change, "tableName") + " ADD CONSTRAINT "
                    + (attr(change, "constraintName") == null ? required(change, "tableName") + "_"
                    + required(change, "columnNames").replace(",", "_").replace(" ", "") + "_key"
                    : attr(change, "constraintName")) + " UNIQUE (" + required(change, "columnNames") + ");";
            case "dropUniqueConstraint" -> "ALTER TABLE " + table(change, "tableName") + " DROP CONSTRAINT "
                    + required(change, "constraintName") + ";";
            case "addPrimaryKey" -> "ALTER TABLE " + table(change, "tableName") + " ADD CONSTRAINT "
                    + (attr(change, "constraintName") == null ? required(change, "tableName") + "_pkey"
                    : attr(change, "constraintName")) + " PRIMARY KEY (" + required(change, "columnNames") + ");";
            case "dropPrimaryKey" -> "ALTER TABLE " + table(change, "tableName") + " DROP CONSTRAINT "
                    + (attr(change, "constraintName") == null ? required(change, "tableName") + "_pkey"
                    : attr(change, "constraintName")) + ";";
            case "createIndex" -> {
                List<String> columns = change.children("column").stream().map(c -> required(c, "name")).toList();
                if (columns.isEmpty()) {
                    throw new Unread("createIndex without columns");
                }
                yield "CREATE " + ("true".equals(attr(change, "unique")) ? "UNIQUE " : "") + "INDEX "
                        + required(change, "indexName") + " ON " + table(change, "tableName") + " ("
                        + String.join(", ", columns) + ");";
            }
            case "dropIndex" -> "DROP INDEX " + qualified(attr(change, "schemaName"), required(change, "indexName"))
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
                        + String.join(", ", columns.stream().map(c -> required(c, "name")).toList()) + ") VALUES ("
                        + String.join(", ", columns.stream().map(this::defaultValue).toList()) + ");";
            }
            case "update" -> "UPDATE " + table(change, "tableName") + " SET "
                    + String.join(", ", change.children("column").stream()
                    .map(c -> required(c, "name") + " = " + defaultValue(c)).toList())
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
                            .append(required(column, "name")).append(";");
                }
                yield s.toString();
            }
            case "renameColumn" -> "ALTER TABLE " + table(change, "tableName") + " RENAME COLUMN "
                    + required(change, "newColumnName") + " TO " + required(change, "oldColumnName") + ";";
            case "renameTable" -> "ALTER TABLE " + qualified(attr(change, "schemaName"), required(change, "newTableName"))
                    + " RENAME TO " + required(change, "oldTableName") + ";";
            case "createIndex" -> "DROP INDEX " + qualified(attr(change, "schemaName"), required(change, "indexName"))
                    + ";";
            case "addForeignKeyConstraint" -> "ALTER TABLE " + table(change, "baseTableName") + " DROP CONSTRAINT "
                    + required(change, "constraintName") + ";";
            case "addUniqueConstraint", "addPrimaryKey" -> attr(change, "constraintName") == null ? null
                    : "ALTER TABLE " + table(change, "tableName") + " DROP CONSTRAINT " + attr(change, "constraintName")
                    + ";";
            case "addNotNullConstraint" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + required(change, "columnName") + " DROP NOT NULL;";
            case "dropNotNullConstraint" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + required(change, "columnName") + " SET NOT NULL;";
            case "addDefaultValue" -> "ALTER TABLE " + table(change, "tableName") + " ALTER COLUMN "
                    + required(change, "columnName") + " DROP DEFAULT;";
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

    private static String qualified(String schema, String name) {
        return schema == null || schema.isBlank() ? name : schema + "." + name;
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
        String name = required(column, "name");
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
                String target = referenced != null ? referenced + "(" + (attr(constraints, "referencedColumnNames")
                        == null ? "id" : attr(constraints, "referencedColumnNames")) + ")" : references;
                String constraint = attr(constraints, "foreignKeyName");
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
