package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.lint.SchemaState;
import dev.schemaguard.sql.Command;

import java.util.Locale;
import java.util.Set;

/**
 * A column added NOT NULL without a DEFAULT is NULL in every existing row, so the migration fails on any
 * table that holds rows; where it succeeds (an empty table), every service that inserts without naming the
 * new column starts failing. A table created in the same migration is exempt, and so is one the migration emptied
 * first.
 */
@RuleSpec(id = "add-column-not-null-no-default", group = RuleGroup.BREAKING, severity = Severity.WARNING,
        summary = "ADD COLUMN ... NOT NULL without a default fails on a table with rows and breaks inserts that omit "
                + "it.")
public final class AddColumnNotNullNoDefault implements Rule {

    /** Types that bring their own default, nextval() of a sequence they create. */
    private static final Set<String> SERIAL = Set.of("serial", "serial4", "bigserial", "serial8", "smallserial",
            "serial2");

    /**
     * Whether an earlier statement of the migration emptied the table (TRUNCATE, or DELETE without WHERE) and none
     * filled it again since: the column is then added to no row.
     */
    private static boolean emptiedBefore(RuleContext context, Command.Name table) {
        String key = SchemaState.key(table);
        boolean empty = false;
        for (int i = 0; i < context.index(); i++) {
            Command command = context.steps().get(i).command();
            if (command instanceof Command.Truncate truncate
                    && truncate.tables().stream().anyMatch(t -> SchemaState.key(t).equals(key))) {
                empty = true;
            } else if (command instanceof Command.Dml dml && dml.table() != null && SchemaState.key(dml.table()).equals(key)) {
                if (dml.kind() == Command.DmlKind.DELETE && dml.everyRow()) {
                    empty = true;
                } else if (dml.kind() == Command.DmlKind.INSERT || dml.kind() == Command.DmlKind.COPY
                        || dml.kind() == Command.DmlKind.MERGE) {
                    empty = false;
                }
            }
        }
        return empty;
    }

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.AlterTable alter) || context.isNewTable(alter.table())) {
            return;
        }
        for (Command.AlterAction action : alter.actions()) {
            // the earlier statements are looked through only for such a column: not for every ALTER TABLE
            if (action instanceof Command.AddColumn add && add.column().notNull() && !add.column().hasDefault()
                    && !SERIAL.contains(add.column().type().strip().toLowerCase(Locale.ROOT))
                    && !emptiedBefore(context, alter.table())) {
                String table = alter.table().display();
                String column = add.column().name();
                context.report("adds column " + table + "." + column + " NOT NULL without a DEFAULT: "
                                + "existing rows would hold NULL, so the migration fails with 'column \"" + column
                                + "\" of relation \"" + alter.table().name() + "\" contains null values' on any "
                                + "database where the table has rows; and every INSERT that does not name " + column
                                + " fails from then on.",
                        "Give it a DEFAULT (a constant default is a catalog-only change since PostgreSQL 11), or add it "
                                + "nullable, backfill it, and set NOT NULL in a later migration (through a CHECK ("
                                + column + " IS NOT NULL) NOT VALID constraint, validated, to avoid a locked scan).");
            }
        }
    }
}
