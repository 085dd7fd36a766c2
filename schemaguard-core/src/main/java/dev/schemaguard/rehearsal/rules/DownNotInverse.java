package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.Words;
import dev.schemaguard.postgres.CatalogChange;
import dev.schemaguard.rehearsal.Execution;
import dev.schemaguard.rehearsal.MigrationTrace;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.rehearsal.SchemaDifferences;
import dev.schemaguard.rehearsal.TraceContext;
import dev.schemaguard.source.Migration;

import java.util.List;

/**
 * After up then down the schema is not what it was before the up: the down forgets something the up did. When the up
 * then cannot run again, the round trip is broken, not only imperfect.
 */
@RuleSpec(id = "down-not-inverse", group = RuleGroup.REHEARSAL, severity = Severity.WARNING,
        summary = "After up then down, the schema differs from the schema before up: the down migration does not undo "
                + "the up.",
        otherwise = "error when the up cannot be applied again after the down")
public final class DownNotInverse implements RehearsalRule {

    @Override
    public void check(TraceContext context) {
        MigrationTrace trace = context.trace();
        MigrationTrace.RoundTrip roundTrip = trace.roundTrip();
        if (roundTrip == null || !roundTrip.down().succeeded()) {
            return;
        }
        Migration m = context.migration();
        List<CatalogChange> left = SchemaDifferences.between(trace.before(), roundTrip.afterDown());
        String differs = "after up then down of " + m.id() + ", the schema differs from before up: "
                + Words.summarise(SchemaDifferences.descriptions(left));
        List<Evidence> evidence = left.stream().map(ch -> Evidence.at(trace.downFile(), 1, ch.description())).toList();
        if (!roundTrip.upAgain().succeeded()) {
            Execution.Failure f = roundTrip.upAgain().failure();
            context.report(Severity.ERROR, f.file(), f.line(),
                    (left.isEmpty() ? "after its down, " + m.id() : differs + "; so " + m.id())
                            + " cannot be applied again: " + f.describe(),
                    "Make the down remove everything the up creates, so that up, down, up works.", evidence);
        } else if (!left.isEmpty()) {
            context.report(trace.downFile(), 1, differs, "Make the down undo every change of the up: "
                    + Words.summarise(SchemaDifferences.descriptions(left)) + ".", evidence);
        }
    }
}
