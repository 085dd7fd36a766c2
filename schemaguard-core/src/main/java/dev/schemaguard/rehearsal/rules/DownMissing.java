package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.Words;
import dev.schemaguard.rehearsal.MigrationTrace;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.rehearsal.SchemaDifferences;
import dev.schemaguard.rehearsal.TraceContext;
import dev.schemaguard.source.Migration;

import java.util.List;

/** A migration without a down, where the project requires one: it cannot be rolled back or rehearsed in reverse. */
@RuleSpec(id = "down-missing", group = RuleGroup.REHEARSAL, severity = Severity.ERROR,
        summary = "A migration has no down migration, so it cannot be rolled back or rehearsed in reverse.")
public final class DownMissing implements RehearsalRule {

    @Override
    public void check(TraceContext context) {
        MigrationTrace trace = context.trace();
        if (!trace.applied() || trace.hasDown() || !context.requireDown()) {
            return;
        }
        Migration m = context.migration();
        context.report(m.displayFile(), m.line(), "migration " + m.id() + " has no down migration, and "
                        + "require.down_migrations asks every migration for one",
                "Write the down migration that reverses it: " + (trace.changes().isEmpty()
                        ? "this one changes no schema object, so an empty down will do."
                        : "it has to undo " + Words.summarise(SchemaDifferences.descriptions(trace.changes())) + "."),
                List.of());
    }
}
