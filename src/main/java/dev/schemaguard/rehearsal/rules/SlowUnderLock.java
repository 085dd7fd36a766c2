package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.lint.MigrationContext;
import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.sql.Command;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Statements whose time grows with the table: scans, rewrites, index builds, data changes. Held under an ACCESS
 * EXCLUSIVE lock they keep the table unreadable for as long as they run; catalog-only statements do not.
 */
final class SlowUnderLock {

    private static final Pattern VOLATILE_DEFAULT = Pattern.compile(
            "(?i).*\\b(random|gen_random_uuid|uuid_generate_v\\w*|clock_timestamp|timeofday|nextval)\\s*\\(.*");

    private SlowUnderLock() {
    }

    /**
     * The first statement after line {@code from}, up to line {@code until}, that may take long, described as
     * "the UPDATE at line 12"; {@code null} when every statement there only changes the catalog.
     */
    static String firstBetween(List<MigrationContext.Step> steps, int from, int until) {
        for (MigrationContext.Step step : steps) {
            int line = step.statement().line();
            String slow = line > from && line <= until ? slow(step.command()) : null;
            if (slow != null) {
                return "the " + slow + " at line " + line;
            }
        }
        return null;
    }

    /**
     * The statement at line {@code line} when it is known to scan or rewrite a table itself, described as "the SET
     * NOT NULL at line 12"; {@code null} otherwise. A SET NOT NULL that a validated {@code CHECK (col IS NOT NULL)} of {@code before}
     * spares the scan (PostgreSQL 12+) is not.
     */
    static String at(List<MigrationContext.Step> steps, int line, Catalog before) {
        for (MigrationContext.Step step : steps) {
            if (step.statement().line() != line) {
                continue;
            }
            Command command = step.command();
            // only what is known to scan or rewrite: a DO block or an unrecognised statement may do anything
            String slow = command instanceof Command.AlterTable alter ? alter.actions().stream()
                    .filter(action -> !(action instanceof Command.SetNotNull set && proven(before, alter.table(),
                            set.column())) && !(action instanceof Command.OtherAction))
                    .map(SlowUnderLock::slow).filter(java.util.Objects::nonNull).findFirst().orElse(null)
                    : command instanceof Command.Vacuum vacuum && vacuum.full() || command instanceof Command.Cluster
                    || command instanceof Command.RefreshMaterializedView ? slow(command) : null;
            return slow == null ? null : "the " + slow + " at line " + line;
        }
        return null;
    }

    /** Whether a validated CHECK of {@code before} proves {@code table.column} is never NULL. */
    private static boolean proven(Catalog before, Command.Name table, String column) {
        Catalog.Table known = before.tables().get(Catalog.displayName(table.schema() == null ? "public"
                : table.schema(), table.name()));
        Pattern notNull = Pattern.compile("(?i)\\(\\s*\"?" + Pattern.quote(column) + "\"?\\s+IS\\s+NOT\\s+NULL\\s*\\)");
        return known != null && known.constraints().stream().anyMatch(k -> k.type() == 'c' && k.validated()
                && notNull.matcher(k.definition()).find());
    }

    /** What makes the statement slow, in SQL words ("UPDATE", "VALIDATE CONSTRAINT"), or {@code null}. */
    private static String slow(Command command) {
        if (command instanceof Command.AlterTable alter) {
            return alter.actions().stream().map(SlowUnderLock::slow).filter(java.util.Objects::nonNull).findFirst()
                    .orElse(null);
        }
        if (command instanceof Command.CreateIndex index) {
            return index.concurrently() ? null : "CREATE INDEX";
        }
        if (command instanceof Command.Dml dml) {
            return dml.kind().name();
        }
        if (command instanceof Command.Truncate) {
            return "TRUNCATE";
        }
        if (command instanceof Command.Vacuum || command instanceof Command.Cluster || command instanceof Command.Reindex
                || command instanceof Command.RefreshMaterializedView) {
            return command.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        }
        if (command instanceof Command.DoBlock) {
            return "DO block";
        }
        if (command instanceof Command.CreateTable create && create.asQuery()) {
            return "CREATE TABLE AS";
        }
        return command instanceof Command.Unrecognized ? "statement" : null;
    }

    private static String slow(Command.AlterAction action) {
        if (action instanceof Command.AddColumn add) {
            Command.ColumnDef column = add.column();
            boolean rewrites = column.storedGenerated() || column.primaryKey() || column.unique()
                    || column.defaultExpression() != null && VOLATILE_DEFAULT.matcher(column.defaultExpression()).matches();
            return rewrites ? "ADD COLUMN " + column.name() : null;
        }
        if (action instanceof Command.AddConstraint add) {
            return !add.constraint().notValid() && add.constraint().usingIndex() == null ? "ADD CONSTRAINT" : null;
        }
        if (action instanceof Command.ValidateConstraint) {
            return "VALIDATE CONSTRAINT";
        }
        if (action instanceof Command.SetNotNull) {
            return "SET NOT NULL";
        }
        if (action instanceof Command.AlterColumnType) {
            return "ALTER COLUMN ... TYPE";
        }
        return action instanceof Command.OtherAction ? "ALTER TABLE" : null;
    }
}
