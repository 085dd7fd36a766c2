package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

import java.util.List;

/**
 * PostgreSQL grants table locks in queue order: a statement that needs a lock blocking reads or writes
 * (ACCESS EXCLUSIVE, EXCLUSIVE, SHARE ROW EXCLUSIVE, SHARE) first waits for every transaction holding a
 * lock on the table, and while it waits all new traffic on the table queues behind it. With the default
 * {@code lock_timeout = 0} that wait has no limit, so an instant ALTER becomes an outage as long as the
 * oldest open transaction. Reported once per migration, at the first such statement on a table that
 * existed before the migration with no lock_timeout set before it; statements that lock only tables
 * created earlier in the migration, or that LOCK with NOWAIT, are not such statements. An Alembic
 * migration's statements are its {@code op.*} calls, replayed the same way.
 */
@RuleSpec(id = "missing-lock-timeout", group = RuleGroup.LOCKS, severity = Severity.WARNING,
        summary = "A migration takes a blocking lock on an existing table without setting lock_timeout first.")
public final class MissingLockTimeout implements Rule {

    /** One blocking lock a statement waits for: what the statement is, on what, in which mode. */
    private record Wait(String statement, String target, TableLocks.Mode mode) {
    }

    /**
     * The statements of a migration that wait for a blocking lock with no lock_timeout set before them, from one
     * replay of the whole migration: the first of them, what it waits for, and how many there are.
     */
    private record Waiting(int first, Wait firstWait, int count) {

        static Waiting replay(RuleContext context, boolean inTransaction) {
            MigrationReplay replay = MigrationReplay.of(context, inTransaction);
            int first = -1;
            Wait firstWait = null;
            int count = 0;
            for (int i = 0; !replay.atEnd(); replay.advance(), i++) {
                Wait wait = replay.lockTimeoutSet() ? null : waits(replay.command(), replay);
                if (wait != null) {
                    if (first < 0) {
                        first = i;
                        firstWait = wait;
                    }
                    count++;
                }
            }
            return new Waiting(first, firstWait, count);
        }
    }

    /**
     * A migration's {@link Waiting}, made once for each answer to whether the checked statement runs in a
     * transaction (a LOCK ... NOWAIT holds its lock only inside one).
     */
    private static final class Waitings {
        private final Waiting[] byTransaction = new Waiting[2];

        Waiting of(RuleContext context, boolean inTransaction) {
            int k = inTransaction ? 1 : 0;
            if (byTransaction[k] == null) {
                byTransaction[k] = Waiting.replay(context, inTransaction);
            }
            return byTransaction[k];
        }
    }

    @Override
    public void check(RuleContext context) {
        if (context.facts().lockTimeoutSet() || waits(context.command(), MigrationReplay.alone(context)) == null) {
            return;
        }
        Waiting waiting = context.perMigration(Waitings.class, c -> new Waitings())
                .of(context, context.facts().inTransaction());
        if (waiting.first() != context.index()) {
            return;
        }
        Wait wait = waiting.firstWait();
        int later = waiting.count() - 1;
        context.report(wait.statement() + " needs " + wait.mode().label() + " on " + wait.target()
                        + " with no lock_timeout set before it in this migration: while any transaction holds a lock on "
                        + "it (a long query, a session idle in transaction) the statement waits without limit, and "
                        + wait.mode().blocked() + " " + wait.target() + " queues behind it"
                        + (later == 0 ? "." : "; " + later + " later statement" + (later == 1 ? "" : "s") + " of this "
                        + "migration wait" + (later == 1 ? "s" : "") + " the same way (reported here once)."),
                "Put SET lock_timeout = '5s'; at the top of the migration (SET LOCAL lock_timeout = '5s'; as the first "
                        + "statement of its transaction), so a blocked statement fails with 55P03 after 5 seconds "
                        + "instead of stalling the table, and retry the migration when it does.");
    }

