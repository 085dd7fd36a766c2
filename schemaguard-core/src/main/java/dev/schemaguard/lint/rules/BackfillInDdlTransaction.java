package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.lint.SchemaState;
import dev.schemaguard.sql.Command;

import java.util.Locale;

/**
 * An UPDATE or DELETE of every row of a table, in the transaction in which an earlier statement took a lock on that
 * table that blocks writes (the ALTER TABLE that added the column being filled, a CREATE INDEX, a LOCK TABLE): the lock
 * is held until the transaction ends, so the whole table stays locked for as long as the backfill writes every row.
 * Every row means no WHERE, or a WHERE that only picks the rows where a column this migration added is still NULL
 * (all of them). How long that is depends on the table, so this is a warning.
 */
@RuleSpec(id = "backfill-in-ddl-transaction", group = RuleGroup.LOCKS, severity = Severity.WARNING,
        summary = "A full-table UPDATE or DELETE in the transaction that holds a DDL lock on that table keeps the "
                + "table locked for the whole backfill.")
public final class BackfillInDdlTransaction implements Rule {

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.Dml dml) || dml.table() == null
                || dml.kind() != Command.DmlKind.UPDATE && dml.kind() != Command.DmlKind.DELETE
                || !context.facts().inTransaction() || !everyRow(context, dml)) {
            return;
        }
        MigrationReplay here = MigrationReplay.at(context);
        MigrationReplay.Held held = here.heldOn(dml.table());
        if (held == null || !held.mode().blocksWrites() || here.isNewTable(dml.table())) {
            return;
        }
        String table = dml.table().display();
        String verb = dml.kind() == Command.DmlKind.UPDATE ? "UPDATE" : "DELETE";
        context.report(verb + " of every row of " + table + " runs while this transaction holds "
                        + held.mode().label() + " on " + table + ", taken by the statement at line "
                        + held.statement().line() + " and held until the migration commits: "
                        + held.mode().blocked() + " " + table + " waits for the whole backfill, which lasts as long as "
                        + "writing every row takes.",
                "Backfill in a migration of its own (or after a COMMIT), in batches of a few thousand rows, each its "
                        + "own transaction, so that no lock blocking reads or writes is held while the rows are "
                        + "written; constrain the column (NOT NULL through a validated CHECK) in a later migration.");
    }

    /**
     * Whether the statement changes every row: no WHERE, or only {@code col IS NULL} on a column this migration added
     * earlier without a default, which every row still has NULL.
     */
    private static boolean everyRow(RuleContext context, Command.Dml dml) {
        if (dml.everyRow()) {
            return true;
        }
        String where = dml.where() == null ? "" : dml.where().strip().toLowerCase(Locale.ROOT);
        if (!where.matches("\"?[a-z_][a-z0-9_$]*\"? is null")) {
            return false;
        }
        String column = where.substring(0, where.length() - " is null".length()).replace("\"", "");
        String table = SchemaState.key(dml.table());
        for (int i = 0; i < context.index(); i++) {
            if (context.steps().get(i).command() instanceof Command.AlterTable alter
                    && SchemaState.key(alter.table()).equals(table)) {
                for (Command.AlterAction action : alter.actions()) {
                    if (action instanceof Command.AddColumn add && add.column().name().equals(column)
                            && !add.column().hasDefault()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
