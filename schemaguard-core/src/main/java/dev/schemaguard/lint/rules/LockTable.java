package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

import java.util.List;

/**
 * LOCK TABLE holds its lock until the transaction ends: a mode that blocks writes (SHARE and stronger, ACCESS
 * EXCLUSIVE when no mode is given) keeps every write to the table, or every query, waiting through all the statements
 * after it. Outside a transaction block PostgreSQL refuses the statement ("LOCK TABLE can only be used in transaction
 * blocks"): where the runner runs it without one, the migration fails, an error. {@code NOWAIT} (fail at once rather
 * than queue, and retry) is the deliberate form and is not reported.
 */
@RuleSpec(id = "lock-table", group = RuleGroup.LOCKS, severity = Severity.WARNING,
        summary = "LOCK TABLE holds a lock that blocks writes until the migration commits; outside a transaction "
                + "block it fails.",
        otherwise = "error when the runner runs the statement outside a transaction block, where PostgreSQL refuses "
                + "it")
public final class LockTable implements Rule {

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.Lock lock)) {
            return;
        }
        TableLocks.Mode mode = TableLocks.Mode.of(lock.mode());
        String tables = String.join(", ", lock.tables().stream().map(Command.Name::display).toList());
        if (!context.facts().inTransaction()) {
            context.report(Severity.ERROR, "LOCK TABLE " + tables + " runs outside a transaction block ("
                            + context.facts().runner() + "), where PostgreSQL refuses it: the migration fails with "
                            + "'LOCK TABLE can only be used in transaction blocks'.",
                    "Run it inside the runner's transaction, or in BEGIN ... COMMIT with the statements it protects; "
                            + "without a transaction, the lock would not outlast the statement anyway.");
            return;
        }
        List<String> existing = lock.tables().stream().filter(t -> !context.isNewTable(t))
                .map(Command.Name::display).toList();
        if (!mode.blocksWrites() || existing.isEmpty() || MigrationReplay.endsWithNowait(context.statement())) {
            return;
        }
        String names = String.join(", ", existing);
        context.report("LOCK TABLE " + names + " IN " + mode.label() + " MODE holds the lock until "
                        + "the migration commits: " + mode.blocked() + " " + names + " waits through every statement "
                        + "after it, and while the LOCK itself waits for the transactions using the table, new queries "
                        + "queue behind it too.",
                "Let each statement take the lock it needs for as short as it can, with lock_timeout set; if the "
                        + "tables must stay locked together, LOCK ... NOWAIT with a retry, and keep the work after it "
                        + "short.");
    }
}
