package dev.schemaguard.sql;

import java.util.List;

/**
 * What a statement does, as far as the analyses need to know. Every SQL statement parses to exactly
 * one command; one the parser cannot type is {@link Unrecognized}, never a guess.
 */
public sealed interface Command {

    /** {@code schema.name} as PostgreSQL resolves it: unquoted parts folded to lower case. */
    record Name(String schema, String name) {
        /** The name as users write it in messages. */
        public String display() {
            return schema == null ? name : schema + "." + name;
        }
    }

    /** A column in CREATE TABLE or ADD COLUMN. */
    record ColumnDef(String name, String type, boolean notNull, String defaultExpression, boolean primaryKey,
                     boolean unique, boolean references, boolean generated, boolean identity, boolean storedGenerated) {

        /** A column that is not GENERATED ... STORED. */
        public ColumnDef(String name, String type, boolean notNull, String defaultExpression, boolean primaryKey,
                         boolean unique, boolean references, boolean generated, boolean identity) {
            this(name, type, notNull, defaultExpression, primaryKey, unique, references, generated, identity, false);
        }

        public boolean hasDefault() {
            return defaultExpression != null || generated || identity;
        }
    }

    /**
     * A table constraint, or a column constraint that matters as one (REFERENCES, CHECK).
     *
     * @param expression         a CHECK constraint's expression as written between its parentheses (tokens joined,
     *                           unquoted words folded), or {@code null}
     * @param references         the table a FOREIGN KEY references, when the statement names it, else {@code null}
     * @param referencedColumns  the columns it references as written; empty for the referenced table's primary key
     */
    record ConstraintDef(String name, ConstraintKind kind, boolean notValid, String usingIndex, List<String> columns,
                         String expression, Name references, List<String> referencedColumns) {
        /** A constraint whose expression is not known or not a CHECK. */
        public ConstraintDef(String name, ConstraintKind kind, boolean notValid, String usingIndex, List<String> columns) {
            this(name, kind, notValid, usingIndex, columns, null);
        }

        /** A constraint whose referenced table, if any, is not known. */
        public ConstraintDef(String name, ConstraintKind kind, boolean notValid, String usingIndex, List<String> columns,
                             String expression) {
            this(name, kind, notValid, usingIndex, columns, expression, null, List.of());
        }
    }

