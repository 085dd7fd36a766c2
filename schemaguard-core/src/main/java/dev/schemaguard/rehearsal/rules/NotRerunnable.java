package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.rehearsal.Execution;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.rehearsal.TraceContext;

import java.util.List;

/** An up that fails when run a second time: a runner that re-applies it after a crash or restart stops there. */
@RuleSpec(id = "not-rerunnable", group = RuleGroup.REHEARSAL, severity = Severity.INFO,
        summary = "A migration fails when the rehearsal applies it a second time to a database it already ran on.",
        otherwise = "error when `require.rerunnable` is true")
public final class NotRerunnable implements RehearsalRule {

    @Override
    public void check(TraceContext context) {
        Execution rerun = context.trace().rerun();
        if (rerun == null || rerun.succeeded()) {
            return;
        }
        Execution.Failure f = rerun.failure();
        context.report(context.requireRerunnable() ? Severity.ERROR : Severity.INFO, f.file(), f.line(),
                "running migration " + context.migration().id() + " a second time fails: " + f.describe()
                        + " (a runner that re-applies it after a crash or restart would stop here)",
                "Make each statement safe to repeat: IF NOT EXISTS / IF EXISTS, CREATE OR REPLACE, a DO block "
                        + "catching duplicate_object for CREATE TYPE, and updates that skip rows already done.",
                List.of());
    }
}
