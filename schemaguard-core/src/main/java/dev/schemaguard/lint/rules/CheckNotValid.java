package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

/**
 * Adding a CHECK constraint without NOT VALID evaluates it for every existing row while holding ACCESS
 * EXCLUSIVE: the table can be neither read nor written for a full scan, and one violating row fails the
 * migration at the end. NOT VALID then VALIDATE CONSTRAINT does the scan under SHARE UPDATE EXCLUSIVE, but
 * only in a later transaction: a VALIDATE in the transaction that added the constraint NOT VALID scans
 * while that ADD's ACCESS EXCLUSIVE is still held, and is reported too.
 */
@RuleSpec(id = "check-not-valid", group = RuleGroup.LOCKS, severity = Severity.WARNING,
        summary = "Adding a CHECK constraint without NOT VALID blocks all reads and writes while every row is "
                + "checked.")
public final class CheckNotValid implements Rule {

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.AlterTable alter) || context.isNewTable(alter.table())) {
            return;
        }
        String table = alter.table().display();
        for (Command.AlterAction action : alter.actions()) {
            if (action instanceof Command.ValidateConstraint validate) {
                Command.ConstraintDef added = MigrationReplay.at(context)
                        .addedNotValidInThisTransaction(alter.table(), validate.name());
                if (added != null && added.kind() == Command.ConstraintKind.CHECK) {
                    context.report("validates CHECK constraint " + validate.name() + " in the "
                                    + "transaction that added it NOT VALID: the ACCESS EXCLUSIVE lock of that ADD CONSTRAINT "
                                    + "is held until commit, so the scan of " + table + " still runs with every read and "
                                    + "write blocked, and NOT VALID gains nothing.",
                            "Move ALTER TABLE " + table + " VALIDATE CONSTRAINT " + validate.name() + " to a later "
                                    + "migration (its own transaction), where it scans under SHARE UPDATE EXCLUSIVE while "
                                    + "reads and writes continue.");
                }
            }
            if (action instanceof Command.AddConstraint add && add.constraint().kind() == Command.ConstraintKind.CHECK
                    && !add.constraint().notValid()) {
                Command.ConstraintDef check = add.constraint();
                String name = check.name() != null ? check.name() : alter.table().name() + "_check";
                String expression = check.expression() != null ? check.expression() : "...";
                context.report("adds CHECK constraint " + (check.name() != null ? check.name() + " " : "")
                                + "on " + table + " without NOT VALID: PostgreSQL evaluates it for every existing row "
                                + "while holding ACCESS EXCLUSIVE on " + table + ", so no query can read or write the "
                                + "table until the scan ends, and one violating row fails the migration after it.",
                        "Add it with NOT VALID (ALTER TABLE " + table + " ADD CONSTRAINT " + name + " CHECK ("
                                + expression + ") NOT VALID), which only changes the catalog; then, in a later migration "
                                + "(its own transaction), ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ", "
                                + "which scans under SHARE UPDATE EXCLUSIVE while reads and writes continue.");
            }
        }
    }
}
