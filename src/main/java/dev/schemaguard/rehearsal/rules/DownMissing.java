package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.Words;
import dev.schemaguard.lint.MigrationContext;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.rehearsal.MigrationTrace;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.rehearsal.SchemaDifferences;
import dev.schemaguard.rehearsal.TraceContext;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;

import java.util.List;

/**
 * A migration without a down, where the project requires one: it cannot be rolled back or rehearsed in reverse. A fact
 * of the files, judged statically too (lint, {@code check --static}), so it is reported for migrations the rehearsal
 * does not run or reach; the rehearsal's finding names what the down has to undo.
 */
@RuleSpec(id = "down-missing", group = RuleGroup.REHEARSAL, severity = Severity.ERROR,
        summary = "A migration has no down migration, so it cannot be rolled back or rehearsed in reverse.")
public final class DownMissing implements RehearsalRule, Rule {

    private static String message(Migration m) {
        return "migration " + m.id() + " has no down migration, and require.down_migrations asks every migration "
                + "for one";
    }

    @Override
    public void checkMigration(MigrationContext context) {
        Migration m = context.migration();
        if (context.downRequired() && m.down().isEmpty()) {
            context.report(m.line(), message(m), "Write the down migration that reverses it ("
                    + (m.format() == MigrationFormat.ALEMBIC ? "a downgrade() that undoes upgrade()"
                    : "the file the runner reads as its down") + ").", List.of());
        }
    }

    @Override
    public void check(TraceContext context) {
        MigrationTrace trace = context.trace();
        if (!trace.applied() || trace.hasDown() || !context.requireDown()) {
            return;
        }
        Migration m = context.migration();
        context.report(m.displayFile(), m.line(), message(m),
                "Write the down migration that reverses it: " + (trace.changes().isEmpty()
                        ? "this one changes no schema object, so an empty down will do."
                        : "it has to undo " + Words.summarise(SchemaDifferences.descriptions(trace.changes())) + "."),
                List.of());
    }
}
