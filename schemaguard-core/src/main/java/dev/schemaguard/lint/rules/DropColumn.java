package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

/** Dropping a column deletes its data and breaks every query that still reads it. */
@RuleSpec(id = "drop-column", group = RuleGroup.BREAKING, severity = Severity.WARNING,
        summary = "ALTER TABLE ... DROP COLUMN removes a column that running code or another service may still read.")
public final class DropColumn implements Rule {

    @Override
    public void check(RuleContext context) {
        Command.Name altered = context.alteredTable();
        for (Command.DropColumn drop : context.actionsOnExistingTable(Command.DropColumn.class)) {
            String table = altered.display();
            String created = context.before().tableCreatedBy(altered);
            context.report("drops column " + table + "." + drop.column()
                            + (created == null ? "" : " (table created by migration " + created + ")")
                            + ": its data is deleted, and every query that still reads it fails from the moment "
                            + "the migration commits.",
                    "Contract in two steps: first stop reading and writing the column in every service that "
                            + "uses this database and deploy that; drop it in a later migration.");
        }
    }
}
