package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

/** Dropping a column deletes its data and breaks every query that still reads it. */
public final class DropColumn implements Rule {

    @Override
    public String id() {
        return "drop-column";
    }

    @Override
    public void check(RuleContext context) {
        Command.Name altered = context.alteredTable();
        for (Command.DropColumn drop : context.actionsOnExistingTable(Command.DropColumn.class)) {
            String table = altered.display();
            String created = context.before().tableCreatedBy(altered);
            context.report(Severity.WARNING, "drops column " + table + "." + drop.column()
                            + (created == null ? "" : " (table created by migration " + created + ")")
                            + ": its data is deleted, and every query that still reads it fails from the moment "
                            + "the migration commits.",
                    "Contract in two steps: first stop reading and writing the column in every service that "
                            + "uses this database and deploy that; drop it in a later migration.");
        }
    }
}
