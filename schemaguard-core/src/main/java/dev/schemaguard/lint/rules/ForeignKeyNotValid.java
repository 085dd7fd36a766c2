package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

import java.util.Locale;
import java.util.Set;

/**
 * Adding a foreign key without NOT VALID checks every existing row against the referenced table while
 * holding SHARE ROW EXCLUSIVE on both tables (ACCESS EXCLUSIVE on the altered one when the same ALTER
 * does more): writes to both wait for a full scan. A column added with REFERENCES is reported only when
 * it has a default (or is serial, identity or generated): PostgreSQL skips the check for a new column
 * without one, whose rows are all NULL (measured: no scan), and then the statement is not a hazard. A
 * VALIDATE CONSTRAINT in the transaction that added the key NOT VALID still holds those locks through
 * the check, and is reported too.
 */
@RuleSpec(id = "foreign-key-not-valid", group = RuleGroup.LOCKS, severity = Severity.WARNING,
        summary = "Adding a foreign key without NOT VALID blocks writes to both tables while every existing row is "
                + "checked.")
public final class ForeignKeyNotValid implements Rule {

    private static final Set<String> SERIAL_TYPES = Set.of("smallserial", "serial", "bigserial", "serial2",
            "serial4", "serial8");

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.AlterTable alter) || context.isNewTable(alter.table())) {
            return;
        }
        String table = alter.table().display();
        TableLocks.Mode mode = TableLocks.of(alter);
        String waits = mode.blocksReads() ? "reads and writes of " + table + " and writes to the referenced table wait"
                : "writes to both tables wait";
        for (Command.AlterAction action : alter.actions()) {
            if (action instanceof Command.ValidateConstraint validate) {
                Command.ConstraintDef added = MigrationReplay.at(context)
                        .addedNotValidInThisTransaction(alter.table(), validate.name());
                if (added != null && added.kind() == Command.ConstraintKind.FOREIGN_KEY) {
                    context.report("validates foreign key " + validate.name() + " in the transaction "
                                    + "that added it NOT VALID: the SHARE ROW EXCLUSIVE locks of that ADD CONSTRAINT on "
                                    + table + " and the referenced table are held until commit, so the check of every row "
                                    + "still runs with writes to both tables blocked, and NOT VALID gains nothing.",
                            "Move ALTER TABLE " + table + " VALIDATE CONSTRAINT " + validate.name() + " to a later "
                                    + "migration (its own transaction), where it checks the rows under SHARE UPDATE "
                                    + "EXCLUSIVE while reads and writes continue.");
                }
            } else if (action instanceof Command.AddConstraint add
                    && add.constraint().kind() == Command.ConstraintKind.FOREIGN_KEY && !add.constraint().notValid()) {
                Command.ConstraintDef fk = add.constraint();
                String name = fk.name() != null ? fk.name()
                        : alter.table().name() + (fk.columns().isEmpty() ? "" : "_" + String.join("_", fk.columns()))
                        + "_fkey";
                context.report("adds foreign key " + name + " on " + table + " without NOT VALID: "
                                + "PostgreSQL checks every existing row of " + table + " against the referenced table "
                                + "while holding " + (mode == TableLocks.Mode.SHARE_ROW_EXCLUSIVE
                                ? "SHARE ROW EXCLUSIVE on both" : mode.label() + " on " + table + " and SHARE ROW "
                                + "EXCLUSIVE on the referenced table") + ", so " + waits + " until the scan ends; one "
                                + "orphan row fails the migration after the wait.",
                        "Add it with NOT VALID (ALTER TABLE " + table + " ADD CONSTRAINT " + name + " FOREIGN KEY (...) "
                                + "REFERENCES ... NOT VALID), which only changes the catalog; then, in a later migration "
                                + "(its own transaction), ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ", "
                                + "which checks the rows under SHARE UPDATE EXCLUSIVE while reads and writes continue.");
            } else if (action instanceof Command.AddColumn add && add.column().references() && filled(add.column())) {
                String column = add.column().name();
                String name = alter.table().name() + "_" + column + "_fkey";
                context.report("adds column " + table + "." + column + " with a default and a "
                                + "REFERENCES constraint: every existing row gets the default, so PostgreSQL checks "
                                + "each one against the referenced table while holding ACCESS EXCLUSIVE on " + table
                                + " (reads and writes wait) and SHARE ROW EXCLUSIVE on the referenced table (writes "
                                + "wait) until the scan ends.",
                        "Add the column without REFERENCES, then ALTER TABLE " + table + " ADD CONSTRAINT " + name
                                + " FOREIGN KEY (" + column + ") REFERENCES ... NOT VALID; VALIDATE CONSTRAINT " + name
                                + " in a later migration (its own transaction), while reads and writes continue.");
            }
        }
    }

    /** Whether adding the column fills existing rows with a value, so the foreign key has rows to check. */
    private static boolean filled(Command.ColumnDef column) {
        return column.hasDefault() || SERIAL_TYPES.contains(column.type().strip().toLowerCase(Locale.ROOT));
    }
}