    /**
     * The first blocking lock the statement waits for on a table that existed before the migration, or
     * {@code null} when it takes none: weaker locks (SHARE UPDATE EXCLUSIVE and below) let reads and writes
     * through even while they wait.
     */
    private static Wait waits(Command command, MigrationReplay at) {
        if (command instanceof Command.AlterTable alter) {
            TableLocks.Mode mode = TableLocks.of(alter);
            Command.Name table = waited(at, List.of(alter.table()), mode);
            return table == null ? null : new Wait("ALTER TABLE " + table.display(), table.display(), mode);
        }
        if (command instanceof Command.DropTable drop) {
            return named(at, "DROP TABLE", drop.tables(), TableLocks.Mode.ACCESS_EXCLUSIVE);
        }
        if (command instanceof Command.CreateIndex index && !index.concurrently()) {
            Command.Name table = waited(at, List.of(index.table()), TableLocks.Mode.SHARE);
            return table == null ? null : new Wait("CREATE INDEX " + (index.name() == null ? "" : index.name() + " ")
                    + "ON " + table.display(), table.display(), TableLocks.Mode.SHARE);
        }
        if (command instanceof Command.DropIndex drop && !drop.concurrently()) {
            for (Command.Name index : drop.indexes()) {
                Command.Name table = at.tableOfIndex(index);
                if (table == null) {
                    return new Wait("DROP INDEX " + index.display(), "the table of " + index.display(),
                            TableLocks.Mode.ACCESS_EXCLUSIVE);
                }
                if (waited(at, List.of(table), TableLocks.Mode.ACCESS_EXCLUSIVE) != null && !at.isDroppedLater(table)) {
                    return new Wait("DROP INDEX " + index.display(), table.display(), TableLocks.Mode.ACCESS_EXCLUSIVE);
                }
            }
            return null;
        }
        if (command instanceof Command.Reindex reindex && !reindex.concurrently()) {
            return new Wait("REINDEX " + reindex.target(), "the table whose indexes it rebuilds", TableLocks.Mode.SHARE);
        }
        if (command instanceof Command.RefreshMaterializedView refresh && !refresh.concurrently()
                && !at.isNewView(refresh.view())) {
            return new Wait("REFRESH MATERIALIZED VIEW " + refresh.view().display(), refresh.view().display(),
                    TableLocks.Mode.ACCESS_EXCLUSIVE);
        }
        if (command instanceof Command.Lock lock && !MigrationReplay.endsWithNowait(at.statement())) {
            return named(at, "LOCK TABLE", lock.tables(), TableLocks.Mode.of(lock.mode()));
        }
        if (command instanceof Command.CreateTrigger trigger) {
            return named(at, "CREATE TRIGGER " + trigger.trigger().display() + " ON", List.of(trigger.table()),
                    TableLocks.Mode.SHARE_ROW_EXCLUSIVE);
        }
        if (command instanceof Command.DropTrigger trigger) {
            return named(at, "DROP TRIGGER " + trigger.trigger().display() + " ON", List.of(trigger.table()),
                    TableLocks.Mode.ACCESS_EXCLUSIVE);
        }
        if (command instanceof Command.Truncate truncate) {
            return named(at, "TRUNCATE", truncate.tables(), TableLocks.Mode.ACCESS_EXCLUSIVE);
        }
        if (command instanceof Command.Vacuum vacuum && vacuum.full()) {
            return vacuum.tables().isEmpty()
                    ? new Wait("VACUUM FULL", "every table of the database", TableLocks.Mode.ACCESS_EXCLUSIVE)
                    : named(at, "VACUUM FULL", vacuum.tables(), TableLocks.Mode.ACCESS_EXCLUSIVE);
        }
        if (command instanceof Command.Cluster cluster) {
            return cluster.table() == null
                    ? new Wait("CLUSTER", "every table clustered before", TableLocks.Mode.ACCESS_EXCLUSIVE)
                    : named(at, "CLUSTER", List.of(cluster.table()), TableLocks.Mode.ACCESS_EXCLUSIVE);
        }
        return null;
    }

    /** The wait of a statement that names its tables after its keywords ("TRUNCATE players"). */
    private static Wait named(MigrationReplay at, String keywords, List<Command.Name> tables, TableLocks.Mode mode) {
        Command.Name table = waited(at, tables, mode);
        return table == null ? null : new Wait(keywords + " " + table.display(), table.display(), mode);
    }

    /**
     * The first table that existed before the migration on which the statement must wait for {@code mode}, when
     * the mode blocks writes and no LOCK ... NOWAIT of the transaction already holds it; {@code null} otherwise.
     */
    private static Command.Name waited(MigrationReplay at, List<Command.Name> tables, TableLocks.Mode mode) {
        if (!mode.blocksWrites()) {
            return null;
        }
        return tables.stream().filter(t -> !at.isNewTable(t) && !at.holds(t, mode)).findFirst().orElse(null);
    }
}
