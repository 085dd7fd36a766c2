package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.Words;
import dev.schemaguard.lint.MigrationContext;
import dev.schemaguard.postgres.Fingerprints;
import dev.schemaguard.rehearsal.MigrationTrace;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.rehearsal.TraceContext;
import dev.schemaguard.source.Migration;
import dev.schemaguard.sql.Command;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data that existed before the up and is not back after the down: what the up destroyed (rows, values, tables), the
 * down did not give back.
 */
@RuleSpec(id = "data-loss", group = RuleGroup.REHEARSAL, severity = Severity.ERROR,
        summary = "Rows that existed before the migration are not the same after up then down: the round trip loses "
                + "data.")
public final class DataLoss implements RehearsalRule {

    /** The unqualified name of what a loss names: {@code column players.team_id: ...} gives {@code team_id}. */
    private static final Pattern LOST_OBJECT = Pattern.compile("^(?:column|table) (?:[^\\s:]*\\.)?([^\\s.:]+)");

    @Override
    public void check(TraceContext context) {
        MigrationTrace.RoundTrip roundTrip = context.trace().roundTrip();
        if (roundTrip == null || roundTrip.destroyedAfterDown() == null) {
            return;
        }
        List<String> lost = Fingerprints.compare(roundTrip.destroyed(), roundTrip.destroyedAfterDown());
        if (lost.isEmpty()) {
            return;
        }
        Migration m = context.migration();
        // at the statement that destroyed the first loss (a Django operation, an Alembic op call), else the migration
        Matcher object = LOST_OBJECT.matcher(lost.get(0));
        int line = object.find() ? destroyingLine(context, m, object.group(1)) : m.line();
        context.report(m.displayFile(), line,
                "up then down of " + m.id() + " does not give the data back: " + Words.summarise(lost),
                "A down cannot restore what the up destroyed: keep the data (rename or copy the column or table "
                        + "first, drop it in a later contract migration once nothing needs it), or make the down "
                        + "restore it from that copy.",
                lost.stream().map(l -> Evidence.at(m.displayFile(), line, l)).toList());
    }

    /** The line of the migration's statement that drops {@code object} (a table or column), else that names it. */
    private static int destroyingLine(TraceContext context, Migration m, String object) {
        for (MigrationContext.Step step : context.statements().of(m)) {
            if (drops(step.command(), object)) {
                return step.statement().line();
            }
        }
        return context.statements().lineMentioning(m, object);
    }

    private static boolean drops(Command command, String object) {
        if (command instanceof Command.DropTable drop) {
            return drop.tables().stream().anyMatch(table -> table.name().equalsIgnoreCase(object));
        }
        return command instanceof Command.AlterTable alter && alter.actions().stream().anyMatch(action ->
                action instanceof Command.DropColumn column && column.column().equalsIgnoreCase(object)
                        || action instanceof Command.AlterColumnType type && type.column().equalsIgnoreCase(object));
    }
}
