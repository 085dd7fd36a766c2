package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.rehearsal.Execution;
import dev.schemaguard.rehearsal.MigrationTrace;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.rehearsal.TraceContext;

import java.util.List;

/**
 * A down the server refused right after its up: the rollback it exists for fails too. When it failed on the data (a
 * data exception, a constraint violation, an exception a DO block raised) it failed on the rows the rehearsal
 * generated, which production may or may not hold: a warning, as {@code data-dependent-failure} is for an up.
 */
@RuleSpec(id = "down-failed", group = RuleGroup.REHEARSAL, severity = Severity.ERROR,
        summary = "A down migration raised an error when the rehearsal ran it right after the up migration.",
        otherwise = "warning when it fails on the data (SQLSTATE class 22 or 23, or P0001)")
public final class DownFailed implements RehearsalRule {

    @Override
    public void check(TraceContext context) {
        MigrationTrace.RoundTrip roundTrip = context.trace().roundTrip();
        if (roundTrip == null || roundTrip.down().succeeded()) {
            return;
        }
        Execution.Failure f = roundTrip.down().failure();
        boolean onData = f.sqlState().startsWith("22") || f.sqlState().startsWith("23") || f.sqlState().equals("P0001");
        if (onData) {
            context.report(Severity.WARNING, f.file(), f.line(), "the down migration of " + context.migration().id()
                            + " fails right after its up on the rows the tables hold (the rehearsal's generated "
                            + "rows): " + f.describe() + "; a database holding rows like these cannot be rolled back",
                    "Make the down hold for every row: a column it adds back NOT NULL needs a DEFAULT or a backfill "
                            + "before the constraint; values the up allowed need a cleanup before the down constrains "
                            + "them again.", List.of());
            return;
        }
        context.report(f.file(), f.line(),
                "the down migration of " + context.migration().id() + " fails right after its up: " + f.describe(),
                "Run the down against the schema the up leaves and fix the statement; the down must undo exactly "
                        + "what the up did, in reverse order.", List.of());
    }
}
