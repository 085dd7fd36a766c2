package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

import java.util.List;

/**
 * TRUNCATE of a table that existed before the migration deletes every row it holds, at once and outside what a
 * down migration can give back, under ACCESS EXCLUSIVE. Emptying a table that holds data is sometimes the point (a
 * cache), so this is a warning, as dropping a table is; a table the migration created holds nothing yet.
 */
@RuleSpec(id = "truncate", group = RuleGroup.BREAKING, severity = Severity.WARNING,
        summary = "TRUNCATE deletes every row of a table in use, under ACCESS EXCLUSIVE, where no down migration "
                + "brings them back.")
public final class Truncate implements Rule {

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.Truncate truncate)) {
            return;
        }
        List<String> tables = truncate.tables().stream().filter(t -> !context.isNewTable(t))
                .map(Command.Name::display).toList();
        if (tables.isEmpty()) {
            return;
        }
        String names = String.join(", ", tables);
        context.report("TRUNCATE deletes every row of " + names + (truncate.cascade()
                        ? ", and CASCADE those of every table whose foreign keys reference " + (tables.size() == 1
                        ? "it" : "them") : "") + ", under an ACCESS EXCLUSIVE lock held until the migration commits; no "
                        + "down migration brings the rows back.",
                "If the rows must go, say so with a suppression and its reason (-- schemaguard:ignore truncate the "
                        + "cache is rebuilt on start); to keep them, copy them to a backup table first, or delete in "
                        + "batches what is no longer needed.");
    }
}
