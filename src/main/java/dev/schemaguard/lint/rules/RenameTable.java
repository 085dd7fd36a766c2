package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.MigrationContext;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.lint.SchemaState;
import dev.schemaguard.sql.Command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renaming a table is instant for PostgreSQL but breaks every query, ORM mapping and service that still
 * uses the old name, from the moment the migration commits until each of them is redeployed. A migration
 * that leaves a view under the old name (a simple view is updatable) breaks nobody and is not reported.
 */
@RuleSpec(id = "rename-table", group = RuleGroup.BREAKING, severity = Severity.WARNING,
        summary = "ALTER TABLE ... RENAME TO breaks, at once, every query that still uses the old table name.")
public final class RenameTable implements Rule {

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.AlterTable alter) || context.isNewTable(alter.table())) {
            return;
        }
        for (Command.AlterAction action : alter.actions()) {
            if (action instanceof Command.RenameTable rename && !viewKeepsOldName(context, alter.table())) {
                String from = alter.table().display();
                String to = new Command.Name(alter.table().schema(), rename.to()).display();
                context.report("renames table " + from + " to " + rename.to() + ": every query "
                                + "that still uses " + from + " fails with 'relation \"" + from + "\" does not exist' "
                                + "from the moment the migration commits, until every service using this database is "
                                + "redeployed with the new name.",
                        "Keep the old name working: in the same migration, CREATE VIEW " + from + " AS SELECT * FROM "
                                + to + " (a simple view accepts INSERT, UPDATE and DELETE too); move every "
                                + "service to " + rename.to() + " and deploy that; drop the view in a later migration.");
            }
        }
    }

    /** Whether a later statement of the same migration creates a view under the table's old name. */
    private static boolean viewKeepsOldName(RuleContext context, Command.Name oldName) {
        Integer last = context.perMigration(LastViews.class, LastViews::of).lastCreated().get(SchemaState.key(oldName));
        return last != null && last > context.index();
    }

    /** Where the migration creates each view last, by key: made once per migration. */
    private record LastViews(Map<String, Integer> lastCreated) {

        static LastViews of(RuleContext context) {
            Map<String, Integer> last = new HashMap<>();
            List<MigrationContext.Step> steps = context.steps();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).command() instanceof Command.CreateObject view && view.kind().equals("VIEW")) {
                    last.put(SchemaState.key(view.name()), i);
                }
            }
            return new LastViews(last);
        }
    }
}