    enum ConstraintKind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY, EXCLUDE, NOT_NULL }

    record CreateTable(Name table, boolean ifNotExists, boolean temporary, boolean asQuery, boolean partitionOf,
                       List<ColumnDef> columns, List<ConstraintDef> constraints) implements Command {
    }

    record DropTable(List<Name> tables, boolean ifExists, boolean cascade) implements Command {
    }

    record AlterTable(Name table, boolean ifExists, List<AlterAction> actions) implements Command {
    }

    /** One subcommand of ALTER TABLE. */
    sealed interface AlterAction {
    }

    record AddColumn(ColumnDef column, boolean ifNotExists) implements AlterAction {
    }

    record DropColumn(String column, boolean ifExists, boolean cascade) implements AlterAction {
    }

    record RenameColumn(String from, String to) implements AlterAction {
    }

    record RenameTable(String to) implements AlterAction {
    }

    record RenameConstraint(String from, String to) implements AlterAction {
    }

    /**
     * ALTER COLUMN ... [SET DATA] TYPE.
     *
     * @param type            the new type as written (tokens joined, unquoted words folded)
     * @param usingExpression the USING expression as written, or {@code null}
     */
    /**
     * ALTER COLUMN ... TYPE.
     *
     * @param declaredPrevious the column's type as the migration itself states it (Alembic's existing_type), or
     *                         {@code null}: SQL never states it
     */
    record AlterColumnType(String column, String type, boolean using, String usingExpression, String declaredPrevious)
            implements AlterAction {
        /** A type change whose USING expression, if any, is not known. */
        public AlterColumnType(String column, String type, boolean using) {
            this(column, type, using, null, null);
        }

        public AlterColumnType(String column, String type, boolean using, String usingExpression) {
            this(column, type, using, usingExpression, null);
        }
    }

    record SetNotNull(String column) implements AlterAction {
    }

    record DropNotNull(String column) implements AlterAction {
    }

    record SetDefault(String column, String expression) implements AlterAction {
    }

    record DropDefault(String column) implements AlterAction {
    }

    record AddConstraint(ConstraintDef constraint) implements AlterAction {
    }

    record ValidateConstraint(String name) implements AlterAction {
    }

    record DropConstraint(String name, boolean ifExists) implements AlterAction {
    }

    /** {@code ATTACH PARTITION partition FOR VALUES ...} (or {@code DEFAULT}). */
    record AttachPartition(Name partition, boolean isDefault) implements AlterAction {
    }

    /** A subcommand no rule looks at (SET STATISTICS, OWNER TO, ENABLE TRIGGER, ...): named by its first words. */
    record OtherAction(String words) implements AlterAction {
    }

    /** @param only {@code ON ONLY}: the index of a partitioned table alone, built on none of its partitions */
    record CreateIndex(String name, Name table, boolean unique, boolean concurrently, boolean ifNotExists,
                       List<String> columns, boolean only) implements Command {
        /** An index of the table and, when it is partitioned, of its partitions. */
        public CreateIndex(String name, Name table, boolean unique, boolean concurrently, boolean ifNotExists,
                           List<String> columns) {
            this(name, table, unique, concurrently, ifNotExists, columns, false);
        }
    }

    record DropIndex(List<Name> indexes, boolean concurrently, boolean ifExists) implements Command {
    }

    record Reindex(String target, boolean concurrently) implements Command {
    }

    record RefreshMaterializedView(Name view, boolean concurrently) implements Command {
    }

    enum TypeKind { ENUM, COMPOSITE, RANGE, BASE, SHELL }

    record CreateType(Name type, TypeKind kind, List<String> labels) implements Command {
    }

    record AlterTypeAddValue(Name type, String value, boolean ifNotExists) implements Command {
    }

    /**
     * {@code ALTER INDEX | SEQUENCE | VIEW | MATERIALIZED VIEW | FUNCTION | PROCEDURE | SCHEMA ... RENAME TO} or
     * {@code SET SCHEMA}: the old name is free again.
     *
     * @param kind    the object kind in upper case words
     * @param newName the new name, or {@code null} when the object moved to another schema
     */
    record RenameObject(String kind, Name name, String newName) implements Command {
    }

    /** {@code ALTER TYPE type RENAME TO newName}: the old name is free again. */
    record RenameType(Name type, String newName) implements Command {
    }

    /**
     * An anonymous code block.
     *
     * @param body                   the code between the dollar quotes
     * @param catchesDuplicateObject whether an exception handler catches {@code duplicate_object} (or {@code others})
     * @param checksCatalog          whether the body tests the catalog first ({@code IF NOT EXISTS (SELECT ... pg_type ...)})
     * @param createsTypes           the types the body creates
     * @param statements             when the body only wraps SQL statements in BEGIN ... [EXCEPTION ...] END (as
     *                               Drizzle wraps every foreign key), those statements typed; empty otherwise
     */
    record DoBlock(String body, boolean catchesDuplicateObject, boolean checksCatalog, List<String> createsTypes,
                   List<Command> statements) implements Command {
    }

    /**
     * CREATE of an object no rule looks inside: SEQUENCE, SCHEMA, EXTENSION, VIEW, FUNCTION, TRIGGER, DOMAIN, ...
     *
     * @param kind        the object kind in upper case words ("MATERIALIZED VIEW")
     * @param orReplace   {@code CREATE OR REPLACE}
     * @param arguments   a function's or procedure's argument list as written (tokens joined, words folded), which
     *                    with its name tells it from its overloads; {@code null} for other objects
     * @param volatility  a function's VOLATILE, STABLE or IMMUTABLE (VOLATILE when it says none); {@code null} for
     *                    other objects
     */
    record CreateObject(String kind, Name name, boolean ifNotExists, boolean orReplace, String arguments,
                        String volatility) implements Command {
        /** An object that is no function. */
        public CreateObject(String kind, Name name, boolean ifNotExists, boolean orReplace) {
            this(kind, name, ifNotExists, orReplace, null, null);
        }
    }

    /** CREATE TRIGGER: it locks its table (SHARE ROW EXCLUSIVE), so it carries the table. */
    record CreateTrigger(Name trigger, Name table, boolean orReplace) implements Command {
    }

    /** DROP TRIGGER ... ON table: ACCESS EXCLUSIVE on the table. */
    record DropTrigger(Name trigger, Name table, boolean ifExists) implements Command {
    }

    /** DROP of anything but a table or an index. */
    record DropObject(String kind, List<Name> names, boolean ifExists) implements Command {
    }

    record SetVariable(String name, String value, boolean local) implements Command {
    }

    /** {@code ROLLBACK_TO_SAVEPOINT} undoes part of a transaction and leaves it open, unlike {@code ROLLBACK}. */
    enum TransactionKind { BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO_SAVEPOINT }

    record Transaction(TransactionKind kind) implements Command {
    }

    record Vacuum(boolean full, List<Name> tables) implements Command {
    }

    record Cluster(Name table) implements Command {
    }

    record Lock(List<Name> tables, String mode) implements Command {
    }

    /** @param cascade {@code CASCADE}: the tables whose foreign keys reference these are emptied too */
    record Truncate(List<Name> tables, boolean cascade) implements Command {
        public Truncate(List<Name> tables) {
            this(tables, false);
        }
    }

    enum DmlKind { SELECT, INSERT, UPDATE, DELETE, MERGE, COPY, WITH, VALUES, CALL }

    /**
     * A statement on rows.
     *
     * @param where the WHERE clause of an UPDATE or DELETE as written (tokens joined, unquoted words folded), empty
     *              when it has none and so changes every row, or {@code null} for other statements
     */
    record Dml(DmlKind kind, Name table, String where) implements Command {
        public Dml(DmlKind kind, Name table) {
            this(kind, table, null);
        }

        /** An UPDATE or DELETE of every row: no WHERE (and no join of another table's rows). */
        public boolean everyRow() {
            return where != null && where.isEmpty();
        }
    }

    /** A statement understood well enough to know no rule concerns it (COMMENT ON, GRANT, ANALYZE, ...). */
    record Harmless(String words) implements Command {
    }

    /** A psql meta-command: only psql runs it; every other runner sends it to the server and fails. */
    record MetaCommand(String text) implements Command {
    }

    /**
     * A statement that is not PostgreSQL (its first words are no command: {@code ALTER TABL}, {@code CREAT TABLE}),
     * or a migration its runner cannot read at all (SQL that does not lex, Python that does not compile), with why.
     *
     * @param python whether the migration is Python that does not compile (else SQL the server rejects)
     */
    record SyntaxError(String reason, boolean python) implements Command {
        /** SQL the server rejects. */
        public SyntaxError(String reason) {
            this(reason, false);
        }
    }

    /**
     * A statement the parser cannot type, with why.
     *
     * @param mentions names it is known to be given (the literal arguments of a Python function that was not read),
     *                 which may be tables it creates
     */
    record Unrecognized(String reason, List<Name> mentions) implements Command {
        public Unrecognized(String reason) {
            this(reason, List.of());
        }
    }
}
