package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.MigrationContext;
import dev.schemaguard.lint.Phase;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.SchemaState;
import dev.schemaguard.sql.Command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A migration that expands and contracts the same table leaves no rollback point between the two: the
 * old code breaks as soon as it deploys, and its down migration must undo both at once.
 */
@RuleSpec(id = "mixed-phases", group = RuleGroup.BREAKING, severity = Severity.WARNING,
        summary = "One migration both expands the schema and contracts it, leaving no release and no rollback point "
                + "in between.")
public final class MixedPhases implements Rule {

    @Override
    public void checkMigration(MigrationContext context) {
        Map<String, int[]> expandContractLines = new LinkedHashMap<>();
        Set<String> defaultChanges = defaultChanges(context);
        for (MigrationContext.Step step : context.steps()) {
            if (!(step.command() instanceof Command.AlterTable alter) || !context.before().hasTable(alter.table())) {
                continue;
            }
            for (Command.AlterAction action : alter.actions()) {
                String column = action instanceof Command.DropDefault drop ? drop.column()
                        : action instanceof Command.SetDefault set ? set.column() : null;
                if (column != null && defaultChanges.contains(SchemaState.key(alter.table()) + "." + column)
                        || action instanceof Command.AlterColumnType type && widens(context, alter.table(), type)) {
                    continue;
                }
                Phase phase = Phase.of(action);
                int[] lines = expandContractLines.computeIfAbsent(SchemaState.key(alter.table()), k -> new int[2]);
                if (phase == Phase.EXPAND && lines[0] == 0) {
                    lines[0] = step.statement().line();
                } else if (phase == Phase.CONTRACT && lines[1] == 0) {
                    lines[1] = step.statement().line();
                }
            }
        }
        report(context, expandContractLines);
    }

    /**
     * Whether a type change only widens the column (a longer varchar, varchar to text, a larger numeric precision):
     * every value old code writes still fits, so nothing is contracted.
     */
    private static boolean widens(MigrationContext context, Command.Name table, Command.AlterColumnType change) {
        String previous = context.before().columnType(table, change.column());
        ChangeColumnType.SqlType from = ChangeColumnType.SqlType.parse(previous != null ? previous : change.declaredPrevious());
        ChangeColumnType.SqlType to = ChangeColumnType.SqlType.parse(change.type());
        return from != null && to != null && !change.using() && to.isBinaryCompatibleFrom(from);
    }

    /**
     * The columns ({@code table.column}) whose default this migration drops and then sets again: together the two
     * only change the default (as around a type change, which cannot cast the old default), neither expanding nor
     * contracting the table.
     */
    private static Set<String> defaultChanges(MigrationContext context) {
        Set<String> dropped = new HashSet<>();
        Set<String> changed = new HashSet<>();
        for (MigrationContext.Step step : context.steps()) {
            if (step.command() instanceof Command.AlterTable alter) {
                for (Command.AlterAction action : alter.actions()) {
                    if (action instanceof Command.DropDefault drop) {
                        dropped.add(SchemaState.key(alter.table()) + "." + drop.column());
                    } else if (action instanceof Command.SetDefault set
                            && dropped.contains(SchemaState.key(alter.table()) + "." + set.column())) {
                        changed.add(SchemaState.key(alter.table()) + "." + set.column());
                    }
                }
            }
        }
        return changed;
    }

    private static void report(MigrationContext context, Map<String, int[]> expandContractLines) {
        for (Map.Entry<String, int[]> entry : expandContractLines.entrySet()) {
            int[] lines = entry.getValue();
            if (lines[0] > 0 && lines[1] > 0) {
                List<Evidence> evidence = new ArrayList<>();
                evidence.add(Evidence.at(context.migration().displayFile(), lines[0], "expands " + entry.getKey()));
                evidence.add(Evidence.at(context.migration().displayFile(), lines[1], "contracts " + entry.getKey()));
                context.report(lines[1], "this migration both expands and contracts table "
                                + entry.getKey() + " (lines " + lines[0] + " and " + lines[1] + "): code deployed "
                                + "before it breaks when it runs, and there is no rollback point in between.",
                        "Split it: expand (and backfill) in one migration, deploy code that uses only the new "
                                + "shape, then contract in a later migration.", evidence);
            }
        }
    }
}
