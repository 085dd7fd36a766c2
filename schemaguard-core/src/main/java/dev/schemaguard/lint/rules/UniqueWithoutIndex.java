package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

import java.util.List;

/**
 * A UNIQUE or PRIMARY KEY constraint added without USING INDEX builds its unique index inside the ALTER
 * TABLE, holding ACCESS EXCLUSIVE for the whole build: no reads and no writes. A column added with
 * UNIQUE or PRIMARY KEY builds the same index over every existing row (NULLs included), so it is
 * reported too. Building the index CONCURRENTLY first and attaching it with USING INDEX avoids both.
 */
@RuleSpec(id = "unique-without-index", group = RuleGroup.LOCKS, severity = Severity.WARNING,
        summary = "ADD CONSTRAINT UNIQUE or PRIMARY KEY builds its index under ACCESS EXCLUSIVE; build it "
                + "concurrently first.")
public final class UniqueWithoutIndex implements Rule {

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.AlterTable alter) || context.isNewTable(alter.table())) {
            return;
        }
        for (Command.AlterAction action : alter.actions()) {
            if (action instanceof Command.AddConstraint add && add.constraint().usingIndex() == null
                    && (add.constraint().kind() == Command.ConstraintKind.UNIQUE
                    || add.constraint().kind() == Command.ConstraintKind.PRIMARY_KEY)) {
                Command.ConstraintDef key = add.constraint();
                report(context, alter.table(), key.kind() == Command.ConstraintKind.PRIMARY_KEY, key.name(),
                        key.columns(), false);
            } else if (action instanceof Command.AddColumn add && (add.column().unique() || add.column().primaryKey())) {
                report(context, alter.table(), add.column().primaryKey(), null, List.of(add.column().name()), true);
            }
        }
    }

    private static void report(RuleContext context, Command.Name tableName, boolean primaryKey, String name,
                               List<String> columns, boolean newColumn) {
        String table = tableName.display();
        String kind = primaryKey ? "PRIMARY KEY" : "UNIQUE";
        String columnList = String.join(", ", columns);
        String constraint = name != null ? name : tableName.name() + (primaryKey ? "_pkey"
                : (columns.isEmpty() ? "" : "_" + String.join("_", columns)) + "_key");
        String what = newColumn ? "adds column " + table + "." + columnList + " as " + kind
                : "adds " + kind + " constraint " + (name != null ? name + " " : "") + "on " + table + " (" + columnList + ")";
        context.report(what + " without USING INDEX: PostgreSQL builds its unique index over every "
                        + "existing row inside the ALTER TABLE, holding ACCESS EXCLUSIVE on " + table + ", so no query "
                        + "can read or write the table until the build ends, and a duplicate fails it after the wait.",
                (newColumn ? "Add the column without " + kind + "; then, in" : "In") + " a migration of its own run "
                        + "outside a transaction block, CREATE UNIQUE INDEX CONCURRENTLY " + constraint + " ON " + table
                        + " (" + columnList + "); then ALTER TABLE " + table + " ADD CONSTRAINT " + constraint + " " + kind
                        + " USING INDEX " + constraint + ", which attaches the finished index without a build"
                        + (primaryKey ? " (make the columns NOT NULL first, or the attach scans the table)" : "") + ".");
    }
}
