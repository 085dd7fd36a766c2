package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.lint.SchemaState;
import dev.schemaguard.sql.Command;

/**
 * Renaming a column is instant for PostgreSQL but breaks every query that still names the old column
 * (and every ORM mapping of it) from the moment the migration commits: services deployed before the
 * migration cannot know the new name. A column added earlier in the same migration is exempt.
 */
@RuleSpec(id = "rename-column", group = RuleGroup.BREAKING, severity = Severity.WARNING,
        summary = "ALTER TABLE ... RENAME COLUMN breaks, at once, every query that still uses the old name.")
public final class RenameColumn implements Rule {

    @Override
    public void check(RuleContext context) {
        SchemaState now = context.current();
        Command.Name altered = context.alteredTable();
        for (Command.RenameColumn rename : context.actionsOnExistingTable(Command.RenameColumn.class)) {
            if (!addedHere(context, now, altered, rename.from())) {
                String table = altered.display();
                context.report("renames column " + table + "." + rename.from() + " to " + rename.to()
                                + ": every query that still uses " + rename.from() + " fails with 'column \""
                                + rename.from() + "\" does not exist' from the moment the migration commits, until "
                                + "every service using this database is redeployed with the new name.",
                        "Expand and contract: add " + rename.to() + " as a new column, backfill it, write both columns "
                                + "(or sync them with a trigger), move every reader to " + rename.to()
                                + ", then drop " + rename.from() + " in a later migration; or expose the new name "
                                + "through a view.");
            }
        }
    }

    /** Whether this migration added the column itself: nobody can be using it yet. */
    private static boolean addedHere(RuleContext context, SchemaState now, Command.Name table, String column) {
        return context.migration().id().equals(now.columnAddedBy(table, column))
                && context.before().columnAddedBy(table, column) == null;
    }
}
