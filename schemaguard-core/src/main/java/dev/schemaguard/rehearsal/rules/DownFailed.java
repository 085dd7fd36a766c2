package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.rehearsal.Execution;
import dev.schemaguard.rehearsal.MigrationTrace;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.rehearsal.TraceContext;

import java.util.List;

/** A down the server refused right after its up: the rollback it exists for fails too. */
@RuleSpec(id = "down-failed", group = RuleGroup.REHEARSAL, severity = Severity.ERROR,
        summary = "A down migration raised an error when the rehearsal ran it right after the up migration.")
public final class DownFailed implements RehearsalRule {

    @Override
    public void check(TraceContext context) {
        MigrationTrace.RoundTrip roundTrip = context.trace().roundTrip();
        if (roundTrip == null || roundTrip.down().succeeded()) {
            return;
        }
        Execution.Failure f = roundTrip.down().failure();
        context.report(f.file(), f.line(),
                "the down migration of " + context.migration().id() + " fails right after its up: " + f.describe(),
                "Run the down against the schema the up leaves and fix the statement; the down must undo exactly "
                        + "what the up did, in reverse order.", List.of());
    }
}
