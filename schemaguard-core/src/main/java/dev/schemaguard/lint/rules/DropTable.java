package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

/**
 * Dropping a table deletes every row it holds, for good, and breaks every query that still reads or
 * writes it. Only a table created earlier in the same migration is exempt: nobody can be using it yet.
 */
@RuleSpec(id = "drop-table", group = RuleGroup.BREAKING, severity = Severity.WARNING,
        summary = "DROP TABLE destroys a table and its rows; every query that still uses the table fails.")
public final class DropTable implements Rule {

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.DropTable drop)) {
            return;
        }
        for (Command.Name table : drop.tables()) {
            if (context.isNewTable(table)) {
                continue;
            }
            String created = context.before().tableCreatedBy(table);
            context.report("drops table " + table.display()
                            + (created == null ? "" : " (created by migration " + created + ")")
                            + (drop.cascade() ? ", with CASCADE also dropping the views and foreign keys that depend on it"
                            : "") + ": every row it holds is deleted, and every query that still reads or writes it "
                            + "fails with 'relation \"" + table.display() + "\" does not exist' from the moment the "
                            + "migration commits.",
                    "Contract in steps: stop reading and writing " + table.display() + " in every service that uses "
                            + "this database and deploy that; keep the data (ALTER TABLE " + table.display()
                            + " RENAME TO " + table.name() + "_deprecated, or a backup); drop it in a later migration.");
        }
    }
}
