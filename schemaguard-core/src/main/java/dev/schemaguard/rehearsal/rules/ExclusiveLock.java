package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.MigrationContext;
import dev.schemaguard.rehearsal.Execution;
import dev.schemaguard.rehearsal.MigrationTrace;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.rehearsal.TraceContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ACCESS EXCLUSIVE locks the server granted the migration on tables that existed before it, read from pg_locks:
 * a warning when its transaction keeps one through slow work (a backfill, an index build), which keeps the table
 * unreadable meanwhile; information when it lasts only as long as catalog changes.
 */
@RuleSpec(id = "exclusive-lock", group = RuleGroup.REHEARSAL, severity = Severity.WARNING,
        summary = "The rehearsal saw the migration take an ACCESS EXCLUSIVE lock on a table that existed before it.",
        otherwise = "info when the transaction holds the lock only through catalog changes")
public final class ExclusiveLock implements RehearsalRule {

    @Override
    public void check(TraceContext context) {
        MigrationTrace trace = context.trace();
        if (!trace.applied() || trace.applying().locks().isEmpty()) {
            return;
        }
        Map<String, List<Execution.Lock>> byStatement = new LinkedHashMap<>();
        for (Execution.Lock lock : trace.applying().locks()) {
            byStatement.computeIfAbsent(lock.file() + ":" + lock.line(), k -> new ArrayList<>()).add(lock);
        }
        List<MigrationContext.Step> steps = context.statements().of(context.migration());
        for (List<Execution.Lock> group : byStatement.values()) {
            report(context, steps, group);
        }
    }

    private static void report(TraceContext context, List<MigrationContext.Step> steps, List<Execution.Lock> group) {
        Execution.Lock first = group.get(0);
        List<String> tables = group.stream().map(Execution.Lock::relation).distinct().sorted().toList();
        int until = group.stream().mapToInt(Execution.Lock::heldUntilLine).max().orElse(first.line());
        String them = tables.size() == 1 ? "it" : "them";
        String slow = until > first.line() ? SlowUnderLock.firstBetween(steps, first.line(), until) : null;
        String held;
        if (until <= first.line()) {
            held = "; it is released when the statement ends";
        } else if (slow == null) {
            held = "; the transaction keeps it up to line " + until + ", through statements that only change the "
                    + "catalog";
        } else {
            held = "; the transaction keeps it up to line " + until + ", through " + slow + ", blocking every read "
                    + "and write of " + them + " meanwhile";
        }
        String message = first.statement() + " took an ACCESS EXCLUSIVE lock on " + String.join(", ", tables)
                + ", which existed before this migration" + held;
        if (slow != null) {
            context.report(first.file(), first.line(), message, "Set lock_timeout, and move " + slow + " into its own "
                    + "transaction or migration so the lock lasts only for the catalog change.", List.of());
        } else {
            context.report(Severity.INFO, first.file(), first.line(), message, "Set lock_timeout so the lock is never "
                    + "waited for long; prefer a form that needs a weaker lock (NOT VALID then VALIDATE, CONCURRENTLY) "
                    + "where there is one.", List.of());
        }
    }
}
