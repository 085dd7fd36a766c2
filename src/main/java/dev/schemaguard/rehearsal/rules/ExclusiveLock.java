package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.MigrationContext;
import dev.schemaguard.postgres.Catalog;
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
 * a warning when its transaction keeps one through slow work (a backfill, an index build), or the statement that
 * takes it is slow work itself (a SET NOT NULL that scans the table, a type change that rewrites it), which keeps
 * the table unreadable meanwhile; information when it lasts only as long as catalog changes, or is on a view the transaction
 * drops and creates again (the usual way to change a view's columns: its readers wait, no data is at stake, and there
 * is no weaker lock to ask for).
 */
@RuleSpec(id = "exclusive-lock", group = RuleGroup.REHEARSAL, severity = Severity.WARNING,
        summary = "The rehearsal saw the migration take an ACCESS EXCLUSIVE lock on a table that existed before it.",
        otherwise = "info when the transaction holds the lock only through catalog changes, or on a view it re-creates")
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
            report(context, trace, steps, group);
        }
    }

    private static void report(TraceContext context, MigrationTrace trace, List<MigrationContext.Step> steps,
                               List<Execution.Lock> group) {
        Execution.Lock first = group.get(0);
        List<String> tables = group.stream().map(Execution.Lock::relation).distinct().sorted().toList();
        int until = group.stream().mapToInt(Execution.Lock::heldUntilLine).max().orElse(first.line());
        String them = tables.size() == 1 ? "it" : "them";
        String slow = until > first.line() ? SlowUnderLock.firstBetween(steps, first.line(), until)
                : SlowUnderLock.at(steps, first.line(), trace.before());
        String held;
        if (until <= first.line() && slow != null) {
            held = "; it is released when the statement ends, but the statement scans or rewrites " + them
                    + " meanwhile, blocking every read and write of " + them + " for as long as that takes";
        } else if (until <= first.line()) {
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
        boolean recreatedViews = tables.stream().allMatch(t -> isView(trace.before().views().get(t))
                && isView(trace.after().views().get(t)));
        if (slow != null && recreatedViews) {
            message += "; " + (tables.size() == 1 ? "it is a view" : "they are views") + " the transaction creates "
                    + "again: readers wait for it, no data is at stake";
        }
        if (slow != null && !recreatedViews && until <= first.line()) {
            context.report(first.file(), first.line(), message, "Set lock_timeout, and use a form whose scan does not "
                    + "hold ACCESS EXCLUSIVE: for SET NOT NULL, a CHECK (col IS NOT NULL) NOT VALID validated in a later "
                    + "migration first; for a constraint, NOT VALID then VALIDATE; for a type change, a new column "
                    + "backfilled in batches.", List.of());
        } else if (slow != null && !recreatedViews) {
            context.report(first.file(), first.line(), message, "Set lock_timeout, and move " + slow + " into its own "
                    + "transaction or migration so the lock lasts only for the catalog change.", List.of());
        } else {
            context.report(Severity.INFO, first.file(), first.line(), message, "Set lock_timeout so the lock is never "
                    + "waited for long; prefer a form that needs a weaker lock (NOT VALID then VALIDATE, CONCURRENTLY) "
                    + "where there is one.", List.of());
        }
    }

    /** Whether a definition of the catalog is a plain view (not a materialized one, which holds data). */
    private static boolean isView(Catalog.Definition definition) {
        return definition != null && definition.kind().equals("view");
    }
}
