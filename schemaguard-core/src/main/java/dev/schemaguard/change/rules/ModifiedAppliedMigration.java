package dev.schemaguard.change.rules;

import dev.schemaguard.change.ChangeContext;
import dev.schemaguard.change.ChangeRule;
import dev.schemaguard.change.MigrationChanges;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;
import dev.schemaguard.status.FlywayChecksum;

import java.util.List;

/**
 * A migration that existed at the revision {@code --since} names was edited, renamed or removed. Databases that
 * applied it keep what it did then: the change never reaches them, and what a runner records about it no longer
 * matches the files. Flyway checks: its validation refuses to migrate a database whose applied migration changed.
 */
@RuleSpec(id = "modified-applied-migration", group = RuleGroup.META, severity = Severity.WARNING,
        summary = "A migration that existed at the revision --since names was edited, renamed or removed.",
        otherwise = "error for a Flyway versioned migration whose checksum changed or whose version is gone, as "
                + "flyway migrate then refuses to run; info when only its down changed, or only what Flyway's "
                + "checksum ignores")
public final class ModifiedAppliedMigration implements ChangeRule {

    private static final String FIX = "Restore the migration as it was at %s and make the change in a new migration. "
            + "If no database has applied it yet (it never left a branch), accept this finding in a baseline "
            + "(--write-baseline) instead.";

    @Override
    public void check(ChangeContext context) {
        String ref = context.changes().ref();
        String fix = String.format(FIX, ref);
        for (MigrationChanges.Change change : context.changes().changed()) {
            Migration m = change.migration();
            if (repeatable(m)) {
                continue; // Flyway applies a repeatable migration again whenever it changes: that is its purpose
            }
            switch (change.kind()) {
                case ADDED -> {
                }
                case MODIFIED -> modified(context, change, ref, fix);
                case RENAMED -> {
                    Migration was = change.before();
                    boolean flyway = m.format() == MigrationFormat.FLYWAY;
                    context.report(flyway ? Severity.ERROR : Severity.WARNING, m, m.line(), "migration " + m.id()
                                    + " was migration " + was.id() + " (" + was.displayFile() + ") at " + ref + ": a "
                                    + "database that applied it recorded " + was.id() + ", so the runner "
                                    + (flyway ? "finds " + was.id() + " applied but missing, and flyway migrate's "
                                    + "validation refuses to run ('Detected applied migration not resolved locally')"
                                    : "takes " + m.id() + " for a new migration and applies it again"),
                            "Give the migration back its id " + was.id() + ". If no database has applied it yet, "
                                    + "accept this finding in a baseline (--write-baseline) instead.", List.of());
                }
            }
        }
        for (MigrationChanges.Removed removed : context.changes().removed()) {
            Migration was = removed.before();
            if (removed.next() == null || repeatable(was)) {
                continue;
            }
            boolean flyway = was.format() == MigrationFormat.FLYWAY;
            Migration next = removed.next();
            context.report(flyway ? Severity.ERROR : Severity.WARNING, next, next.line(), "migration " + was.id()
                            + " (" + was.displayFile() + ") existed at " + ref + " and is gone: a database that applied "
                            + "it records a migration no file has"
                            + (flyway ? ", and flyway migrate's validation refuses to run ('Detected applied migration "
                            + "not resolved locally')" : ", and a database stamped at it cannot be upgraded"),
                    "Keep migration " + was.id() + ": to undo what it did, add a new migration. If no database has "
                            + "applied it (it never left a branch), accept this finding in a baseline "
                            + "(--write-baseline) instead.", List.of());
        }
    }

    private static void modified(ChangeContext context, MigrationChanges.Change change, String ref, String fix) {
        Migration m = change.migration();
        if (!change.upChanged()) {
            String file = m.down().map(down -> context.display(down.file())).orElse(m.displayFile());
            context.report(Severity.INFO, m, file, file.equals(m.displayFile()) ? m.line() : 1, "the down of migration " + m.id() + " changed since " + ref
                    + "; databases that applied it are not affected until they roll it back, with the new down",
                    "Nothing to do if the new down reverses the up as it was applied.", List.of());
            return;
        }
        if (m.format() == MigrationFormat.FLYWAY) {
            int then = FlywayChecksum.of(change.before().up().text());
            int now = FlywayChecksum.of(m.up().text());
            if (then == now) {
                context.report(Severity.INFO, m, m.line(), "migration " + m.id() + " changed since " + ref + " only in "
                        + "what Flyway's checksum ignores (line endings, blank lines): flyway migrate will not notice",
                        "Nothing to do.", List.of());
                return;
            }
            context.report(Severity.ERROR, m, m.line(), "migration " + m.id() + " existed at " + ref + " and was "
                    + "changed: on a database that applied it, flyway migrate's validation refuses to run "
                    + "('Migration checksum mismatch for migration version " + m.id() + "': applied " + then
                    + ", file now " + now + ")", fix, List.of());
            return;
        }
        context.report(m, m.line(), "migration " + m.id() + " existed at " + ref + " and its up was changed: "
                + "databases that applied it keep what it did then and never get the change, while new databases "
                + "do, so the two drift apart", fix, List.of());
    }

    private static boolean repeatable(Migration m) {
        return m.format() == MigrationFormat.FLYWAY && m.id().startsWith("R__");
    }
}
