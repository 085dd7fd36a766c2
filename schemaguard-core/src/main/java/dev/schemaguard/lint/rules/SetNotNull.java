package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.lint.SchemaState;
import dev.schemaguard.sql.Command;

import java.util.List;

/**
 * SET NOT NULL scans the whole table for NULLs while holding an ACCESS EXCLUSIVE lock, so every read and
 * write waits for the scan. PostgreSQL 12+ skips the scan when a validated {@code CHECK (col IS NOT NULL)}
 * proves the column non-null, and a column already NOT NULL needs nothing: neither is reported.
 * {@code ADD CONSTRAINT ... NOT NULL col} (PostgreSQL 18) is the same operation.
 */
@RuleSpec(id = "set-not-null", group = RuleGroup.BREAKING, severity = Severity.WARNING,
        summary = "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE, and breaks writers that still send "
                + "NULL.")
public final class SetNotNull implements Rule {

    @Override
    public void check(RuleContext context) {
        SchemaState now = context.current();
        Command.Name table = context.alteredTable();
        for (Command.SetNotNull set : context.actionsOnExistingTable(Command.SetNotNull.class)) {
            check(context, now, table, set.column());
        }
        for (Command.AddConstraint add : context.actionsOnExistingTable(Command.AddConstraint.class)) {
            if (add.constraint().kind() == Command.ConstraintKind.NOT_NULL && !add.constraint().notValid()) {
                add.constraint().columns().forEach(column -> check(context, now, table, column));
            }
        }
    }

    private static void check(RuleContext context, SchemaState now, Command.Name table, String column) {
        if (now.isNotNull(table, column)) {
            return;
        }
        List<SchemaState.NotNullCheck> checks = now.notNullChecks(table, column);
        if (checks.stream().anyMatch(SchemaState.NotNullCheck::validated)) {
            return;
        }
        String name = table.display() + "." + column;
        String constraint = checks.isEmpty() ? table.name() + "_" + column + "_not_null" : checks.get(0).name();
        context.report("sets " + name + " NOT NULL: PostgreSQL scans the whole table for NULLs "
                        + "under an ACCESS EXCLUSIVE lock, blocking every read and write of " + table.display()
                        + " until the scan ends"
                        + (checks.isEmpty() ? "" : " (constraint " + constraint + " would spare the scan, but it is "
                        + "NOT VALID)") + "; and every service that still writes NULL there starts failing.",
                (checks.isEmpty() ? "In steps: ALTER TABLE " + table.display() + " ADD CONSTRAINT " + constraint
                        + " CHECK (" + column + " IS NOT NULL) NOT VALID; in a later migration, " : "First, ")
                        + "ALTER TABLE " + table.display() + " VALIDATE CONSTRAINT " + constraint + " (it scans under "
                        + "a SHARE UPDATE EXCLUSIVE lock: reads and writes go on); then SET NOT NULL, which PostgreSQL "
                        + "12+ proves from the validated constraint without a scan; then drop the constraint.");
    }
}
